// The closure tier ("function pointer tables"): every instruction is pre-decoded into one
// handler closure that has its operands, its stack depth (from the verifier) and its
// successor baked in, and returns the index of the next instruction, or STOP after it has
// set the status. Values are 32-bit halves in two Uint32Arrays, as in the interpreter, with
// the shared halves.ts helpers for exact 64-bit arithmetic. Loop-free programs run as block
// closures instead (blocks.ts: one closure per basic block, values in locals, successors
// called directly), with these handlers for the blocks that need 64-bit values. Needs
// neither eval nor WebAssembly.

import { FAULT } from '../../diag/codes.js';
import { OP, type OpCode, assertNever } from '../../isa/index.js';
import type { VerifiedProgram } from '../../verify/verify.js';
import type { FlowTable } from '../../vm/flow-table.js';
import { REM, W, divmod64, mul64, shl64, shr64 } from '../../vm/halves.js';
import { HDR, OUT, hash5, hash6, headerField, ipv4ChecksumOk, ipv6ExtField, ipVersion, locateHeaders } from '../../vm/packet-ops.js';
import { cmp128, cmp64 } from '../../vm/interpreter.js';
import { type SetIndex, inSet128, inSet64, prepareSets } from '../../vm/set-lookup.js';
import { CompiledFilter, runBatchViaExec } from '../filter.js';
import { type CodePlan, indirectLoadWidth } from '../plan.js';
import { type BlockHost, type BlockRun, FAST_FRAMES, compileBlocks } from './blocks.js';

const STOP = -1;
type Handler = (p: Uint8Array, b: number, len: number) => number;

function be32(p: Uint8Array, o: number): number {
  return ((p[o] << 24) | (p[o + 1] << 16) | (p[o + 2] << 8) | p[o + 3]) >>> 0;
}

/** The truth of a compare result c (-1, 0, 1) for each compare family member. */
const TEST: Record<'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le', (c: number) => boolean> = {
  eq: (c) => c === 0,
  ne: (c) => c !== 0,
  gt: (c) => c > 0,
  lt: (c) => c < 0,
  ge: (c) => c >= 0,
  le: (c) => c <= 0,
};

const LOAD_WIDTH: Partial<Record<string, number>> = { ld8: 1, ld16: 2, ld32: 4 };
const CONDITIONS = ['eq', 'ne', 'gt', 'lt', 'ge', 'le'] as const;

/** Condition number (index in CONDITIONS) of a 64-bit conditional jump. */
function condOf(name: string): number {
  return CONDITIONS.indexOf(name.slice(1) as (typeof CONDITIONS)[number]);
}

/** Does condition `cond` hold for a compare result c (-1, 0, 1)? Monomorphic, so it inlines. */
function holds(cond: number, c: number): boolean {
  return cond === 0 ? c === 0 : cond === 1 ? c !== 0 : cond === 2 ? c > 0 : cond === 3 ? c < 0 : cond === 4 ? c >= 0 : c <= 0;
}

function testOf(name: string): (c: number) => boolean {
  const key = name.replace(/^j/, '').replace(/128$/, '') as keyof typeof TEST;
  return TEST[key];
}

/**
 * Loop-free programs whose longest path crosses at most this many blocks run as block closures
 * (each block calls the next, so a longer path could exhaust the JS stack).
 */
const MAX_BLOCK_DEPTH = 1500;

/** The most blocks any path of a loop-free program runs through. */
function longestBlockPath(plan: CodePlan): number {
  const { blocks, program, blockAt, targetIndex } = plan;
  const depth = new Int32Array(blocks.length);
  for (let k = blocks.length - 1; k >= 0; k--) {
    const last = blocks[k].end - 1;
    const flow = program.insns[last].op.flow;
    let d = 0;
    if ((flow === 'next' || flow === 'branch') && k + 1 < blocks.length) d = depth[k + 1];
    if (flow === 'jump' || flow === 'branch') d = Math.max(d, depth[blockAt[targetIndex[last]]]);
    depth[k] = d + 1;
  }
  return blocks.length === 0 ? 0 : depth[0];
}
/** Programs with at most this many blocks get block closures per common frame shape as well. */
const MAX_FRAME_COPIES_BLOCKS = 300;

