// eBPF instructions (linux/bpf.h): opcode fields, the 8-byte encoding (little-endian, as
// the kernel on x86-64 and arm64 expects) and a readable listing in the kernel verifier's
// notation (`r0 = *(u16 *)(r1 + 0)`, `if r1 > 0xffff goto +3`). `lddw` takes two slots.

import { BPF } from '../cbpf/insn.js';

export interface EbpfInsn {
  readonly code: number;
  readonly dst: number;
  readonly src: number;
  readonly off: number;
  readonly imm: number;
}

/** Opcode fields: the classic BPF ones (same values) plus the eBPF additions. */
export const EBPF = {
  ...BPF,
  ALU64: 0x07,
  DW: 0x18,
  MOV: 0xb0,
  END: 0xd0,
  JNE: 0x50,
  CALL: 0x80,
  EXIT: 0x90,
  JLT: 0xa0,
  JLE: 0xb0,
  /** BPF_END with BPF_X: convert to big-endian. */
  TO_BE: 0x08,
  /** src_reg of a `lddw` that loads a map (relocated by the loader). */
  PSEUDO_MAP_FD: 1,
} as const;

/** Helper function ids. */
export const HELPER = { mapLookupElem: 1, mapUpdateElem: 2, ktimeGetBootNs: 125 } as const;

const HELPER_NAMES: Record<number, string> = {
  [HELPER.mapLookupElem]: 'bpf_map_lookup_elem',
  [HELPER.mapUpdateElem]: 'bpf_map_update_elem',
  [HELPER.ktimeGetBootNs]: 'bpf_ktime_get_boot_ns',
};

/** Encode instructions as the bytes of an ELF program section. */
export function encodeEbpf(insns: readonly EbpfInsn[]): Uint8Array {
  const out = new Uint8Array(insns.length * 8);
  const view = new DataView(out.buffer);
  insns.forEach((x, n) => {
    const at = n * 8;
    out[at] = x.code;
    out[at + 1] = (x.dst & 0x0f) | ((x.src & 0x0f) << 4);
    view.setInt16(at + 2, x.off, true);
    view.setInt32(at + 4, x.imm | 0, true);
  });
  return out;
}

const ALU_SYMBOLS: Record<number, string> = {
  [EBPF.ADD]: '+=',
  [EBPF.SUB]: '-=',
  [EBPF.MUL]: '*=',
  [EBPF.DIV]: '/=',
  [EBPF.OR]: '|=',
  [EBPF.AND]: '&=',
  [EBPF.LSH]: '<<=',
  [EBPF.RSH]: '>>=',
  [EBPF.MOD]: '%=',
  [EBPF.XOR]: '^=',
  [EBPF.MOV]: '=',
};
const JMP_SYMBOLS: Record<number, string> = {
  [EBPF.JEQ]: '==',
  [EBPF.JGT]: '>',
  [EBPF.JGE]: '>=',
  [EBPF.JNE]: '!=',
  [EBPF.JLT]: '<',
  [EBPF.JLE]: '<=',
};
const SIZE_NAMES: Record<number, string> = { [EBPF.W]: 'u32', [EBPF.H]: 'u16', [EBPF.B]: 'u8', [EBPF.DW]: 'u64' };

function immText(v: number): string {
  return v < 0 ? String(v) : v > 9 ? `0x${v.toString(16)}` : String(v);
}

/**
 * Readable listing, one line per instruction slot index: `   4: if r1 > 0xffff goto +3`.
 * `mapName` names the map of a `lddw` with PSEUDO_MAP_FD, `otherMaps` (by slot index) others.
 */
export function formatEbpfListing(insns: readonly EbpfInsn[], mapName = 'map', otherMaps: ReadonlyMap<number, string> = new Map()): string {
  const lines: string[] = [];
  for (let n = 0; n < insns.length; n++) {
    const x = insns[n];
    const cls = x.code & 0x07;
    const op = x.code & 0xf0;
    const size = x.code & 0x18;
    const mode = x.code & 0xe0;
    const srcText = (x.code & EBPF.X) !== 0 ? `r${x.src}` : immText(x.imm);
    let text: string;
    if (cls === EBPF.ALU64 || cls === EBPF.ALU) {
      const r = cls === EBPF.ALU64 ? 'r' : 'w';
      if (op === EBPF.NEG) text = `${r}${x.dst} = -${r}${x.dst}`;
      else if (op === EBPF.END) text = `r${x.dst} = be${x.imm} r${x.dst}`;
      else text = `${r}${x.dst} ${ALU_SYMBOLS[op] ?? '?='} ${(x.code & EBPF.X) !== 0 ? `${r}${x.src}` : immText(x.imm)}`;
    } else if (cls === EBPF.JMP) {
      if (op === EBPF.EXIT) text = 'exit';
      else if (op === EBPF.CALL) text = `call ${HELPER_NAMES[x.imm] ?? x.imm}`;
      else if (op === EBPF.JA) text = `goto ${x.off >= 0 ? '+' : ''}${x.off}`;
      else text = `if r${x.dst} ${JMP_SYMBOLS[op] ?? '?'} ${srcText} goto ${x.off >= 0 ? '+' : ''}${x.off}`;
    } else if (cls === EBPF.LDX) {
      text = `r${x.dst} = *(${SIZE_NAMES[size]} *)(r${x.src} ${x.off < 0 ? '-' : '+'} ${Math.abs(x.off)})`;
    } else if (cls === EBPF.STX) {
      text = `*(${SIZE_NAMES[size]} *)(r${x.dst} ${x.off < 0 ? '-' : '+'} ${Math.abs(x.off)}) = r${x.src}`;
    } else if (cls === EBPF.LD && mode === EBPF.ABS) {
      text = `r0 = ntoh(*(${SIZE_NAMES[size]} *)skb[${x.imm}])`;
    } else if (cls === EBPF.LD && mode === EBPF.IND) {
      text = `r0 = ntoh(*(${SIZE_NAMES[size]} *)skb[r${x.src} + ${x.imm}])`;
    } else if (x.code === (EBPF.LD | EBPF.DW | EBPF.IMM)) {
      const next = insns[n + 1];
      if (x.src === EBPF.PSEUDO_MAP_FD) text = `r${x.dst} = map[${otherMaps.get(n) ?? mapName}] ll`;
      else text = `r${x.dst} = 0x${((BigInt(next.imm >>> 0) << 32n) | BigInt(x.imm >>> 0)).toString(16)} ll`;
      lines.push(`${String(n).padStart(4)}: ${text}`);
      n++;
      continue;
    } else {
      text = `unknown 0x${x.code.toString(16)}`;
    }
    lines.push(`${String(n).padStart(4)}: ${text}`);
  }
  return lines.join('\n') + '\n';
}
