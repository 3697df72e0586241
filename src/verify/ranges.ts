// Value ranges: for each instruction, the range of every value it pops and pushes, so code
// generators can keep arithmetic in int32/double where that is exact. Ranges are exact
// integers [lo, hi] with hi <= 2^53 - 1, or UNKNOWN (anything up to 2^64 - 1). The analysis
// is one forward pass in pc order, so it runs for loop-free programs only; programs with
// backward jumps get UNKNOWN everywhere (cheap and sound).

import type { Insn } from '../bytecode/decode.js';
import type { OpName } from '../isa/index.js';

export interface Range {
  readonly lo: number;
  /** Inclusive; Infinity means "not known to fit in 53 bits". */
  readonly hi: number;
}

export const UNKNOWN: Range = Object.freeze({ lo: 0, hi: Infinity });
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

export interface RangeFacts {
  /** False when the program has loops and nothing was analysed. */
  readonly analysed: boolean;
  /** Ranges of the values instruction `index` pops, top of stack first. */
  inputs(index: number): readonly Range[];
  /** Ranges of the values instruction `index` pushes, top of stack first. */
  outputs(index: number): readonly Range[];
}

interface Cell {
  readonly r: Range;
  readonly next: Cell | null;
}

function range(lo: number, hi: number): Range {
  return hi > MAX_SAFE || lo < 0 ? UNKNOWN : { lo, hi };
}

const BOOL = range(0, 1);
const U8 = range(0, 0xff);
const U16 = range(0, 0xffff);
const U32 = range(0, 0xffffffff);

function join(a: Range, b: Range): Range {
  if (a === b) return a;
  return range(Math.min(a.lo, b.lo), Math.max(a.hi, b.hi));
}

function exact(v: bigint): Range {
  return v <= BigInt(MAX_SAFE) ? { lo: Number(v), hi: Number(v) } : UNKNOWN;
}

function bitsCeil(hi: number): number {
  // smallest 2^k - 1 >= hi
  let m = 1;
  while (m - 1 < hi) m *= 2;
  return m - 1;
}

/** Output ranges (top first) of an instruction from its input ranges (index 0 = top = b). */
function transfer(insn: Insn, ins: readonly Range[]): Range[] {
  const name = insn.op.name as OpName;
  const b = ins[0];
  const a = ins[1];
  switch (name) {
    case 'ld8':
    case 'ldx8':
      return [U8];
    case 'ld16':
    case 'ldx16':
      return [U16];
    case 'ld32':
    case 'ldx32':
      return [U32];
    case 'ld64':
    case 'ldx64':
      return [UNKNOWN];
    case 'ldx128':
      return [UNKNOWN, UNKNOWN];
    case 'push':
      return [exact(insn.imm)];
    case 'dup':
      return [b, b];
    case 'swap':
      return [a, b];
    case 'add':
      return [range(a.lo + b.lo, a.hi + b.hi)];
    case 'sub':
      return a.lo >= b.hi && a.hi !== Infinity ? [range(a.lo - b.hi, a.hi - b.lo)] : [UNKNOWN];
    case 'mul':
      return [range(a.lo * b.lo, a.hi * b.hi)];
    case 'div':
      return a.hi === Infinity ? [UNKNOWN] : [range(b.lo > 0 ? Math.floor(a.lo / b.hi) : 0, a.hi)];
    case 'mod':
      return [range(0, Math.min(a.hi, b.hi === Infinity ? Infinity : Math.max(0, b.hi - 1)))];
    case 'and':
      return [range(0, Math.min(a.hi, b.hi))];
    case 'or':
    case 'xor':
      return [range(0, bitsCeil(Math.max(a.hi, b.hi)))];
    case 'shl':
      if (b.lo === b.hi && b.hi !== Infinity) {
        const f = 2 ** (b.lo % 64);
        return [range(a.lo * f, a.hi * f)];
      }
      return [UNKNOWN];
    case 'shr':
      if (b.lo === b.hi && b.hi !== Infinity && a.hi !== Infinity) {
        const f = 2 ** (b.lo % 64);
        return [range(Math.floor(a.lo / f), Math.floor(a.hi / f))];
      }
      return [range(0, a.hi)];
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
    case 'le128':
    case 'csum':
    case 'inset':
    case 'inset128':
      return [BOOL];
    case 'parse':
    case 'len':
    case 'wirelen':
    case 'hdr':
      // Packets (and so offsets into them) can be longer than 64 KiB: a capture's snap length
      // is up to 256 KiB and offloaded frames are larger still.
      return [U32];
    case 'ip_ver':
      return [range(0, 15)];
    case 'ipv6_ext':
      return [insn.arg === 19 ? U32 : U16];
    case 'push128':
      return [exact(insn.imm & 0xffffffffffffffffn), exact(insn.imm >> 64n)];
    default: {
      // hash5, hash6, flow_load, not, neg, ld128, and128/or128/xor128; jumps and ret push nothing.
      const out: Range[] = [];
      for (let k = 0; k < insn.op.push; k++) out.push(UNKNOWN);
      return out;
    }
  }
}

const EMPTY: readonly Range[] = Object.freeze([]);

export function analyzeRanges(insns: readonly Insn[], targetIndex: Int32Array, depthIn: Uint8Array, hasLoops: boolean): RangeFacts {
  if (hasLoops) {
    const unknowns = (n: number): Range[] => new Array<Range>(n).fill(UNKNOWN);
    return {
      analysed: false,
      inputs: (i) => unknowns(insns[i].op.pop),
      outputs: (i) => unknowns(insns[i].op.push),
    };
  }
  const entry: (Cell | null | undefined)[] = new Array(insns.length).fill(undefined);
  const inputs: (readonly Range[])[] = new Array(insns.length);
  const outputs: (readonly Range[])[] = new Array(insns.length);
  entry[0] = null;
  const propagate = (to: number, state: Cell | null): void => {
    const prev = entry[to];
    if (prev === undefined) {
      entry[to] = state;
      return;
    }
    // Same depth on both sides (the verifier checked); join slot by slot.
    const joined: Range[] = [];
    let x = prev;
    let y = state;
    for (let k = 0; k < depthIn[to]; k++) {
      joined.push(join(x!.r, y!.r));
      x = x!.next;
      y = y!.next;
    }
    let cell: Cell | null = null;
    for (let k = joined.length - 1; k >= 0; k--) cell = { r: joined[k], next: cell };
    entry[to] = cell;
  };
  for (let i = 0; i < insns.length; i++) {
    const insn = insns[i];
    let state = entry[i] ?? null;
    const ins: Range[] = [];
    for (let k = 0; k < insn.op.pop; k++) {
      ins.push(state!.r);
      state = state!.next;
    }
    const outs = transfer(insn, ins);
    inputs[i] = ins.length === 0 ? EMPTY : ins;
    outputs[i] = outs.length === 0 ? EMPTY : outs;
    for (let k = outs.length - 1; k >= 0; k--) state = { r: outs[k], next: state };
    const flow = insn.op.flow;
    if (flow === 'jump' || flow === 'branch') propagate(targetIndex[i], state);
    if (flow === 'next' || flow === 'branch') propagate(i + 1, state);
  }
  return { analysed: true, inputs: (i) => inputs[i], outputs: (i) => outputs[i] };
}
