// The VFLisp syntax tree as read from text: lists and atoms, each with its source span.
// Atoms are already classified by the lexer (integer, IPv4, IPv6, symbol); meaning (fields,
// forms, types) is given later by the checker.

import type { Span } from '../diag/source.js';

export type Node = ListNode | IntNode | Ip4Node | Ip6Node | SymbolNode | StringNode;

export interface ListNode {
  readonly kind: 'list';
  readonly items: readonly Node[];
  readonly span: Span;
}

export interface IntNode {
  readonly kind: 'int';
  /** The value as an unsigned 64-bit number (negative literals in two's complement). */
  readonly value: bigint;
  readonly negative: boolean;
  readonly text: string;
  readonly span: Span;
}

export interface Ip4Node {
  readonly kind: 'ip4';
  readonly value: number;
  /** Prefix length of a CIDR literal (`10.0.0.0/8`), absent for a plain address. */
  readonly prefix?: number;
  readonly text: string;
  readonly span: Span;
}

export interface Ip6Node {
  readonly kind: 'ip6';
  readonly value: bigint;
  readonly prefix?: number;
  readonly text: string;
  readonly span: Span;
}

/** A string literal `"..."` (only `(pcap "EXPR")` takes one); `value` has the escapes \" and \\ resolved. */
export interface StringNode {
  readonly kind: 'string';
  readonly value: string;
  /** Offset in the source of the first character inside the quotes. */
  readonly valueStart: number;
  readonly span: Span;
}

export interface SymbolNode {
  readonly kind: 'symbol';
  readonly name: string;
  readonly span: Span;
}
