// The interpreter tier: runs a verified program over one pre-decoded Int32Array (a slot of
// S words per instruction: opcode, operand, immediate halves, fused operands) with a switch on
// the opcode. Values are kept as unsigned 32-bit halves in two Uint32Array stacks, so 64-bit
// arithmetic is exact and nothing is allocated per instruction or per packet. Because the
// program is verified, there are no stack checks at run time; the only faults left are packet
// bounds, division by zero and the instruction limit.

import { FAULT } from '../diag/codes.js';
import { type Code, type OpCode, assertNever } from '../isa/index.js';
import type { VerifiedProgram } from '../verify/verify.js';
import type { FlowTable } from './flow-table.js';
import { HDR, OUT, headerField, hash5, hash6, ipv4ChecksumOk, ipv6ExtField, ipVersion, locateHeaders } from './packet-ops.js';
import { REM, W, divmod64, mul64 } from './halves.js';
import { DEFAULT_INSN_LIMIT, MAX_STACK } from './reference.js';
import { ACCEPT, DROP, type RunResult, makeResult } from './result.js';
import { toBigInt } from './halves.js';
import { type SetIndex, inSet128, inSet64, prepareSets } from './set-lookup.js';

export interface MachineOptions {
  /** Instructions allowed per run (default 10000). */
  readonly insnLimit?: number;
  /** Flow table for FLOW_LOAD/FLOW_STORE; without one, loads give 0 and stores do nothing. */
  readonly flowTable?: FlowTable;
}

/** Compare the 128-bit values in slots s,s+1 (a) and s+2,s+3 (b): -1, 0 or 1. */
export function cmp128(sh: Uint32Array, sl: Uint32Array, s: number): number {
  if (sh[s] !== sh[s + 2]) return sh[s] < sh[s + 2] ? -1 : 1;
  if (sl[s] !== sl[s + 2]) return sl[s] < sl[s + 2] ? -1 : 1;
  if (sh[s + 1] !== sh[s + 3]) return sh[s + 1] < sh[s + 3] ? -1 : 1;
  if (sl[s + 1] !== sl[s + 3]) return sl[s + 1] < sl[s + 3] ? -1 : 1;
  return 0;
}

/** Compare 64-bit values in slots s (a) and s+1 (b): -1, 0 or 1. */
export function cmp64(sh: Uint32Array, sl: Uint32Array, s: number): number {
  if (sh[s] !== sh[s + 1]) return sh[s] < sh[s + 1] ? -1 : 1;
  if (sl[s] !== sl[s + 1]) return sl[s] < sl[s + 1] ? -1 : 1;
  return 0;
}

/** Words per instruction slot in the code array; jump targets are word indices (index * S). */
const S = 8;
/** Slot fields: the opcode, the operand (offset, selector, table, 128-bit constant index or jump target), the immediate's halves. */
const A = 1;
const LO = 2;
const HI = 3;
/** Fused operands: the targets of a range test (in range, out of range) and a mask. */
const X = 4;
const Y = 5;
const Z = 6;

/**
 * Superinstructions made by the pre-decoder for loop-free programs (which need no instruction
 * counting). They are internal to the interpreter (codes 100 and up are never in bytecode) and
 * keep exact semantics: a bounds fault still names the load's pc. A fused compare-and-jump on
 * a value below 2^32 is a range test decided at load time: jump to X if
 * (v - lo) mod 2^32 ≤ span, else to Y (LO holds lo, HI span ^ 2^31, so the test is one signed
 * compare); every condition and every 64-bit immediate is such a range or its complement.
 */
/** `LD8/LD16/LD32 off; PUSH imm; Jcc`. */
const LD8_RANGE = 100;
const LD16_RANGE = 101;
const LD32_RANGE = 102;
/** `LDX8/LDX16/LDX32 off; PUSH imm; Jcc` (the base is popped; a base of 2^32 or more faults). */
const LDX8_RANGE = 103;
const LDX16_RANGE = 104;
const LDX32_RANGE = 105;
/** `HDR s; PUSH imm; Jcc`. */
const HDR_RANGE = 106;
/** `LDn off; PUSH mask; AND; PUSH imm; Jcc` (n up to 32; the mask's low word in Z). */
const LD8_MASK_RANGE = 107;
const LD16_MASK_RANGE = 108;
const LD32_MASK_RANGE = 109;
/** `PUSH imm; Jcc` on a 64-bit value: 110 + condition (0 eq, 1 ne, 2 gt, 3 lt, 4 ge, 5 le); target in X. */
const CMP_IMM = 110;
/** `PUSH imm; OP` for OP and, or, xor, add, sub, mul, shl, shr (by ALU_INDEX): the op with an immediate. */
const ALU_IMM = 140;
/** `LDn off; PUSH mask; AND` (n up to 32; width in X). */
const LOAD_MASK = 150;
/** `PUSH imm; RET`. */
const RET_IMM = 151;
/** `LDn off; PUSH mask; AND; PUSH k; MUL` when mask * k < 2^32 (IPv4 header length: width in X, mask in Z, k in LO). */
const LOAD_MASK_MUL = 152;
type InternalOp =
  | 100 | 101 | 102 | 103 | 104 | 105 | 106 | 107 | 108 | 109
  | 110 | 111 | 112 | 113 | 114 | 115
  | 140 | 141 | 142 | 143 | 144 | 145 | 146 | 147
  | 150 | 151 | 152;
