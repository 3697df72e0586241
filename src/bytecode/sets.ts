// The set section: tables of sorted values or intervals that INSET/INSET128 look values up in,
// stored after the code of a program image. An image without the section is the bare C
// bytecode, byte for byte; one with it ends in an 8-byte trailer (code length, magic "VFS" and
// version 1) that no verifiable C program can end with (see docs/bytecode.md "Set section").

import { DecodeError } from '../diag/errors.js';
import { ByteWriter } from '../util/bytes.js';

/** The last four bytes of an image with a set section: "VFS" and the section version. */
export const SET_MAGIC = [0x56, 0x46, 0x53, 0x01] as const;
/** u32 LE code length + magic. */
export const SET_TRAILER_BYTES = 8;
/** Tables per program (INSET's operand is one byte). */
export const MAX_SET_TABLES = 256;
/** Keys (values, or intervals) per table. */
export const MAX_SET_ENTRIES = 1 << 20;
/** Bytes of the section (tables and their headers, without the trailer). */
export const MAX_SET_SECTION_BYTES = 40 << 20;
const TABLE_HEADER_BYTES = 8;
const KIND_CODE = { values: 0, intervals: 1 } as const;

export type SetKind = keyof typeof KIND_CODE;

/**
 * One table. Keys are held as 32-bit words, most significant first: 2 words a key for a
 * 64-bit table, 4 for a 128-bit one. For `values`, `lo` and `hi` are the same array; for
 * `intervals`, key i is the interval [lo i, hi i]. Keys ascend strictly and intervals are
 * disjoint (`hi i < lo i+1`), which the verifier checks.
 */
export interface SetTable {
  readonly kind: SetKind;
  readonly wide: boolean;
  readonly count: number;
  readonly lo: Uint32Array;
  readonly hi: Uint32Array;
}

/** A program image split into its code and its set tables (none for plain bytecode). */
export interface ProgramImage {
  readonly code: Uint8Array;
  readonly tables: readonly SetTable[];
}

/** Words per key. */
export function keyWords(t: SetTable): 2 | 4 {
  return t.wide ? 4 : 2;
}

/** True when the image ends in the set-section trailer (its contents are not checked). */
export function hasSetSection(bytes: Uint8Array): boolean {
  const n = bytes.length;
  if (n < SET_TRAILER_BYTES + 1) return false;
  for (let i = 0; i < 4; i++) if (bytes[n - 4 + i] !== SET_MAGIC[i]) return false;
  return true;
}

function sectionError(message: string, byteOffset: number): never {
  throw new DecodeError('ERR_DECODE_SET', message, { byteOffset });
}

function word(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
}

