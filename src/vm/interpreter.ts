// The interpreter tier: runs a verified program over pre-decoded typed arrays with a
// switch on the opcode. Values are kept as unsigned 32-bit halves in two Uint32Array stacks,
// so 64-bit arithmetic is exact and nothing is allocated per instruction or per packet.
// Because the program is verified, there are no stack checks at run time; the only faults
// left are packet bounds, division by zero and the instruction limit.

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

/**
 * Superinstructions made by the pre-decoder for loop-free programs (which need no instruction
 * counting): `LDn off; PUSH imm; Jcc` becomes one LOAD_CMP op and `PUSH imm; Jcc` one CMP_IMM
 * op. They are internal to the interpreter (codes 100 and up are never in bytecode) and keep
 * exact semantics: a bounds fault still names the load's pc. The condition is the low digit:
 * 0 eq, 1 ne, 2 gt, 3 lt, 4 ge, 5 le.
 */
const LOAD_CMP = 100;
const CMP_IMM = 110;
/** `LDXn off; PUSH imm; Jcc` (n up to 32) on a base below 2^32 known from the verifier's ranges, or checked. */
const LOADX_CMP = 120;
/** `HDR s; PUSH imm; Jcc`. */
const HDR_CMP = 130;
/** `PUSH imm; OP` for OP and, or, xor, add, sub, mul, shl, shr (by ALU_INDEX): the op with an immediate. */
const ALU_IMM = 140;
/** `LDn off; PUSH mask; AND` (n up to 32). */
const LOAD_MASK = 150;
/** `PUSH imm; RET`. */
const RET_IMM = 151;
type Cond = 0 | 1 | 2 | 3 | 4 | 5;
type InternalOp =
  | 100 | 101 | 102 | 103 | 104 | 105
  | 110 | 111 | 112 | 113 | 114 | 115
  | 120 | 121 | 122 | 123 | 124 | 125
  | 130 | 131 | 132 | 133 | 134 | 135
  | 140 | 141 | 142 | 143 | 144 | 145 | 146 | 147
  | 150 | 151;
const CONDITION_OF: Partial<Record<number, Cond>> = { 19: 0, 20: 1, 21: 2, 22: 3, 29: 4, 30: 5 };
const LOAD_WIDTH: Partial<Record<number, number>> = { 0: 1, 1: 2, 2: 4 };
const LOADX_WIDTH: Partial<Record<number, number>> = { 65: 1, 66: 2, 67: 4 };
/** and, or, xor, add, sub, mul, shl, shr: their ALU_IMM offsets. */
const ALU_INDEX: Partial<Record<number, number>> = { 12: 0, 13: 1, 14: 2, 8: 3, 9: 4, 10: 5, 16: 6, 17: 7 };

