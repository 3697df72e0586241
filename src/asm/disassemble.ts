// The disassembler: bytecode to VFM assembly, one instruction per line, with generated labels
// `L0:`.. at jump targets that start a line. Its output re-assembles to the same bytes for every
// byte string: invalid opcodes and a truncated tail come out as `.byte`, jumps to places that are
// not line starts as signed displacements. `-a`/`-x` add addresses and hex bytes as an aligned
// `;` comment column. `compat` reproduces the C vfm-dis output instead (spec section 6).

import { type Insn, decodeAt } from '../bytecode/decode.js';
import { type SetTable, keyAt, trySplitImage } from '../bytecode/sets.js';
import { FIRST_EXTENSION_CODE, mnemonic } from '../isa/index.js';
import { toHex } from '../util/bytes.js';
import { formatIpv6 } from '../util/inet.js';
import { formatImm } from '../util/u64.js';

export interface DisasmOptions {
  /** Show each instruction's pc (byte offset). */
  readonly addresses?: boolean;
  /** Show each instruction's bytes in hex. */
  readonly hex?: boolean;
  /** Reproduce the C vfm-dis output exactly (not re-assemblable). */
  readonly compat?: boolean;
  /** Add the C tool's `; VFM Disassembly` header and totals footer. */
  readonly verbose?: boolean;
  /** Receives the C tool's stderr warnings (compat with verbose: invalid opcode, truncated instruction). */
  readonly onWarning?: (message: string) => void;
}

/** Instructions are indented so that labels stand out. */
const INDENT = '    ';

interface Line {
  readonly pc: number;
  readonly size: number;
  /** Undefined for raw bytes (an invalid opcode or a truncated tail). */
  readonly insn?: Insn;
}

function hex4(n: number): string {
  return (n >>> 0).toString(16).padStart(4, '0');
}

/** Decode every byte into lines: instructions, single invalid opcode bytes, and a truncated tail. */
function decodeLines(bytes: Uint8Array): Line[] {
  const lines: Line[] = [];
  for (let pc = 0; pc < bytes.length; ) {
    const r = decodeAt(bytes, pc);
    if (r.ok) {
      lines.push({ pc, size: r.insn.size, insn: r.insn });
      pc += r.insn.size;
    } else if (r.reason === 'opcode') {
      lines.push({ pc, size: 1 });
      pc += 1;
    } else {
      lines.push({ pc, size: bytes.length - pc });
      break;
    }
  }
  return lines;
}

function operandText(insn: Insn, labelAt: ReadonlyMap<number, string>): string {
  switch (insn.op.format) {
    case 'none':
      return '';
    case 'imm8':
    case 'off16':
    case 'imm32':
      return ` ${insn.arg}`;
    case 'imm64':
      return ` ${formatImm(insn.imm)}`;
    case 'imm128':
      return ` ${formatIpv6(insn.imm)}`;
    case 'rel16':
      return ` ${labelAt.get(insn.target) ?? (insn.arg >= 0 ? `+${insn.arg}` : `${insn.arg}`)}`;
  }
}

function verboseHeader(size: number): string {
  return `; VFM Disassembly\n; Program size: ${size} bytes\n\n`;
}

function verboseFooter(count: number, size: number): string {
  return `\n; Total instructions: ${count}\n; Program size: ${size} bytes\n`;
}

/**
 * Disassemble bytecode (current numbering).
 * @param bytes the program; any byte string is accepted
 * @param options addresses/hex comment columns, C-compatible output, verbose header and footer
 * @returns assembly text, one line per instruction, ending in a newline (empty for no bytes)
 */
