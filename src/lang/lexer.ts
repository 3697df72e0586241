// VFLisp lexer: Lisp-style tokens with source spans. An atom is the longest run of characters
// other than whitespace, parentheses and `;` (comments run to the end of the line). Each atom
// is classified as an integer (decimal, 0x hex, 0b binary, optional `-`), a dotted IPv4
// address, an IPv6 address (it contains `:`), either with an optional `/prefix`, or a symbol.

import { ParseError } from '../diag/errors.js';
import type { SourceText, Span } from '../diag/source.js';
import { parseIpv4, parseIpv6 } from '../util/inet.js';
import type { Node } from './ast.js';

export type Token = { readonly kind: 'open' | 'close'; readonly span: Span } | { readonly kind: 'atom'; readonly node: Node; readonly span: Span };

/** Durations such as `5m` or `500ms` read as symbols; the stateful forms give them meaning. */
const DURATION_RE = /^[0-9]+(ns|us|ms|s|m|h)$/;
const SYMBOL_RE = /^[A-Za-z\-_=!><+*/%&|^][A-Za-z0-9\-_=!><+*/%&|^]*$/;
const U64_LIMIT = 1n << 64n;

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';
}

/** Integer text (`42`, `-7`, `0x800`, `0b101`) to its value, `undefined` if not an integer, `'range'` if too large. */
export function parseInteger(text: string): { value: bigint; negative: boolean } | 'range' | undefined {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  let magnitude: bigint;
  if (/^0[xX][0-9a-fA-F]+$/.test(body)) magnitude = BigInt('0x' + body.slice(2));
  else if (/^0[bB][01]+$/.test(body)) magnitude = BigInt('0b' + body.slice(2));
  else if (/^[0-9]+$/.test(body)) magnitude = BigInt(body);
  else return undefined;
  if (negative ? magnitude > 1n << 63n : magnitude >= U64_LIMIT) return 'range';
  return { value: BigInt.asUintN(64, negative ? -magnitude : magnitude), negative };
}

function classifyAtom(text: string, span: Span, source: SourceText, errors: ParseError[]): Node {
  const fail = (code: string, message: string): Node => {
    errors.push(new ParseError(code, message, { span, source }));
    return { kind: 'symbol', name: text, span };
  };
  if (/^-?[0-9]/.test(text)) {
    const n = parseInteger(text);
    if (n === 'range') return fail('ERR_LEX_INT_RANGE', `integer '${text}' does not fit in 64 bits`);
    if (n !== undefined) return { kind: 'int', value: n.value, negative: n.negative, text, span };
  }
  const slash = text.indexOf('/');
  const addr = slash >= 0 ? text.slice(0, slash) : text;
  const prefixText = slash >= 0 ? text.slice(slash + 1) : undefined;
  const isIp6 = addr.includes(':');
  const isIp4 = !isIp6 && /^[0-9]+(\.[0-9]+){1,}$/.test(addr);
  if (isIp4 || isIp6) {
    let prefix: number | undefined;
    const maxPrefix = isIp6 ? 128 : 32;
    if (prefixText !== undefined) {
      if (!/^[0-9]{1,3}$/.test(prefixText) || Number(prefixText) > maxPrefix) {
        return fail('ERR_LEX_ADDRESS', `bad prefix length '/${prefixText}' in '${text}': expected 0 to ${maxPrefix}`);
      }
      prefix = Number(prefixText);
    }
    if (isIp6) {
      const v = parseIpv6(addr);
      if (v === undefined) return fail('ERR_LEX_ADDRESS', `invalid IPv6 address '${addr}'`);
      return prefix === undefined ? { kind: 'ip6', value: v, text, span } : { kind: 'ip6', value: v, prefix, text, span };
    }
    const v = parseIpv4(addr);
    if (v === undefined) return fail('ERR_LEX_ADDRESS', `invalid IPv4 address '${addr}': expected four numbers 0-255 separated by dots`);
    return prefix === undefined ? { kind: 'ip4', value: v, text, span } : { kind: 'ip4', value: v, prefix, text, span };
  }
  if (SYMBOL_RE.test(text) || DURATION_RE.test(text)) return { kind: 'symbol', name: text, span };
  return fail('ERR_LEX_TOKEN', `invalid token '${text}': not a number, an address or a name`);
}

/**
 * Split source text into tokens. Errors are collected in `errors` (every bad atom is reported).
 */
export function tokenize(source: SourceText, errors: ParseError[]): Token[] {
  const text = source.text;
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (isSpace(c)) {
      i++;
    } else if (c === ';') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'open' : 'close', span: { start: i, end: i + 1 } });
      i++;
    } else if (c === '"') {
      // A string literal: \" and \\ are the only escapes; it must close on the same text.
      const start = i;
      let value = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) i++;
        value += text[i];
        i++;
      }
      const span = { start, end: Math.min(i + 1, text.length) };
      if (i >= text.length) errors.push(new ParseError('ERR_LEX_TOKEN', 'unterminated string: a \'"\' is missing', { span, source }));
      i++;
      tokens.push({ kind: 'atom', node: { kind: 'string', value, valueStart: start + 1, span }, span });
    } else {
      const start = i;
      while (i < text.length && !isSpace(text[i]) && text[i] !== '(' && text[i] !== ')' && text[i] !== ';') i++;
      const span = { start, end: i };
      tokens.push({ kind: 'atom', node: classifyAtom(text.slice(start, i), span, source, errors), span });
    }
  }
  return tokens;
}
