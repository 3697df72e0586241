// INSET/INSET128 in classic BPF: a balanced binary tree of 32-bit compares over a set table.
// The value's words are tested most significant first; each word's tree splits the sorted
// segments of that word (a single word value or a run of them), and a segment whose lower
// words still matter opens the next word's tree. Values cost two compares a level, intervals
// (IPv4/IPv6 prefixes) at most two; a path is O(log N) compares. Words known as constants
// are decided here, at compile time.

import { CompileError } from '../../diag/errors.js';
import { type SetTable, keyWords } from '../../bytecode/sets.js';
import { BPF, CBPF_MAX_INSNS } from './insn.js';

/** A word of the value: a constant, or something `load` puts into A. */
export type SetWord = { readonly k: number } | { readonly load: () => void };

export interface SetTreeEmitter {
  readonly cond: (code: number, k: number, jt: number, jf: number) => void;
  readonly ja: (target: number) => void;
  readonly bind: (id: number) => void;
  readonly newLabel: () => number;
}

/** One run [a, b] of word values; `rest` the intervals over the lower words (undefined: all of them). */
interface Segment {
  readonly a: number;
  readonly b: number;
  rest: [bigint, bigint][] | undefined;
}

/**
 * Test the value (words most significant first) against the table; `outcome` emits what a
 * hit or a miss does (it must end in a jump). Subtrees of about CHUNK instructions get their
 * own copies of the outcomes right after them, so that their leaves jump less than 255
 * instructions and need no `ja` trampolines.
 * @throws {CompileError} ERR_TARGET_TOO_LARGE when the table cannot fit classic BPF's 4096 instructions
 */
export function emitSetTree(e: SetTreeEmitter, table: SetTable, tableIndex: number, words: readonly SetWord[], outcome: (hit: boolean) => void, pc: number): void {
  const w = keyWords(table);
  // Every key needs at least one compare: more keys than the instruction limit cannot fit.
  if (table.count >= CBPF_MAX_INSNS) {
    throw new CompileError(
      'ERR_TARGET_TOO_LARGE',
      `set table ${tableIndex} has ${table.count} ${table.kind}; its classic BPF jump tree needs at least one instruction each and a program holds at most ${CBPF_MAX_INSNS} (use the eBPF target, whose sets are maps)`,
      { pc },
    );
  }
  const bits = BigInt(32 * w);
  const intervals: [bigint, bigint][] = [];
  for (let i = 0; i < table.count; i++) intervals.push([keyOf(table.lo, i, w), keyOf(table.hi, i, w)]);
  const t = e.newLabel();
  const f = e.newLabel();
  emitWord({ ...e, outcome, chunked: false }, intervals, words, 0, bits, t, f);
  e.bind(f);
  outcome(false);
  e.bind(t);
  outcome(true);
}

/** Subtrees of at most this many estimated instructions get local outcomes. */
const CHUNK = 160;

interface TreeContext extends SetTreeEmitter {
  readonly outcome: (hit: boolean) => void;
  /** Inside a subtree that has local outcomes already. */
  readonly chunked: boolean;
}

/** Estimated instructions of a segment's test: two compares, and the lower words' trees. */
function cost(s: Segment, wordsLeft: number): number {
  return 2 + (s.rest === undefined ? 0 : s.rest.length * 3 * wordsLeft);
}

function keyOf(words: Uint32Array, i: number, w: number): bigint {
  let v = 0n;
  for (let k = 0; k < w; k++) v = (v << 32n) | BigInt(words[i * w + k]);
  return v;
}