const CONDITION_OF: Partial<Record<number, number>> = { 19: 0, 20: 1, 21: 2, 22: 3, 29: 4, 30: 5 };
const LOAD_WIDTH: Partial<Record<number, number>> = { 0: 1, 1: 2, 2: 4 };
const LOADX_WIDTH: Partial<Record<number, number>> = { 65: 1, 66: 2, 67: 4 };
/** and, or, xor, add, sub, mul, shl, shr: their ALU_IMM offsets. */
const ALU_INDEX: Partial<Record<number, number>> = { 12: 0, 13: 1, 14: 2, 8: 3, 9: 4, 10: 5, 16: 6, 17: 7 };
/** The fused ops of width 1, 2, 4, indexed by width >> 1 (0, 1, 2). */
const LD_RANGE_OF = [LD8_RANGE, LD16_RANGE, LD32_RANGE];
const LDX_RANGE_OF = [LDX8_RANGE, LDX16_RANGE, LDX32_RANGE];
const LD_MASK_RANGE_OF = [LD8_MASK_RANGE, LD16_MASK_RANGE, LD32_MASK_RANGE];

/**
 * The range test for `v cond imm` (v below 2^32, imm 64-bit): lo, span ^ 2^31, the target when
 * v is in the range and the target when it is not (`taken` or `next`).
 */
function rangeTest(cond: number, immHi: number, immLo: number, taken: number, next: number): [lo: number, spanBiased: number, inRange: number, outOfRange: number] {
  const all = (t: boolean): [number, number, number, number] => [0, 0x7fffffff, t ? taken : next, t ? taken : next];
  if (immHi !== 0) return all(cond === 1 || cond === 3 || cond === 5); // v < imm: ne, lt, le hold
  const k = immLo >>> 0;
  const range = (lo: number, hi: number, inside: boolean): [number, number, number, number] => [lo | 0, ((hi - lo) ^ 0x80000000) | 0, inside ? taken : next, inside ? next : taken];
  switch (cond) {
    case 0:
      return range(k, k, true);
    case 1:
      return range(k, k, false);
    case 2: // v > k: not in [0, k]
      return range(0, k, false);
    case 3: // v < k: not in [k, max]
      return range(k, 0xffffffff, false);
    case 4:
      return range(k, 0xffffffff, true);
    default:
      return range(0, k, true);
  }
}

export class Interpreter {
  readonly tier = 'interpreter' as const;
  readonly program: VerifiedProgram;
  readonly insnLimit: number;
  readonly flowTable: FlowTable | undefined;
  /** Value returned by the last run (halves), valid after accept or drop. */
  valueHi = 0;
  valueLo = 0;
  /** pc (byte offset) of the instruction that faulted in the last run. */
  faultPc = 0;

  private readonly countsInsns: boolean;
  /** Instructions allowed per run; loop-free programs whose longest path fits the limit never need counting. */
  private readonly limit: number;
  private readonly code: Int32Array;
  private readonly wide: Uint32Array;
  private readonly pcs: Int32Array;
  private readonly sets: readonly SetIndex[];
  private readonly sh = new Uint32Array(MAX_STACK + 1);
  private readonly sl = new Uint32Array(MAX_STACK + 1);

  constructor(program: VerifiedProgram, options: MachineOptions = {}) {
    this.program = program;
    this.insnLimit = options.insnLimit ?? DEFAULT_INSN_LIMIT;
    this.flowTable = options.flowTable;
    this.countsInsns = program.maxPathLength === undefined || program.maxPathLength > this.insnLimit;
    this.limit = this.countsInsns ? this.insnLimit : 0x7fffffff;
    const n = program.insns.length;
    const code = new Int32Array(n * S);
    this.pcs = new Int32Array(n);
    const wide: number[] = [];
    for (let i = 0; i < n; i++) {
      const insn = program.insns[i];
      const at = i * S;
      code[at] = insn.op.code;
      this.pcs[i] = insn.pc;
      if (insn.op.format === 'rel16') code[at + A] = program.indexOfPc[insn.target] * S;
      else code[at + A] = insn.arg;
      if (insn.op.format === 'imm64') {
        code[at + HI] = Number(insn.imm >> 32n);
        code[at + LO] = Number(insn.imm & 0xffffffffn);
      } else if (insn.op.format === 'imm128') {
        code[at + A] = wide.length;
        for (let shift = 96n; shift >= 0n; shift -= 32n) wide.push(Number((insn.imm >> shift) & 0xffffffffn));
      }
    }
    this.code = code;
    this.wide = Uint32Array.from(wide);
    this.sets = prepareSets(program.tables);
    if (!this.countsInsns) this.fuse();
  }

