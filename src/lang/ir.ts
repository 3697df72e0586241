// The checked VFLisp program: a typed expression tree that the code generator walks. The
// constructors fold constants and remove dead branches, so codegen never sees `(+ 1 2)` or
// `(if 1 a b)`. `wide` marks 128-bit (IPv6 address) values.

import type { Cond as PcapCond } from '../pcap/ir.js';
import type { Span } from '../diag/source.js';
import type { FieldDef } from './fields.js';

export type ArithOp = 'add' | 'sub' | 'mul' | 'div' | 'mod' | 'and' | 'or' | 'xor' | 'shl' | 'shr';
export type CmpOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type Expr =
  | { readonly k: 'const'; readonly v: bigint; readonly wide: boolean; readonly span: Span }
  /** A field; `family` picks IPv4 or IPv6 for address fields. */
  | { readonly k: 'field'; readonly f: FieldDef; readonly family: 4 | 6 | undefined; readonly span: Span }
  /** Raw load of `width` bytes at `off` from the frame, network or transport header. */
  | { readonly k: 'load'; readonly base: 'frame' | 'l3' | 'l4'; readonly off: number; readonly width: 1 | 2 | 4 | 8; readonly span: Span }
  /** Binary arithmetic (only `and` with a constant mask is used on wide values, for prefixes). */
  | { readonly k: 'arith'; readonly op: ArithOp; readonly a: Expr; readonly b: Expr; readonly wide: boolean; readonly span: Span }
  | { readonly k: 'cmp'; readonly op: CmpOp; readonly a: Expr; readonly b: Expr; readonly wide: boolean; readonly span: Span }
  | { readonly k: 'and' | 'or'; readonly args: readonly Expr[]; readonly span: Span }
  | { readonly k: 'not'; readonly a: Expr; readonly span: Span }
  | { readonly k: 'if'; readonly c: Expr; readonly t: Expr; readonly e: Expr; readonly wide: boolean; readonly span: Span }
  /** A stateful form over the flow table (stateful.ts): count-by, rate-by or distinct-by. */
  | StateExpr
  /** `(flow-get KEY)`: the raw flow-table value under KEY. */
  | { readonly k: 'flowGet'; readonly key: Expr; readonly span: Span }
  /** `(flow-key PART ...)`: the flow key of the parts (0 when one is absent), for flow-get/flow-set. */
  | { readonly k: 'flowKey'; readonly parts: readonly KeyPart[]; readonly span: Span }
  /** `(flow-set KEY VALUE)`: store VALUE under KEY (not when KEY is 0); the value is VALUE. */
  | { readonly k: 'flowSet'; readonly key: Expr; readonly value: Expr; readonly span: Span }
  /** `(pcap "EXPR")`: a tcpdump expression, compiled with libpcap's semantics (src/pcap). */
  | { readonly k: 'pcap'; readonly cond: PcapCond; readonly span: Span };

/**
 * One part of a flow key: a 64-bit value, a 128-bit IPv6 value, or an address field of either
 * family (`src-ip`, `dst-ip`: IPv4 on IPv4 packets, IPv6 on IPv6 packets).
 */
export interface KeyPart {
  readonly e: Expr;
  readonly kind: 'u64' | 'wide' | 'either';
}

export interface StateExpr {
  readonly k: 'state';
  readonly form: 'count' | 'rate' | 'distinct';
  /** Per-form site number (1, 2, ... in source order): forms never share entries. */
  readonly site: number;
  readonly key: readonly KeyPart[];
  /** distinct-by: the value whose distinct occurrences are counted. */
  readonly value?: KeyPart;
  /** rate-by (required), distinct-by (optional): the window in milliseconds. */
  readonly windowMs?: bigint;
  readonly span: Span;
}

const M64 = (1n << 64n) - 1n;

export function isWide(e: Expr): boolean {
  return (e.k === 'const' || e.k === 'arith' || e.k === 'if') && e.wide ? true : e.k === 'field' && e.family === 6;
}

