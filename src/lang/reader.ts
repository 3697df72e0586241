// VFLisp reader: tokens to exactly one syntax tree. A text holds one expression; an empty
// text, an unclosed list, a stray `)` or anything after the expression is an error with
// its position. Lexer errors are all reported together with the first structural error.

import { ErrorList, ParseError } from '../diag/errors.js';
import { MAX_NESTING } from '../diag/limits.js';
import type { SourceText } from '../diag/source.js';
import type { Node } from './ast.js';
import { type Token, tokenize } from './lexer.js';

/** Deepest list nesting accepted (the checker and code generator recurse per level). */
export { MAX_NESTING };

/**
 * Read the one expression of a VFLisp text.
 * @throws {ErrorList} of ParseError (codes ERR_LEX_*, ERR_PARSE_*) in source order
 */
export function readExpression(source: SourceText): Node {
  const errors: ParseError[] = [];
  const tokens = tokenize(source, errors);
  let at = 0;
  const end = source.text.length;
  const structural = (code: string, message: string, start: number, stop: number): never => {
    errors.push(new ParseError(code, message, { span: { start, end: stop }, source }));
    throw new ErrorList(errors.sort((a, b) => (a.where.span?.start ?? 0) - (b.where.span?.start ?? 0)));
  };
  let depth = 0;
  const read = (): Node => {
    const t: Token | undefined = tokens[at++];
    if (t === undefined) return structural('ERR_PARSE_EOF', 'unexpected end of input: expected an expression', end, end);
    if (t.kind === 'atom') return t.node;
    if (t.kind === 'close') return structural('ERR_PARSE_CLOSE', "unexpected ')' with no '(' open", t.span.start, t.span.end);
    if (++depth > MAX_NESTING) return structural('ERR_PARSE_DEPTH', `lists nested deeper than ${MAX_NESTING} levels`, t.span.start, t.span.end);
    const items: Node[] = [];
    for (;;) {
      const next = tokens[at];
      if (next === undefined) return structural('ERR_PARSE_EOF', "unexpected end of input: expected ')' to close this '('", t.span.start, t.span.end);
      if (next.kind === 'close') {
        at++;
        depth--;
        return { kind: 'list', items, span: { start: t.span.start, end: next.span.end } };
      }
      items.push(read());
    }
  };
  const node = read();
  if (at < tokens.length) {
    const extra = tokens[at];
    if (extra.kind === 'close') structural('ERR_PARSE_CLOSE', "unexpected ')' with no '(' open", extra.span.start, extra.span.end);
    structural('ERR_PARSE_TRAILING', 'unexpected text after the expression: a VFLisp filter is exactly one expression (combine several with and/or)', extra.span.start, tokens[tokens.length - 1].span.end);
  }
  if (errors.length > 0) throw new ErrorList(errors);
  return node;
}
