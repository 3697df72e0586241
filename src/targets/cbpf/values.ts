// Value analysis for the classic BPF lowering, whose registers hold 32 bits. Every value a
// program computes gets an id (stack moves keep ids, merges make phis); a backward pass finds
// the values whose high 32 bits matter to a consumer (compare, return, division, shift right,
// load base). Such a value must provably fit in 32 bits, or be a "pair" that only loads,
// constants and bitwise operations produce and only compares, bitwise operations and returns
// consume (64- and 128-bit compares become 32-bit word compares). Loop-free programs only.

import type { VerifiedProgram } from '../../verify/verify.js';

const U32_MAX = 0xffffffff;

export interface ValueInfo {
  readonly id: number;
  /** Index of the instruction that pushed it, or -1 for a merge (phi). */
  readonly producer: number;
  /** For a phi: the values that meet. */
  readonly sources: number[];
  /** Known to be below 2^32 (from the verifier's value ranges). */
  fits32: boolean;
  /** Some consumer depends on its high 32 bits. */
  high: boolean;
}

export interface ValueFacts {
  readonly values: readonly ValueInfo[];
  /** Value ids on the stack on entry to each instruction, bottom first. */
  readonly entry: readonly (readonly number[])[];
  /** Value ids each instruction pushes, bottom first. */
  readonly pushed: readonly (readonly number[])[];
  /** True when the value is kept as two 32-bit words (high and low). */
  isPair(id: number): boolean;
}

/** Ops whose result's low 32 bits depend only on the operands' low 32 bits. */
const LOW_CLOSED = new Set(['add', 'sub', 'mul', 'or', 'xor', 'not', 'neg', 'and', 'and128', 'or128', 'xor128']);
/** Ops that can produce a value wider than 32 bits as a pair of words (add and sub with a carry). */
export const PAIR_PRODUCERS = new Set(['ld64', 'ldx64', 'ld128', 'ldx128', 'push', 'push128', 'add', 'sub', 'and', 'or', 'xor', 'not', 'and128', 'or128', 'xor128']);

export function analyzeValues(prog: VerifiedProgram): ValueFacts {
  const { insns } = prog;
  const values: ValueInfo[] = [];
  const entry: (number[] | undefined)[] = new Array(insns.length).fill(undefined);
  const phiAt = new Map<string, number>();
  /** Value ids each instruction pops (bottom first) and pushes (bottom first). */
  const popped: number[][] = new Array(insns.length);
  const pushed: number[][] = new Array(insns.length);

  const newValue = (producer: number, fits32: boolean, sources: number[] = []): number => {
    values.push({ id: values.length, producer, sources, fits32, high: false });
    return values.length - 1;
  };
  const propagate = (to: number, state: number[]): void => {
    const prev = entry[to];
    if (prev === undefined) {
      entry[to] = state.slice();
      return;
    }
    for (let k = 0; k < prev.length; k++) {
      if (prev[k] === state[k]) continue;
      const key = `${to}:${k}`;
      let phi = phiAt.get(key);
      if (phi === undefined) {
        phi = newValue(-1, values[prev[k]].fits32, [prev[k]]);
        phiAt.set(key, phi);
        prev[k] = phi;
      }
      const v = values[phi];
      if (!v.sources.includes(state[k])) v.sources.push(state[k]);
      v.fits32 = v.fits32 && values[state[k]].fits32;
    }
  };

  entry[0] = [];
  for (let i = 0; i < insns.length; i++) {
    const insn = insns[i];
    const state = entry[i]!.slice();
    const name = insn.op.name;
    const ins = state.splice(state.length - insn.op.pop, insn.op.pop);
    popped[i] = ins;
    let outs: number[];
    if (name === 'dup') outs = [ins[0], ins[0]];
    else if (name === 'swap') outs = [ins[1], ins[0]];
    else {
      const ranges = prog.ranges.outputs(i); // top first
      outs = [];
      for (let k = 0; k < insn.op.push; k++) outs.push(newValue(i, ranges[insn.op.push - 1 - k].hi <= U32_MAX));
    }
    pushed[i] = outs;
    state.push(...outs);
    const flow = insn.op.flow;
    if (flow === 'jump' || flow === 'branch') propagate(prog.indexOfPc[insn.target], state);
    if (flow === 'next' || flow === 'branch') propagate(i + 1, state);
  }

  // Backward demand: iterate to a fixed point (values only ever become demanded).
  const demand = (id: number): boolean => {
    const v = values[id];
    if (v.high) return false;
    v.high = true;
    return true;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const v of values) if (v.high && v.producer < 0) for (const s of v.sources) changed = demand(s) || changed;
    for (let i = 0; i < insns.length; i++) {
      const name = insns[i].op.name;
      const ins = popped[i];
      const outs = pushed[i];
      const outHigh = outs.some((o) => values[o].high);
      if (name === 'dup' || name === 'swap' || name === 'pop' || name === 'flow_store') continue;
      if (LOW_CLOSED.has(name)) {
        if (name === 'and' && outHigh) {
          // a & b fits in 32 bits when either operand does: the other's high bits cannot matter.
          const [a, b] = ins;
          if (!values[a].fits32 && !values[b].fits32) changed = demand(a) || demand(b) || changed;
          else if (values[b].fits32) changed = demand(b) || changed;
          else changed = demand(a) || changed;
        } else if (name.endsWith('128')) {
          // Word-wise: output k depends on inputs k and k+2.
          for (let k = 0; k < 2; k++) if (values[outs[k]].high) changed = demand(ins[k]) || demand(ins[k + 2]) || changed;
        } else if (outHigh) {
          for (const x of ins) changed = demand(x) || changed;
        }
      } else if (name === 'shl') {
        if (outHigh) changed = demand(ins[0]) || changed;
      } else {
        // Compares, branches, returns, division, shift right, load bases, flow and packet ops
        // use the whole of every input.
        for (const x of ins) changed = demand(x) || changed;
      }
    }
  }

  // Pair classes: a phi and its sources share one representation.
  const parent = values.map((v) => v.id);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  for (const v of values) for (const s of v.sources) parent[find(s)] = find(v.id);
  const pairClass = new Set<number>();
  for (const v of values) if (v.high && !v.fits32) pairClass.add(find(v.id));
  return {
    values,
    entry: entry.map((e) => e ?? []),
    pushed,
    isPair: (id) => pairClass.has(find(id)),
  };
}
