// Classic BPF instructions (linux/filter.h, libpcap pcap/bpf.h): the opcode bit fields, the
// `{ code, jt, jf, k }` shape, and the tcpdump-style readable form of one instruction
// (libpcap's bpf_image). Everything here is plain numbers; nothing depends on the VFM ISA.

/** One classic BPF instruction, as in `struct sock_filter`. */
export interface CbpfInsn {
  readonly code: number;
  readonly jt: number;
  readonly jf: number;
  readonly k: number;
}

/** Instruction classes and fields (the `BPF_*` macros). */
export const BPF = {
  LD: 0x00,
  LDX: 0x01,
  ST: 0x02,
  STX: 0x03,
  ALU: 0x04,
  JMP: 0x05,
  RET: 0x06,
  MISC: 0x07,
  W: 0x00,
  H: 0x08,
  B: 0x10,
  IMM: 0x00,
  ABS: 0x20,
  IND: 0x40,
  MEM: 0x60,
  LEN: 0x80,
  ADD: 0x00,
  SUB: 0x10,
  MUL: 0x20,
  DIV: 0x30,
  OR: 0x40,
  AND: 0x50,
  LSH: 0x60,
  RSH: 0x70,
  NEG: 0x80,
  MOD: 0x90,
  XOR: 0xa0,
  JA: 0x00,
  JEQ: 0x10,
  JGT: 0x20,
  JGE: 0x30,
  K: 0x00,
  X: 0x08,
  A: 0x10,
  TAX: 0x00,
  TXA: 0x80,
} as const;

/** Longest program the kernel and libpcap accept (BPF_MAXINSNS). */
export const CBPF_MAX_INSNS = 4096;
/** Scratch memory words M[0..15] (BPF_MEMWORDS). */
export const CBPF_MEMWORDS = 16;
/** What an accepting filter returns by default: tcpdump's snap length, i.e. "the whole packet". */
export const CBPF_SNAP_ACCEPT = 0x40000;

const SIZE_SUFFIX: Record<number, string> = { [BPF.W]: '', [BPF.H]: 'h', [BPF.B]: 'b' };
const ALU_NAMES: Record<number, string> = {
  [BPF.ADD]: 'add',
  [BPF.SUB]: 'sub',
  [BPF.MUL]: 'mul',
  [BPF.DIV]: 'div',
  [BPF.OR]: 'or',
  [BPF.AND]: 'and',
  [BPF.LSH]: 'lsh',
  [BPF.RSH]: 'rsh',
  [BPF.NEG]: 'neg',
  [BPF.MOD]: 'mod',
  [BPF.XOR]: 'xor',
};
const JMP_NAMES: Record<number, string> = { [BPF.JA]: 'ja', [BPF.JEQ]: 'jeq', [BPF.JGT]: 'jgt', [BPF.JGE]: 'jge', 0x40: 'jset' };

const hex = (k: number): string => `#0x${(k >>> 0).toString(16)}`;

/** Mnemonic and operand of one instruction at index `n`, in libpcap's bpf_image style. */
export function describeCbpf(insn: CbpfInsn, n: number): { op: string; operand: string; jumps: string } {
  const { code, k } = insn;
  const cls = code & 0x07;
  const size = code & 0x18;
  const mode = code & 0xe0;
  switch (cls) {
    case BPF.LD:
    case BPF.LDX: {
      const base = cls === BPF.LD ? 'ld' : 'ldx';
      if (mode === BPF.IMM) return { op: base, operand: hex(k), jumps: '' };
      if (mode === BPF.LEN) return { op: base, operand: '#pktlen', jumps: '' };
      if (mode === BPF.MEM) return { op: base, operand: `M[${k}]`, jumps: '' };
      if (mode === BPF.ABS) return { op: base + SIZE_SUFFIX[size], operand: `[${k}]`, jumps: '' };
      if (mode === BPF.IND) return { op: base + SIZE_SUFFIX[size], operand: `[x + ${k}]`, jumps: '' };
      if (mode === 0xa0) return { op: 'ldxb', operand: `4*([${k}]&0xf)`, jumps: '' };
      return { op: 'unimp', operand: `0x${code.toString(16)}`, jumps: '' };
    }
    case BPF.ST:
      return { op: 'st', operand: `M[${k}]`, jumps: '' };
    case BPF.STX:
      return { op: 'stx', operand: `M[${k}]`, jumps: '' };
    case BPF.ALU: {
      const name = ALU_NAMES[code & 0xf0] ?? 'unimp';
      if ((code & 0xf0) === BPF.NEG) return { op: name, operand: '', jumps: '' };
      return { op: name, operand: (code & BPF.X) !== 0 ? 'x' : (code & 0xf0) === BPF.LSH || (code & 0xf0) === BPF.RSH ? `#${k}` : hex(k), jumps: '' };
    }
    case BPF.JMP: {
      const name = JMP_NAMES[code & 0xf0] ?? 'unimp';
      if ((code & 0xf0) === BPF.JA) return { op: name, operand: String(n + 1 + k), jumps: '' };
      return { op: name, operand: (code & BPF.X) !== 0 ? 'x' : hex(k), jumps: `jt ${n + 1 + insn.jt}\tjf ${n + 1 + insn.jf}` };
    }
    case BPF.RET:
      return { op: 'ret', operand: (code & 0x18) === BPF.A ? 'a' : `#${k >>> 0}`, jumps: '' };
    default:
      return { op: (code & 0xf8) === BPF.TXA ? 'txa' : 'tax', operand: '', jumps: '' };
  }
}

/** One line of the readable listing: `(003) jeq      #0x800           jt 4	jf 9`. */
export function formatCbpfInsn(insn: CbpfInsn, n: number): string {
  const { op, operand, jumps } = describeCbpf(insn, n);
  const head = `(${String(n).padStart(3, '0')}) ${op.padEnd(8)} `;
  return jumps === '' ? (head + operand).trimEnd() : `${head}${operand.padEnd(16)} ${jumps}`;
}
