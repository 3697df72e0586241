// A plain disassembly listing in the C tool's `-d` layout: `%04x: NAME[ operand]`, operands
// in unsigned decimal, jumps as their absolute target. (The full disassembler lives in asm/.)

import { decodeAt } from '../bytecode/decode.js';
import { mnemonic } from '../isa/index.js';
import { formatIpv6 } from '../util/inet.js';

export function formatListing(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let pc = 0; pc < bytes.length; ) {
    const r = decodeAt(bytes, pc);
    if (!r.ok) {
      lines.push(`${pc.toString(16).padStart(4, '0')}: .byte ${bytes[pc]}`);
      pc++;
      continue;
    }
    const { op, arg, imm, target } = r.insn;
    let operand = '';
    switch (op.format) {
      case 'none':
        break;
      case 'rel16':
        operand = ` ${arg} (-> ${target.toString(16).padStart(4, '0')})`;
        break;
      case 'imm64':
        operand = ` ${imm}`;
        break;
      case 'imm128':
        operand = ` ${formatIpv6(imm)}`;
        break;
      default:
        operand = ` ${arg}`;
    }
    lines.push(`${pc.toString(16).padStart(4, '0')}: ${mnemonic(op)}${operand}`);
    pc += r.insn.size;
  }
  return lines.join('\n') + '\n';
}