  /**
   * Replace runs of instructions with superinstructions (none may be a jump target inside):
   * LOAD/PUSH/AND/PUSH/Jcc, LOAD/PUSH/AND/PUSH/MUL, LOAD/PUSH/Jcc, LDX/PUSH/Jcc, HDR/PUSH/Jcc,
   * LOAD/PUSH/AND, PUSH/Jcc, PUSH/ALU op, PUSH/RET. The first instruction's slot holds the
   * fused op and its operands; the other slots keep their instructions (never reached).
   */
  private fuse(): void {
    const code = this.code;
    const n = this.pcs.length;
    const isTarget = new Uint8Array(n + 1);
    for (const insn of this.program.insns) if (insn.op.format === 'rel16') isTarget[this.program.indexOfPc[insn.target]] = 1;
    const free = (k: number): boolean => k < n && isTarget[k] === 0;
    const opAt = (k: number): number => (k < n ? code[k * S] : -1);
    const immHi = (k: number): number => code[k * S + HI];
    const immLo = (k: number): number => code[k * S + LO] >>> 0;
    const setRange = (at: number, cond: number, hi: number, lo: number, taken: number, next: number): void => {
      const [rlo, span, inRange, outOfRange] = rangeTest(cond, hi, lo, taken, next);
      code[at + LO] = rlo;
      code[at + HI] = span;
      code[at + X] = inRange;
      code[at + Y] = outOfRange;
    };
    for (let i = 0; i + 1 < n; i++) {
      const at = i * S;
      const op = opAt(i);
      const pushNext = free(i + 1) && opAt(i + 1) === 4;
      const cond = free(i + 2) ? CONDITION_OF[opAt(i + 2)] : undefined;
      const width = LOAD_WIDTH[op];
      const masked = width !== undefined && pushNext && free(i + 2) && opAt(i + 2) === 12 && free(i + 3) && opAt(i + 3) === 4 && free(i + 4);
      if (masked && CONDITION_OF[opAt(i + 4)] !== undefined) {
        // LDn off; PUSH mask; AND; PUSH imm; Jcc: v & mask (below 2^32) against imm.
        code[at] = LD_MASK_RANGE_OF[width >> 1];
        code[at + Z] = immLo(i + 1);
        setRange(at, CONDITION_OF[opAt(i + 4)]!, immHi(i + 3), immLo(i + 3), code[(i + 4) * S + A], (i + 5) * S);
        i += 4;
      } else if (masked && opAt(i + 4) === 10 && immHi(i + 3) === 0 && immLo(i + 1) * immLo(i + 3) <= 0xffffffff) {
        code[at] = LOAD_MASK_MUL;
        code[at + X] = width;
        code[at + Z] = immLo(i + 1);
        code[at + LO] = immLo(i + 3);
        i += 4;
      } else if (width !== undefined && pushNext && cond !== undefined) {
        code[at] = LD_RANGE_OF[width >> 1];
        setRange(at, cond, immHi(i + 1), immLo(i + 1), code[(i + 2) * S + A], (i + 3) * S);
        i += 2;
      } else if (width !== undefined && pushNext && free(i + 2) && opAt(i + 2) === 12) {
        code[at] = LOAD_MASK;
        code[at + X] = width;
        code[at + HI] = immHi(i + 1);
        code[at + LO] = immLo(i + 1);
        i += 2;
      } else if (LOADX_WIDTH[op] !== undefined && pushNext && cond !== undefined) {
        code[at] = LDX_RANGE_OF[LOADX_WIDTH[op]! >> 1];
        setRange(at, cond, immHi(i + 1), immLo(i + 1), code[(i + 2) * S + A], (i + 3) * S);
        i += 2;
      } else if (op === 70 && pushNext && cond !== undefined) {
        code[at] = HDR_RANGE;
        setRange(at, cond, immHi(i + 1), immLo(i + 1), code[(i + 2) * S + A], (i + 3) * S);
        i += 2;
      } else if (op === 4 && free(i + 1)) {
        const next = opAt(i + 1);
        const c = CONDITION_OF[next];
        const alu = ALU_INDEX[next];
        if (c !== undefined) {
          code[at] = CMP_IMM + c;
          code[at + X] = code[(i + 1) * S + A];
          i += 1;
        } else if (alu !== undefined) {
          code[at] = ALU_IMM + alu;
          i += 1;
        } else if (next === 23) {
          code[at] = RET_IMM;
          i += 1;
        }
      }
    }
    // A range test whose target is `PUSH k; RET` returns the verdict itself: the target is
    // stored as ~slot (negative), saving the dispatch of the RET.
    const verdict = (t: number): number => (t >= 0 && code[t] === RET_IMM ? ~t : t);
    for (let at = 0; at < code.length; at += S) {
      const op = code[at];
      if (op >= LD8_RANGE && op <= LD32_MASK_RANGE) {
        code[at + X] = verdict(code[at + X]);
        code[at + Y] = verdict(code[at + Y]);
      }
    }
  }

  /** The verdict of the `PUSH k; RET` slot at word t. */
  private ret(t: number): number {
    const hi = this.code[t + HI];
    const lo = this.code[t + LO];
    this.valueHi = hi >>> 0;
    this.valueLo = lo >>> 0;
    return (hi | lo) !== 0 ? ACCEPT : DROP;
  }

  /** Run one packet and return a result object (allocates; use `exec` on hot paths). */
  run(packet: Uint8Array, timestampNs = 0n, wireLength = packet.length): RunResult {
    const ts = BigInt.asUintN(64, timestampNs);
    const status = this.exec(packet, Number(ts >> 32n), Number(ts & 0xffffffffn), wireLength);
    return makeResult(status, toBigInt(this.valueHi, this.valueLo), this.faultPc);
  }