export class ClosureFilter extends CompiledFilter implements BlockHost {
  readonly tier = 'closure' as const;
  /** Status of the run (block closures and handlers set it on faults and returns). */
  status = 0;
  /** Header facts located in this run. */
  parsed = false;
  private tsHi = 0;
  private tsLo = 0;
  private wireLength = 0;
  private readonly handlers: Handler[];
  readonly sh: Uint32Array;
  readonly sl: Uint32Array;
  readonly scratch = new Float64Array(64);
  readonly sets: readonly SetIndex[];
  /** The entry block's closure when the program runs as block closures. */
  private readonly entry: BlockRun | undefined;
  /** The entry block reads header facts: they are located before it runs. */
  private readonly eagerHdr: boolean = false;
  /** Block closures for the common frame shapes (FAST_FRAMES), tried in order before the walk. */
  private readonly fast: readonly { test: (p: Uint8Array, b: number, len: number) => boolean; run: BlockRun }[] | undefined;
  private readonly countsInsns: boolean;
  private readonly insnLimit: number;
  private readonly pcs: Int32Array;

  constructor(plan: CodePlan, flowTable: FlowTable | undefined) {
    super(plan.program, flowTable);
    this.sets = prepareSets(plan.program.tables);
    this.countsInsns = plan.countsInsns;
    this.insnLimit = plan.insnLimit;
    this.pcs = plan.pcs;
    const sh = (this.sh = new Uint32Array(plan.program.maxDepth + 2));
    const sl = (this.sl = new Uint32Array(plan.program.maxDepth + 2));
    const hs = (this.handlers = plan.program.insns.map((_, i) => this.makeHandler(plan, i, sh, sl)));
    if (!plan.countsInsns && !plan.program.hasBackwardJumps && longestBlockPath(plan) <= MAX_BLOCK_DEPTH) {
      const first = plan.blocks[0];
      this.eagerHdr = plan.program.insns.slice(first.start, first.end).some((insn) => insn.op.code === OP.hdr || insn.op.code === OP.parse);
      // A block the block compiler does not take runs its per-instruction handlers.
      const handlerBlock = (start: number, end: number) => (p: Uint8Array, b: number, len: number): number => {
        let i = start;
        do i = hs[i](p, b, len);
        while (i >= start && i < end);
        return i;
      };
      this.entry = compileBlocks(plan, this, handlerBlock, this.eagerHdr);
      // Programs that walk the headers on every run get a copy per common frame shape whose
      // header facts are constants and fixed loads, so those frames skip the walk.
      if (this.eagerHdr && plan.blocks.length <= MAX_FRAME_COPIES_BLOCKS) {
        const copies = FAST_FRAMES.map((frame) => ({ test: frame.test, run: compileBlocks(plan, this, handlerBlock, false, frame) }));
        this.fast = copies;
      }
    } else if (!plan.countsInsns) this.fuse(plan);
  }

  /**
   * Superinstructions for programs that need no instruction counting: `LDn off; PUSH imm; Jcc`
   * and `PUSH imm; Jcc` become one handler at the first instruction, when nothing jumps into
   * the middle. The loaded or compared values are dead after the jump, so nothing else changes;
   * a bounds fault still names the load.
   */
  private fuse(plan: CodePlan): void {
    const insns = plan.program.insns;
    const targeted = new Uint8Array(insns.length);
    for (const t of plan.targetIndex) if (t >= 0) targeted[t] = 1;
    const branch = (k: number): boolean => k < insns.length && insns[k].op.flow === 'branch' && insns[k].op.pop === 2 && targeted[k] === 0;
    const push = (k: number): boolean => k < insns.length && insns[k].op.name === 'push' && targeted[k] === 0;
    for (let i = 0; i < insns.length; i++) {
      const width = LOAD_WIDTH[insns[i].op.name];
      if (width !== undefined && push(i + 1) && branch(i + 2)) {
        this.handlers[i] = this.loadCompare(insns[i].arg, width, insns[i].pc, insns[i + 1].imm, condOf(insns[i + 2].op.name), plan.targetIndex[i + 2], i + 3);
        i += 2;
      } else if (push(i) && branch(i + 1)) {
        const d = plan.program.depthIn[i] - 1;
        this.handlers[i] = this.compareImm(d, insns[i].imm, condOf(insns[i + 1].op.name), plan.targetIndex[i + 1], i + 2);
        i += 1;
      }
    }
  }

  private loadCompare(off: number, width: number, pc: number, imm: bigint, cond: number, target: number, next: number): Handler {
    const immHi = Number(imm >> 32n);
    const immLo = Number(imm & 0xffffffffn);
    const end = off + width;
    return (p, b, len) => {
      if (end > len) {
        this.status = FAULT.BOUNDS;
        this.faultPc = pc;
        return STOP;
      }
      const v = width === 1 ? p[b + off] : width === 2 ? (p[b + off] << 8) | p[b + off + 1] : be32(p, b + off);
      return holds(cond, immHi !== 0 ? -1 : v < immLo ? -1 : v > immLo ? 1 : 0) ? target : next;
    };
  }

