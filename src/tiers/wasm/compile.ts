// Compiles a verified program to a WebAssembly module with native i64 values. Every stack
// slot is a local (the verifier knows the depth at each instruction). Control flow: one
// `block` per jump target, nested so that a forward jump is a `br` out to the target's
// block; programs with backward jumps wrap that nest in a `loop` whose head dispatches on a
// block number with `br_table`. The body is emitted twice: a fast copy for packets long
// enough for every fixed-offset load (no per-load checks), and a fully checked copy, so
// faults stay exact. Faults store the instruction index at FAULT_ADDR and return the code;
// RET stores the value at VALUE_ADDR. Complex packet ops and set lookups (INSET) call imported
// JS helpers.

import { FAULT } from '../../diag/codes.js';
import type { Insn } from '../../bytecode/decode.js';
import { OP, type OpCode, assertNever } from '../../isa/index.js';
import { type Block, type CodePlan, fixedLoadWidth, indirectLoadWidth, limitThreshold } from '../plan.js';
import { Bytes, I32, I64, ModuleBuilder, VOID, type ValType, W } from './module-builder.js';

/** Memory layout: the result value (i64, little-endian), the fault index, then data. */
export const VALUE_ADDR = 0;
export const FAULT_ADDR = 8;
export const DATA_BASE = 64;

/** Names of the imported helpers, in import order (module `vfm`). */
export const WASM_IMPORTS = {
  hash5: { params: [I32, I32], results: [I32] },
  hash6: { params: [I32, I32], results: [I32] },
  outHi: { params: [], results: [I32] },
  csum: { params: [I32, I32], results: [I32] },
  ipv6Ext: { params: [I32, I32, I32], results: [I32] },
  locate: { params: [I32, I32], results: [] },
  field: { params: [I32], results: [I32] },
  flowLoad: { params: [I32, I32], results: [I32] },
  flowHi: { params: [], results: [I32] },
  flowStore: { params: [I32, I32, I32, I32], results: [] },
  inSet: { params: [I32, I32, I32], results: [I32] },
  inSet128: { params: [I32, I32, I32, I32, I32], results: [I32] },
} as const satisfies Record<string, { params: readonly ValType[]; results: readonly ValType[] }>;

type ImportName = keyof typeof WASM_IMPORTS;

export interface WasmCodegenOptions {
  /** Whether the filter has a flow table (without one FLOW_LOAD gives 0, FLOW_STORE does nothing). */
  readonly hasFlowTable: boolean;
}

const P_PTR = 0;
const P_LEN = 1;
const P_TS_HI = 2;
const P_TS_LO = 3;
const P_WIRE_LEN = 4;

class FunctionEmitter {
  readonly f = new Bytes();
  private readonly slot0 = 5;
  private readonly tmp64: number;
  private readonly count: number;
  private readonly dispatch: number;
  private readonly parsed: number;
  private readonly t32: number;
  private readonly addr: number;
  readonly locals: ValType[] = [];
  /** Segment (target nest level) of each block. */
  private readonly segOf: Int32Array;
  private readonly segCount: number;
  private seg = 0;
  /** Extra structured nesting (if/else) around the code being emitted. */
  private extra = 0;

  constructor(
    private readonly plan: CodePlan,
    private readonly imports: Record<ImportName, number>,
    private readonly options: WasmCodegenOptions,
  ) {
    const slots = Math.max(1, plan.program.maxDepth);
    for (let k = 0; k <= slots; k++) this.locals.push(I64);
    this.tmp64 = this.slot0 + slots;
    this.count = this.tmp64 + 1;
    this.dispatch = this.count + 1;
    this.parsed = this.count + 2;
    this.t32 = this.count + 3;
    this.addr = this.count + 4;
    for (let k = 0; k < 5; k++) this.locals.push(I32);
    this.segOf = new Int32Array(plan.blocks.length);
    let seg = 0;
    for (let b = 0; b < plan.blocks.length; b++) {
      if (b > 0 && plan.isTarget[b] === 1) seg++;
      this.segOf[b] = seg;
    }
    this.segCount = seg;
  }

  private slot(s: number): number {
    return this.slot0 + s;
  }

  /** Emit the whole function body. */
  emitFunction(): void {
    const f = this.f;
    if (this.plan.fixedLoadEnd > 0) {
      f.get(P_LEN).i32(this.plan.fixedLoadEnd).op(W.i32GeU).op(W.if).byte(VOID);
      this.emitBody(true);
      f.op(W.end);
    }
    this.emitBody(false);
    f.op(W.end);
  }