/** True when the value is always 0 or 1 (a condition). */
export function isBool(e: Expr): boolean {
  switch (e.k) {
    case 'cmp':
    case 'not':
    case 'pcap':
      return true;
    case 'const':
      return e.v === 0n || e.v === 1n;
    case 'and':
    case 'or':
      return e.args.every(isBool);
    case 'if':
      return isBool(e.t) && isBool(e.e);
    default:
      return false;
  }
}

export function mkConst(v: bigint, span: Span, wide = false): Expr {
  return { k: 'const', v: BigInt.asUintN(wide ? 128 : 64, v), wide, span };
}

/** `a op b` on unsigned 64-bit values; `undefined` for division by zero (left to run time). */
export function foldArith(op: ArithOp, a: bigint, b: bigint): bigint | undefined {
  switch (op) {
    case 'add':
      return (a + b) & M64;
    case 'sub':
      return (a - b) & M64;
    case 'mul':
      return (a * b) & M64;
    case 'div':
      return b === 0n ? undefined : a / b;
    case 'mod':
      return b === 0n ? undefined : a % b;
    case 'and':
      return a & b;
    case 'or':
      return a | b;
    case 'xor':
      return a ^ b;
    case 'shl':
      return (a << (b & 63n)) & M64;
    case 'shr':
      return a >> (b & 63n);
  }
}

export function foldCmp(op: CmpOp, a: bigint, b: bigint): boolean {
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
  }
}

export function mkArith(op: ArithOp, a: Expr, b: Expr, span: Span, wide = false): Expr {
  if (a.k === 'const' && b.k === 'const' && !wide) {
    const v = foldArith(op, a.v, b.v);
    if (v !== undefined) return mkConst(v, span);
  }
  return { k: 'arith', op, a, b, wide, span };
}

export function mkCmp(op: CmpOp, a: Expr, b: Expr, span: Span, wide = false): Expr {
  if (a.k === 'const' && b.k === 'const') return mkConst(foldCmp(op, a.v, b.v) ? 1n : 0n, span);
  return { k: 'cmp', op, a, b, wide, span };
}

/**
 * `and`/`or` with value semantics (the last operand evaluated is the result). Constants that
 * cannot stop the chain are dropped (except a last operand, which is the value); a constant
 * that stops it ends the chain there.
 */
export function mkLogic(k: 'and' | 'or', args: readonly Expr[], span: Span): Expr {
  const out: Expr[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const isLast = i === args.length - 1;
    if (a.k === 'const') {
      const stops = k === 'and' ? a.v === 0n : a.v !== 0n;
      if (stops || isLast) {
        out.push(a);
        break;
      }
      continue; // neutral constant: evaluation goes on to the next operand
    }
    out.push(a);
  }
  if (out.length === 1) return out[0];
  if (out.length === 0) return mkConst(k === 'and' ? 1n : 0n, span);
  return { k, args: out, span };
}

export function mkNot(a: Expr, span: Span): Expr {
  if (a.k === 'const') return mkConst(a.v === 0n ? 1n : 0n, span);
  if (a.k === 'not' && isBool(a.a)) return a.a;
  return { k: 'not', a, span };
}

export function mkIf(c: Expr, t: Expr, e: Expr, span: Span): Expr {
  if (c.k === 'const') return c.v !== 0n ? t : e;
  if (c.k === 'not') return mkIf(c.a, e, t, span);
  // (if C 1 0) is C and (if C 0 1) is (not C) when C is a condition (0 or 1).
  if (t.k === 'const' && e.k === 'const' && isBool(c) && !t.wide) {
    if (t.v === 1n && e.v === 0n) return c;
    if (t.v === 0n && e.v === 1n) return mkNot(c, span);
  }
  return { k: 'if', c, t, e, wide: isWide(t), span };
}