  private compareImm(slot: number, imm: bigint, cond: number, target: number, next: number): Handler {
    const immHi = Number(imm >> 32n);
    const immLo = Number(imm & 0xffffffffn);
    const sh = this.sh;
    const sl = this.sl;
    return () => {
      const hi = sh[slot];
      const lo = sl[slot];
      return holds(cond, hi !== immHi ? (hi < immHi ? -1 : 1) : lo < immLo ? -1 : lo > immLo ? 1 : 0) ? target : next;
    };
  }

  private makeHandler(plan: CodePlan, i: number, sh: Uint32Array, sl: Uint32Array): Handler {
    const insn = plan.program.insns[i];
    const d = plan.program.depthIn[i];
    const t = d - 1;
    const next = i + 1;
    const target = plan.targetIndex[i];
    const arg = insn.arg;
    const pc = insn.pc;
    const op = insn.op.code as OpCode;
    const fault = (code: number): number => {
      this.status = code;
      this.faultPc = pc;
      return STOP;
    };
    const table = this.flowTable;
    switch (op) {
      case OP.ld8:
        return (p, b, len) => (arg + 1 > len ? fault(FAULT.BOUNDS) : ((sh[d] = 0), (sl[d] = p[b + arg]), next));
      case OP.ld16:
        return (p, b, len) => (arg + 2 > len ? fault(FAULT.BOUNDS) : ((sh[d] = 0), (sl[d] = (p[b + arg] << 8) | p[b + arg + 1]), next));
      case OP.ld32:
        return (p, b, len) => (arg + 4 > len ? fault(FAULT.BOUNDS) : ((sh[d] = 0), (sl[d] = be32(p, b + arg)), next));
      case OP.ld64:
        return (p, b, len) => (arg + 8 > len ? fault(FAULT.BOUNDS) : ((sh[d] = be32(p, b + arg)), (sl[d] = be32(p, b + arg + 4)), next));
      case OP.ld128:
        return (p, b, len) => {
          if (arg + 16 > len) return fault(FAULT.BOUNDS);
          sh[d] = be32(p, b + arg);
          sl[d] = be32(p, b + arg + 4);
          sh[d + 1] = be32(p, b + arg + 8);
          sl[d + 1] = be32(p, b + arg + 12);
          return next;
        };
      case OP.ldx8:
      case OP.ldx16:
      case OP.ldx32:
      case OP.ldx64:
      case OP.ldx128: {
        const width = indirectLoadWidth(insn.op);
        return (p, b, len) => {
          // A base of 2^32 or more is always past the end of a packet.
          const o = sl[t] + arg;
          if (sh[t] !== 0 || o + width > len) return fault(FAULT.BOUNDS);
          if (width === 1) sl[t] = p[b + o];
          else if (width === 2) sl[t] = (p[b + o] << 8) | p[b + o + 1];
          else if (width === 4) sl[t] = be32(p, b + o);
          else {
            sh[t] = be32(p, b + o);
            sl[t] = be32(p, b + o + 4);
            if (width === 16) {
              sh[t + 1] = be32(p, b + o + 8);
              sl[t + 1] = be32(p, b + o + 12);
            }
          }
          return next;
        };
      }
      case OP.push: {
        const hi = Number(insn.imm >> 32n);
        const lo = Number(insn.imm & 0xffffffffn);
        return () => ((sh[d] = hi), (sl[d] = lo), next);
      }
      case OP.push128: {
        const w = [96n, 64n, 32n, 0n].map((s) => Number((insn.imm >> s) & 0xffffffffn));
        return () => ((sh[d] = w[0]), (sl[d] = w[1]), (sh[d + 1] = w[2]), (sl[d + 1] = w[3]), next);
      }
      case OP.pop:
        return () => next;
      case OP.dup:
        return () => ((sh[d] = sh[t]), (sl[d] = sl[t]), next);
      case OP.swap:
        return () => {
          const h = sh[t];
          const l = sl[t];
          sh[t] = sh[t - 1];
          sl[t] = sl[t - 1];
          sh[t - 1] = h;
          sl[t - 1] = l;
          return next;
        };
      case OP.add:
        return () => {
          const lo = sl[t - 1] + sl[t];
          sl[t - 1] = lo;
          sh[t - 1] = sh[t - 1] + sh[t] + (lo > 0xffffffff ? 1 : 0);
          return next;
        };
      case OP.sub:
        return () => {
          const lo = sl[t - 1] - sl[t];
          sl[t - 1] = lo;
          sh[t - 1] = sh[t - 1] - sh[t] - (lo < 0 ? 1 : 0);
          return next;
        };
      case OP.mul:
        return () => (mul64(sh[t - 1], sl[t - 1], sh[t], sl[t]), (sh[t - 1] = W.hi), (sl[t - 1] = W.lo), next);
      case OP.div:
      case OP.mod: {
        const r = op === OP.div ? W : REM;
        return () => {
          if (sh[t] === 0 && sl[t] === 0) return fault(FAULT.DIVISION_BY_ZERO);
          divmod64(sh[t - 1], sl[t - 1], sh[t], sl[t]);
          sh[t - 1] = r.hi;
          sl[t - 1] = r.lo;
          return next;
        };
      }
      case OP.and:
        return () => ((sh[t - 1] &= sh[t]), (sl[t - 1] &= sl[t]), next);
      case OP.or:
        return () => ((sh[t - 1] |= sh[t]), (sl[t - 1] |= sl[t]), next);
      case OP.xor:
        return () => ((sh[t - 1] ^= sh[t]), (sl[t - 1] ^= sl[t]), next);
      case OP.shl:
        return () => (shl64(sh[t - 1], sl[t - 1], sl[t]), (sh[t - 1] = W.hi), (sl[t - 1] = W.lo), next);
      case OP.shr:
        return () => (shr64(sh[t - 1], sl[t - 1], sl[t]), (sh[t - 1] = W.hi), (sl[t - 1] = W.lo), next);
      case OP.not:
        return () => ((sh[t] = ~sh[t]), (sl[t] = ~sl[t]), next);
      case OP.neg:
        return () => {
          const lo = -sl[t];
          sl[t] = lo;
          sh[t] = -sh[t] - (lo < 0 ? 1 : 0);
          return next;
        };
      case OP.eq:
      case OP.ne:
      case OP.gt:
      case OP.lt:
      case OP.ge:
      case OP.le: {
        const test = testOf(insn.op.name);
        return () => ((sl[t - 1] = test(cmp64(sh, sl, t - 1)) ? 1 : 0), (sh[t - 1] = 0), next);
      }
      case OP.jeq:
        return () => (sl[t - 1] === sl[t] && sh[t - 1] === sh[t] ? target : next);
      case OP.jne:
        return () => (sl[t - 1] !== sl[t] || sh[t - 1] !== sh[t] ? target : next);
      case OP.jgt:
        return () => (sh[t - 1] > sh[t] || (sh[t - 1] === sh[t] && sl[t - 1] > sl[t]) ? target : next);
      case OP.jlt:
        return () => (sh[t - 1] < sh[t] || (sh[t - 1] === sh[t] && sl[t - 1] < sl[t]) ? target : next);
      case OP.jge:
        return () => (sh[t - 1] > sh[t] || (sh[t - 1] === sh[t] && sl[t - 1] >= sl[t]) ? target : next);
      case OP.jle:
        return () => (sh[t - 1] < sh[t] || (sh[t - 1] === sh[t] && sl[t - 1] <= sl[t]) ? target : next);
      case OP.jmp:
        return () => target;
      case OP.ret:
        return () => {
          this.valueHi = sh[t];
          this.valueLo = sl[t];
          this.status = (sh[t] | sl[t]) !== 0 ? 1 : 0;
          return STOP;
        };
      case OP.hash5:
      case OP.hash6: {
        const f = op === OP.hash5 ? hash5 : hash6;
        return (p, b, len) => (f(p, b, len), (sh[d] = OUT.hi), (sl[d] = OUT.lo), next);
      }
      case OP.csum:
        return (p, b, len) => ((sh[d] = 0), (sl[d] = ipv4ChecksumOk(p, b, len)), next);
      case OP.parse:
      case OP.hdr: {
        const selector = op === OP.parse ? 4 : arg;
        return (p, b, len) => {
          // Header facts are located once per run, on first use.
          if (!this.parsed) {
            locateHeaders(p, b, len);
            this.parsed = true;
          }
          sh[d] = 0;
          sl[d] = selector === 4 ? HDR.l4 : headerField(selector);
          return next;
        };
      }
      case OP.ip_ver:
        return (p, b, len) => ((sh[d] = 0), (sl[d] = ipVersion(p, b, len)), next);
      case OP.ipv6_ext:
        return (p, b, len) => ((sh[d] = 0), (sl[d] = ipv6ExtField(p, b, len, arg)), next);
      case OP.len:
        return (_p, _b, len) => ((sh[d] = 0), (sl[d] = len), next);
      case OP.tstamp:
        return () => ((sh[d] = this.tsHi), (sl[d] = this.tsLo), next);
      case OP.wirelen:
        return () => ((sh[d] = 0), (sl[d] = this.wireLength), next);
      case OP.flow_load:
        if (table === undefined) return () => ((sh[t] = 0), (sl[t] = 0), next);
        return () => ((sl[t] = table.lookup(sh[t], sl[t])), (sh[t] = table.resultHi), next);
      case OP.flow_store:
        if (table === undefined) return () => next;
        return () => (table.store(sh[t - 1], sl[t - 1], sh[t], sl[t]), next);
      case OP.eq128:
      case OP.ne128:
      case OP.gt128:
      case OP.lt128:
      case OP.ge128:
      case OP.le128: {
        const test = testOf(insn.op.name);
        const s = d - 4;
        return () => ((sl[s] = test(cmp128(sh, sl, s)) ? 1 : 0), (sh[s] = 0), next);
      }
      case OP.jeq128:
      case OP.jne128:
      case OP.jgt128:
      case OP.jlt128:
      case OP.jge128:
      case OP.jle128: {
        const test = testOf(insn.op.name);
        const s = d - 4;
        return () => (test(cmp128(sh, sl, s)) ? target : next);
      }
      case OP.and128:
        return () => ((sh[d - 4] &= sh[d - 2]), (sl[d - 4] &= sl[d - 2]), (sh[d - 3] &= sh[d - 1]), (sl[d - 3] &= sl[d - 1]), next);
      case OP.or128:
        return () => ((sh[d - 4] |= sh[d - 2]), (sl[d - 4] |= sl[d - 2]), (sh[d - 3] |= sh[d - 1]), (sl[d - 3] |= sl[d - 1]), next);
      case OP.xor128:
        return () => ((sh[d - 4] ^= sh[d - 2]), (sl[d - 4] ^= sl[d - 2]), (sh[d - 3] ^= sh[d - 1]), (sl[d - 3] ^= sl[d - 1]), next);
      case OP.inset: {
        const set = this.sets[arg];
        return () => ((sl[t] = inSet64(set, sh[t], sl[t])), (sh[t] = 0), next);
      }
      case OP.inset128: {
        const set = this.sets[arg];
        return () => ((sl[d - 2] = inSet128(set, sh[d - 2], sl[d - 2], sh[d - 1], sl[d - 1])), (sh[d - 2] = 0), next);
      }
      case OP.and32:
      case OP.bulk_load128:
      case OP.parallel_eq128:
      case OP.stack_prefetch:
      case OP.eq32:
      case OP.push32:
        // Rejected by the verifier; kept so the switch covers the whole table.
        return () => fault(FAULT.INVALID_OPCODE);
      default:
        return assertNever(op, 'closure tier');
    }
  }

