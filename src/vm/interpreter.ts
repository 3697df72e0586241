// The interpreter tier: runs a verified program over pre-decoded typed arrays with a
// switch on the opcode. Values are kept as unsigned 32-bit halves in two Uint32Array stacks,
// so 64-bit arithmetic is exact and nothing is allocated per instruction or per packet.
// Because the program is verified, there are no stack checks at run time; the only faults
// left are packet bounds, division by zero and the instruction limit.

import { FAULT } from '../diag/codes.js';
import { OP, type OpCode, assertNever } from '../isa/index.js';
import type { VerifiedProgram } from '../verify/verify.js';
import type { FlowTable } from './flow-table.js';
import { HDR, OUT, headerField, hash5, hash6, ipv4ChecksumOk, ipv6ExtField, ipVersion, locateHeaders } from './packet-ops.js';
import { REM, W, divmod64, mul64 } from './halves.js';
import { DEFAULT_INSN_LIMIT, MAX_STACK } from './reference.js';
import { ACCEPT, DROP, type RunResult, makeResult } from './result.js';
import { toBigInt } from './halves.js';

export interface MachineOptions {
  /** Instructions allowed per run (default 10000). */
  readonly insnLimit?: number;
  /** Flow table for FLOW_LOAD/FLOW_STORE; without one, loads give 0 and stores do nothing. */
  readonly flowTable?: FlowTable;
}

/** Compare the 128-bit values in slots s,s+1 (a) and s+2,s+3 (b): -1, 0 or 1. */
function cmp128(sh: Uint32Array, sl: Uint32Array, s: number): number {
  if (sh[s] !== sh[s + 2]) return sh[s] < sh[s + 2] ? -1 : 1;
  if (sl[s] !== sl[s + 2]) return sl[s] < sl[s + 2] ? -1 : 1;
  if (sh[s + 1] !== sh[s + 3]) return sh[s + 1] < sh[s + 3] ? -1 : 1;
  if (sl[s + 1] !== sl[s + 3]) return sl[s + 1] < sl[s + 3] ? -1 : 1;
  return 0;
}