  private emitBody(fixedLoadsSafe: boolean): void {
    const f = this.f;
    const m = this.segCount;
    const loopMode = this.plan.program.hasBackwardJumps;
    if (loopMode) f.op(W.loop).byte(VOID);
    for (let k = m; k >= 1; k--) f.op(W.block).byte(VOID);
    if (loopMode) {
      f.op(W.block).byte(VOID).get(this.dispatch).op(W.brTable).u32(m + 1);
      for (let k = 0; k <= m; k++) f.u32(k);
      f.u32(0).op(W.end);
    }
    this.seg = 0;
    const blocks = this.plan.blocks;
    for (let b = 0; b < blocks.length; b++) {
      if (this.segOf[b] !== this.seg) {
        f.op(W.end);
        this.seg = this.segOf[b];
      }
      this.emitBlock(blocks[b], fixedLoadsSafe);
    }
    if (loopMode) f.op(W.end);
    f.op(W.unreachable);
  }

  private emitBlock(block: Block, fixedLoadsSafe: boolean): void {
    const f = this.f;
    const plan = this.plan;
    const length = block.end - block.start;
    if (plan.countsInsns) f.get(this.count).i32(length).op(W.i32Add).set(this.count);
    for (let k = 0; k < length; k++) {
      const threshold = limitThreshold(plan, block, k, fixedLoadsSafe);
      if (threshold >= 0) {
        f.get(this.count).i32(threshold).op(W.i32GtU);
        this.faultIf(FAULT.LIMIT, () => f.i32(block.start + length + plan.insnLimit).get(this.count).op(W.i32Sub));
      }
      this.emitInsn(block.start + k, fixedLoadsSafe);
    }
  }

  /** With a condition (i32) on the stack: if true, record the fault index and return the code. */
  private faultIf(code: number, index: number | (() => void)): void {
    const f = this.f;
    f.op(W.if).byte(VOID).i32(FAULT_ADDR);
    if (typeof index === 'number') f.i32(index);
    else index();
    f.mem(W.i32Store, 0).i32(code).op(W.return).op(W.end);
  }

  /** Jump to the block starting at instruction index `target`; with `conditional`, an i32 condition is on the stack. */
  private jump(target: number, conditional: boolean): void {
    const f = this.f;
    const seg = this.segOf[this.plan.blockAt[target]];
    if (seg > this.seg) {
      f.op(conditional ? W.brIf : W.br).u32(seg - this.seg - 1 + this.extra);
      return;
    }
    // Backward: through the dispatch loop.
    if (conditional) f.op(W.if).byte(VOID);
    const extra = this.extra + (conditional ? 1 : 0);
    f.i32(seg).set(this.dispatch).op(W.br).u32(this.segCount - this.seg + extra);
    if (conditional) f.op(W.end);
  }

  /** Push the big-endian u32 at ptr+off (address local `base`). */
  private be32(base: number, off: number): void {
    const f = this.f;
    f.get(base).mem(W.i32Load, off).tee(this.t32).i32(8).op(W.i32Rotl).i32(0x00ff00ff).op(W.i32And);
    f.get(this.t32).i32(8).op(W.i32Rotr).i32(0xff00ff00 | 0).op(W.i32And).op(W.i32Or);
  }

  /** Push the big-endian load of `width` bytes at base+off as an i64. */
  private load(base: number, off: number, width: number): void {
    const f = this.f;
    switch (width) {
      case 1:
        f.get(base).mem(W.i32Load8U, off).op(W.i64ExtendI32U);
        return;
      case 2:
        f.get(base).mem(W.i32Load8U, off).i32(8).op(W.i32Shl).get(base).mem(W.i32Load8U, off + 1).op(W.i32Or).op(W.i64ExtendI32U);
        return;
      case 4:
        this.be32(base, off);
        f.op(W.i64ExtendI32U);
        return;
      default:
        this.be32(base, off);
        f.op(W.i64ExtendI32U).i64(32n).op(W.i64Shl);
        this.be32(base, off + 4);
        f.op(W.i64ExtendI32U).op(W.i64Or);
    }
  }

  /** Push the i64 formed from an i32 low half (on the stack) and the i32 high half returned by `hi`. */
  private joinHalves(hiImport: ImportName): void {
    this.f.op(W.i64ExtendI32U).op(W.call).u32(this.imports[hiImport]).op(W.i64ExtendI32U).i64(32n).op(W.i64Shl).op(W.i64Or);
  }

