// Lowering a verified VFM program to eBPF for one program type: a socket filter (packet
// bytes through BPF_LD_ABS/IND, which end the program with 0 when out of bounds) or XDP
// (direct packet access behind explicit data_end checks). Stack slot d lives at
// r10 - 8*(d+1), values are 64-bit like VFM's, r0-r5 are scratch, r6 holds the context and,
// for XDP, r7/r8 hold data/data_end. Every VFM fault (bounds, division by zero) becomes a
// drop. The flow table becomes a BPF_MAP_TYPE_LRU_HASH map with u64 keys and values, a set
// table (INSET) a hash or LPM-trie map looked up with the value's big-endian bytes (sets.ts).

import { CompileError } from '../../diag/errors.js';
import { type LiveOpName, assertNever } from '../../isa/index.js';
import type { VerifiedProgram } from '../../verify/verify.js';
import { EBPF, type EbpfInsn, HELPER } from './insn.js';
import type { AcceptMode, LinkMode } from '../cbpf/lower.js';
import { ETHER_HEADER } from '../cbpf/lower.js';
import { FACT, emitHeaderWalk } from '../cbpf/headers.js';
import { BPF } from '../cbpf/insn.js';
import type { MemRef } from '../cbpf/layout.js';
import { analyzeValues } from '../cbpf/values.js';
import { analyzeLinkFacts, vlanSelectorReason } from '../cbpf/link.js';

export type EbpfProgramType = 'socket' | 'xdp';

export interface EbpfLowerOptions {
  readonly type: EbpfProgramType;
  /** Socket filters only: what offset 0 is (XDP always sees the Ethernet header). */
  readonly link?: LinkMode;
  /** Socket filters only: accept returns 0x40000 (`snap`) or the VFM value saturated to 32 bits. */
  readonly accept?: AcceptMode;
}

export interface EbpfProgram {
  readonly type: EbpfProgramType;
  readonly insns: readonly EbpfInsn[];
  /** Instruction indices of the `lddw` that load the flow-table map (relocated by the loader). */
  readonly mapLoads: readonly number[];
  /** [instruction index, set table] of the `lddw` that load a set table's map (sets.ts). */
  readonly setLoads: readonly (readonly [number, number])[];
}

/** XDP verdicts. */
export const XDP_DROP = 1;
export const XDP_PASS = 2;
/** Stack slots available to VFM values; 16 more hold header-walk words, two a map key and value. */
export const EBPF_MAX_SLOTS = 44;
const HDR_WORDS = 16;
const hdrOff = (id: number): number => -8 * (EBPF_MAX_SLOTS + id + 1);
const KEY_OFF = -8 * (EBPF_MAX_SLOTS + HDR_WORDS + 1);
const VALUE_OFF = -8 * (EBPF_MAX_SLOTS + HDR_WORDS + 2);
/** A set map's key (up to 20 bytes: an LPM prefix length and 16 address bytes), over VALUE_OFF and the last two words. */
const SET_KEY_OFF = -512;
const SNAP_ACCEPT = 0x40000;
const MAX_OFFSET = 0xffff;

type Item =
  | { readonly t: 'insn'; readonly insn: EbpfInsn }
  | { readonly t: 'jmp'; readonly code: number; readonly dst: number; readonly src: number; readonly imm: number; readonly target: number; readonly pc: number }
  | { readonly t: 'lddw'; readonly dst: number; readonly value: bigint; readonly map: boolean; readonly set?: number }
  | { readonly t: 'label'; readonly id: number };

type Rel = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
const JCC: Record<Rel, number> = { eq: EBPF.JEQ, ne: EBPF.JNE, gt: EBPF.JGT, ge: EBPF.JGE, lt: EBPF.JLT, le: EBPF.JLE };

const UNSUPPORTED: Partial<Record<LiveOpName, string>> = {
  csum: 'CSUM sums a variable number of header words; it is not lowered to eBPF',
  ipv6_ext: 'IPV6_EXT walks IPv6 extension headers without a bound, a loop the kernel verifier rejects',
};

const fail = (code: string, pc: number, message: string): never => {
  throw new CompileError(code, message, { pc });
};

/**
 * Compile a verified program to one eBPF program.
 * @throws {CompileError} with the pc of the first instruction eBPF cannot express
 */
