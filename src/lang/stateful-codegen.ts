// Code for the stateful VFLisp forms (docs/stateful.md has the exact semantics). A flow key
// is a 64-bit hash of a per-form seed and the key parts, with bit 63 set so it is never 0
// (the empty key). The VM has only DUP/SWAP/POP to move values, so a form computes its key
// again where it stores (`value DUP key SWAP FLOW_STORE` keeps the value). Windowed entries
// pack `window start in ms << 22 | count` into one 64-bit value.

import type { BuiltProgram } from '../bytecode/builder.js';
import type { Span } from '../diag/source.js';
import { type Codegen, fieldGuard, isTree, treeGuards } from './codegen.js';
import { type Requirement, SEL } from './fields.js';
import type { Expr, KeyPart, StateExpr } from './ir.js';
import type { OpName } from '../isa/index.js';

/** Bits of a windowed entry that hold the count (the rest hold the window start in ms). */
export const COUNT_BITS = 22n;
export const COUNT_MASK = (1n << COUNT_BITS) - 1n;
const NS_PER_MS = 1_000_000n;
const M64 = (1n << 64n) - 1n;
/** FNV-1a 64-bit prime: the per-part multiplier. */
const PART_PRIME = 0x100000001b3n;
/** Folds the high half of a 128-bit part into its low half. */
const WIDE_PRIME = 0x9e3779b97f4a7c15n;
/** MurmurHash3 fmix64 multiplier: mixes the high bits into the low bits the table indexes by. */
const MIX = 0xff51afd7ed558ccdn;
const NONZERO = 1n << 63n;

/** Roles of the keys of one form site: its counter and (distinct-by) its per-value markers. */
export const KEY_ROLE = { counter: 0, marker: 1, user: 2 } as const;

/** The hash seed of a form site and role; site 0 is for shard keys and flow-key (not a form). */
export function keySeed(site: number, role: number): bigint {
  let h = (BigInt(site * 4 + role + 1) * WIDE_PRIME) & M64;
  h ^= h >> 33n;
  h = (h * MIX) & M64;
  return h ^ (h >> 33n);
}

/**
 * The flow key of parts with `seed`, as the generated code computes it (for tests and docs):
 * h = seed; for each part value v: h = (h ^ v) * PART_PRIME; then an fmix64 step and bit 63.
 * A 128-bit part (hi, lo) enters as hi * WIDE_PRIME ^ lo.
 */
export function flowKey(seed: bigint, values: readonly { v: bigint; wide: boolean }[]): bigint {
  let h = seed;
  for (const { v, wide } of values) {
    const x = wide ? (((v >> 64n) * WIDE_PRIME) & M64) ^ (v & M64) : v;
    h = ((h ^ x) * PART_PRIME) & M64;
  }
  h ^= h >> 33n;
  h = (h * MIX) & M64;
  h ^= h >> 33n;
  return h | NONZERO;
}

/** Emit a straight run: a bigint is PUSH of it, a name an operand-less instruction. */
function ops(g: Codegen, span: Span, ...items: readonly (bigint | OpName)[]): void {
  for (const x of items) {
    if (typeof x === 'bigint') g.em.emitImm('push', x, span);
    else g.em.emit(x, 0, span);
  }
}

const IP_PRESENT: Requirement = { t: 'atom', atom: SEL.ipVersion, op: 'ne', c: 0 };

/** The guards under which every part is present. */
function partGuards(parts: readonly KeyPart[]): Requirement[] {
  const out = new Map<string, Requirement>();
  for (const p of parts) {
    if (p.kind === 'either') out.set('ip', IP_PRESENT);
    else if (p.e.k === 'field') for (const r of fieldGuard(p.e.f, p.e.family)) out.set(JSON.stringify(r), r);
    else if (isTree(p.e)) for (const [k, r] of treeGuards(p.e, new Map())) out.set(k, r);
  }
  return [...out.values()];
}

/** Push one part's 64-bit contribution (its guards have passed). */
function pushPart(g: Codegen, p: KeyPart, span: Span): void {
  const em = g.em;
  if (p.kind === 'either') {
    const f = p.e as Expr & { k: 'field' };
    const dir = f.f.access.k === 'addr' ? f.f.access.dir : 'src';
    const six = em.newLabel('ipv6');
    const end = em.newLabel('end');
    g.atomTest(SEL.ipVersion, 'eq', 4n, false, six, span);
    em.emit('hdr', SEL.l3, span);
    em.emit('ldx32', dir === 'src' ? 12 : 16, span);
    em.jump(end, span);
    em.bind(six);
    em.emit('hdr', SEL.l3, span);
    em.emit('ldx128', dir === 'src' ? 8 : 24, span);
    foldWide(g, span);
    em.bind(end);
    return;
  }
  if (isTree(p.e)) g.raw(p.e);
  else g.value(p.e);
  if (p.kind === 'wide') foldWide(g, span);
}

/** hi lo -- hi*WIDE_PRIME ^ lo */
function foldWide(g: Codegen, span: Span): void {
  ops(g, span, 'swap', WIDE_PRIME, 'mul', 'xor');
}

/** Push the flow key of `parts` (guards passed). */
function pushKey(g: Codegen, seed: bigint, parts: readonly KeyPart[], span: Span): void {
  ops(g, span, seed);
  for (const p of parts) {
    pushPart(g, p, span);
    ops(g, span, 'xor', PART_PRIME, 'mul');
  }
  // h ^= h >> 33; h *= MIX; h ^= h >> 33; h |= 2^63
  ops(g, span, 'dup', 33n, 'shr', 'xor', MIX, 'mul', 'dup', 33n, 'shr', 'xor', NONZERO, 'or');
}

