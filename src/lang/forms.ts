// The VFLisp form table: each form's arity, help text and checker/IR builder (the stateful
// forms live in stateful-forms.ts); RESERVED_FORMS names forms that are planned but not yet
// supported, so they get a clear error instead of "unknown".

import { FilterError } from '../diag/errors.js';
import { pcapCondition } from '../pcap/compile.js';
import type { Node } from './ast.js';
import type { Span } from '../diag/source.js';
import type { FormDef, Operand } from './checker.js';
import { type ArithOp, type CmpOp, type Expr, mkArith, mkConst, mkIf, mkLogic, mkNot } from './ir.js';
import { fieldByName } from './fields.js';
import { isWide } from './ir.js';
import { resolveFamily } from './checker.js';
import { STATEFUL_FORMS } from './stateful-forms.js';

const UNLIMITED = Infinity;

function arithmetic(name: string, op: ArithOp, min: number, max: number, doc: string): FormDef {
  const usage = max === 2 ? `(${name} A B)` : `(${name} A B ...)`;
  return {
    name,
    min,
    max,
    usage,
    doc,
    check(cx, call, args) {
      const values = args.map((a) => cx.u64(a, `${name}`));
      if (values.some((v) => v === undefined)) return undefined;
      if (op === 'div' || op === 'mod') {
        const divisor = values[1]!;
        if (divisor.k === 'const' && divisor.v === 0n) {
          cx.warn('ERR_CHECK_DIV_ZERO', `${op === 'div' ? 'division' : 'remainder'} by the constant 0: the filter faults (DIVISION_BY_ZERO) on every packet that reaches it`, args[1].span);
        }
      }
      return { e: chain(op, values as Expr[], call.span), ty: 'u64' };
    },
  };
}

/** Operands folded left to right per chunk; chunks are combined as a balanced tree. */
const CHAIN_CHUNK = 16;

/**
 * `a op b op c ...` for an associative operator (only + * & | ^ take more than two operands).
 * Up to CHAIN_CHUNK operands fold left to right (a b op c op: two stack slots); longer chains
 * become a balanced tree of such chunks, so the tree is never deeper than
 * CHAIN_CHUNK + log2(n) and no compiler pass recurses once per operand.
 */
function chain(op: ArithOp, values: readonly Expr[], span: Span): Expr {
  if (values.length <= CHAIN_CHUNK) {
    let acc = values[0];
    for (let i = 1; i < values.length; i++) acc = mkArith(op, acc, values[i], span);
    return acc;
  }
  let level: Expr[] = [];
  for (let i = 0; i < values.length; i += CHAIN_CHUNK) level.push(chain(op, values.slice(i, i + CHAIN_CHUNK), span));
  while (level.length > 1) {
    const next: Expr[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? mkArith(op, level[i], level[i + 1], span) : level[i]);
    level = next;
  }
  return level[0];
}

function comparison(name: string, op: CmpOp, doc: string): FormDef {
  return {
    name,
    min: 2,
    max: 2,
    usage: `(${name} A B)`,
    doc,
    check(cx, call, args) {
      const a = cx.operand(args[0]);
      const b = cx.operand(args[1]);
      if (a === undefined || b === undefined) return undefined;
      if (op !== 'eq' && op !== 'ne') {
        for (const n of args) {
          if (n.kind === 'int' && n.negative) {
            cx.warn('ERR_CHECK_NEGATIVE', `negative literal ${n.text} in an unsigned comparison: it means ${n.value}`, n.span);
          }
        }
      }
      return cx.compare(op, a, b, call.span, name);
    },
  };
}

function logic(name: 'and' | 'or', doc: string): FormDef {
  return {
    name,
    min: 2,
    max: UNLIMITED,
    usage: `(${name} A B ...)`,
    doc,
    check(cx, call, args) {
      const values = args.map((a) => cx.u64(a, name));
      if (values.some((v) => v === undefined)) return undefined;
      return { e: mkLogic(name, values as Expr[], call.span), ty: 'u64' };
    },
  };
}

const TCP_FLAGS: Readonly<Record<string, number>> = { fin: 0x01, syn: 0x02, rst: 0x04, psh: 0x08, ack: 0x10, urg: 0x20, ece: 0x40, cwr: 0x80 };

