// Membership in a set table (INSET, INSET128) for the fast tiers: interpreter, closure, js and
// wasm's import. A table is prepared once per filter into the fastest form that holds it: a
// bitmap when every key is below 65536 (ports), one Uint32Array when every key fits 32 bits,
// else word arrays. Lookups are a bit test or a binary search over typed arrays (the largest
// key at or below the value, then its interval's upper bound): O(log N), no allocation.

import { type SetTable, keyWords } from '../bytecode/sets.js';

/** How a prepared table is searched. */
export const SET_MODE = { bitmap: 0, narrow: 1, wide64: 2, wide128: 3 } as const;

const EMPTY = new Uint32Array(0);
const BITMAP_LIMIT = 65536;

/** A table prepared for lookups; every field exists in every mode (one hidden class). */
export class SetIndex {
  readonly mode: number;
  readonly count: number;
  /** Bitmap of 65536 bits (mode bitmap). */
  readonly bits: Uint32Array;
  /** Keys: low words only (narrow), or 2 or 4 words a key, most significant first. */
  readonly lo: Uint32Array;
  readonly hi: Uint32Array;

  constructor(t: SetTable) {
    this.count = t.count;
    const w = keyWords(t);
    let maxHi = 0;
    let narrow = true;
    for (let i = 0; i < t.count && !t.wide; i++) {
      if (t.hi[i * w] !== 0) narrow = false;
      else if (t.hi[i * w + 1] > maxHi) maxHi = t.hi[i * w + 1];
    }
    if (t.wide) {
      this.mode = SET_MODE.wide128;
      this.bits = EMPTY;
      this.lo = t.lo;
      this.hi = t.hi;
    } else if (narrow && maxHi < BITMAP_LIMIT) {
      this.mode = SET_MODE.bitmap;
      this.bits = new Uint32Array(BITMAP_LIMIT / 32);
      for (let i = 0; i < t.count; i++) {
        for (let v = t.lo[i * 2 + 1]; v <= t.hi[i * 2 + 1]; v++) this.bits[v >>> 5] |= 1 << (v & 31);
      }
      this.lo = EMPTY;
      this.hi = EMPTY;
    } else if (narrow) {
      this.mode = SET_MODE.narrow;
      this.bits = EMPTY;
      const lo = new Uint32Array(t.count);
      const hi = t.kind === 'intervals' ? new Uint32Array(t.count) : lo;
      for (let i = 0; i < t.count; i++) {
        lo[i] = t.lo[i * 2 + 1];
        hi[i] = t.hi[i * 2 + 1];
      }
      this.lo = lo;
      this.hi = hi;
    } else {
      this.mode = SET_MODE.wide64;
      this.bits = EMPTY;
      this.lo = t.lo;
      this.hi = t.hi;
    }
  }
}

/** 1 if the 64-bit value (xh, xl) is in the table, else 0. */
export function inSet64(s: SetIndex, xh: number, xl: number): number {
  xh >>>= 0;
  xl >>>= 0;
  if (s.mode === SET_MODE.bitmap) {
    if (xh !== 0 || xl >= BITMAP_LIMIT) return 0;
    return (s.bits[xl >>> 5] >>> (xl & 31)) & 1;
  }
  const lo = s.lo;
  let l = 0;
  let r = s.count;
  if (s.mode === SET_MODE.narrow) {
    if (xh !== 0) return 0;
    while (l < r) {
      const m = (l + r) >>> 1;
      if (lo[m] <= xl) l = m + 1;
      else r = m;
    }
    return l > 0 && xl <= s.hi[l - 1] ? 1 : 0;
  }
  while (l < r) {
    const m = (l + r) >>> 1;
    const kh = lo[2 * m];
    if (kh < xh || (kh === xh && lo[2 * m + 1] <= xl)) l = m + 1;
    else r = m;
  }
  if (l === 0) return 0;
  const hh = s.hi[2 * l - 2];
  return xh < hh || (xh === hh && xl <= s.hi[2 * l - 1]) ? 1 : 0;
}

/** Compare the 4-word key at words[4i..] with (a, b, c, d), most significant first: key <= x. */
function keyAtMost(words: Uint32Array, i: number, a: number, b: number, c: number, d: number): boolean {
  const k = 4 * i;
  if (words[k] !== a) return words[k] < a;
  if (words[k + 1] !== b) return words[k + 1] < b;
  if (words[k + 2] !== c) return words[k + 2] < c;
  return words[k + 3] <= d;
}

/** 1 if the 128-bit value with words a (most significant) .. d is in the table, else 0. */
export function inSet128(s: SetIndex, a: number, b: number, c: number, d: number): number {
  a >>>= 0;
  b >>>= 0;
  c >>>= 0;
  d >>>= 0;
  const lo = s.lo;
  let l = 0;
  let r = s.count;
  while (l < r) {
    const m = (l + r) >>> 1;
    if (keyAtMost(lo, m, a, b, c, d)) l = m + 1;
    else r = m;
  }
  if (l === 0) return 0;
  // x <= hi[l-1]: hi[l-1] >= x, i.e. not (hi < x).
  const h = s.hi;
  const k = 4 * (l - 1);
  if (h[k] !== a) return h[k] > a ? 1 : 0;
  if (h[k + 1] !== b) return h[k + 1] > b ? 1 : 0;
  if (h[k + 2] !== c) return h[k + 2] > c ? 1 : 0;
  return h[k + 3] >= d ? 1 : 0;
}

/** Prepared tables of a program, by table number. */
export function prepareSets(tables: readonly SetTable[]): SetIndex[] {
  return tables.map((t) => new SetIndex(t));
}
