// The pcap-filter syntax tree, as libpcap's grammar.y builds it: boolean expressions over
// primitives (a qualifier head and an id, protocol names, relations over arithmetic, and
// the "other" primitives such as vlan or less), and ids that inherit the qualifiers of the
// primitive before them (`host a and b`).

import type { Span } from '../diag/source.js';

export type ArithOp = '+' | '-' | '*' | '/' | '%' | '&' | '|' | '^' | '<<' | '>>';
export type RelOp = '>' | '>=' | '=' | '<=' | '<' | '!=';

export type Arith =
  | { readonly k: 'num'; readonly v: number; readonly span: Span }
  | { readonly k: 'len'; readonly span: Span }
  | { readonly k: 'index'; readonly proto: string; readonly protoSpan: Span; readonly idx: Arith; readonly size: number; readonly sizeSpan?: Span; readonly span: Span }
  | { readonly k: 'bin'; readonly op: ArithOp; readonly a: Arith; readonly b: Arith; readonly span: Span }
  | { readonly k: 'neg'; readonly a: Arith; readonly span: Span };

/** Explicit qualifiers of a primitive; an absent one is libpcap's Q_DEFAULT. */
export interface Head {
  readonly proto?: string;
  readonly dir?: string;
  readonly addr?: string;
  readonly span: Span;
}

export type IdNode =
  | { readonly k: 'name'; readonly text: string; readonly span: Span }
  | { readonly k: 'num'; readonly v: number; readonly span: Span }
  | { readonly k: 'hid'; readonly text: string; readonly span: Span }
  | { readonly k: 'hid6'; readonly text: string; readonly span: Span }
  | { readonly k: 'eid'; readonly text: string; readonly span: Span }
  | { readonly k: 'aid'; readonly text: string; readonly span: Span }
  /** HID/NUM or HID mask HID (`net 10.0.0.0/8`, `net 10.0.0.0 mask 255.0.0.0`). */
  | { readonly k: 'masked'; readonly text: string; readonly len?: number; readonly mask?: string; readonly span: Span }
  | { readonly k: 'masked6'; readonly text: string; readonly len: number; readonly span: Span }
  | { readonly k: 'not'; readonly a: IdNode; readonly span: Span }
  | { readonly k: 'op'; readonly op: 'and' | 'or'; readonly a: IdNode; readonly b: IdNode; readonly span: Span };

export type Expr =
  | { readonly k: 'and' | 'or'; readonly a: Expr; readonly b: Expr; readonly span: Span }
  /** An id after and/or/not: it takes the qualifiers in effect before it. */
  | { readonly k: 'id'; readonly id: IdNode; readonly span: Span }
  | { readonly k: 'not'; readonly a: Expr; readonly span: Span }
  | { readonly k: 'head'; readonly head: Head; readonly id: IdNode; readonly span: Span }
  | { readonly k: 'paren'; readonly e: Expr; readonly span: Span }
  | { readonly k: 'pname'; readonly proto: string; readonly span: Span }
  | { readonly k: 'rel'; readonly op: RelOp; readonly a: Arith; readonly b: Arith; readonly span: Span }
  | { readonly k: 'other'; readonly what: string; readonly proto?: string; readonly arg?: number; readonly arg2?: number; readonly op?: string; readonly name?: string; readonly span: Span };
