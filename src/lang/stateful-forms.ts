// The stateful VFLisp forms over the flow table: count-by, rate-by, distinct-by, flow-get and
// flow-set. This file checks their arguments (key parts, durations) and records what each
// form keys on, so a caller can shard a capture over workers by the fields they share
// (docs/stateful.md). Code generation is in stateful-codegen.ts.

import type { Node } from './ast.js';
import { type Checker, type FormDef, resolveFamily } from './checker.js';
import type { Span } from '../diag/source.js';
import type { ArithOp, CmpOp, Expr, KeyPart, StateExpr } from './ir.js';
import { formatIpv6 } from '../util/inet.js';

/** What one stateful form keys on: canonical text of each key part (see `exprText`). */
export interface StateUse {
  readonly form: string;
  readonly span: Span;
  readonly keys: readonly string[];
  /** The key parts (flow-get/flow-set: a flow-key's parts, else the key expression). */
  readonly parts: readonly KeyPart[];
  /** flow-get/flow-set: keys shared by every such use (no per-form seed), so parts match by position. */
  readonly raw: boolean;
}

const UNITS_MS: Readonly<Record<string, bigint | undefined>> = { s: 1000n, m: 60_000n, h: 3_600_000n, ms: 1n };
const SUB_MS = new Set(['ns', 'us']);
/** Window starts are kept in 42 bits of milliseconds (docs/stateful.md). */
export const MAX_WINDOW_MS = (1n << 42n) - 1n;

/** A window: an integer (seconds) or a duration such as `500ms`, `10s`, `5m`, `1h`. */
function windowArg(cx: Checker, node: Node, form: string): bigint | undefined {
  let ms: bigint | undefined;
  if (node.kind === 'int' && !node.negative) ms = node.value * 1000n;
  else if (node.kind === 'symbol') {
    const m = /^([0-9]+)(ns|us|ms|s|m|h)$/.exec(node.name);
    if (m !== null && SUB_MS.has(m[2])) {
      return cx.error('ERR_CHECK_WINDOW', `${form}: window '${node.name}' is shorter than the 1 ms resolution of windows`, node.span);
    }
    if (m !== null) ms = BigInt(m[1]) * UNITS_MS[m[2]]!;
  }
  if (ms === undefined) {
    return cx.error('ERR_CHECK_WINDOW', `${form}: the window must be a duration such as 10s, 500ms, 5m or 1h (a plain number means seconds)`, node.span);
  }
  if (ms < 1n || ms > MAX_WINDOW_MS) {
    return cx.error('ERR_CHECK_WINDOW', `${form}: window of ${ms} ms is outside 1 ms to ${MAX_WINDOW_MS} ms`, node.span);
  }
  return ms;
}

function isWindowNode(node: Node): boolean {
  return (node.kind === 'int' && !node.negative) || (node.kind === 'symbol' && /^[0-9]+(ns|us|ms|s|m|h)$/.test(node.name));
}

/** A key part: any 64-bit or 128-bit value; `src-ip`/`dst-ip` alone mean either family. */
function keyPart(cx: Checker, node: Node, form: string): KeyPart | undefined {
  const t = cx.expr(node);
  if (t === undefined) return undefined;
  if (t.ty === 'wide') return { e: t.e, kind: 'wide' };
  if (t.ty === 'addr' && t.e.k === 'field' && t.e.family === undefined) return { e: t.e, kind: 'either' };
  // Not cx.u64(node): checking the node a second time would double the work per nesting level.
  return { e: resolveFamily(t.e, 4), kind: 'u64' };
}

function record(cx: Checker, form: string, span: Span, parts: readonly KeyPart[]): void {
  cx.stateUses.push({ form, span, keys: parts.map(partText), parts, raw: form === 'flow-get' || form === 'flow-set' });
}