  /**
   * Run one packet.
   * @param p the packet bytes
   * @param tsHi high 32 bits of the capture timestamp in ns since the Unix epoch (for TSTAMP)
   * @param tsLo low 32 bits of the timestamp
   * @param wireLength length of the packet on the wire, for WIRELEN (default: its length)
   * @returns 1 accept, 0 drop, or a negative fault code (then `faultPc` says where)
   */
  exec(p: Uint8Array, tsHi = 0, tsLo = 0, wireLength = p.length): number {
    return this.execAt(p, 0, p.length, tsHi, tsLo, wireLength);
  }

  /**
   * Run the packet of `len` bytes at offset `b` of `p` (a capture buffer: no view is made).
   * @returns 1 accept, 0 drop, or a negative fault code (then `faultPc` says where)
   */
  execAt(p: Uint8Array, b: number, len: number, tsHi = 0, tsLo = 0, wireLength = len): number {
    const code = this.code;
    const sh = this.sh;
    const sl = this.sl;
    const limit = this.limit;
    b |= 0;
    len |= 0;
    let i = 0;
    let sp = 0;
    let count = 0;
    let parsed = false;
    for (;;) {
      if (++count > limit) return this.fault(FAULT.LIMIT, i);
      const op = code[i] as OpCode | InternalOp;
      switch (op) {
        case 0 satisfies Code<'ld8'>: {
          const off = code[i + A];
          if (off + 1 > len) return this.fault(FAULT.BOUNDS, i);
          sh[sp] = 0;
          sl[sp] = p[b + off];
          sp++;
          i += S;
          break;
        }
        case 1 satisfies Code<'ld16'>: {
          const off = code[i + A];
          if (off + 2 > len) return this.fault(FAULT.BOUNDS, i);
          sh[sp] = 0;
          sl[sp] = (p[b + off] << 8) | p[b + off + 1];
          sp++;
          i += S;
          break;
        }
        case 2 satisfies Code<'ld32'>: {
          const off = code[i + A];
          if (off + 4 > len) return this.fault(FAULT.BOUNDS, i);
          sh[sp] = 0;
          sl[sp] = (p[b + off] << 24) | (p[b + off + 1] << 16) | (p[b + off + 2] << 8) | p[b + off + 3];
          sp++;
          i += S;
          break;
        }
        case 3 satisfies Code<'ld64'>: {
          const off = code[i + A];
          if (off + 8 > len) return this.fault(FAULT.BOUNDS, i);
          sh[sp] = (p[b + off] << 24) | (p[b + off + 1] << 16) | (p[b + off + 2] << 8) | p[b + off + 3];
          sl[sp] = (p[b + off + 4] << 24) | (p[b + off + 5] << 16) | (p[b + off + 6] << 8) | p[b + off + 7];
          sp++;
          i += S;
          break;
        }
        case 65 satisfies Code<'ldx8'>:
        case 66 satisfies Code<'ldx16'>:
        case 67 satisfies Code<'ldx32'>:
        case 68 satisfies Code<'ldx64'>: {
          const t = sp - 1;
          const width = op === (65 satisfies Code<'ldx8'>) ? 1 : op === (66 satisfies Code<'ldx16'>) ? 2 : op === (67 satisfies Code<'ldx32'>) ? 4 : 8;
          // A base of 2^32 or more is always past the end of a packet.
          const off = sl[t] + code[i + A];
          if (sh[t] !== 0 || off + width > len) return this.fault(FAULT.BOUNDS, i);
          if (width === 1) {
            sh[t] = 0;
            sl[t] = p[b + off];
          } else if (width === 2) {
            sh[t] = 0;
            sl[t] = (p[b + off] << 8) | p[b + off + 1];
          } else if (width === 4) {
            sh[t] = 0;
            sl[t] = (p[b + off] << 24) | (p[b + off + 1] << 16) | (p[b + off + 2] << 8) | p[b + off + 3];
          } else {
            sh[t] = (p[b + off] << 24) | (p[b + off + 1] << 16) | (p[b + off + 2] << 8) | p[b + off + 3];
            sl[t] = (p[b + off + 4] << 24) | (p[b + off + 5] << 16) | (p[b + off + 6] << 8) | p[b + off + 7];
          }
          i += S;
          break;
        }
        case 70 satisfies Code<'hdr'>:
          // Header facts are computed once per run, on first use.
          if (!parsed) {
            locateHeaders(p, b, len);
            parsed = true;
          }
          sh[sp] = 0;
          sl[sp] = headerField(code[i + A]);
          sp++;
          i += S;
          break;
        case 71 satisfies Code<'ldx128'>: {
          const t = sp - 1;
          const off = sl[t] + code[i + A];
          if (sh[t] !== 0 || off + 16 > len) return this.fault(FAULT.BOUNDS, i);
          for (let k = 0; k < 4; k++) {
            const o = off + 4 * k;
            const word = (p[b + o] << 24) | (p[b + o + 1] << 16) | (p[b + o + 2] << 8) | p[b + o + 3];
            if ((k & 1) === 0) sh[t + (k >> 1)] = word;
            else sl[t + (k >> 1)] = word;
          }
          sp++;
          i += S;
          break;
        }
        case 72 satisfies Code<'tstamp'>:
          sh[sp] = tsHi;
          sl[sp] = tsLo;
          sp++;
          i += S;
          break;
        case 74 satisfies Code<'inset'>:
          sl[sp - 1] = inSet64(this.sets[code[i + A]], sh[sp - 1], sl[sp - 1]);
          sh[sp - 1] = 0;
          i += S;
          break;
        case 75 satisfies Code<'inset128'>:
          sp--;
          sl[sp - 1] = inSet128(this.sets[code[i + A]], sh[sp - 1], sl[sp - 1], sh[sp], sl[sp]);
          sh[sp - 1] = 0;
          i += S;
          break;
        case 73 satisfies Code<'wirelen'>:
          sh[sp] = 0;
          sl[sp] = wireLength >>> 0;
          sp++;
          i += S;
          break;
        case 69 satisfies Code<'len'>:
          sh[sp] = 0;
          sl[sp] = len;
          sp++;
          i += S;
          break;
        case 4 satisfies Code<'push'>:
          sh[sp] = code[i + HI];
          sl[sp] = code[i + LO];
          sp++;
          i += S;
          break;
        case 5 satisfies Code<'pop'>:
          sp--;
          i += S;
          break;
        case 6 satisfies Code<'dup'>:
          sh[sp] = sh[sp - 1];
          sl[sp] = sl[sp - 1];
          sp++;
          i += S;
          break;
        case 7 satisfies Code<'swap'>: {
          const h = sh[sp - 1];
          const l = sl[sp - 1];
          sh[sp - 1] = sh[sp - 2];
          sl[sp - 1] = sl[sp - 2];
          sh[sp - 2] = h;
          sl[sp - 2] = l;
          i += S;
          break;
        }
        case 8 satisfies Code<'add'>: {
          sp--;
          const a = sp - 1;
          const lo = sl[a] + sl[sp];
          sl[a] = lo;
          sh[a] = sh[a] + sh[sp] + (lo > 0xffffffff ? 1 : 0);
          i += S;
          break;
        }
        case 9 satisfies Code<'sub'>: {
          sp--;
          const a = sp - 1;
          const lo = sl[a] - sl[sp];
          sl[a] = lo;
          sh[a] = sh[a] - sh[sp] - (lo < 0 ? 1 : 0);
          i += S;
          break;
        }
        case 10 satisfies Code<'mul'>: {
          sp--;
          const a = sp - 1;
          mul64(sh[a], sl[a], sh[sp], sl[sp]);
          sh[a] = W.hi;
          sl[a] = W.lo;
          i += S;
          break;
        }
        case 11 satisfies Code<'div'>:
        case 33 satisfies Code<'mod'>: {
          sp--;
          const a = sp - 1;
          if (sh[sp] === 0 && sl[sp] === 0) return this.fault(FAULT.DIVISION_BY_ZERO, i);
          divmod64(sh[a], sl[a], sh[sp], sl[sp]);
          if (op === (11 satisfies Code<'div'>)) {
            sh[a] = W.hi;
            sl[a] = W.lo;
          } else {
            sh[a] = REM.hi;
            sl[a] = REM.lo;
          }
          i += S;
          break;
        }
        case 12 satisfies Code<'and'>:
          sp--;
          sh[sp - 1] &= sh[sp];
          sl[sp - 1] &= sl[sp];
          i += S;
          break;
        case 13 satisfies Code<'or'>:
          sp--;
          sh[sp - 1] |= sh[sp];
          sl[sp - 1] |= sl[sp];
          i += S;
          break;
        case 14 satisfies Code<'xor'>:
          sp--;
          sh[sp - 1] ^= sh[sp];
          sl[sp - 1] ^= sl[sp];
          i += S;
          break;
        case 16 satisfies Code<'shl'>: {
          sp--;
          const a = sp - 1;
          const n = sl[sp] & 63;
          if (n >= 32) {
            sh[a] = sl[a] << (n - 32);
            sl[a] = 0;
          } else if (n > 0) {
            sh[a] = (sh[a] << n) | (sl[a] >>> (32 - n));
            sl[a] = sl[a] << n;
          }
          i += S;
          break;
        }
        case 17 satisfies Code<'shr'>: {
          sp--;
          const a = sp - 1;
          const n = sl[sp] & 63;
          if (n >= 32) {
            sl[a] = sh[a] >>> (n - 32);
            sh[a] = 0;
          } else if (n > 0) {
            sl[a] = (sl[a] >>> n) | (sh[a] << (32 - n));
            sh[a] = sh[a] >>> n;
          }
          i += S;
          break;
        }
        case 31 satisfies Code<'not'>:
          sh[sp - 1] = ~sh[sp - 1];
          sl[sp - 1] = ~sl[sp - 1];
          i += S;
          break;
        case 32 satisfies Code<'neg'>: {
          const a = sp - 1;
          const lo = -sl[a];
          sl[a] = lo;
          sh[a] = -sh[a] - (lo < 0 ? 1 : 0);
          i += S;
          break;
        }
        case 34 satisfies Code<'eq'>:
        case 35 satisfies Code<'ne'>:
        case 36 satisfies Code<'gt'>:
        case 37 satisfies Code<'lt'>:
        case 38 satisfies Code<'ge'>:
        case 39 satisfies Code<'le'>: {
          sp -= 2;
          const c = cmp64(sh, sl, sp);
          const t =
            op === (34 satisfies Code<'eq'>) ? c === 0 : op === (35 satisfies Code<'ne'>) ? c !== 0 : op === (36 satisfies Code<'gt'>) ? c > 0 : op === (37 satisfies Code<'lt'>) ? c < 0 : op === (38 satisfies Code<'ge'>) ? c >= 0 : c <= 0;
          sh[sp] = 0;
          sl[sp] = t ? 1 : 0;
          sp++;
          i += S;
          break;
        }
        case 18 satisfies Code<'jmp'>:
          i = code[i + A];
          break;
        case 19 satisfies Code<'jeq'>:
          sp -= 2;
          i = sl[sp] === sl[sp + 1] && sh[sp] === sh[sp + 1] ? code[i + A] : i + S;
          break;
        case 20 satisfies Code<'jne'>:
          sp -= 2;
          i = sl[sp] !== sl[sp + 1] || sh[sp] !== sh[sp + 1] ? code[i + A] : i + S;
          break;
        case 21 satisfies Code<'jgt'>:
          sp -= 2;
          i = sh[sp] > sh[sp + 1] || (sh[sp] === sh[sp + 1] && sl[sp] > sl[sp + 1]) ? code[i + A] : i + S;
          break;
        case 22 satisfies Code<'jlt'>:
          sp -= 2;
          i = sh[sp] < sh[sp + 1] || (sh[sp] === sh[sp + 1] && sl[sp] < sl[sp + 1]) ? code[i + A] : i + S;
          break;
        case 29 satisfies Code<'jge'>:
          sp -= 2;
          i = sh[sp] > sh[sp + 1] || (sh[sp] === sh[sp + 1] && sl[sp] >= sl[sp + 1]) ? code[i + A] : i + S;
          break;
        case 30 satisfies Code<'jle'>:
          sp -= 2;
          i = sh[sp] < sh[sp + 1] || (sh[sp] === sh[sp + 1] && sl[sp] <= sl[sp + 1]) ? code[i + A] : i + S;
          break;
        case 23 satisfies Code<'ret'>:
          sp--;
          this.valueHi = sh[sp];
          this.valueLo = sl[sp];
          return (sh[sp] | sl[sp]) !== 0 ? ACCEPT : DROP;
        case 24 satisfies Code<'hash5'>:
        case 59 satisfies Code<'hash6'>:
          if (op === (24 satisfies Code<'hash5'>)) hash5(p, b, len);
          else hash6(p, b, len);
          sh[sp] = OUT.hi;
          sl[sp] = OUT.lo;
          sp++;
          i += S;
          break;
        case 25 satisfies Code<'csum'>:
          sh[sp] = 0;
          sl[sp] = ipv4ChecksumOk(p, b, len);
          sp++;
          i += S;
          break;
        case 26 satisfies Code<'parse'>:
          if (!parsed) {
            locateHeaders(p, b, len);
            parsed = true;
          }
          sh[sp] = 0;
          sl[sp] = HDR.l4;
          sp++;
          i += S;
          break;
        case 57 satisfies Code<'ip_ver'>:
          sh[sp] = 0;
          sl[sp] = ipVersion(p, b, len);
          sp++;
          i += S;
          break;
        case 58 satisfies Code<'ipv6_ext'>:
          sh[sp] = 0;
          sl[sp] = ipv6ExtField(p, b, len, code[i + A]);
          sp++;
          i += S;
          break;
        case 27 satisfies Code<'flow_load'>: {
          const t = sp - 1;
          const table = this.flowTable;
          if (table === undefined) {
            sh[t] = 0;
            sl[t] = 0;
          } else {
            sl[t] = table.lookup(sh[t], sl[t]);
            sh[t] = table.resultHi;
          }
          i += S;
          break;
        }
        case 28 satisfies Code<'flow_store'>:
          sp -= 2;
          this.flowTable?.store(sh[sp], sl[sp], sh[sp + 1], sl[sp + 1]);
          i += S;
          break;
        case 40 satisfies Code<'ld128'>: {
          const off = code[i + A];
          if (off + 16 > len) return this.fault(FAULT.BOUNDS, i);
          for (let k = 0; k < 4; k++) {
            const o = off + 4 * k;
            const word = (p[b + o] << 24) | (p[b + o + 1] << 16) | (p[b + o + 2] << 8) | p[b + o + 3];
            if ((k & 1) === 0) sh[sp + (k >> 1)] = word;
            else sl[sp + (k >> 1)] = word;
          }
          sp += 2;
          i += S;
          break;
        }
        case 41 satisfies Code<'push128'>: {
          const w = this.wide;
          const at = code[i + A];
          sh[sp] = w[at];
          sl[sp] = w[at + 1];
          sh[sp + 1] = w[at + 2];
          sl[sp + 1] = w[at + 3];
          sp += 2;
          i += S;
          break;
        }
        case 42 satisfies Code<'eq128'>:
        case 43 satisfies Code<'ne128'>:
        case 44 satisfies Code<'gt128'>:
        case 45 satisfies Code<'lt128'>:
        case 46 satisfies Code<'ge128'>:
        case 47 satisfies Code<'le128'>: {
          sp -= 4;
          const c = cmp128(sh, sl, sp);
          const t =
            op === (42 satisfies Code<'eq128'>) ? c === 0 : op === (43 satisfies Code<'ne128'>) ? c !== 0 : op === (44 satisfies Code<'gt128'>) ? c > 0 : op === (45 satisfies Code<'lt128'>) ? c < 0 : op === (46 satisfies Code<'ge128'>) ? c >= 0 : c <= 0;
          sh[sp] = 0;
          sl[sp] = t ? 1 : 0;
          sp++;
          i += S;
          break;
        }
        case 48 satisfies Code<'and128'>:
        case 49 satisfies Code<'or128'>:
        case 50 satisfies Code<'xor128'>: {
          sp -= 2;
          const a = sp - 2;
          for (let k = 0; k < 2; k++) {
            if (op === (48 satisfies Code<'and128'>)) {
              sh[a + k] &= sh[sp + k];
              sl[a + k] &= sl[sp + k];
            } else if (op === (49 satisfies Code<'or128'>)) {
              sh[a + k] |= sh[sp + k];
              sl[a + k] |= sl[sp + k];
            } else {
              sh[a + k] ^= sh[sp + k];
              sl[a + k] ^= sl[sp + k];
            }
          }
          i += S;
          break;
        }
        case 51 satisfies Code<'jeq128'>:
        case 52 satisfies Code<'jne128'>:
        case 53 satisfies Code<'jgt128'>:
        case 54 satisfies Code<'jlt128'>:
        case 55 satisfies Code<'jge128'>:
        case 56 satisfies Code<'jle128'>: {
          sp -= 4;
          const c = cmp128(sh, sl, sp);
          const t =
            op === (51 satisfies Code<'jeq128'>) ? c === 0 : op === (52 satisfies Code<'jne128'>) ? c !== 0 : op === (53 satisfies Code<'jgt128'>) ? c > 0 : op === (54 satisfies Code<'jlt128'>) ? c < 0 : op === (55 satisfies Code<'jge128'>) ? c >= 0 : c <= 0;
          i = t ? code[i + A] : i + S;
          break;
        }
        case 15 satisfies Code<'and32'>:
        case 60 satisfies Code<'bulk_load128'>:
        case 61 satisfies Code<'parallel_eq128'>:
        case 62 satisfies Code<'stack_prefetch'>:
        case 63 satisfies Code<'eq32'>:
        case 64 satisfies Code<'push32'>:
          // Unreachable in a verified program; kept so the switch covers the whole table.
          return this.fault(FAULT.INVALID_OPCODE, i);
        case 100: {
          // LD8 off; PUSH imm; Jcc
          const off = code[i + A];
          if (off + 1 > len) return this.fault(FAULT.BOUNDS, i);
          i = ((p[b + off] - code[i + LO]) ^ -0x80000000) <= code[i + HI] ? code[i + X] : code[i + Y];
          if (i < 0) return this.ret(~i);
          break;
        }
        case 101: {
          const off = code[i + A];
          if (off + 2 > len) return this.fault(FAULT.BOUNDS, i);
          const v = (p[b + off] << 8) | p[b + off + 1];
          i = ((v - code[i + LO]) ^ -0x80000000) <= code[i + HI] ? code[i + X] : code[i + Y];
          if (i < 0) return this.ret(~i);
          break;
        }
        case 102: {
          const off = code[i + A];
          if (off + 4 > len) return this.fault(FAULT.BOUNDS, i);
          const v = (p[b + off] << 24) | (p[b + off + 1] << 16) | (p[b + off + 2] << 8) | p[b + off + 3];
          i = ((v - code[i + LO]) ^ -0x80000000) <= code[i + HI] ? code[i + X] : code[i + Y];
          if (i < 0) return this.ret(~i);
          break;
        }
        case 103:
        case 104:
        case 105: {
          // LDXn off; PUSH imm; Jcc (a base of 2^32 or more is always past the end of a packet)
          const t = sp - 1;
          const off = sl[t] + code[i + A];
          const width = op === 103 ? 1 : op === 104 ? 2 : 4;
          if (sh[t] !== 0 || off + width > len) return this.fault(FAULT.BOUNDS, i);
          sp = t;
          const o = b + off;
          const v = width === 1 ? p[o] : width === 2 ? (p[o] << 8) | p[o + 1] : (p[o] << 24) | (p[o + 1] << 16) | (p[o + 2] << 8) | p[o + 3];
          i = ((v - code[i + LO]) ^ -0x80000000) <= code[i + HI] ? code[i + X] : code[i + Y];
          if (i < 0) return this.ret(~i);
          break;
        }
        case 106:
          // HDR s; PUSH imm; Jcc
          if (!parsed) {
            locateHeaders(p, b, len);
            parsed = true;
          }
          i = ((headerField(code[i + A]) - code[i + LO]) ^ -0x80000000) <= code[i + HI] ? code[i + X] : code[i + Y];
          if (i < 0) return this.ret(~i);
          break;
        case 107:
        case 108:
        case 109: {
          // LDn off; PUSH mask; AND; PUSH imm; Jcc
          const off = code[i + A];
          const width = op === 107 ? 1 : op === 108 ? 2 : 4;
          if (off + width > len) return this.fault(FAULT.BOUNDS, i);
          const o = b + off;
          const v = (width === 1 ? p[o] : width === 2 ? (p[o] << 8) | p[o + 1] : (p[o] << 24) | (p[o + 1] << 16) | (p[o + 2] << 8) | p[o + 3]) & code[i + Z];
          i = ((v - code[i + LO]) ^ -0x80000000) <= code[i + HI] ? code[i + X] : code[i + Y];
          if (i < 0) return this.ret(~i);
          break;
        }
        case 110:
          // PUSH imm; JEQ
          sp--;
          i = ((sl[sp] ^ code[i + LO]) | (sh[sp] ^ code[i + HI])) === 0 ? code[i + X] : i + 2 * S;
          break;
        case 111:
          sp--;
          i = ((sl[sp] ^ code[i + LO]) | (sh[sp] ^ code[i + HI])) !== 0 ? code[i + X] : i + 2 * S;
          break;
        case 112: {
          sp--;
          const ih = code[i + HI] >>> 0;
          i = sh[sp] > ih || (sh[sp] === ih && sl[sp] > code[i + LO] >>> 0) ? code[i + X] : i + 2 * S;
          break;
        }
        case 113: {
          sp--;
          const ih = code[i + HI] >>> 0;
          i = sh[sp] < ih || (sh[sp] === ih && sl[sp] < code[i + LO] >>> 0) ? code[i + X] : i + 2 * S;
          break;
        }
        case 114: {
          sp--;
          const ih = code[i + HI] >>> 0;
          i = sh[sp] > ih || (sh[sp] === ih && sl[sp] >= code[i + LO] >>> 0) ? code[i + X] : i + 2 * S;
          break;
        }
        case 115: {
          sp--;
          const ih = code[i + HI] >>> 0;
          i = sh[sp] < ih || (sh[sp] === ih && sl[sp] <= code[i + LO] >>> 0) ? code[i + X] : i + 2 * S;
          break;
        }
        case 140:
          sh[sp - 1] &= code[i + HI];
          sl[sp - 1] &= code[i + LO];
          i += 2 * S;
          break;
        case 141:
          sh[sp - 1] |= code[i + HI];
          sl[sp - 1] |= code[i + LO];
          i += 2 * S;
          break;
        case 142:
          sh[sp - 1] ^= code[i + HI];
          sl[sp - 1] ^= code[i + LO];
          i += 2 * S;
          break;
        case 143: {
          const a = sp - 1;
          const lo = sl[a] + (code[i + LO] >>> 0);
          sl[a] = lo;
          sh[a] = sh[a] + code[i + HI] + (lo > 0xffffffff ? 1 : 0);
          i += 2 * S;
          break;
        }
        case 144: {
          const a = sp - 1;
          const lo = sl[a] - (code[i + LO] >>> 0);
          sl[a] = lo;
          sh[a] = sh[a] - code[i + HI] - (lo < 0 ? 1 : 0);
          i += 2 * S;
          break;
        }
        case 145: {
          const a = sp - 1;
          const kl = code[i + LO] >>> 0;
          const kh = code[i + HI];
          const x = sl[a] * kl;
          if (sh[a] === 0 && kh === 0 && x <= Number.MAX_SAFE_INTEGER) {
            sl[a] = x;
            sh[a] = Math.floor(x / 4294967296);
          } else {
            mul64(sh[a], sl[a], kh >>> 0, kl);
            sh[a] = W.hi;
            sl[a] = W.lo;
          }
          i += 2 * S;
          break;
        }
        case 146:
        case 147: {
          const a = sp - 1;
          const c = code[i + LO] & 63;
          if (op === 146) {
            if (c >= 32) {
              sh[a] = sl[a] << (c - 32);
              sl[a] = 0;
            } else if (c > 0) {
              sh[a] = (sh[a] << c) | (sl[a] >>> (32 - c));
              sl[a] = sl[a] << c;
            }
          } else if (c >= 32) {
            sl[a] = sh[a] >>> (c - 32);
            sh[a] = 0;
          } else if (c > 0) {
            sl[a] = (sl[a] >>> c) | (sh[a] << (32 - c));
            sh[a] = sh[a] >>> c;
          }
          i += 2 * S;
          break;
        }
        case 150: {
          // LDn off; PUSH mask; AND
          const off = code[i + A];
          const width = code[i + X];
          if (off + width > len) return this.fault(FAULT.BOUNDS, i);
          const o = b + off;
          const v = width === 1 ? p[o] : width === 2 ? (p[o] << 8) | p[o + 1] : (p[o] << 24) | (p[o + 1] << 16) | (p[o + 2] << 8) | p[o + 3];
          sh[sp] = 0;
          sl[sp] = v & code[i + LO];
          sp++;
          i += 3 * S;
          break;
        }
        case 151:
          this.valueHi = code[i + HI] >>> 0;
          this.valueLo = code[i + LO] >>> 0;
          return (code[i + HI] | code[i + LO]) !== 0 ? ACCEPT : DROP;
        case 152: {
          // LDn off; PUSH mask; AND; PUSH k; MUL with mask * k below 2^32
          const off = code[i + A];
          const width = code[i + X];
          if (off + width > len) return this.fault(FAULT.BOUNDS, i);
          const o = b + off;
          const v = width === 1 ? p[o] : width === 2 ? (p[o] << 8) | p[o + 1] : (p[o] << 24) | (p[o + 1] << 16) | (p[o + 2] << 8) | p[o + 3];
          sh[sp] = 0;
          sl[sp] = ((v & code[i + Z]) >>> 0) * (code[i + LO] >>> 0);
          sp++;
          i += 5 * S;
          break;
        }
        default:
          return assertNever(op, 'interpreter');
      }
    }
  }

  private fault(code: number, i: number): number {
    this.faultPc = this.pcs[(i / S) | 0];
    return code;
  }
}