export function lowerEbpf(prog: VerifiedProgram, options: EbpfLowerOptions): EbpfProgram {
  const type = options.type;
  const link: LinkMode = type === 'xdp' ? 'ethernet' : (options.link ?? 'ethernet');
  const accept: AcceptMode = options.accept ?? 'snap';
  const { insns } = prog;
  for (const insn of insns) {
    if (insn.op.format === 'rel16' && insn.target <= insn.pc) {
      fail('ERR_TARGET_LOOP', insn.pc, `backward jump from pc ${insn.pc} to ${insn.target}: VFM loops end only at the instruction limit, which the kernel verifier cannot bound`);
    }
    const why = UNSUPPORTED[insn.op.name as LiveOpName];
    if (why !== undefined) fail('ERR_TARGET_UNSUPPORTED', insn.pc, `${insn.op.name.toUpperCase()} is not expressible in eBPF: ${why}`);
  }
  if (prog.maxDepth > EBPF_MAX_SLOTS) {
    const at = insns.findIndex((_, i) => prog.depthIn[i] + insns[i].op.push - insns[i].op.pop > EBPF_MAX_SLOTS);
    fail('ERR_TARGET_SCRATCH', insns[at].pc, `the stack holds ${prog.maxDepth} values; the 512-byte eBPF stack frame has room for ${EBPF_MAX_SLOTS}`);
  }

  let baseLow = (i: number): number => prog.ranges.inputs(i)[0].lo;
  if (link === 'ip') {
    for (const insn of insns) {
      const why = insn.op.name === 'hdr' ? vlanSelectorReason(insn.arg) : undefined;
      if (why !== undefined) fail('ERR_TARGET_LINK', insn.pc, why);
    }
    const values = analyzeValues(prog);
    const linkFacts = analyzeLinkFacts(prog, values);
    baseLow = (i) => {
      const st = values.entry[i];
      return Math.max(prog.ranges.inputs(i)[0].lo, linkFacts.lowest(st[st.length - 1], i) ?? 0);
    };
  }

  const items: Item[] = [];
  let nextLabel = insns.length;
  const newLabel = (): number => nextLabel++;
  const DROP = newLabel();
  let pc = 0;
  const emit = (code: number, dst = 0, src = 0, off = 0, imm = 0): void => void items.push({ t: 'insn', insn: { code, dst, src, off, imm } });
  const bind = (id: number): void => void items.push({ t: 'label', id });
  const jmp = (op: number, dst: number, operand: { r: number } | { k: number }, target: number): void =>
    void items.push({ t: 'jmp', code: EBPF.JMP | op | ('r' in operand ? EBPF.X : EBPF.K), dst, src: 'r' in operand ? operand.r : 0, imm: 'k' in operand ? operand.k : 0, target, pc });
  const ja = (target: number): void => jmp(EBPF.JA, 0, { k: 0 }, target);
  const mov = (dst: number, src: number): void => emit(EBPF.ALU64 | EBPF.MOV | EBPF.X, dst, src);
  const movImm = (dst: number, v: bigint): void => {
    if (v <= 0x7fffffffn) emit(EBPF.ALU64 | EBPF.MOV | EBPF.K, dst, 0, 0, Number(v));
    else items.push({ t: 'lddw', dst, value: v, map: false });
  };
  const alu = (op: number, dst: number, operand: { r: number } | { k: number }): void =>
    'r' in operand ? emit(EBPF.ALU64 | op | EBPF.X, dst, operand.r) : emit(EBPF.ALU64 | op | EBPF.K, dst, 0, 0, operand.k);
  const slotOff = (d: number): number => -8 * (d + 1);
  const ld = (reg: number, d: number): void => emit(EBPF.LDX | EBPF.MEM | EBPF.DW, reg, 10, slotOff(d));
  const st = (d: number, reg: number): void => emit(EBPF.STX | EBPF.MEM | EBPF.DW, 10, reg, slotOff(d));
  const exitWith = (v: number): void => {
    emit(EBPF.ALU64 | EBPF.MOV | EBPF.K, 0, 0, 0, v);
    emit(EBPF.JMP | EBPF.EXIT);
  };
  const dropValue = type === 'xdp' ? XDP_DROP : 0;

  // Prologue.
  mov(6, 1);
  if (type === 'xdp') {
    emit(EBPF.LDX | EBPF.MEM | EBPF.W, 7, 6, 0); // xdp_md.data
    emit(EBPF.LDX | EBPF.MEM | EBPF.W, 8, 6, 4); // xdp_md.data_end
  }

  const SIZES: Record<number, number> = { 1: EBPF.B, 2: EBPF.H, 4: EBPF.W, 8: EBPF.DW };
  /** r0 = the big-endian value of `width` bytes at Ethernet offset off (+ the base in r9 when indirect). */
  const loadPacket = (width: 1 | 2 | 4 | 8, off: number, indirect: boolean): void => {
    if (type === 'socket' && !indirect && link === 'ip' && off < ETHER_HEADER) {
      loadWithImpliedEtherType(width, off);
      return;
    }
    if (type === 'socket') {
      const k = link === 'ip' ? off - ETHER_HEADER : off;
      const mode = indirect ? EBPF.IND : EBPF.ABS;
      if (width === 8) {
        emit(EBPF.LD | mode | EBPF.W, 0, indirect ? 9 : 0, 0, k);
        mov(8, 0);
        alu(EBPF.LSH, 8, { k: 32 });
        emit(EBPF.LD | mode | EBPF.W, 0, indirect ? 9 : 0, 0, k + 4);
        alu(EBPF.OR, 0, { r: 8 });
      } else emit(EBPF.LD | mode | SIZES[width], 0, indirect ? 9 : 0, 0, k);
      return;
    }
    if (indirect) {
      mov(1, 9);
      alu(EBPF.ADD, 1, { k: off });
      jmp(EBPF.JGT, 1, { k: MAX_OFFSET - width }, DROP);
      mov(2, 7);
      alu(EBPF.ADD, 2, { r: 1 });
    } else if (off + width > MAX_OFFSET) {
      // No XDP frame is this long, so VFM always faults here. The verifier rejects both such
      // a packet offset and dead code, hence a length test that always drops.
      loadLength();
      jmp(EBPF.JLT, 0, { k: off + width }, DROP);
      movImm(0, 0n);
      return;
    } else {
      mov(2, 7);
      alu(EBPF.ADD, 2, { k: off });
    }
    mov(3, 2);
    alu(EBPF.ADD, 3, { k: width });
    jmp(EBPF.JGT, 3, { r: 8 }, DROP);
    emit(EBPF.LDX | EBPF.MEM | SIZES[width], 0, 2, 0);
    if (width > 1) emit(EBPF.ALU | EBPF.END | EBPF.TO_BE, 0, 0, 0, width * 8);
  };
  /**
   * --link ip: bytes 12-13 are the EtherType the IP version nibble implies (0x0800 for 4,
   * 0x86DD for 6, else 0); bytes from 14 on are the packet's. Built byte by byte in r8.
   */
  const loadWithImpliedEtherType = (width: number, off: number): void => {
    const not4 = newLabel();
    const not6 = newLabel();
    emit(EBPF.LD | EBPF.ABS | EBPF.B, 0, 0, 0, 0);
    alu(EBPF.RSH, 0, { k: 4 });
    movImm(9, 0n);
    jmp(EBPF.JNE, 0, { k: 4 }, not4);
    movImm(9, 0x0800n);
    bind(not4);
    jmp(EBPF.JNE, 0, { k: 6 }, not6);
    movImm(9, 0x86ddn);
    bind(not6);
    movImm(8, 0n);
    for (let j = off; j < off + width; j++) {
      if (j < ETHER_HEADER) {
        mov(0, 9);
        alu(EBPF.RSH, 0, { k: 8 * (ETHER_HEADER - 1 - j) });
        alu(EBPF.AND, 0, { k: 0xff });
      } else emit(EBPF.LD | EBPF.ABS | EBPF.B, 0, 0, 0, j - ETHER_HEADER);
      alu(EBPF.LSH, 8, { k: 8 });
      alu(EBPF.OR, 8, { r: 0 });
    }
    mov(0, 8);
  };
  /** r0 = the byte at Ethernet offset i, or 0 past the end of the packet (as packet-ops reads). */
  const byteOrZero = (i: number): void => {
    const past = newLabel();
    const done = newLabel();
    if (type === 'xdp') {
      mov(2, 7);
      alu(EBPF.ADD, 2, { k: i });
      mov(3, 2);
      alu(EBPF.ADD, 3, { k: 1 });
      jmp(EBPF.JGT, 3, { r: 8 }, past);
      emit(EBPF.LDX | EBPF.MEM | EBPF.B, 0, 2, 0);
    } else {
      loadLength();
      jmp(EBPF.JLE, 0, { k: i }, past);
      emit(EBPF.LD | EBPF.ABS | EBPF.B, 0, 0, 0, link === 'ip' ? i - ETHER_HEADER : i);
    }
    ja(done);
    bind(past);
    movImm(0, 0n);
    bind(done);
  };
  /**
   * HASH5 / HASH6 (packet-ops.ts): r9 = FNV-style fold of little-endian fields, 0 when the
   * packet is shorter than `minLength`. Each fold is h = (h ^ x) * 0x100000001b3 mod 2^64;
   * x is built in r4 (XDP) or r8 (socket: LD_ABS clobbers r1-r5).
   */
  const emitHash = (minLength: number, folds: readonly (readonly (readonly [number, number])[])[]): void => {
    const short = newLabel();
    const done = newLabel();
    const x = type === 'xdp' ? 4 : 8;
    loadLength();
    jmp(EBPF.JLT, 0, { k: minLength }, short);
    movImm(9, 0xcbf29ce484222325n);
    for (const bytes of folds) {
      movImm(x, 0n);
      for (const [offset, shift] of bytes) {
        if (link === 'ip' && offset < ETHER_HEADER) fail('ERR_TARGET_LINK', pc, `the hash reads byte ${offset}, inside the Ethernet header that --link ip consumers never see`);
        byteOrZero(offset);
        if (shift > 0) alu(EBPF.LSH, 0, { k: shift });
        alu(EBPF.XOR, x, { r: 0 });
      }
      alu(EBPF.XOR, 9, { r: x });
      movImm(1, 0x100000001b3n);
      alu(EBPF.MUL, 9, { r: 1 });
    }
    ja(done);
    bind(short);
    movImm(9, 0n);
    bind(done);
  };
  /** Bytes (offset, shift) of a little-endian field of `width` bytes at `at`. */
  const le = (at: number, width: number): [number, number][] => Array.from({ length: width }, (_, k) => [at + k, 8 * k] as [number, number]);
  /** r0 = packet length as VFM sees it. */
  const loadLength = (): void => {
    if (type === 'xdp') {
      mov(0, 8);
      alu(EBPF.SUB, 0, { r: 7 });
    } else {
      emit(EBPF.LDX | EBPF.MEM | EBPF.W, 0, 6, 0); // __sk_buff.len
      if (link === 'ip') alu(EBPF.ADD, 0, { k: ETHER_HEADER });
    }
  };
  const checkLinkOffset = (off: number, width: number): void => {
    if (link === 'ip' && off < 12) {
      fail('ERR_TARGET_LINK', pc, `load of ${width} byte${width > 1 ? 's' : ''} at offset ${off} reads the Ethernet MAC addresses, which --link ip consumers never see`);
    }
  };
  /** Branch to t when the values (most significant word first) in a and b compare `rel`. */
  const compareTo = (rel: Rel, aRegs: number[], bRegs: number[], t: number): void => {
    const f = newLabel();
    const last = aRegs.length - 1;
    for (let j = 0; j < last; j++) {
      if (rel === 'eq') jmp(EBPF.JNE, aRegs[j], { r: bRegs[j] }, f);
      else if (rel === 'ne') jmp(EBPF.JNE, aRegs[j], { r: bRegs[j] }, t);
      else {
        jmp(JCC[rel === 'ge' ? 'gt' : rel === 'le' ? 'lt' : rel], aRegs[j], { r: bRegs[j] }, t);
        jmp(EBPF.JNE, aRegs[j], { r: bRegs[j] }, f);
      }
    }
    jmp(JCC[rel], aRegs[last], { r: bRegs[last] }, t);
    bind(f);
  };
  const loadOperands = (width: 1 | 2, d: number): { a: number[]; b: number[] } => {
    if (width === 1) {
      ld(0, d - 2);
      ld(1, d - 1);
      return { a: [0], b: [1] };
    }
    ld(0, d - 4);
    ld(1, d - 3);
    ld(2, d - 2);
    ld(3, d - 1);
    return { a: [0, 1], b: [2, 3] };
  };

  // PARSE/HDR: the classic BPF header walk, translated instruction by instruction (A and X
  // become registers, M[] words stack slots), run once at the start.
  const A = type === 'xdp' ? 4 : 7;
  const X = type === 'xdp' ? 5 : 8;
  const rawLength = (): void => {
    if (type === 'xdp') {
      mov(0, 8);
      alu(EBPF.SUB, 0, { r: 7 });
    } else emit(EBPF.LDX | EBPF.MEM | EBPF.W, 0, 6, 0);
  };
  /** r0 = `width` bytes at buffer offset k (+ X when indirect); the walk has checked the bounds. */
  const rawLoad = (width: 1 | 2 | 4, k: number, indirect: boolean): void => {
    if (type === 'socket') {
      emit(EBPF.LD | (indirect ? EBPF.IND : EBPF.ABS) | SIZES[width], 0, indirect ? X : 0, 0, k);
      return;
    }
    mov(2, 7);
    if (indirect) {
      jmp(EBPF.JGT, X, { k: MAX_OFFSET - 16 }, DROP);
      alu(EBPF.ADD, 2, { r: X });
    }
    alu(EBPF.ADD, 2, { k });
    mov(3, 2);
    alu(EBPF.ADD, 3, { k: width });
    jmp(EBPF.JGT, 3, { r: 8 }, DROP);
    emit(EBPF.LDX | EBPF.MEM | SIZES[width], 0, 2, 0);
    if (width > 1) emit(EBPF.ALU | EBPF.END | EBPF.TO_BE, 0, 0, 0, width * 8);
  };
  const walkOp = (code: number, k = 0, m?: MemRef): void => {
    const cls = code & 0x07;
    const width = ((code & 0x18) === BPF.B ? 1 : (code & 0x18) === BPF.H ? 2 : 4) as 1 | 2 | 4;
    const at = m === undefined ? 0 : hdrOff(m.depth);
    if (cls === BPF.LD || cls === BPF.LDX) {
      const r = cls === BPF.LD ? A : X;
      switch (code & 0xe0) {
        case BPF.IMM:
          return movImm(r, BigInt(k));
        case BPF.MEM:
          return emit(EBPF.LDX | EBPF.MEM | EBPF.DW, r, 10, at);
        case BPF.LEN:
          rawLength();
          return mov(r, 0);
        default:
          rawLoad(width, k, (code & 0xe0) === BPF.IND);
          return mov(r, 0);
      }
    }
    if (cls === BPF.ST || cls === BPF.STX) return emit(EBPF.STX | EBPF.MEM | EBPF.DW, 10, cls === BPF.ST ? A : X, at);
    if (cls === BPF.ALU) return alu(code & 0xf0, A, (code & BPF.X) !== 0 ? { r: X } : { k });
    return (code & 0xf8) === BPF.TXA ? mov(A, X) : mov(X, A);
  };
  if (insns.some((x) => x.op.name === 'hdr' || x.op.name === 'parse')) {
    emitHeaderWalk(
      {
        op: walkOp,
        cond: (code, k, jt, jf) => {
          jmp(code & 0xf0, A, (code & BPF.X) !== 0 ? { r: X } : { k }, jt);
          ja(jf);
        },
        ja,
        bind,
        newLabel,
        impliedEtherType: () => {
          const not4 = newLabel();
          const not6 = newLabel();
          emit(EBPF.LD | EBPF.ABS | EBPF.B, 0, 0, 0, 0);
          alu(EBPF.RSH, 0, { k: 4 });
          movImm(A, 0n);
          jmp(EBPF.JNE, 0, { k: 4 }, not4);
          movImm(A, 0x0800n);
          bind(not4);
          jmp(EBPF.JNE, 0, { k: 6 }, not6);
          movImm(A, 0x86ddn);
          bind(not6);
        },
      },
      link === 'ip' ? ETHER_HEADER : 0,
    );
  }
  /** r0 = HDR selector n from the walk's facts (packet-ops headerField). */
  const headerFact = (n: number): void => {
    const direct = [FACT.l3, FACT.etherType, FACT.vlanTags, FACT.ipVersion, FACT.l4, FACT.l4Proto, FACT.vlanId, FACT.fragment];
    if (n < direct.length) return emit(EBPF.LDX | EBPF.MEM | EBPF.DW, 0, 10, hdrOff(direct[n]));
    if (n > 10) return movImm(0, 0n);
    const zero = newLabel();
    const done = newLabel();
    emit(EBPF.LDX | EBPF.MEM | EBPF.DW, 1, 10, hdrOff(n === 10 ? FACT.l3 : FACT.l4));
    jmp(EBPF.JEQ, 1, { k: 0 }, zero);
    loadLength();
    alu(EBPF.SUB, 0, { r: 1 }); // bytes from the header to the end
    if (n === 9) {
      const ports = newLabel();
      jmp(EBPF.JLT, 0, { k: 4 }, zero);
      emit(EBPF.LDX | EBPF.MEM | EBPF.DW, 2, 10, hdrOff(FACT.l4Proto));
      jmp(EBPF.JEQ, 2, { k: 6 }, ports);
      jmp(EBPF.JEQ, 2, { k: 17 }, ports);
      jmp(EBPF.JEQ, 2, { k: 132 }, ports);
      ja(zero);
      bind(ports);
      mov(0, 1);
    }
    ja(done);
    bind(zero);
    movImm(0, 0n);
    bind(done);
  };

  for (let i = 0; i < insns.length; i++) {
    const insn = insns[i];
    pc = insn.pc;
    bind(i);
    const name = insn.op.name as LiveOpName;
    const d = prog.depthIn[i];
    switch (name) {
      case 'ld8':
      case 'ld16':
      case 'ld32':
      case 'ld64': {
        const width = name === 'ld8' ? 1 : name === 'ld16' ? 2 : name === 'ld32' ? 4 : 8;
        checkLinkOffset(insn.arg, width);
        loadPacket(width, insn.arg, false);
        st(d, 0);
        break;
      }
      case 'ld128':
        checkLinkOffset(insn.arg, 16);
        loadPacket(8, insn.arg + 8, false); // the far half first: it carries the bounds check
        st(d + 1, 0);
        loadPacket(8, insn.arg, false);
        st(d, 0);
        break;
      case 'ldx8':
      case 'ldx16':
      case 'ldx32':
      case 'ldx64':
      case 'ldx128': {
        const width = name === 'ldx8' ? 1 : name === 'ldx16' ? 2 : name === 'ldx32' ? 4 : 8;
        if (link === 'ip' && baseLow(i) + insn.arg < ETHER_HEADER) {
          fail('ERR_TARGET_LINK', pc, `${name.toUpperCase()} at base+${insn.arg} may read the Ethernet header (the base can be as low as ${baseLow(i)}), which --link ip consumers never see`);
        }
        ld(9, d - 1);
        jmp(EBPF.JGT, 9, { k: MAX_OFFSET }, DROP); // VFM faults: beyond any packet
        let arg = insn.arg;
        if (type === 'socket' && link === 'ip' && arg < ETHER_HEADER) {
          // A negative LD_IND offset means ancillary data (SKF_AD_OFF...): the base pays for the Ethernet header.
          const bias = Math.min(baseLow(i), ETHER_HEADER);
          alu(EBPF.SUB, 9, { k: bias });
          arg += bias;
        }
        if (name === 'ldx128') {
          loadPacket(8, arg + 8, true);
          st(d, 0);
          loadPacket(8, arg, true);
          st(d - 1, 0);
        } else {
          loadPacket(width as 1 | 2 | 4 | 8, arg, true);
          st(d - 1, 0);
        }
        break;
      }
      case 'push':
        movImm(0, insn.imm);
        st(d, 0);
        break;
      case 'push128':
        movImm(0, insn.imm >> 64n);
        st(d, 0);
        movImm(0, insn.imm & 0xffffffffffffffffn);
        st(d + 1, 0);
        break;
      case 'pop':
        break;
      case 'dup':
        ld(0, d - 1);
        st(d, 0);
        break;
      case 'swap':
        ld(0, d - 2);
        ld(1, d - 1);
        st(d - 2, 1);
        st(d - 1, 0);
        break;
      case 'add':
      case 'sub':
      case 'mul':
      case 'div':
      case 'mod':
      case 'and':
      case 'or':
      case 'xor':
      case 'shl':
      case 'shr': {
        ld(0, d - 2);
        ld(1, d - 1);
        if (name === 'div' || name === 'mod') jmp(EBPF.JEQ, 1, { k: 0 }, DROP); // VFM faults on division by zero
        if (name === 'shl' || name === 'shr') alu(EBPF.AND, 1, { k: 63 });
        const op = { add: EBPF.ADD, sub: EBPF.SUB, mul: EBPF.MUL, div: EBPF.DIV, mod: EBPF.MOD, and: EBPF.AND, or: EBPF.OR, xor: EBPF.XOR, shl: EBPF.LSH, shr: EBPF.RSH }[name];
        alu(op, 0, { r: 1 });
        st(d - 2, 0);
        break;
      }
      case 'not':
        ld(0, d - 1);
        alu(EBPF.XOR, 0, { k: -1 });
        st(d - 1, 0);
        break;
      case 'neg':
        ld(0, d - 1);
        emit(EBPF.ALU64 | EBPF.NEG, 0);
        st(d - 1, 0);
        break;
      case 'and128':
      case 'or128':
      case 'xor128': {
        const op = name === 'and128' ? EBPF.AND : name === 'or128' ? EBPF.OR : EBPF.XOR;
        for (let s = 0; s < 2; s++) {
          ld(0, d - 4 + s);
          ld(1, d - 2 + s);
          alu(op, 0, { r: 1 });
          st(d - 4 + s, 0);
        }
        break;
      }
      case 'eq':
      case 'ne':
      case 'gt':
      case 'lt':
      case 'ge':
      case 'le':
      case 'eq128':
      case 'ne128':
      case 'gt128':
      case 'lt128':
      case 'ge128':
      case 'le128': {
        const width = name.endsWith('128') ? 2 : 1;
        const { a, b } = loadOperands(width, d);
        const t = newLabel();
        const done = newLabel();
        compareTo(name.replace('128', '') as Rel, a, b, t);
        movImm(4, 0n);
        ja(done);
        bind(t);
        movImm(4, 1n);
        bind(done);
        st(d - 2 * width, 4);
        break;
      }
      case 'jmp':
        ja(prog.indexOfPc[insn.target]);
        break;
      case 'jeq':
      case 'jne':
      case 'jgt':
      case 'jlt':
      case 'jge':
      case 'jle':
      case 'jeq128':
      case 'jne128':
      case 'jgt128':
      case 'jlt128':
      case 'jge128':
      case 'jle128': {
        const width = name.endsWith('128') ? 2 : 1;
        const { a, b } = loadOperands(width, d);
        compareTo(name.slice(1).replace('128', '') as Rel, a, b, prog.indexOfPc[insn.target]);
        break;
      }
      case 'ret': {
        ld(0, d - 1);
        const accepted = newLabel();
        jmp(EBPF.JNE, 0, { k: 0 }, accepted);
        exitWith(dropValue);
        bind(accepted);
        if (type === 'xdp') exitWith(XDP_PASS);
        else if (accept === 'snap') exitWith(SNAP_ACCEPT);
        else {
          // The socket filter returns 32 bits: larger values saturate (they still accept).
          const small = newLabel();
          movImm(1, 0xffffffffn);
          jmp(EBPF.JLE, 0, { r: 1 }, small);
          mov(0, 1);
          bind(small);
          emit(EBPF.JMP | EBPF.EXIT);
        }
        break;
      }
      case 'len':
      case 'wirelen':
        // The socket filter's skb->len and XDP's data_end - data: the packet as it arrived.
        loadLength();
        st(d, 0);
        break;
      case 'ip_ver': {
        const short = newLabel();
        const done = newLabel();
        loadLength();
        jmp(EBPF.JLT, 0, { k: 15 }, short);
        loadPacket(1, 14, false);
        alu(EBPF.RSH, 0, { k: 4 });
        ja(done);
        bind(short);
        movImm(0, 0n);
        bind(done);
        st(d, 0);
        break;
      }
      case 'flow_load': {
        const miss = newLabel();
        const done = newLabel();
        ld(0, d - 1);
        jmp(EBPF.JEQ, 0, { k: 0 }, miss); // key 0 is never found
        emit(EBPF.STX | EBPF.MEM | EBPF.DW, 10, 0, KEY_OFF);
        items.push({ t: 'lddw', dst: 1, value: 0n, map: true });
        mov(2, 10);
        alu(EBPF.ADD, 2, { k: KEY_OFF });
        emit(EBPF.JMP | EBPF.CALL, 0, 0, 0, HELPER.mapLookupElem);
        jmp(EBPF.JEQ, 0, { k: 0 }, miss);
        emit(EBPF.LDX | EBPF.MEM | EBPF.DW, 0, 0, 0);
        ja(done);
        bind(miss);
        movImm(0, 0n);
        bind(done);
        st(d - 1, 0);
        break;
      }
      case 'flow_store': {
        const skip = newLabel();
        ld(0, d - 2);
        jmp(EBPF.JEQ, 0, { k: 0 }, skip); // key 0 is never found again: storing it changes nothing visible
        emit(EBPF.STX | EBPF.MEM | EBPF.DW, 10, 0, KEY_OFF);
        ld(0, d - 1);
        emit(EBPF.STX | EBPF.MEM | EBPF.DW, 10, 0, VALUE_OFF);
        items.push({ t: 'lddw', dst: 1, value: 0n, map: true });
        mov(2, 10);
        alu(EBPF.ADD, 2, { k: KEY_OFF });
        mov(3, 10);
        alu(EBPF.ADD, 3, { k: VALUE_OFF });
        movImm(4, 0n); // BPF_ANY
        emit(EBPF.JMP | EBPF.CALL, 0, 0, 0, HELPER.mapUpdateElem);
        bind(skip);
        break;
      }
      case 'parse':
        headerFact(4);
        st(d, 0);
        break;
      case 'hdr':
        headerFact(insn.arg);
        st(d, 0);
        break;
      case 'hash5':
        emitHash(34, [le(26, 4), le(30, 4), le(34, 2), le(36, 2), le(23, 1)]);
        st(d, 9);
        break;
      case 'hash6':
        // The XOR of the addresses as two little-endian u64: source bytes then destination bytes.
        emitHash(54, [[...le(22, 8), ...le(38, 8)], [...le(30, 8), ...le(46, 8)], le(54, 2), le(56, 2), le(20, 1)]);
        st(d, 9);
        break;
      case 'tstamp':
        // Arrival time on the boot clock (it counts suspend, never jumps with settimeofday):
        // windows are differences of timestamps, so only the epoch changes (docs/targets.md).
        emit(EBPF.JMP | EBPF.CALL, 0, 0, 0, HELPER.ktimeGetBootNs);
        st(d, 0);
        break;
      case 'inset':
      case 'inset128': {
        // The value's big-endian bytes (after an LPM trie's prefix length) as the map key.
        const table = prog.tables[insn.arg];
        const halves = name === 'inset' ? 1 : 2;
        const lpm = table.kind === 'intervals';
        const data = lpm ? SET_KEY_OFF + 4 : SET_KEY_OFF;
        if (lpm) {
          movImm(0, BigInt(64 * halves));
          emit(EBPF.STX | EBPF.MEM | EBPF.W, 10, 0, SET_KEY_OFF);
        }
        for (let h = 0; h < halves; h++) {
          ld(0, d - halves + h);
          emit(EBPF.ALU | EBPF.END | EBPF.TO_BE, 0, 0, 0, 64);
          // Word stores: the LPM key's bytes start 4 bytes in, and stack stores must be aligned.
          emit(EBPF.STX | EBPF.MEM | EBPF.W, 10, 0, data + 8 * h);
          alu(EBPF.RSH, 0, { k: 32 });
          emit(EBPF.STX | EBPF.MEM | EBPF.W, 10, 0, data + 8 * h + 4);
        }
        const miss = newLabel();
        const done = newLabel();
        items.push({ t: 'lddw', dst: 1, value: 0n, map: false, set: insn.arg });
        mov(2, 10);
        alu(EBPF.ADD, 2, { k: SET_KEY_OFF });
        emit(EBPF.JMP | EBPF.CALL, 0, 0, 0, HELPER.mapLookupElem);
        jmp(EBPF.JEQ, 0, { k: 0 }, miss);
        movImm(0, 1n);
        ja(done);
        bind(miss);
        movImm(0, 0n);
        bind(done);
        st(d - halves, 0);
        break;
      }
      case 'csum':
      case 'ipv6_ext':
        return fail('ERR_TARGET_UNSUPPORTED', pc, `${name.toUpperCase()} is not expressible in eBPF`);
      default:
        return assertNever(name, 'eBPF lowering');
    }
  }
  // The shared drop exit, only when something jumps there (the verifier rejects dead code).
  if (items.some((it) => it.t === 'jmp' && it.target === DROP)) {
    bind(DROP);
    exitWith(dropValue);
  }
  return layout(items, type);
}