function stateForm(name: string, form: StateExpr['form'], min: number, max: number, usage: string, doc: string): FormDef {
  return {
    name,
    min,
    max,
    usage,
    doc,
    check(cx, call, args) {
      let rest = args;
      let windowMs: bigint | undefined;
      let value: KeyPart | undefined;
      if (form === 'rate') {
        windowMs = windowArg(cx, args[args.length - 1], name);
        rest = args.slice(0, -1);
      } else if (form === 'distinct') {
        if (args.length >= 3 && isWindowNode(args[args.length - 1])) {
          windowMs = windowArg(cx, args[args.length - 1], name);
          rest = args.slice(0, -1);
        }
        if (rest.length < 2) return cx.error('ERR_CHECK_ARITY', `${name} needs at least one key and a value: ${usage}`, call.span);
        value = keyPart(cx, rest[rest.length - 1], name);
        rest = rest.slice(0, -1);
      }
      const key = rest.map((n) => keyPart(cx, n, name));
      if (key.some((k) => k === undefined) || (form === 'distinct' && value === undefined) || (form === 'rate' && windowMs === undefined)) return undefined;
      if ((form === 'distinct' && args.length >= 3 && isWindowNode(args[args.length - 1]) && windowMs === undefined)) return undefined;
      const parts = key as KeyPart[];
      record(cx, name, call.span, parts);
      const e: StateExpr = { k: 'state', form, site: cx.nextSite(), key: parts, value, windowMs, span: call.span };
      return { e, ty: 'u64' };
    },
  };
}

export const STATEFUL_FORMS: readonly FormDef[] = [
  stateForm('count-by', 'count', 1, Infinity, '(count-by KEY ...)', 'count this packet under the key built from the KEY values and return the count so far (1, 2, ...); 0, counting nothing, when a key field is absent'),
  stateForm('rate-by', 'rate', 2, Infinity, '(rate-by KEY ... WINDOW)', 'count within a fixed window per key: the window opens at the key\'s first packet and a new one at the first packet WINDOW or more later; returns the count in the current window'),
  stateForm('distinct-by', 'distinct', 2, Infinity, '(distinct-by KEY ... VALUE [WINDOW])', 'number of distinct VALUEs seen with this key (in the current window, if given), this packet included'),
  {
    name: 'flow-key',
    min: 1,
    max: Infinity,
    usage: '(flow-key PART ...)',
    doc: 'a nonzero 64-bit key hashed from the PART values in order (as count-by builds its keys), for flow-get and flow-set; 0 when a part is absent',
    check(cx, call, args) {
      const parts = args.map((n) => keyPart(cx, n, 'flow-key'));
      if (parts.some((p) => p === undefined)) return undefined;
      return { e: { k: 'flowKey', parts: parts as KeyPart[], span: call.span }, ty: 'u64' };
    },
  },
  {
    name: 'flow-get',
    min: 1,
    max: 1,
    usage: '(flow-get KEY)',
    doc: 'the flow-table value stored under the 64-bit KEY (0 when absent; key 0 is never found)',
    check(cx, call, args) {
      const key = cx.u64(args[0], 'flow-get');
      if (key === undefined) return undefined;
      record(cx, 'flow-get', call.span, rawKeyParts(key));
      return { e: { k: 'flowGet', key, span: call.span }, ty: 'u64' };
    },
  },
  {
    name: 'flow-set',
    min: 2,
    max: 2,
    usage: '(flow-set KEY VALUE)',
    doc: 'store VALUE under the 64-bit KEY (VALUE is evaluated first; nothing is stored when KEY is 0); the result is VALUE',
    check(cx, call, args) {
      const key = cx.u64(args[0], 'flow-set');
      const value = cx.u64(args[1], 'flow-set');
      if (key === undefined || value === undefined) return undefined;
      record(cx, 'flow-set', call.span, rawKeyParts(key));
      return { e: { k: 'flowSet', key, value, span: call.span }, ty: 'u64' };
    },
  },
];