/** Unsigned compare of a 32-bit value v (high half 0) with imm, by condition digit. */
function condHolds(cond: number, v: number, immHi: number, immLo: number): boolean {
  const c = immHi !== 0 ? -1 : v < immLo ? -1 : v > immLo ? 1 : 0;
  return cond === 0 ? c === 0 : cond === 1 ? c !== 0 : cond === 2 ? c > 0 : cond === 3 ? c < 0 : cond === 4 ? c >= 0 : c <= 0;
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
  private readonly ops: Uint8Array;
  private readonly args: Int32Array;
  private readonly immHi: Uint32Array;
  private readonly immLo: Uint32Array;
  private readonly wide: Uint32Array;
  private readonly pcs: Int32Array;
  private readonly aux: Int32Array;
  private readonly sets: readonly SetIndex[];
  private readonly sh = new Uint32Array(MAX_STACK + 1);
  private readonly sl = new Uint32Array(MAX_STACK + 1);

  constructor(program: VerifiedProgram, options: MachineOptions = {}) {
    this.program = program;
    this.insnLimit = options.insnLimit ?? DEFAULT_INSN_LIMIT;
    this.flowTable = options.flowTable;
    this.countsInsns = program.maxPathLength === undefined || program.maxPathLength > this.insnLimit;
    const n = program.insns.length;
    this.ops = new Uint8Array(n);
    this.args = new Int32Array(n);
    this.immHi = new Uint32Array(n);
    this.immLo = new Uint32Array(n);
    this.pcs = new Int32Array(n);
    const wide: number[] = [];
    for (let i = 0; i < n; i++) {
      const insn = program.insns[i];
      this.ops[i] = insn.op.code;
      this.pcs[i] = insn.pc;
      if (insn.op.format === 'rel16') this.args[i] = program.indexOfPc[insn.target];
      else this.args[i] = insn.arg;
      if (insn.op.format === 'imm64') {
        this.immHi[i] = Number(insn.imm >> 32n);
        this.immLo[i] = Number(insn.imm & 0xffffffffn);
      } else if (insn.op.format === 'imm128') {
        this.args[i] = wide.length;
        for (let shift = 96n; shift >= 0n; shift -= 32n) wide.push(Number((insn.imm >> shift) & 0xffffffffn));
      }
    }
    this.wide = Uint32Array.from(wide);
    this.sets = prepareSets(program.tables);
    this.aux = new Int32Array(n);
    if (!this.countsInsns) this.fuse();
  }

  /**
   * Replace runs of instructions with superinstructions (none may be a jump target inside):
   * LOAD/PUSH/Jcc, LDX/PUSH/Jcc, HDR/PUSH/Jcc, LOAD/PUSH/AND, PUSH/Jcc, PUSH/ALU op, PUSH/RET.
   * The first instruction's slot holds the fused op; immHi/immLo the immediate, aux the width
   * or selector, and aux of the next slot the jump target. Faults still name the load's pc.
   */
  private fuse(): void {
    const n = this.ops.length;
    const isTarget = new Uint8Array(n + 1);
    for (const insn of this.program.insns) if (insn.op.format === 'rel16') isTarget[this.program.indexOfPc[insn.target]] = 1;
    const free = (k: number): boolean => k < n && isTarget[k] === 0;
    for (let i = 0; i + 1 < n; i++) {
      const op = this.ops[i];
      const pushNext = free(i + 1) && this.ops[i + 1] === 4;
      const cond = i + 2 < n && free(i + 2) ? CONDITION_OF[this.ops[i + 2]] : undefined;
      const width = LOAD_WIDTH[op];
      if (width !== undefined && pushNext && cond !== undefined) {
        this.fuseTriple(i, LOAD_CMP + cond, width);
        i += 2;
      } else if (width !== undefined && pushNext && i + 2 < n && free(i + 2) && this.ops[i + 2] === 12) {
        this.ops[i] = LOAD_MASK;
        this.aux[i] = width;
        this.immHi[i] = this.immHi[i + 1];
        this.immLo[i] = this.immLo[i + 1];
        i += 2;
      } else if (LOADX_WIDTH[op] !== undefined && pushNext && cond !== undefined) {
        this.fuseTriple(i, LOADX_CMP + cond, LOADX_WIDTH[op]!);
        i += 2;
      } else if (op === 70 && pushNext && cond !== undefined) {
        this.fuseTriple(i, HDR_CMP + cond, this.args[i]);
        i += 2;
      } else if (op === 4 && free(i + 1)) {
        const next = this.ops[i + 1];
        const c = CONDITION_OF[next];
        const alu = ALU_INDEX[next];
        if (c !== undefined) {
          this.ops[i] = CMP_IMM + c;
          this.aux[i] = this.args[i + 1];
          i += 1;
        } else if (alu !== undefined) {
          this.ops[i] = ALU_IMM + alu;
          i += 1;
        } else if (next === 23) {
          this.ops[i] = RET_IMM;
          i += 1;
        }
      }
    }
  }

  /** X; PUSH imm; Jcc at i: the fused op, aux = width or selector, imm, target in aux[i + 1]. */
  private fuseTriple(i: number, op: number, aux: number): void {
    this.ops[i] = op;
    this.aux[i] = aux;
    this.immHi[i] = this.immHi[i + 1];
    this.immLo[i] = this.immLo[i + 1];
    this.aux[i + 1] = this.args[i + 2];
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
    const ops = this.ops;
    const args = this.args;
    const sh = this.sh;
    const sl = this.sl;
    const aux = this.aux;
    const immHi = this.immHi;
    const immLo = this.immLo;
    // Loop-free programs whose longest path fits the limit never need counting.
    const limit = this.countsInsns ? this.insnLimit : 0x7fffffff;
    let i = 0;
    let sp = 0;
    let count = 0;
    let parsed = false;
    for (;;) {
      if (++count > limit) return this.fault(FAULT.LIMIT, i);
      const op = ops[i] as OpCode | InternalOp;
      switch (op) {
        case 0 satisfies Code<'ld8'>: {
          const off = args[i];
          if (off + 1 > len) return this.fault(FAULT.BOUNDS, i);
          sh[sp] = 0;
          sl[sp] = p[b + off];
          sp++;
          i++;
          break;
        }
        case 1 satisfies Code<'ld16'>: {
          const off = args[i];
          if (off + 2 > len) return this.fault(FAULT.BOUNDS, i);
          sh[sp] = 0;
          sl[sp] = (p[b + off] << 8) | p[b + off + 1];
          sp++;
          i++;
          break;
        }
        case 2 satisfies Code<'ld32'>: {
          const off = args[i];
          if (off + 4 > len) return this.fault(FAULT.BOUNDS, i);
          sh[sp] = 0;
          sl[sp] = (p[b + off] << 24) | (p[b + off + 1] << 16) | (p[b + off + 2] << 8) | p[b + off + 3];
          sp++;
          i++;
          break;
        }
        case 3 satisfies Code<'ld64'>: {
          const off = args[i];
          if (off + 8 > len) return this.fault(FAULT.BOUNDS, i);
          sh[sp] = (p[b + off] << 24) | (p[b + off + 1] << 16) | (p[b + off + 2] << 8) | p[b + off + 3];
          sl[sp] = (p[b + off + 4] << 24) | (p[b + off + 5] << 16) | (p[b + off + 6] << 8) | p[b + off + 7];
          sp++;
          i++;
          break;
        }
        case 65 satisfies Code<'ldx8'>:
        case 66 satisfies Code<'ldx16'>:
        case 67 satisfies Code<'ldx32'>:
        case 68 satisfies Code<'ldx64'>: {
          const t = sp - 1;
          const width = op === (65 satisfies Code<'ldx8'>) ? 1 : op === (66 satisfies Code<'ldx16'>) ? 2 : op === (67 satisfies Code<'ldx32'>) ? 4 : 8;
          // A base of 2^32 or more is always past the end of a packet.
          const off = sl[t] + args[i];
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
          i++;
          break;
        }
        case 70 satisfies Code<'hdr'>:
          // Header facts are computed once per run, on first use.
          if (!parsed) {
            locateHeaders(p, b, len);
            parsed = true;
          }
          sh[sp] = 0;
          sl[sp] = headerField(args[i]);
          sp++;
          i++;
          break;
        case 71 satisfies Code<'ldx128'>: {
          const t = sp - 1;
          const off = sl[t] + args[i];
          if (sh[t] !== 0 || off + 16 > len) return this.fault(FAULT.BOUNDS, i);
          for (let k = 0; k < 4; k++) {
            const o = off + 4 * k;
            const word = (p[b + o] << 24) | (p[b + o + 1] << 16) | (p[b + o + 2] << 8) | p[b + o + 3];
            if ((k & 1) === 0) sh[t + (k >> 1)] = word;
            else sl[t + (k >> 1)] = word;
          }
          sp++;
          i++;
          break;
        }
        case 72 satisfies Code<'tstamp'>:
          sh[sp] = tsHi;
          sl[sp] = tsLo;
          sp++;
          i++;
          break;
        case 74 satisfies Code<'inset'>:
          sl[sp - 1] = inSet64(this.sets[args[i]], sh[sp - 1], sl[sp - 1]);
          sh[sp - 1] = 0;
          i++;
          break;
        case 75 satisfies Code<'inset128'>:
          sp--;
          sl[sp - 1] = inSet128(this.sets[args[i]], sh[sp - 1], sl[sp - 1], sh[sp], sl[sp]);
          sh[sp - 1] = 0;
          i++;
          break;
        case 73 satisfies Code<'wirelen'>:
          sh[sp] = 0;
          sl[sp] = wireLength >>> 0;
          sp++;
          i++;
          break;
        case 69 satisfies Code<'len'>:
          sh[sp] = 0;
          sl[sp] = len;
          sp++;
          i++;
          break;
        case 4 satisfies Code<'push'>:
          sh[sp] = immHi[i];
          sl[sp] = immLo[i];
          sp++;
          i++;
          break;
        case 5 satisfies Code<'pop'>:
          sp--;
          i++;
          break;
        case 6 satisfies Code<'dup'>:
          sh[sp] = sh[sp - 1];
          sl[sp] = sl[sp - 1];
          sp++;
          i++;
          break;
        case 7 satisfies Code<'swap'>: {
          const h = sh[sp - 1];
          const l = sl[sp - 1];
          sh[sp - 1] = sh[sp - 2];
          sl[sp - 1] = sl[sp - 2];
          sh[sp - 2] = h;
          sl[sp - 2] = l;
          i++;
          break;
        }
        case 8 satisfies Code<'add'>: {
          sp--;
          const a = sp - 1;
          const lo = sl[a] + sl[sp];
          sl[a] = lo;
          sh[a] = sh[a] + sh[sp] + (lo > 0xffffffff ? 1 : 0);
          i++;
          break;
        }
        case 9 satisfies Code<'sub'>: {
          sp--;
          const a = sp - 1;
          const lo = sl[a] - sl[sp];
          sl[a] = lo;
          sh[a] = sh[a] - sh[sp] - (lo < 0 ? 1 : 0);
          i++;
          break;
        }
        case 10 satisfies Code<'mul'>: {
          sp--;
          const a = sp - 1;
          mul64(sh[a], sl[a], sh[sp], sl[sp]);
          sh[a] = W.hi;
          sl[a] = W.lo;
          i++;
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
          i++;
          break;
        }
        case 12 satisfies Code<'and'>:
          sp--;
          sh[sp - 1] &= sh[sp];
          sl[sp - 1] &= sl[sp];
          i++;
          break;
        case 13 satisfies Code<'or'>:
          sp--;
          sh[sp - 1] |= sh[sp];
          sl[sp - 1] |= sl[sp];
          i++;
          break;
        case 14 satisfies Code<'xor'>:
          sp--;
          sh[sp - 1] ^= sh[sp];
          sl[sp - 1] ^= sl[sp];
          i++;
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
          i++;
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
          i++;
          break;
        }
        case 31 satisfies Code<'not'>:
          sh[sp - 1] = ~sh[sp - 1];
          sl[sp - 1] = ~sl[sp - 1];
          i++;
          break;
        case 32 satisfies Code<'neg'>: {
          const a = sp - 1;
          const lo = -sl[a];
          sl[a] = lo;
          sh[a] = -sh[a] - (lo < 0 ? 1 : 0);
          i++;
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
          i++;
          break;
        }
        case 18 satisfies Code<'jmp'>:
          i = args[i];
          break;
        case 19 satisfies Code<'jeq'>:
          sp -= 2;
          i = sl[sp] === sl[sp + 1] && sh[sp] === sh[sp + 1] ? args[i] : i + 1;
          break;
        case 20 satisfies Code<'jne'>:
          sp -= 2;
          i = sl[sp] !== sl[sp + 1] || sh[sp] !== sh[sp + 1] ? args[i] : i + 1;
          break;
        case 21 satisfies Code<'jgt'>:
          sp -= 2;
          i = sh[sp] > sh[sp + 1] || (sh[sp] === sh[sp + 1] && sl[sp] > sl[sp + 1]) ? args[i] : i + 1;
          break;
        case 22 satisfies Code<'jlt'>:
          sp -= 2;
          i = sh[sp] < sh[sp + 1] || (sh[sp] === sh[sp + 1] && sl[sp] < sl[sp + 1]) ? args[i] : i + 1;
          break;
        case 29 satisfies Code<'jge'>:
          sp -= 2;
          i = sh[sp] > sh[sp + 1] || (sh[sp] === sh[sp + 1] && sl[sp] >= sl[sp + 1]) ? args[i] : i + 1;
          break;
        case 30 satisfies Code<'jle'>:
          sp -= 2;
          i = sh[sp] < sh[sp + 1] || (sh[sp] === sh[sp + 1] && sl[sp] <= sl[sp + 1]) ? args[i] : i + 1;
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
          i++;
          break;
        case 25 satisfies Code<'csum'>:
          sh[sp] = 0;
          sl[sp] = ipv4ChecksumOk(p, b, len);
          sp++;
          i++;
          break;
        case 26 satisfies Code<'parse'>:
          if (!parsed) {
            locateHeaders(p, b, len);
            parsed = true;
          }
          sh[sp] = 0;
          sl[sp] = HDR.l4;
          sp++;
          i++;
          break;
        case 57 satisfies Code<'ip_ver'>:
          sh[sp] = 0;
          sl[sp] = ipVersion(p, b, len);
          sp++;
          i++;
          break;
        case 58 satisfies Code<'ipv6_ext'>:
          sh[sp] = 0;
          sl[sp] = ipv6ExtField(p, b, len, args[i]);
          sp++;
          i++;
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
          i++;
          break;
        }
        case 28 satisfies Code<'flow_store'>:
          sp -= 2;
          this.flowTable?.store(sh[sp], sl[sp], sh[sp + 1], sl[sp + 1]);
          i++;
          break;
        case 40 satisfies Code<'ld128'>: {
          const off = args[i];
          if (off + 16 > len) return this.fault(FAULT.BOUNDS, i);
          for (let k = 0; k < 4; k++) {
            const o = off + 4 * k;
            const word = (p[b + o] << 24) | (p[b + o + 1] << 16) | (p[b + o + 2] << 8) | p[b + o + 3];
            if ((k & 1) === 0) sh[sp + (k >> 1)] = word;
            else sl[sp + (k >> 1)] = word;
          }
          sp += 2;
          i++;
          break;
        }
        case 41 satisfies Code<'push128'>: {
          const w = this.wide;
          const at = args[i];
          sh[sp] = w[at];
          sl[sp] = w[at + 1];
          sh[sp + 1] = w[at + 2];
          sl[sp + 1] = w[at + 3];
          sp += 2;
          i++;
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
          i++;
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
          i++;
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
          i = t ? args[i] : i + 1;
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
        case 100:
        case 101:
        case 102:
        case 103:
        case 104:
        case 105: {
          const off = args[i];
          const width = aux[i];
          if (off + width > len) return this.fault(FAULT.BOUNDS, i);
          const v = width === 1 ? p[b + off] : width === 2 ? (p[b + off] << 8) | p[b + off + 1] : ((p[b + off] << 24) | (p[b + off + 1] << 16) | (p[b + off + 2] << 8) | p[b + off + 3]) >>> 0;
          i = condHolds(op - LOAD_CMP, v, immHi[i], immLo[i]) ? aux[i + 1] : i + 3;
          break;
        }
        case 120:
        case 121:
        case 122:
        case 123:
        case 124:
        case 125: {
          // LDXn off; PUSH imm; Jcc
          const t = sp - 1;
          const width = aux[i];
          const off = sl[t] + args[i];
          if (sh[t] !== 0 || off + width > len) return this.fault(FAULT.BOUNDS, i);
          sp = t;
          const v = width === 1 ? p[b + off] : width === 2 ? (p[b + off] << 8) | p[b + off + 1] : ((p[b + off] << 24) | (p[b + off + 1] << 16) | (p[b + off + 2] << 8) | p[b + off + 3]) >>> 0;
          i = condHolds(op - LOADX_CMP, v, immHi[i], immLo[i]) ? aux[i + 1] : i + 3;
          break;
        }
        case 130:
        case 131:
        case 132:
        case 133:
        case 134:
        case 135:
          // HDR s; PUSH imm; Jcc
          if (!parsed) {
            locateHeaders(p, b, len);
            parsed = true;
          }
          i = condHolds(op - HDR_CMP, headerField(aux[i]), immHi[i], immLo[i]) ? aux[i + 1] : i + 3;
          break;
        case 140:
          sh[sp - 1] &= immHi[i];
          sl[sp - 1] &= immLo[i];
          i += 2;
          break;
        case 141:
          sh[sp - 1] |= immHi[i];
          sl[sp - 1] |= immLo[i];
          i += 2;
          break;
        case 142:
          sh[sp - 1] ^= immHi[i];
          sl[sp - 1] ^= immLo[i];
          i += 2;
          break;
        case 143: {
          const a = sp - 1;
          const lo = sl[a] + immLo[i];
          sl[a] = lo;
          sh[a] = sh[a] + immHi[i] + (lo > 0xffffffff ? 1 : 0);
          i += 2;
          break;
        }
        case 144: {
          const a = sp - 1;
          const lo = sl[a] - immLo[i];
          sl[a] = lo;
          sh[a] = sh[a] - immHi[i] - (lo < 0 ? 1 : 0);
          i += 2;
          break;
        }
        case 145: {
          const a = sp - 1;
          const x = sl[a] * immLo[i];
          if (sh[a] === 0 && immHi[i] === 0 && x <= Number.MAX_SAFE_INTEGER) {
            sl[a] = x;
            sh[a] = Math.floor(x / 4294967296);
          } else {
            mul64(sh[a], sl[a], immHi[i], immLo[i]);
            sh[a] = W.hi;
            sl[a] = W.lo;
          }
          i += 2;
          break;
        }
        case 146:
        case 147: {
          const a = sp - 1;
          const c = immLo[i] & 63;
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
          i += 2;
          break;
        }
        case 150: {
          // LDn off; PUSH mask; AND
          const off = args[i];
          const width = aux[i];
          if (off + width > len) return this.fault(FAULT.BOUNDS, i);
          const v = width === 1 ? p[b + off] : width === 2 ? (p[b + off] << 8) | p[b + off + 1] : (p[b + off] << 24) | (p[b + off + 1] << 16) | (p[b + off + 2] << 8) | p[b + off + 3];
          sh[sp] = 0;
          sl[sp] = v & immLo[i];
          sp++;
          i += 3;
          break;
        }
        case 151:
          this.valueHi = immHi[i];
          this.valueLo = immLo[i];
          return (immHi[i] | immLo[i]) !== 0 ? ACCEPT : DROP;
        case 110:
        case 111:
        case 112:
        case 113:
        case 114:
        case 115: {
          sp--;
          const ih = immHi[i];
          const il = immLo[i];
          const c = sh[sp] !== ih ? (sh[sp] < ih ? -1 : 1) : sl[sp] !== il ? (sl[sp] < il ? -1 : 1) : 0;
          const cond = op - CMP_IMM;
          const t = cond === 0 ? c === 0 : cond === 1 ? c !== 0 : cond === 2 ? c > 0 : cond === 3 ? c < 0 : cond === 4 ? c >= 0 : c <= 0;
          i = t ? aux[i] : i + 2;
          break;
        }
        default:
          return assertNever(op, 'interpreter');
      }
    }
  }

  private fault(code: number, index: number): number {
    this.faultPc = this.pcs[index];
    return code;
  }
}