/** Compare 64-bit values in slots s (a) and s+1 (b): -1, 0 or 1. */
function cmp64(sh: Uint32Array, sl: Uint32Array, s: number): number {
  if (sh[s] !== sh[s + 1]) return sh[s] < sh[s + 1] ? -1 : 1;
  if (sl[s] !== sl[s + 1]) return sl[s] < sl[s + 1] ? -1 : 1;
  return 0;
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

  private readonly ops: Uint8Array;
  private readonly args: Int32Array;
  private readonly immHi: Uint32Array;
  private readonly immLo: Uint32Array;
  private readonly wide: Uint32Array;
  private readonly pcs: Int32Array;
  private readonly sh = new Uint32Array(MAX_STACK + 1);
  private readonly sl = new Uint32Array(MAX_STACK + 1);

  constructor(program: VerifiedProgram, options: MachineOptions = {}) {
    this.program = program;
    this.insnLimit = options.insnLimit ?? DEFAULT_INSN_LIMIT;
    this.flowTable = options.flowTable;
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
  }

  /** Run one packet and return a result object (allocates; use `exec` on hot paths). */
  run(packet: Uint8Array, timestampNs = 0n): RunResult {
    const ts = BigInt.asUintN(64, timestampNs);
    const status = this.exec(packet, Number(ts >> 32n), Number(ts & 0xffffffffn));
    return makeResult(status, toBigInt(this.valueHi, this.valueLo), this.faultPc);
  }

  /**
   * Run one packet.
   * @param p the packet bytes
   * @param tsHi high 32 bits of the capture timestamp in ns since the Unix epoch (for TSTAMP)
   * @param tsLo low 32 bits of the timestamp
   * @returns 1 accept, 0 drop, or a negative fault code (then `faultPc` says where)
   */
  exec(p: Uint8Array, tsHi = 0, tsLo = 0): number {
    const ops = this.ops;
    const args = this.args;
    const sh = this.sh;
    const sl = this.sl;
    const len = p.length;
    const limit = this.insnLimit;
    let i = 0;
    let sp = 0;
    let count = 0;
    let parsed = false;
    for (;;) {
      if (++count > limit) return this.fault(FAULT.LIMIT, i);
      const op = ops[i] as OpCode;
      switch (op) {
        case OP.ld8: {
          const off = args[i];
          if (off + 1 > len) return this.fault(FAULT.BOUNDS, i);
          sh[sp] = 0;
          sl[sp] = p[off];
          sp++;
          i++;
          break;
        }
        case OP.ld16: {
          const off = args[i];
          if (off + 2 > len) return this.fault(FAULT.BOUNDS, i);
          sh[sp] = 0;
          sl[sp] = (p[off] << 8) | p[off + 1];
          sp++;
          i++;
          break;
        }
        case OP.ld32: {
          const off = args[i];
          if (off + 4 > len) return this.fault(FAULT.BOUNDS, i);
          sh[sp] = 0;
          sl[sp] = (p[off] << 24) | (p[off + 1] << 16) | (p[off + 2] << 8) | p[off + 3];
          sp++;
          i++;
          break;
        }
        case OP.ld64: {
          const off = args[i];
          if (off + 8 > len) return this.fault(FAULT.BOUNDS, i);
          sh[sp] = (p[off] << 24) | (p[off + 1] << 16) | (p[off + 2] << 8) | p[off + 3];
          sl[sp] = (p[off + 4] << 24) | (p[off + 5] << 16) | (p[off + 6] << 8) | p[off + 7];
          sp++;
          i++;
          break;
        }
        case OP.ldx8:
        case OP.ldx16:
        case OP.ldx32:
        case OP.ldx64: {
          const t = sp - 1;
          const width = op === OP.ldx8 ? 1 : op === OP.ldx16 ? 2 : op === OP.ldx32 ? 4 : 8;
          // A base of 2^32 or more is always past the end of a packet.
          const off = sl[t] + args[i];
          if (sh[t] !== 0 || off + width > len) return this.fault(FAULT.BOUNDS, i);
          if (width === 1) {
            sh[t] = 0;
            sl[t] = p[off];
          } else if (width === 2) {
            sh[t] = 0;
            sl[t] = (p[off] << 8) | p[off + 1];
          } else if (width === 4) {
            sh[t] = 0;
            sl[t] = (p[off] << 24) | (p[off + 1] << 16) | (p[off + 2] << 8) | p[off + 3];
          } else {
            sh[t] = (p[off] << 24) | (p[off + 1] << 16) | (p[off + 2] << 8) | p[off + 3];
            sl[t] = (p[off + 4] << 24) | (p[off + 5] << 16) | (p[off + 6] << 8) | p[off + 7];
          }
          i++;
          break;
        }
        case OP.hdr:
          // Header facts are computed once per run, on first use.
          if (!parsed) {
            locateHeaders(p, len);
            parsed = true;
          }
          sh[sp] = 0;
          sl[sp] = headerField(args[i]);
          sp++;
          i++;
          break;
        case OP.ldx128: {
          const t = sp - 1;
          const off = sl[t] + args[i];
          if (sh[t] !== 0 || off + 16 > len) return this.fault(FAULT.BOUNDS, i);
          for (let k = 0; k < 4; k++) {
            const o = off + 4 * k;
            const word = (p[o] << 24) | (p[o + 1] << 16) | (p[o + 2] << 8) | p[o + 3];
            if ((k & 1) === 0) sh[t + (k >> 1)] = word;
            else sl[t + (k >> 1)] = word;
          }
          sp++;
          i++;
          break;
        }
        case OP.tstamp:
          sh[sp] = tsHi;
          sl[sp] = tsLo;
          sp++;
          i++;
          break;
        case OP.len:
          sh[sp] = 0;
          sl[sp] = len;
          sp++;
          i++;
          break;
        case OP.push:
          sh[sp] = this.immHi[i];
          sl[sp] = this.immLo[i];
          sp++;
          i++;
          break;
        case OP.pop:
          sp--;
          i++;
          break;
        case OP.dup:
          sh[sp] = sh[sp - 1];
          sl[sp] = sl[sp - 1];
          sp++;
          i++;
          break;
        case OP.swap: {
          const h = sh[sp - 1];
          const l = sl[sp - 1];
          sh[sp - 1] = sh[sp - 2];
          sl[sp - 1] = sl[sp - 2];
          sh[sp - 2] = h;
          sl[sp - 2] = l;
          i++;
          break;
        }
        case OP.add: {
          sp--;
          const a = sp - 1;
          const lo = sl[a] + sl[sp];
          sl[a] = lo;
          sh[a] = sh[a] + sh[sp] + (lo > 0xffffffff ? 1 : 0);
          i++;
          break;
        }
        case OP.sub: {
          sp--;
          const a = sp - 1;
          const lo = sl[a] - sl[sp];
          sl[a] = lo;
          sh[a] = sh[a] - sh[sp] - (lo < 0 ? 1 : 0);
          i++;
          break;
        }
        case OP.mul: {
          sp--;
          const a = sp - 1;
          mul64(sh[a], sl[a], sh[sp], sl[sp]);
          sh[a] = W.hi;
          sl[a] = W.lo;
          i++;
          break;
        }
        case OP.div:
        case OP.mod: {
          sp--;
          const a = sp - 1;
          if (sh[sp] === 0 && sl[sp] === 0) return this.fault(FAULT.DIVISION_BY_ZERO, i);
          divmod64(sh[a], sl[a], sh[sp], sl[sp]);
          if (op === OP.div) {
            sh[a] = W.hi;
            sl[a] = W.lo;
          } else {
            sh[a] = REM.hi;
            sl[a] = REM.lo;
          }
          i++;
          break;
        }
        case OP.and:
          sp--;
          sh[sp - 1] &= sh[sp];
          sl[sp - 1] &= sl[sp];
          i++;
          break;
        case OP.or:
          sp--;
          sh[sp - 1] |= sh[sp];
          sl[sp - 1] |= sl[sp];
          i++;
          break;
        case OP.xor:
          sp--;
          sh[sp - 1] ^= sh[sp];
          sl[sp - 1] ^= sl[sp];
          i++;
          break;
        case OP.shl: {
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
        case OP.shr: {
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
        case OP.not:
          sh[sp - 1] = ~sh[sp - 1];
          sl[sp - 1] = ~sl[sp - 1];
          i++;
          break;
        case OP.neg: {
          const a = sp - 1;
          const lo = -sl[a];
          sl[a] = lo;
          sh[a] = -sh[a] - (lo < 0 ? 1 : 0);
          i++;
          break;
        }
        case OP.eq:
        case OP.ne:
        case OP.gt:
        case OP.lt:
        case OP.ge:
        case OP.le: {
          sp -= 2;
          const c = cmp64(sh, sl, sp);
          const t =
            op === OP.eq ? c === 0 : op === OP.ne ? c !== 0 : op === OP.gt ? c > 0 : op === OP.lt ? c < 0 : op === OP.ge ? c >= 0 : c <= 0;
          sh[sp] = 0;
          sl[sp] = t ? 1 : 0;
          sp++;
          i++;
          break;
        }
        case OP.jmp:
          i = args[i];
          break;
        case OP.jeq:
          sp -= 2;
          i = sl[sp] === sl[sp + 1] && sh[sp] === sh[sp + 1] ? args[i] : i + 1;
          break;
        case OP.jne:
          sp -= 2;
          i = sl[sp] !== sl[sp + 1] || sh[sp] !== sh[sp + 1] ? args[i] : i + 1;
          break;
        case OP.jgt:
          sp -= 2;
          i = sh[sp] > sh[sp + 1] || (sh[sp] === sh[sp + 1] && sl[sp] > sl[sp + 1]) ? args[i] : i + 1;
          break;
        case OP.jlt:
          sp -= 2;
          i = sh[sp] < sh[sp + 1] || (sh[sp] === sh[sp + 1] && sl[sp] < sl[sp + 1]) ? args[i] : i + 1;
          break;
        case OP.jge:
          sp -= 2;
          i = sh[sp] > sh[sp + 1] || (sh[sp] === sh[sp + 1] && sl[sp] >= sl[sp + 1]) ? args[i] : i + 1;
          break;
        case OP.jle:
          sp -= 2;
          i = sh[sp] < sh[sp + 1] || (sh[sp] === sh[sp + 1] && sl[sp] <= sl[sp + 1]) ? args[i] : i + 1;
          break;
        case OP.ret:
          sp--;
          this.valueHi = sh[sp];
          this.valueLo = sl[sp];
          return (sh[sp] | sl[sp]) !== 0 ? ACCEPT : DROP;
        case OP.hash5:
        case OP.hash6:
          if (op === OP.hash5) hash5(p, len);
          else hash6(p, len);
          sh[sp] = OUT.hi;
          sl[sp] = OUT.lo;
          sp++;
          i++;
          break;
        case OP.csum:
          sh[sp] = 0;
          sl[sp] = ipv4ChecksumOk(p, len);
          sp++;
          i++;
          break;
        case OP.parse:
          if (!parsed) {
            locateHeaders(p, len);
            parsed = true;
          }
          sh[sp] = 0;
          sl[sp] = HDR.l4;
          sp++;
          i++;
          break;
        case OP.ip_ver:
          sh[sp] = 0;
          sl[sp] = ipVersion(p, len);
          sp++;
          i++;
          break;
        case OP.ipv6_ext:
          sh[sp] = 0;
          sl[sp] = ipv6ExtField(p, len, args[i]);
          sp++;
          i++;
          break;
        case OP.flow_load: {
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
        case OP.flow_store:
          sp -= 2;
          this.flowTable?.store(sh[sp], sl[sp], sh[sp + 1], sl[sp + 1]);
          i++;
          break;
        case OP.ld128: {
          const off = args[i];
          if (off + 16 > len) return this.fault(FAULT.BOUNDS, i);
          for (let k = 0; k < 4; k++) {
            const o = off + 4 * k;
            const word = (p[o] << 24) | (p[o + 1] << 16) | (p[o + 2] << 8) | p[o + 3];
            if ((k & 1) === 0) sh[sp + (k >> 1)] = word;
            else sl[sp + (k >> 1)] = word;
          }
          sp += 2;
          i++;
          break;
        }
        case OP.push128: {
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
        case OP.eq128:
        case OP.ne128:
        case OP.gt128:
        case OP.lt128:
        case OP.ge128:
        case OP.le128: {
          sp -= 4;
          const c = cmp128(sh, sl, sp);
          const t =
            op === OP.eq128 ? c === 0 : op === OP.ne128 ? c !== 0 : op === OP.gt128 ? c > 0 : op === OP.lt128 ? c < 0 : op === OP.ge128 ? c >= 0 : c <= 0;
          sh[sp] = 0;
          sl[sp] = t ? 1 : 0;
          sp++;
          i++;
          break;
        }
        case OP.and128:
        case OP.or128:
        case OP.xor128: {
          sp -= 2;
          const a = sp - 2;
          for (let k = 0; k < 2; k++) {
            if (op === OP.and128) {
              sh[a + k] &= sh[sp + k];
              sl[a + k] &= sl[sp + k];
            } else if (op === OP.or128) {
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
        case OP.jeq128:
        case OP.jne128:
        case OP.jgt128:
        case OP.jlt128:
        case OP.jge128:
        case OP.jle128: {
          sp -= 4;
          const c = cmp128(sh, sl, sp);
          const t =
            op === OP.jeq128 ? c === 0 : op === OP.jne128 ? c !== 0 : op === OP.jgt128 ? c > 0 : op === OP.jlt128 ? c < 0 : op === OP.jge128 ? c >= 0 : c <= 0;
          i = t ? args[i] : i + 1;
          break;
        }
        case OP.and32:
        case OP.bulk_load128:
        case OP.parallel_eq128:
        case OP.stack_prefetch:
        case OP.eq32:
        case OP.push32:
          // Unreachable in a verified program; kept so the switch covers the whole table.
          return this.fault(FAULT.INVALID_OPCODE, i);
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