  private halves(s: number): void {
    this.f.get(this.slot(s)).i64(32n).op(W.i64ShrU).op(W.i32WrapI64).get(this.slot(s)).op(W.i32WrapI64);
  }

  private cmp128(op: number, s: number): void {
    // A = (s, s+1), B = (s+2, s+3); high slots first.
    const f = this.f;
    const hiA = this.slot(s);
    const loA = this.slot(s + 1);
    const hiB = this.slot(s + 2);
    const loB = this.slot(s + 3);
    const isEq = op === OP.eq128 || op === OP.jeq128;
    const isNe = op === OP.ne128 || op === OP.jne128;
    if (isEq || isNe) {
      f.get(hiA).get(hiB).op(isEq ? W.i64Eq : W.i64Ne).get(loA).get(loB).op(isEq ? W.i64Eq : W.i64Ne).op(isEq ? W.i32And : W.i32Or);
      return;
    }
    const strict = op === OP.gt128 || op === OP.jgt128 || op === OP.lt128 || op === OP.jlt128 ? true : false;
    const greater = op === OP.gt128 || op === OP.jgt128 || op === OP.ge128 || op === OP.jge128;
    const hiOp = greater ? W.i64GtU : W.i64LtU;
    const loOp = greater ? (strict ? W.i64GtU : W.i64GeU) : strict ? W.i64LtU : W.i64LeU;
    f.get(hiA).get(hiB).op(hiOp).get(hiA).get(hiB).op(W.i64Eq).get(loA).get(loB).op(loOp).op(W.i32And).op(W.i32Or);
  }