  exec(p: Uint8Array, tsHi = 0, tsLo = 0, wireLength = p.length): number {
    return this.execAt(p, 0, p.length, tsHi, tsLo, wireLength);
  }

  execAt(p: Uint8Array, b: number, len: number, tsHi = 0, tsLo = 0, wireLength = len): number {
    const hs = this.handlers;
    this.tsHi = tsHi;
    this.tsLo = tsLo;
    this.wireLength = wireLength >>> 0;
    this.parsed = false;
    const entry = this.entry;
    if (entry !== undefined) {
      const fast = this.fast;
      if (fast !== undefined) {
        if (fast[0].test(p, b, len)) return fast[0].run(p, b, len);
        if (fast[1].test(p, b, len)) return fast[1].run(p, b, len);
      }
      if (this.eagerHdr) {
        locateHeaders(p, b, len);
        this.parsed = true;
      }
      return entry(p, b, len);
    }
    let i = 0;
    if (this.countsInsns) {
      const limit = this.insnLimit;
      for (let count = 1; ; count++) {
        if (count > limit) {
          this.faultPc = this.pcs[i];
          return FAULT.LIMIT;
        }
        i = hs[i](p, b, len);
        if (i === STOP) return this.status;
      }
    }
    for (;;) {
      i = hs[i](p, b, len);
      if (i === STOP) return this.status;
    }
  }


  runBatch(buffer: Uint8Array, offsets: Uint32Array, lengths: Uint32Array, count: number, verdictsOut: Int32Array): void {
    runBatchViaExec(this, buffer, offsets, lengths, count, verdictsOut);
  }
}