/** `(u16 OFF)` or `(u16 l3 OFF)`: raw big-endian loads from the frame or a header. */
function rawLoad(name: string, width: 1 | 2 | 4 | 8): FormDef {
  return {
    name,
    min: 1,
    max: 2,
    usage: `(${name} OFFSET) or (${name} l3|l4 OFFSET)`,
    doc: `${width}-byte big-endian load at OFFSET from the frame start, or from the network (l3) or transport (l4) header; absent (comparisons false) past the end of the packet`,
    check(cx, call, args) {
      let base: 'frame' | 'l3' | 'l4' = 'frame';
      if (args.length === 2) {
        const b = args[0];
        if (b.kind !== 'symbol' || (b.name !== 'l3' && b.name !== 'l4' && b.name !== 'frame')) {
          return cx.error('ERR_CHECK_TYPE', `${name}: the base must be frame, l3 or l4`, b.span);
        }
        base = b.name;
      }
      const offNode = args[args.length - 1];
      const off = cx.u64(offNode, name);
      if (off === undefined) return undefined;
      if (off.k !== 'const' || off.v > 65535n) return cx.error('ERR_CHECK_CONST', `${name}: the offset must be a constant from 0 to 65535`, offNode.span);
      return { e: { k: 'load', base, off: Number(off.v), width, span: call.span }, ty: 'u64' };
    },
  };
}

/** `(pcap "EXPR")`: a tcpdump expression as a condition (libpcap's semantics, Ethernet). */
const PCAP_FORM: FormDef = {
  name: 'pcap',
  min: 1,
  max: 1,
  usage: '(pcap "EXPR")',
  doc: 'true when the tcpdump (pcap-filter) expression EXPR matches, with libpcap\'s semantics; an out-of-bounds load in it rejects the packet, as in libpcap',
  check(cx, call, args) {
    const a = args[0];
    if (a.kind !== 'string') return cx.error('ERR_CHECK_TYPE', `pcap takes a string with a tcpdump expression, as in (pcap "tcp port 80"), got ${describeNode(a)}`, a.span);
    try {
      return { e: { k: 'pcap', cond: pcapCondition(a.value), span: call.span }, ty: 'u64' };
    } catch (e) {
      if (!(e instanceof FilterError)) throw e;
      const inner = e.where.span;
      const span = inner === undefined ? a.span : { start: a.valueStart + inner.start, end: a.valueStart + Math.max(inner.end, inner.start + 1) };
      return cx.error(e.code, `in the tcpdump expression: ${e.message}`, span);
    }
  },
};