/** Compare key i of a with key j of b (w words a key): -1, 0 or 1. */
function compareKeys(a: Uint32Array, i: number, b: Uint32Array, j: number, w: number): number {
  for (let k = 0; k < w; k++) {
    const x = a[i * w + k];
    const y = b[j * w + k];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Split an image into code and tables, checking the section completely: sizes, kinds,
 * widths, strictly ascending keys, disjoint intervals, nothing left over.
 * @throws {DecodeError} ERR_DECODE_SET naming the byte offset of the problem
 */
export function splitImage(bytes: Uint8Array): ProgramImage {
  if (!hasSetSection(bytes)) return { code: bytes, tables: [] };
  const n = bytes.length;
  const trailer = n - SET_TRAILER_BYTES;
  const codeLength = (bytes[trailer] | (bytes[trailer + 1] << 8) | (bytes[trailer + 2] << 16) | (bytes[trailer + 3] << 24)) >>> 0;
  if (codeLength === 0 || codeLength > trailer) sectionError(`set section: code length ${codeLength} does not fit the ${n}-byte image`, trailer);
  const end = trailer;
  if (end - codeLength > MAX_SET_SECTION_BYTES) sectionError(`set section: ${end - codeLength} bytes, at most ${MAX_SET_SECTION_BYTES}`, codeLength);
  let at = codeLength;
  if (end - at < 2) sectionError('set section: no table count', at);
  const tableCount = bytes[at] | (bytes[at + 1] << 8);
  if (tableCount === 0 || tableCount > MAX_SET_TABLES) sectionError(`set section: ${tableCount} tables, 1 to ${MAX_SET_TABLES} allowed`, at);
  at += 2;
  const tables: SetTable[] = [];
  for (let t = 0; t < tableCount; t++) {
    const start = at;
    if (end - at < TABLE_HEADER_BYTES) sectionError(`set table ${t}: header cut short`, at);
    const kindCode = bytes[at];
    const width = bytes[at + 1];
    const reserved = bytes[at + 2] | bytes[at + 3];
    const count = (bytes[at + 4] | (bytes[at + 5] << 8) | (bytes[at + 6] << 16) | (bytes[at + 7] << 24)) >>> 0;
    if (kindCode !== KIND_CODE.values && kindCode !== KIND_CODE.intervals) sectionError(`set table ${t}: unknown kind ${kindCode}`, at);
    if (width !== 8 && width !== 16) sectionError(`set table ${t}: key width ${width} bytes, 8 or 16 allowed`, at + 1);
    if (reserved !== 0) sectionError(`set table ${t}: reserved header bytes are not 0`, at + 2);
    if (count === 0 || count > MAX_SET_ENTRIES) sectionError(`set table ${t}: ${count} entries, 1 to ${MAX_SET_ENTRIES} allowed`, at + 4);
    at += TABLE_HEADER_BYTES;
    const intervals = kindCode === KIND_CODE.intervals;
    const w = width / 4;
    const keys = intervals ? 2 * count : count;
    if (end - at < keys * width) sectionError(`set table ${t}: ${count} entries need ${keys * width} bytes, ${end - at} remain`, start);
    const lo = new Uint32Array(count * w);
    const hi = intervals ? new Uint32Array(count * w) : lo;
    for (let i = 0; i < count; i++) {
      for (let k = 0; k < w; k++) lo[i * w + k] = word(bytes, at + 4 * k);
      at += width;
      if (intervals) {
        for (let k = 0; k < w; k++) hi[i * w + k] = word(bytes, at + 4 * k);
        at += width;
        if (compareKeys(lo, i, hi, i, w) > 0) sectionError(`set table ${t}: interval ${i} has its low bound above its high bound`, at - 2 * width);
      }
      if (i > 0 && compareKeys(hi, i - 1, lo, i, w) >= 0) {
        sectionError(`set table ${t}: entry ${i} is not above entry ${i - 1} (keys must ascend strictly, intervals be disjoint)`, at - (intervals ? 2 : 1) * width);
      }
    }
    tables.push({ kind: intervals ? 'intervals' : 'values', wide: width === 16, count, lo, hi });
  }
  if (at !== end) sectionError(`set section: ${end - at} bytes after the last table`, at);
  return { code: bytes.subarray(0, codeLength), tables };
}

/** Split without throwing: undefined when the section is malformed. */
export function trySplitImage(bytes: Uint8Array): ProgramImage | undefined {
  try {
    return splitImage(bytes);
  } catch (e) {
    if (e instanceof DecodeError) return undefined;
    throw e;
  }
}

/**
 * A table from bigint keys (or [lo, hi] pairs), sorted and merged here: duplicate values
 * collapse, overlapping or adjacent intervals join. Keys are taken modulo 2^64 or 2^128.
 */
export function makeSetTable(wide: boolean, entries: readonly (bigint | readonly [bigint, bigint])[]): SetTable {
  const bits = wide ? 128 : 64;
  const pairs = entries.map((e): [bigint, bigint] => (typeof e === 'bigint' ? [BigInt.asUintN(bits, e), BigInt.asUintN(bits, e)] : [BigInt.asUintN(bits, e[0]), BigInt.asUintN(bits, e[1])]));
  for (const p of pairs) if (p[0] > p[1]) p.reverse();
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const merged: [bigint, bigint][] = [];
  const max = (1n << BigInt(bits)) - 1n;
  for (const p of pairs) {
    const last = merged[merged.length - 1];
    if (last !== undefined && (last[1] === max || p[0] <= last[1] + 1n)) {
      if (p[1] > last[1]) last[1] = p[1];
    } else merged.push([p[0], p[1]]);
  }
  return tableOf(wide, merged.some((p) => p[0] !== p[1]) ? 'intervals' : 'values', merged);
}

/** A table holding exactly these [lo, hi] pairs in this order (for `values`, lo is used); nothing is checked. */
export function tableOf(wide: boolean, kind: SetKind, pairs: readonly (readonly [bigint, bigint])[]): SetTable {
  const intervals = kind === 'intervals';
  const w = wide ? 4 : 2;
  const lo = new Uint32Array(pairs.length * w);
  const hi = intervals ? new Uint32Array(pairs.length * w) : lo;
  for (let i = 0; i < pairs.length; i++) {
    for (let k = 0; k < w; k++) {
      const shift = BigInt(32 * (w - 1 - k));
      lo[i * w + k] = Number((pairs[i][0] >> shift) & 0xffffffffn);
      if (intervals) hi[i * w + k] = Number((pairs[i][1] >> shift) & 0xffffffffn);
    }
  }
  return { kind, wide, count: pairs.length, lo, hi };
}

/** Key i of a word array as a bigint. */
export function keyAt(words: Uint32Array, i: number, wide: boolean): bigint {
  const w = wide ? 4 : 2;
  let v = 0n;
  for (let k = 0; k < w; k++) v = (v << 32n) | BigInt(words[i * w + k]);
  return v;
}

/** The bytes of a section body (without trailer) for these tables. */
function sectionBytes(tables: readonly SetTable[]): Uint8Array {
  const out = new ByteWriter(16 + tables.reduce((s, t) => s + TABLE_HEADER_BYTES + t.lo.length * 4 * (t.kind === 'intervals' ? 2 : 1), 0));
  out.u16le(tables.length);
  const be32 = (v: number): void => {
    out.u8(v >>> 24);
    out.u8(v >>> 16);
    out.u8(v >>> 8);
    out.u8(v);
  };
  for (const t of tables) {
    out.u8(KIND_CODE[t.kind]);
    out.u8(t.wide ? 16 : 8);
    out.u16le(0);
    out.u32le(t.count);
    const w = keyWords(t);
    for (let i = 0; i < t.count; i++) {
      for (let k = 0; k < w; k++) be32(t.lo[i * w + k]);
      if (t.kind === 'intervals') for (let k = 0; k < w; k++) be32(t.hi[i * w + k]);
    }
  }
  return out.finish();
}

/** Join code and tables into one image; with no tables the image is the code itself. */
export function joinImage(code: Uint8Array, tables: readonly SetTable[]): Uint8Array {
  if (tables.length === 0) return code;
  const body = sectionBytes(tables);
  const out = new Uint8Array(code.length + body.length + SET_TRAILER_BYTES);
  out.set(code, 0);
  out.set(body, code.length);
  const t = code.length + body.length;
  out[t] = code.length & 0xff;
  out[t + 1] = (code.length >>> 8) & 0xff;
  out[t + 2] = (code.length >>> 16) & 0xff;
  out[t + 3] = (code.length >>> 24) & 0xff;
  out.set(SET_MAGIC, t + 4);
  return out;
}