/** Segments of the top word of `rest`-bit keys (disjoint intervals, ascending). */
function segmentsOf(intervals: readonly [bigint, bigint][], restBits: bigint): Segment[] {
  const lowBits = restBits - 32n;
  const mask = (1n << lowBits) - 1n;
  const out: Segment[] = [];
  const push = (a: number, b: number, rest: [bigint, bigint] | undefined): void => {
    const last = out[out.length - 1];
    if (rest !== undefined && rest[0] === 0n && rest[1] === mask) rest = undefined;
    if (last !== undefined && last.a === a && last.b === a && a === b) {
      // Two intervals share this word value: join their lower parts.
      if (last.rest === undefined) return;
      if (rest === undefined) last.rest = undefined;
      else last.rest.push(rest);
      return;
    }
    out.push({ a, b, rest: rest === undefined ? undefined : [rest] });
  };
  for (const [lo, hi] of intervals) {
    const ha = Number(lo >> lowBits);
    const hb = Number(hi >> lowBits);
    const ra = lo & mask;
    const rb = hi & mask;
    if (ha === hb) {
      push(ha, ha, [ra, rb]);
      continue;
    }
    push(ha, ha, [ra, mask]);
    if (hb - ha > 1) push(ha + 1, hb - 1, undefined);
    push(hb, hb, [0n, rb]);
  }
  return out;
}

/** The tree for word `k` of keys with `restBits` bits left, over `intervals` of those bits. */
function emitWord(e: TreeContext, intervals: readonly [bigint, bigint][], words: readonly SetWord[], k: number, restBits: bigint, t: number, f: number): void {
  const segs = restBits === 32n ? intervals.map(([lo, hi]) => ({ a: Number(lo), b: Number(hi), rest: undefined })) : segmentsOf(intervals, restBits);
  const word = words[k];
  const next = (s: Segment, t: number, f: number, chunked: boolean): void => {
    if (s.rest === undefined) e.ja(t);
    else emitWord({ ...e, chunked }, s.rest, words, k + 1, restBits - 32n, t, f);
  };
  if ('k' in word) {
    // A constant word: the segment that holds it, found now.
    const c = word.k >>> 0;
    const s = segs.find((x) => x.a <= c && c <= x.b);
    if (s === undefined) e.ja(f);
    else next(s, t, f, e.chunked);
    return;
  }
  word.load();
  const wordsLeft = Number(restBits / 32n) - 1;
  const prefix = [0];
  for (const s of segs) prefix.push(prefix[prefix.length - 1] + cost(s, wordsLeft));
  const node = (l: number, r: number, lo: number, hi: number, t: number, f: number, chunked: boolean): void => {
    if (!chunked && prefix[r] - prefix[l] <= CHUNK) {
      const lt = e.newLabel();
      const lf = e.newLabel();
      node(l, r, lo, hi, lt, lf, true);
      e.bind(lf);
      e.outcome(false);
      e.bind(lt);
      e.outcome(true);
      return;
    }
    if (l >= r) {
      e.ja(f);
      return;
    }
    const m = (l + r) >>> 1;
    const s = segs[m];
    const left = l === m ? f : e.newLabel();
    const right = m + 1 === r ? f : e.newLabel();
    const hit = s.rest === undefined ? t : e.newLabel();
    if (s.a === s.b) {
      if (s.a === lo && s.a === hi) e.ja(hit);
      else if (s.a === lo) e.cond(BPF.JMP | BPF.JEQ | BPF.K, s.a, hit, right);
      else if (s.a === hi) e.cond(BPF.JMP | BPF.JEQ | BPF.K, s.a, hit, left);
      else {
        const ne = e.newLabel();
        e.cond(BPF.JMP | BPF.JEQ | BPF.K, s.a, hit, ne);
        e.bind(ne);
        e.cond(BPF.JMP | BPF.JGT | BPF.K, s.a, right, left);
      }
    } else {
      if (s.a > lo) {
        const above = e.newLabel();
        e.cond(BPF.JMP | BPF.JGE | BPF.K, s.a, above, left);
        e.bind(above);
      }
      if (s.b < hi) e.cond(BPF.JMP | BPF.JGT | BPF.K, s.b, right, hit);
      else e.ja(hit);
    }
    if (s.rest !== undefined) {
      e.bind(hit);
      next(s, t, f, chunked);
    }
    if (left !== f) {
      e.bind(left);
      node(l, m, lo, s.a - 1, t, f, chunked);
    }
    if (right !== f) {
      e.bind(right);
      node(m + 1, r, s.b + 1, hi, t, f, chunked);
    }
  };
  node(0, segs.length, 0, 0xffffffff, t, f, e.chunked);
}
