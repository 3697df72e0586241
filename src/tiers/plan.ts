// The code plan shared by the compiling tiers (wasm, js, closure): basic blocks and jump
// targets of a verified program, whether the instruction limit has to be counted at all, and
// the limit checks that keep the LIMIT fault exact. Counting is per basic block: entering a
// block adds its length; before every instruction with an observable effect (a fault or a
// flow-table access) and before the block's last instruction, `count > limit + L-1-k` says
// the limit ran out at or before position k, and the fault goes to index start+L+limit-count,
// the first instruction the interpreter would not have been allowed to run.

import type { OpSpec } from '../isa/index.js';
import type { VerifiedProgram } from '../verify/verify.js';
import { DEFAULT_INSN_LIMIT } from '../vm/reference.js';

export interface Block {
  /** Index of the first instruction. */
  readonly start: number;
  /** Index one past the last instruction. */
  readonly end: number;
}

export interface CodePlan {
  readonly program: VerifiedProgram;
  readonly blocks: readonly Block[];
  /** Block number of each instruction index that starts a block, else -1. */
  readonly blockAt: Int32Array;
  /** Target instruction index of each jump, else -1. */
  readonly targetIndex: Int32Array;
  /** Per block: 1 when some jump lands on it. */
  readonly isTarget: Uint8Array;
  /** True when the instruction limit can be reached, so the generated code must count. */
  readonly countsInsns: boolean;
  readonly insnLimit: number;
  /** One past the furthest byte any fixed-offset load reads (0 without such loads). */
  readonly fixedLoadEnd: number;
  /** pc of each instruction index. */
  readonly pcs: Int32Array;
}

/** Bytes read by a fixed-offset load, 0 for any other opcode. */
export function fixedLoadWidth(op: OpSpec): number {
  switch (op.name) {
    case 'ld8':
      return 1;
    case 'ld16':
      return 2;
    case 'ld32':
      return 4;
    case 'ld64':
      return 8;
    case 'ld128':
      return 16;
    default:
      return 0;
  }
}

/** Bytes read by an indirect load (LDXn), 0 for any other opcode. */
export function indirectLoadWidth(op: OpSpec): number {
  switch (op.name) {
    case 'ldx8':
      return 1;
    case 'ldx16':
      return 2;
    case 'ldx32':
      return 4;
    case 'ldx64':
      return 8;
    case 'ldx128':
      return 16;
    default:
      return 0;
  }
}

/**
 * True when the instruction can fault or touches the flow table, so a limit fault must not
 * be reported after it has run. With `fixedLoadsSafe`, fixed-offset loads are known in bounds.
 */
export function isObservable(op: OpSpec, fixedLoadsSafe: boolean): boolean {
  if (fixedLoadWidth(op) > 0) return !fixedLoadsSafe;
  if (indirectLoadWidth(op) > 0) return true;
  switch (op.name) {
    case 'div':
    case 'mod':
    case 'flow_load':
    case 'flow_store':
      return true;
    default:
      return false;
  }
}

export function planProgram(program: VerifiedProgram, insnLimit: number = DEFAULT_INSN_LIMIT): CodePlan {
  const insns = program.insns;
  const n = insns.length;
  const targetIndex = new Int32Array(n).fill(-1);
  const leader = new Uint8Array(n + 1);
  const targeted = new Uint8Array(n);
  const pcs = new Int32Array(n);
  let fixedLoadEnd = 0;
  leader[0] = 1;
  for (let i = 0; i < n; i++) {
    const insn = insns[i];
    pcs[i] = insn.pc;
    const width = fixedLoadWidth(insn.op);
    if (width > 0 && insn.arg + width > fixedLoadEnd) fixedLoadEnd = insn.arg + width;
    const flow = insn.op.flow;
    if (flow === 'jump' || flow === 'branch') {
      const t = program.indexOfPc[insn.target];
      targetIndex[i] = t;
      leader[t] = 1;
      targeted[t] = 1;
    }
    if (flow !== 'next') leader[i + 1] = 1;
  }
  const blocks: Block[] = [];
  const blockAt = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && leader[j] === 0) j++;
    blockAt[i] = blocks.length;
    blocks.push({ start: i, end: j });
    i = j;
  }
  const isTarget = new Uint8Array(blocks.length);
  for (let k = 0; k < blocks.length; k++) isTarget[k] = targeted[blocks[k].start];
  const countsInsns = program.maxPathLength === undefined || program.maxPathLength > insnLimit;
  return { program, blocks, blockAt, targetIndex, isTarget, countsInsns, insnLimit, fixedLoadEnd, pcs };
}

/**
 * The limit-check threshold before position `k` of a block, or -1 when none is needed there:
 * `count > threshold` (count already including the whole block) means the limit ran out.
 */
export function limitThreshold(plan: CodePlan, block: Block, k: number, fixedLoadsSafe: boolean): number {
  if (!plan.countsInsns) return -1;
  const length = block.end - block.start;
  const op = plan.program.insns[block.start + k].op;
  if (k !== length - 1 && !isObservable(op, fixedLoadsSafe)) return -1;
  return plan.insnLimit + length - 1 - k;
}