  private emitInsn(i: number, fixedLoadsSafe: boolean): void {
    const f = this.f;
    const insn: Insn = this.plan.program.insns[i];
    const d = this.plan.program.depthIn[i];
    const top = d - 1;
    const op = insn.op.code as OpCode;
    switch (op) {
      case OP.ld8:
      case OP.ld16:
      case OP.ld32:
      case OP.ld64:
      case OP.ld128: {
        const width = fixedLoadWidth(insn.op);
        if (!fixedLoadsSafe) {
          f.get(P_LEN).i32(insn.arg + width).op(W.i32LtU);
          this.faultIf(FAULT.BOUNDS, i);
        }
        if (width === 16) {
          this.load(P_PTR, insn.arg, 8);
          f.set(this.slot(d));
          this.load(P_PTR, insn.arg + 8, 8);
          f.set(this.slot(d + 1));
        } else {
          this.load(P_PTR, insn.arg, width);
          f.set(this.slot(d));
        }
        return;
      }
      case OP.ldx8:
      case OP.ldx16:
      case OP.ldx32:
      case OP.ldx64:
      case OP.ldx128: {
        const width = indirectLoadWidth(insn.op);
        const base = this.slot(top);
        // A base of 2^32 or more is always past the end; below that the i64 sum cannot wrap.
        f.get(base).i64(0xffffffffn).op(W.i64GtU);
        f.get(base).i64(BigInt(insn.arg + width)).op(W.i64Add).get(P_LEN).op(W.i64ExtendI32U).op(W.i64GtU).op(W.i32Or);
        this.faultIf(FAULT.BOUNDS, i);
        f.get(P_PTR).get(base).op(W.i32WrapI64).op(W.i32Add).set(this.addr);
        if (width === 16) {
          this.load(this.addr, insn.arg, 8);
          f.set(this.slot(top));
          this.load(this.addr, insn.arg + 8, 8);
          f.set(this.slot(top + 1));
        } else {
          this.load(this.addr, insn.arg, width);
          f.set(base);
        }
        return;
      }
      case OP.push:
        f.i64(insn.imm).set(this.slot(d));
        return;
      case OP.push128:
        f.i64(insn.imm >> 64n).set(this.slot(d)).i64(insn.imm & 0xffffffffffffffffn).set(this.slot(d + 1));
        return;
      case OP.pop:
        return;
      case OP.dup:
        f.get(this.slot(top)).set(this.slot(d));
        return;
      case OP.swap:
        f.get(this.slot(top)).set(this.tmp64).get(this.slot(top - 1)).set(this.slot(top)).get(this.tmp64).set(this.slot(top - 1));
        return;
      case OP.add:
      case OP.sub:
      case OP.mul:
      case OP.and:
      case OP.or:
      case OP.xor:
      case OP.shl:
      case OP.shr: {
        const code =
          op === OP.add ? W.i64Add : op === OP.sub ? W.i64Sub : op === OP.mul ? W.i64Mul : op === OP.and ? W.i64And : op === OP.or ? W.i64Or : op === OP.xor ? W.i64Xor : op === OP.shl ? W.i64Shl : W.i64ShrU;
        f.get(this.slot(top - 1)).get(this.slot(top)).op(code).set(this.slot(top - 1));
        return;
      }
      case OP.div:
      case OP.mod:
        f.get(this.slot(top)).op(W.i64Eqz);
        this.faultIf(FAULT.DIVISION_BY_ZERO, i);
        f.get(this.slot(top - 1)).get(this.slot(top)).op(op === OP.div ? W.i64DivU : W.i64RemU).set(this.slot(top - 1));
        return;
      case OP.not:
        f.get(this.slot(top)).i64(-1n).op(W.i64Xor).set(this.slot(top));
        return;
      case OP.neg:
        f.i64(0n).get(this.slot(top)).op(W.i64Sub).set(this.slot(top));
        return;
      case OP.eq:
      case OP.ne:
      case OP.gt:
      case OP.lt:
      case OP.ge:
      case OP.le:
        f.get(this.slot(top - 1)).get(this.slot(top)).op(CMP64[op]).op(W.i64ExtendI32U).set(this.slot(top - 1));
        return;
      case OP.jeq:
      case OP.jne:
      case OP.jgt:
      case OP.jlt:
      case OP.jge:
      case OP.jle:
        f.get(this.slot(top - 1)).get(this.slot(top)).op(CMP64[op]);
        this.jump(this.plan.targetIndex[i], true);
        return;
      case OP.jmp:
        this.jump(this.plan.targetIndex[i], false);
        return;
      case OP.ret:
        f.i32(VALUE_ADDR).get(this.slot(top)).mem(W.i64Store, 0);
        f.get(this.slot(top)).i64(0n).op(W.i64Ne).op(W.return);
        return;
      case OP.hash5:
      case OP.hash6:
        f.get(P_PTR).get(P_LEN).op(W.call).u32(this.imports[op === OP.hash5 ? 'hash5' : 'hash6']);
        this.joinHalves('outHi');
        f.set(this.slot(d));
        return;
      case OP.csum:
        f.get(P_PTR).get(P_LEN).op(W.call).u32(this.imports.csum).op(W.i64ExtendI32U).set(this.slot(d));
        return;
      case OP.parse:
      case OP.hdr:
        // Header facts are located once per run, on first use.
        f.get(this.parsed).op(W.i32Eqz).op(W.if).byte(VOID);
        f.get(P_PTR).get(P_LEN).op(W.call).u32(this.imports.locate).i32(1).set(this.parsed).op(W.end);
        f.i32(op === OP.parse ? 4 : insn.arg).op(W.call).u32(this.imports.field).op(W.i64ExtendI32U).set(this.slot(d));
        return;
      case OP.ip_ver:
        f.get(P_LEN).i32(15).op(W.i32LtU).op(W.if).byte(I32).i32(0).op(W.else);
        f.get(P_PTR).mem(W.i32Load8U, 14).i32(4).op(W.i32ShrU).op(W.end).op(W.i64ExtendI32U).set(this.slot(d));
        return;
      case OP.ipv6_ext:
        f.get(P_PTR).get(P_LEN).i32(insn.arg).op(W.call).u32(this.imports.ipv6Ext).op(W.i64ExtendI32U).set(this.slot(d));
        return;
      case OP.len:
        f.get(P_LEN).op(W.i64ExtendI32U).set(this.slot(d));
        return;
      case OP.wirelen:
        f.get(P_WIRE_LEN).op(W.i64ExtendI32U).set(this.slot(d));
        return;
      case OP.tstamp:
        f.get(P_TS_HI).op(W.i64ExtendI32U).i64(32n).op(W.i64Shl).get(P_TS_LO).op(W.i64ExtendI32U).op(W.i64Or).set(this.slot(d));
        return;
      case OP.flow_load:
        if (!this.options.hasFlowTable) {
          f.i64(0n).set(this.slot(top));
          return;
        }
        this.halves(top);
        f.op(W.call).u32(this.imports.flowLoad);
        this.joinHalves('flowHi');
        f.set(this.slot(top));
        return;
      case OP.flow_store:
        if (!this.options.hasFlowTable) return;
        this.halves(top - 1);
        this.halves(top);
        f.op(W.call).u32(this.imports.flowStore);
        return;
      case OP.eq128:
      case OP.ne128:
      case OP.gt128:
      case OP.lt128:
      case OP.ge128:
      case OP.le128:
        this.cmp128(op, d - 4);
        f.op(W.i64ExtendI32U).set(this.slot(d - 4));
        return;
      case OP.jeq128:
      case OP.jne128:
      case OP.jgt128:
      case OP.jlt128:
      case OP.jge128:
      case OP.jle128:
        this.cmp128(op, d - 4);
        this.jump(this.plan.targetIndex[i], true);
        return;
      case OP.and128:
      case OP.or128:
      case OP.xor128: {
        const code = op === OP.and128 ? W.i64And : op === OP.or128 ? W.i64Or : W.i64Xor;
        for (let k = 0; k < 2; k++) f.get(this.slot(d - 4 + k)).get(this.slot(d - 2 + k)).op(code).set(this.slot(d - 4 + k));
        return;
      }
      case OP.inset:
        f.i32(insn.arg);
        this.halves(top);
        f.op(W.call).u32(this.imports.inSet).op(W.i64ExtendI32U).set(this.slot(top));
        return;
      case OP.inset128:
        f.i32(insn.arg);
        this.halves(d - 2);
        this.halves(d - 1);
        f.op(W.call).u32(this.imports.inSet128).op(W.i64ExtendI32U).set(this.slot(d - 2));
        return;
      case OP.and32:
      case OP.bulk_load128:
      case OP.parallel_eq128:
      case OP.stack_prefetch:
      case OP.eq32:
      case OP.push32:
        // Rejected by the verifier; never reached.
        f.op(W.unreachable);
        return;
      default:
        assertNever(op, 'wasm compiler');
    }
  }

}