/** The key parts of a flow-get/flow-set key: a flow-key's parts, else the key itself. */
function rawKeyParts(key: Expr): readonly KeyPart[] {
  return key.k === 'flowKey' ? key.parts : [{ e: key, kind: 'u64' }];
}

const ARITH_TEXT: Record<ArithOp, string> = { add: '+', sub: '-', mul: '*', div: '/', mod: '%', and: '&', or: '|', xor: '^', shl: '<<', shr: '>>' };
const CMP_TEXT: Record<CmpOp, string> = { eq: '=', ne: '!=', gt: '>', ge: '>=', lt: '<', le: '<=' };

/** Canonical text of a key part: equal texts mean equal values on every packet. */
export function partText(p: KeyPart): string {
  return p.kind === 'either' ? exprText({ ...p.e, family: undefined } as Expr) : exprText(p.e);
}

/** Texts longer than this are not compared: such a key part matches no other (safe for sharding). */
const MAX_TEXT = 4096;
const TEXTS = new WeakMap<Expr, string>();
let opaque = 0;

/**
 * Canonical VFLisp-like text of a checked expression (spans and spelling variants removed).
 * Each node's text is made once (the IR shares subexpressions) and is at most MAX_TEXT long:
 * a longer one becomes a unique `#opaque` text that equals no other.
 */
export function exprText(e: Expr): string {
  let t = TEXTS.get(e);
  if (t === undefined) {
    t = rawText(e);
    if (t.length > MAX_TEXT) t = `#opaque${++opaque}`;
    TEXTS.set(e, t);
  }
  return t;
}

function rawText(e: Expr): string {
  switch (e.k) {
    case 'const':
      return e.wide ? formatIpv6(e.v) : e.v.toString();
    case 'field':
      // src-ip read as IPv4 is src-ip4, as IPv6 src-ip6; alone in a key it is src-ip (either family).
      return e.f.access.k === 'addr' ? `${e.f.access.dir}-ip${e.family ?? ''}` : e.f.name;
    case 'load':
      return `(u${e.width * 8} ${e.base} ${e.off})`;
    case 'arith':
      return `(${ARITH_TEXT[e.op]} ${exprText(e.a)} ${exprText(e.b)})`;
    case 'cmp':
      return `(${CMP_TEXT[e.op]} ${exprText(e.a)} ${exprText(e.b)})`;
    case 'and':
    case 'or':
      return `(${e.k} ${e.args.map(exprText).join(' ')})`;
    case 'not':
      return `(not ${exprText(e.a)})`;
    case 'if':
      return `(if ${exprText(e.c)} ${exprText(e.t)} ${exprText(e.e)})`;
    case 'state':
      return `(${e.form}-by#${e.site})`;
    case 'flowGet':
      return `(flow-get ${exprText(e.key)})`;
    case 'flowSet':
      return `(flow-set ${exprText(e.key)} ${exprText(e.value)})`;
    case 'flowKey':
      return `(flow-key ${e.parts.map(partText).join(' ')})`;
    case 'pcap':
      return `(pcap#${e.span.start})`;
  }
}

/**
 * Key parts by which a capture can be sharded without changing any result, in the first use's
 * order: packets that reach the same flow-table entry must agree on them. count-by, rate-by and
 * distinct-by entries belong to one form (a per-site seed), so a part anywhere in every such
 * form's key will do. flow-get/flow-set uses share entries with each other, and a flow key
 * hashes its parts in order, so there a part must stand at the same position in every such use.
 */
export function commonParts(uses: readonly StateUse[]): KeyPart[] {
  if (uses.length === 0) return [];
  const raw = uses.filter((u) => u.raw);
  const first = uses[0];
  return first.parts.filter((_, i) => {
    const text = first.keys[i];
    if (!uses.every((u) => u.keys.includes(text))) return false;
    if (raw.length === 0) return true;
    return raw[0].keys.some((t, pos) => t === text && raw.every((u) => u.keys[pos] === text));
  });
}