/** -- now  (capture time in ms) */
function pushNowMs(g: Codegen, span: Span): void {
  ops(g, span, 'tstamp', NS_PER_MS, 'div');
}

/** entry -- entry'  (a fresh window starting now when `entry`'s window has ended; else unchanged) */
function rollWindow(g: Codegen, windowMs: bigint, span: Span): void {
  const em = g.em;
  const inWindow = em.newLabel('in_window');
  ops(g, span, 'dup', COUNT_BITS, 'shr', windowMs, 'add');
  pushNowMs(g, span);
  em.branch('jgt', inWindow, undefined, undefined, span);
  ops(g, span, 'pop');
  pushNowMs(g, span);
  ops(g, span, COUNT_BITS, 'shl');
  em.bind(inWindow);
}

/** entry -- entry+1, unless the count bits are all ones (saturated). */
function bumpCount(g: Codegen, span: Span): void {
  const em = g.em;
  const full = em.newLabel('saturated');
  ops(g, span, 'dup', COUNT_MASK, 'and', COUNT_MASK);
  em.branch('jeq', full, undefined, undefined, span);
  ops(g, span, 1n, 'add');
  em.bind(full);
}

/** value -- value, storing it under the key (computed again). */
function storeKeep(g: Codegen, seed: bigint, parts: readonly KeyPart[], span: Span): void {
  ops(g, span, 'dup');
  pushKey(g, seed, parts, span);
  ops(g, span, 'swap', 'flow_store');
}

function emitCount(g: Codegen, e: StateExpr): void {
  const seed = keySeed(e.site, KEY_ROLE.counter);
  pushKey(g, seed, e.key, e.span);
  ops(g, e.span, 'flow_load', 1n, 'add');
  storeKeep(g, seed, e.key, e.span);
}

function emitRate(g: Codegen, e: StateExpr): void {
  const seed = keySeed(e.site, KEY_ROLE.counter);
  pushKey(g, seed, e.key, e.span);
  ops(g, e.span, 'flow_load');
  rollWindow(g, e.windowMs!, e.span);
  bumpCount(g, e.span);
  storeKeep(g, seed, e.key, e.span);
  ops(g, e.span, COUNT_MASK, 'and');
}

function emitDistinct(g: Codegen, e: StateExpr): void {
  const em = g.em;
  const span = e.span;
  const counter = keySeed(e.site, KEY_ROLE.counter);
  const marker = keySeed(e.site, KEY_ROLE.marker);
  const markerParts = [...e.key, e.value!];
  const seen = em.newLabel('seen');
  pushKey(g, counter, e.key, span);
  ops(g, span, 'flow_load'); // c
  if (e.windowMs !== undefined) rollWindow(g, e.windowMs, span);
  // A marker holds (window start + 1) of the counter when the value was first seen in it.
  const markerValue = (): void => ops(g, span, 'dup', COUNT_BITS, 'shr', 1n, 'add');
  markerValue(); // c m
  pushKey(g, marker, markerParts, span);
  ops(g, span, 'flow_load'); // c m stored
  em.branch('jeq', seen, undefined, undefined, span); // c
  markerValue();
  pushKey(g, marker, markerParts, span);
  ops(g, span, 'swap', 'flow_store'); // c
  bumpCount(g, span);
  storeKeep(g, counter, e.key, span);
  em.bind(seen);
  ops(g, span, COUNT_MASK, 'and');
}

/** Push the value of a stateful form; 0 (touching nothing) when a key part is absent. */
export function emitState(g: Codegen, e: Expr & { k: 'state' | 'flowGet' | 'flowSet' | 'flowKey' }): void {
  const em = g.em;
  const span = e.span;
  if (e.k === 'flowGet') {
    g.value(e.key);
    ops(g, span, 'flow_load');
    return;
  }
  if (e.k === 'flowSet') {
    // value DUP key; key 0 (never found) stores nothing: DUP 0 JEQ skip
    const skip = em.newLabel('no_key');
    const done = em.newLabel('stored');
    g.value(e.value);
    ops(g, span, 'dup');
    g.value(e.key);
    ops(g, span, 'dup', 0n);
    em.branch('jeq', skip, undefined, undefined, span);
    ops(g, span, 'swap', 'flow_store');
    em.jump(done, span);
    em.bind(skip);
    ops(g, span, 'pop', 'pop');
    em.bind(done);
    return;
  }
  const absent = em.newLabel('absent');
  const end = em.newLabel('end');
  if (e.k === 'flowKey') {
    g.guard(partGuards(e.parts), absent, span);
    pushKey(g, keySeed(0, KEY_ROLE.user), e.parts, span);
  } else {
    g.guard(partGuards(e.value === undefined ? e.key : [...e.key, e.value]), absent, span);
    emitForm(g, e);
  }
  em.jump(end, span);
  em.bind(absent);
  em.emitImm('push', 0n, span);
  em.bind(end);
}

function emitForm(g: Codegen, e: StateExpr): void {
  if (e.form === 'count') emitCount(g, e);
  else if (e.form === 'rate') emitRate(g, e);
  else emitDistinct(g, e);
}

/**
 * A program that returns the shard key of `parts` (their flow key with seed `keySeed(0, 0)`),
 * or 0 when a part is absent: packets with equal parts get equal keys.
 */
export function buildKeyProgram(g: Codegen, parts: readonly KeyPart[], span: Span): BuiltProgram {
  const em = g.em;
  const absent = em.newLabel('absent');
  g.guard(partGuards(parts), absent, span);
  pushKey(g, keySeed(0, 0), parts, span);
  em.ret(span);
  em.bind(absent);
  em.emitImm('push', 0n, span);
  em.ret(span);
  return em.build();
}