export function disassemble(image: Uint8Array, options: DisasmOptions = {}): string {
  if (options.compat === true) return disassembleCompat(image, options);
  // A well-formed set section becomes .set64/.set128 lines after the code; a malformed one is
  // disassembled as code (it comes out as .byte lines and re-assembles to the same bytes).
  const split = trySplitImage(image) ?? { code: image, tables: [] };
  const bytes = split.code;
  const lines = decodeLines(bytes);
  const starts = new Set(lines.map((l) => l.pc));
  const targets = [...new Set(lines.flatMap((l) => (l.insn?.op.format === 'rel16' && starts.has(l.insn.target) ? [l.insn.target] : [])))].sort((a, b) => a - b);
  const labelAt = new Map(targets.map((t, k) => [t, `L${k}`]));

  const code = lines.map((l) =>
    l.insn !== undefined
      ? INDENT + mnemonic(l.insn.op) + operandText(l.insn, labelAt)
      : INDENT + '.byte ' + Array.from(bytes.subarray(l.pc, l.pc + l.size), (b) => '0x' + b.toString(16).padStart(2, '0')).join(', '),
  );
  const hasComment = options.addresses === true || options.hex === true;
  const width = Math.max(0, ...code.map((c) => c.length)) + 2;
  let out = options.verbose === true ? verboseHeader(bytes.length) : '';
  lines.forEach((l, k) => {
    const label = labelAt.get(l.pc);
    if (label !== undefined) out += `${label}:\n`;
    if (!hasComment) {
      out += code[k] + '\n';
      return;
    }
    const comment: string[] = [];
    if (options.addresses === true) comment.push(hex4(l.pc));
    if (options.hex === true) comment.push(toHex(bytes.subarray(l.pc, l.pc + l.size), ' '));
    out += `${code[k].padEnd(width)}; ${comment.join('  ')}\n`;
  });
  split.tables.forEach((t, k) => (out += setLines(t, k)));
  if (options.verbose === true) out += verboseFooter(lines.filter((l) => l.insn !== undefined).length, bytes.length);
  return out;
}

/** Entries per `.set64`/`.set128` line. */
const SET_ENTRIES_PER_LINE = 8;

/** The directives that re-assemble to set table k. */
function setLines(t: SetTable, k: number): string {
  const text = (v: bigint): string => (t.wide ? formatIpv6(v) : formatImm(v));
  const head = `${INDENT}.set${t.wide ? 128 : 64} ${k} `;
  let out = '';
  for (let i = 0; i < t.count; i += SET_ENTRIES_PER_LINE) {
    const items: string[] = [];
    for (let j = i; j < Math.min(t.count, i + SET_ENTRIES_PER_LINE); j++) {
      const lo = text(keyAt(t.lo, j, t.wide));
      items.push(t.kind === 'intervals' ? `${lo}..${text(keyAt(t.hi, j, t.wide))}` : lo);
    }
    out += head + items.join(', ') + '\n';
  }
  return out;
}

/** The C vfm-dis output, byte for byte (spec section 6). */
function disassembleCompat(bytes: Uint8Array, options: DisasmOptions): string {
  const warn = options.verbose === true ? (options.onWarning ?? (() => {})) : () => {};
  let out = options.verbose === true ? verboseHeader(bytes.length) : '';
  let count = 0;
  for (let pc = 0; pc < bytes.length; ) {
    const code = bytes[pc];
    // The C table ends at 64; our extensions are invalid opcodes to it (skipped, but counted).
    if (code >= FIRST_EXTENSION_CODE) {
      warn(`Warning: Invalid opcode 0x${code.toString(16).padStart(2, '0')} at address 0x${hex4(pc)}`);
      pc++;
      count++;
      continue;
    }
    const r = decodeAt(bytes, pc);
    if (!r.ok) {
      warn(`Warning: Truncated instruction at address 0x${hex4(pc)}`);
      break;
    }
    const { op, size } = r.insn;
    let line = options.addresses === true ? `${hex4(pc)}:  ` : '';
    if (options.hex === true) {
      for (let i = 0; i < size; i++) line += bytes[pc + i].toString(16).padStart(2, '0') + ' ';
      line += '   '.repeat(Math.max(0, 9 - size));
    }
    line += mnemonic(op);
    // C formats: LD8..LD64 are IMM16 (unsigned); jumps and LD128 are OFFSET16 (signed, with the
    // absolute target under -a); IMM8 and IMM128 print `<unknown format>` and stop everything.
    if (op.format === 'rel16' || op.name === 'ld128') {
      const disp = ((bytes[pc + 1] | (bytes[pc + 2] << 8)) << 16) >> 16;
      line += disp >= 0 ? ` +${disp}` : ` ${disp}`;
      if (options.addresses === true) line += ` (0x${hex4(pc + 3 + disp)})`;
    } else if (op.format === 'off16' || op.format === 'imm32') line += ` ${r.insn.arg}`;
    else if (op.format === 'imm64') line += ` ${formatImm(r.insn.imm)}`;
    else if (op.format === 'imm8' || op.format === 'imm128') {
      out += line + ' <unknown format>';
      break;
    }
    out += line + '\n';
    count++;
    pc += size;
  }
  if (options.verbose === true) out += verboseFooter(count, bytes.length);
  return out;
}
