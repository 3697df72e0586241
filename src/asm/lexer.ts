// Tokens of VFM assembly (.vfm). The rules are the C vfm-asm's, so that every file it accepts
// lexes the same way: `;` comments to the end of the line, every other whitespace (CR included)
// separates tokens, newlines are tokens only because an operand must stay on its mnemonic's line,
// a number starts with a digit or `-` and continues over [0-9a-fA-FxX-]. Extensions: `+` may
// start a number (signed jump displacements), `.name` is a directive and `,` separates its values.

import type { Span } from '../diag/index.js';

export type TokenKind = 'ident' | 'label' | 'number' | 'directive' | 'comma' | 'newline' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The token's text: the name without `:` for a label, without `.` for a directive. */
  readonly text: string;
  readonly span: Span;
}

/** A character no token can start with, reported by the assembler as ERR_ASM_CHAR. */
export interface BadChar {
  readonly char: string;
  readonly span: Span;
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isIdentStart = (c: string): boolean => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_';
const isIdentPart = (c: string): boolean => isIdentStart(c) || isDigit(c);
/** Characters that continue a number token (C: digits, hex letters, x, X and `-`). */
const isNumberPart = (c: string): boolean => isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c === 'x' || c === 'X' || c === '-';
/** Whitespace other than the newline (C isspace: space, \t, \v, \f, \r). */
const isBlank = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\v' || c === '\f';
/** Characters of a PUSH128 operand: IPv6 text or a hex number. */
const isWordPart = (c: string): boolean => isIdentPart(c) || c === ':' || c === '.';

/** An on-demand lexer with one token of lookahead, so the parser can read raw operand text. */
export class Lexer {
  private pos = 0;
  private ahead: Token | undefined;
  /** Characters skipped because no token starts with them, in source order. */
  readonly badChars: BadChar[] = [];

  constructor(private readonly text: string) {}

  peek(): Token {
    this.ahead ??= this.scan();
    return this.ahead;
  }

  next(): Token {
    const t = this.peek();
    this.ahead = undefined;
    return t;
  }

  /**
   * The raw word after the current position on the same line (IPv6 text such as `::ffff:1.2.3.4`),
   * or `undefined` if the line has none. Only valid when no token has been peeked.
   */
  readWord(): Token | undefined {
    if (this.ahead !== undefined) throw new Error('readWord after peek');
    this.skipBlanksAndComments();
    const start = this.pos;
    while (this.pos < this.text.length && isWordPart(this.text[this.pos])) this.pos++;
    if (this.pos === start) return undefined;
    return { kind: 'number', text: this.text.slice(start, this.pos), span: { start, end: this.pos } };
  }

  private skipBlanksAndComments(): void {
    const s = this.text;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (isBlank(c)) this.pos++;
      else if (c === ';') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else break;
    }
  }

  private scan(): Token {
    const s = this.text;
    for (;;) {
      this.skipBlanksAndComments();
      const start = this.pos;
      if (start >= s.length) return { kind: 'eof', text: '', span: { start, end: start } };
      const c = s[start];
      if (c === '\n') {
        this.pos++;
        return { kind: 'newline', text: '\n', span: { start, end: start + 1 } };
      }
      if (isDigit(c) || c === '-' || c === '+') {
        this.pos++;
        while (this.pos < s.length && isNumberPart(s[this.pos])) this.pos++;
        return { kind: 'number', text: s.slice(start, this.pos), span: { start, end: this.pos } };
      }
      if (isIdentStart(c)) {
        while (this.pos < s.length && isIdentPart(s[this.pos])) this.pos++;
        const text = s.slice(start, this.pos);
        if (s[this.pos] === ':') {
          this.pos++;
          return { kind: 'label', text, span: { start, end: this.pos } };
        }
        return { kind: 'ident', text, span: { start, end: this.pos } };
      }
      if (c === '.' && start + 1 < s.length && isIdentStart(s[start + 1])) {
        this.pos++;
        while (this.pos < s.length && isIdentPart(s[this.pos])) this.pos++;
        return { kind: 'directive', text: s.slice(start + 1, this.pos), span: { start, end: this.pos } };
      }
      if (c === ',') {
        this.pos++;
        return { kind: 'comma', text: ',', span: { start, end: start + 1 } };
      }
      // Like C: report the character, skip it and go on (a surrogate pair counts as one character).
      const width = s.codePointAt(start)! > 0xffff ? 2 : 1;
      this.pos += width;
      this.badChars.push({ char: s.slice(start, start + width), span: { start, end: start + width } });
    }
  }
}