const CMP64: Record<number, number> = {
  [OP.eq]: W.i64Eq,
  [OP.ne]: W.i64Ne,
  [OP.gt]: W.i64GtU,
  [OP.lt]: W.i64LtU,
  [OP.ge]: W.i64GeU,
  [OP.le]: W.i64LeU,
  [OP.jeq]: W.i64Eq,
  [OP.jne]: W.i64Ne,
  [OP.jgt]: W.i64GtU,
  [OP.jlt]: W.i64LtU,
  [OP.jge]: W.i64GeU,
  [OP.jle]: W.i64LeU,
};

/**
 * Emit the module for a plan. Exports: `memory`; `run(ptr, len, tsHi, tsLo, wireLen) -> status`;
 * `batch(base, offsetsPtr, lengthsPtr, count, verdictsPtr)`, which runs every packet
 * `base + offsets[k]` of `lengths[k]` bytes (timestamp 0, wire length = length) and stores the statuses as i32.
 */
export function compileWasmModule(plan: CodePlan, options: WasmCodegenOptions): Uint8Array {
  const mb = new ModuleBuilder();
  const imports = {} as Record<ImportName, number>;
  for (const name of Object.keys(WASM_IMPORTS) as ImportName[]) imports[name] = mb.importFunc('vfm', name, WASM_IMPORTS[name]);
  mb.memory(1, 'memory');

  const fe = new FunctionEmitter(plan, imports, options);
  fe.emitFunction();
  const run = mb.addFunc({ params: [I32, I32, I32, I32, I32], results: [I32] }, fe.locals, fe.f);
  mb.exportFunc('run', run);

  // batch(base, offs, lens, count, out): for k in 0..count-1: out[k] = run(base + offs[k], lens[k])
  const b = new Bytes();
  const [BASE, OFFS, LENS, COUNT, OUT, K] = [0, 1, 2, 3, 4, 5];
  b.get(COUNT).op(W.i32Eqz).op(W.if).byte(VOID).op(W.return).op(W.end);
  b.op(W.loop).byte(VOID);
  b.get(OUT).get(BASE).get(OFFS).mem(W.i32Load, 0).op(W.i32Add).get(LENS).mem(W.i32Load, 0).i32(0).i32(0).get(LENS).mem(W.i32Load, 0).op(W.call).u32(run).mem(W.i32Store, 0);
  b.get(OFFS).i32(4).op(W.i32Add).set(OFFS);
  b.get(LENS).i32(4).op(W.i32Add).set(LENS);
  b.get(OUT).i32(4).op(W.i32Add).set(OUT);
  b.get(K).i32(1).op(W.i32Add).tee(K).get(COUNT).op(W.i32LtU).op(W.brIf).u32(0);
  b.op(W.end).op(W.end);
  const batch = mb.addFunc({ params: [I32, I32, I32, I32, I32], results: [] }, [I32], b);
  mb.exportFunc('batch', batch);
  return mb.finish();
}