export const FORMS: readonly FormDef[] = [
  PCAP_FORM,
  arithmetic('+', 'add', 2, UNLIMITED, 'sum, wrapping mod 2^64'),
  arithmetic('-', 'sub', 2, 2, 'difference, wrapping mod 2^64'),
  arithmetic('*', 'mul', 2, UNLIMITED, 'product, wrapping mod 2^64'),
  arithmetic('/', 'div', 2, 2, 'unsigned quotient; a zero divisor faults at run time'),
  arithmetic('%', 'mod', 2, 2, 'unsigned remainder; a zero divisor faults at run time'),
  arithmetic('&', 'and', 2, UNLIMITED, 'bitwise and'),
  arithmetic('|', 'or', 2, UNLIMITED, 'bitwise or'),
  arithmetic('^', 'xor', 2, UNLIMITED, 'bitwise exclusive or'),
  arithmetic('<<', 'shl', 2, 2, 'shift left by B mod 64'),
  arithmetic('>>', 'shr', 2, 2, 'logical shift right by B mod 64'),
  comparison('=', 'eq', 'equal (1 or 0); with a prefix such as 10.0.0.0/8: in that subnet'),
  comparison('!=', 'ne', 'not equal; with a prefix: not in that subnet'),
  comparison('>', 'gt', 'unsigned greater than'),
  comparison('>=', 'ge', 'unsigned greater than or equal'),
  comparison('<', 'lt', 'unsigned less than'),
  comparison('<=', 'le', 'unsigned less than or equal'),
  logic('and', 'left to right, stops at the first 0; the value of the last operand evaluated'),
  logic('or', 'left to right, stops at the first nonzero value, which is the result'),
  {
    name: 'not',
    min: 1,
    max: 1,
    usage: '(not A)',
    doc: '1 if A is 0, else 0',
    check(cx, call, args) {
      const a = cx.u64(args[0], 'not');
      return a === undefined ? undefined : { e: mkNot(a, call.span), ty: 'u64' };
    },
  },
  {
    name: 'if',
    min: 3,
    max: 3,
    usage: '(if COND THEN ELSE)',
    doc: 'THEN when COND is nonzero, else ELSE; only the chosen branch is evaluated',
    check(cx, call, args) {
      const c = cx.u64(args[0], 'the if condition');
      const t = cx.expr(args[1]);
      const e = cx.expr(args[2]);
      if (c === undefined || t === undefined || e === undefined) return undefined;
      if ((t.ty === 'wide' && e.ty === 'u64') || (t.ty === 'u64' && e.ty === 'wide')) {
        return cx.error('ERR_CHECK_TYPE', 'both branches of if must have the same type: one is a 128-bit IPv6 address, the other a 64-bit value', call.span);
      }
      const ty = t.ty === 'wide' || e.ty === 'wide' ? 'wide' : t.ty === 'addr' && e.ty === 'addr' ? 'addr' : 'u64';
      const fam = ty === 'wide' ? 6 : 4;
      const te = ty === 'addr' ? t.e : resolveFamily(t.e, fam);
      const ee = ty === 'addr' ? e.e : resolveFamily(e.e, fam);
      const r = mkIf(c, te, ee, call.span);
      return { e: r, ty: ty === 'addr' ? 'addr' : isWide(r) ? 'wide' : ty };
    },
  },
  {
    name: 'in',
    min: 2,
    max: UNLIMITED,
    usage: '(in X V1 V2 ...)',
    doc: 'X equals one of the values (prefixes match a subnet); (file "PATH") reads values from a file, one a line',
    check(cx, call, args) {
      const x = cx.expr(args[0]);
      const listed = cx.setItems(args.slice(1));
      if (listed === undefined) return undefined;
      const items = listed.map((a) => cx.operand(a));
      if (x === undefined || items.some((i) => i === undefined)) return undefined;
      const tests: Expr[] = [];
      for (const item of items as Operand[]) {
        const t = cx.compare('eq', x, item, call.span, 'in');
        if (t === undefined) return undefined;
        tests.push(t.e);
      }
      return { e: mkLogic('or', tests, call.span), ty: 'u64' };
    },
  },
  {
    name: 'range',
    min: 3,
    max: 3,
    usage: '(range X LO HI)',
    doc: 'LO <= X <= HI (unsigned, inclusive)',
    check(cx, call, args) {
      const [x, lo, hi] = args.map((a) => cx.expr(a));
      if (x === undefined || lo === undefined || hi === undefined) return undefined;
      const a = cx.compare('ge', x, lo, call.span, 'range');
      const b = cx.compare('le', x, hi, call.span, 'range');
      if (a === undefined || b === undefined) return undefined;
      return { e: mkLogic('and', [a.e, b.e], call.span), ty: 'u64' };
    },
  },
  {
    name: 'tcp-flag',
    min: 1,
    max: UNLIMITED,
    usage: '(tcp-flag NAME ...) with NAME in fin syn rst psh ack urg ece cwr',
    doc: 'TCP packet with all the named flags set',
    check(cx, call, args) {
      let mask = 0;
      let bad = false;
      for (const a of args) {
        const bit = a.kind === 'symbol' ? TCP_FLAGS[a.name] : undefined;
        if (bit === undefined) {
          const text = a.kind === 'symbol' ? a.name : '';
          cx.error('ERR_CHECK_TYPE', `unknown TCP flag '${text || describeNode(a)}'${cx.didYouMean(text, Object.keys(TCP_FLAGS))}: expected fin, syn, rst, psh, ack, urg, ece or cwr`, a.span);
          bad = true;
          continue;
        }
        mask |= bit;
      }
      if (bad) return undefined;
      const flags: Expr = { k: 'field', f: fieldByName('tcp-flags')!, family: undefined, span: call.span };
      const m = mkConst(BigInt(mask), call.span);
      return cx.compare('eq', { e: mkArith('and', flags, m, call.span), ty: 'u64' }, { e: m, ty: 'u64' }, call.span, 'tcp-flag');
    },
  },
  rawLoad('u8', 1),
  rawLoad('u16', 2),
  rawLoad('u32', 4),
  rawLoad('u64', 8),
  ...STATEFUL_FORMS,
];

/** Planned forms, recognised so users get a clear message (none at the moment). */
export const RESERVED_FORMS: ReadonlyMap<string, string> = new Map();

export const FORM_TABLE: ReadonlyMap<string, FormDef> = new Map(FORMS.map((f) => [f.name, f]));

function describeNode(n: Node): string {
  return n.kind === 'list' ? 'a list' : n.kind === 'symbol' ? n.name : n.kind === 'string' ? `"${n.value}"` : n.text;
}