function layout(items: readonly Item[], type: EbpfProgramType): EbpfProgram {
  const labelAt = new Map<number, number>();
  let at = 0;
  for (const it of items) {
    if (it.t === 'label') labelAt.set(it.id, at);
    else at += it.t === 'lddw' ? 2 : 1;
  }
  const out: EbpfInsn[] = [];
  const mapLoads: number[] = [];
  const setLoads: [number, number][] = [];
  for (const it of items) {
    switch (it.t) {
      case 'label':
        break;
      case 'insn':
        out.push(it.insn);
        break;
      case 'lddw':
        if (it.map) mapLoads.push(out.length);
        if (it.set !== undefined) setLoads.push([out.length, it.set]);
        out.push({ code: EBPF.LD | EBPF.DW | EBPF.IMM, dst: it.dst, src: it.map || it.set !== undefined ? EBPF.PSEUDO_MAP_FD : 0, off: 0, imm: Number(it.value & 0xffffffffn) | 0 });
        out.push({ code: 0, dst: 0, src: 0, off: 0, imm: Number(it.value >> 32n) | 0 });
        break;
      case 'jmp': {
        const off = labelAt.get(it.target)! - (out.length + 1);
        if (off > 0x7fff) {
          throw new CompileError('ERR_TARGET_TOO_LARGE', `a jump from pc ${it.pc} spans ${off} eBPF instructions, at most 32767`, { pc: it.pc });
        }
        out.push({ code: it.code, dst: it.dst, src: it.src, off, imm: it.imm });
        break;
      }
    }
  }
  return { type, insns: out, mapLoads, setLoads };
}

