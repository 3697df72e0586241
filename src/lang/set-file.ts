// `(file "PATH")` inside `(in FIELD ...)`: the members of a set read from a text file, one
// address, prefix or number a line (blank lines and `#` comments skipped). The core reads no
// files: the caller passes a reader (the Node CLI reads from disk relative to the working
// directory). Errors name the file, line and column of each bad line.

import { CheckError, type FilterError, ParseError } from '../diag/errors.js';
import { SourceText, type Span } from '../diag/source.js';
import type { Node } from './ast.js';
import { tokenize } from './lexer.js';

/** Reads the text of a set file; throws a FilterError (ERR_IO) when it cannot. */
export type SetFileReader = (path: string) => string;

/** At most this many errors are reported per file. */
const MAX_FILE_ERRORS = 20;

/**
 * The members of a set file as literal nodes whose spans are `at` (the `(file ...)` form), so
 * later checks point there; errors in the file itself are pushed to `errors` with its positions.
 */
export function readSetFile(path: string, text: string, at: Span, errors: FilterError[]): Node[] {
  // `#` starts a comment to the end of the line (VFLisp comments start with `;`).
  const cleaned = text.replace(/#[^\n]*/g, (m) => ' '.repeat(m.length));
  const source = new SourceText(path, text);
  const lexErrors: ParseError[] = [];
  const tokens = tokenize(new SourceText(path, cleaned), lexErrors);
  const out: Node[] = [];
  let reported = 0;
  const bad = (e: FilterError): void => {
    if (reported++ < MAX_FILE_ERRORS) errors.push(e);
  };
  for (const e of lexErrors) bad(new ParseError(e.code, e.message, { span: e.where.span, source }));
  let lastLine = -1;
  for (const t of tokens) {
    const { line } = source.position(t.span.start);
    if (t.kind !== 'atom' || (t.node.kind !== 'ip4' && t.node.kind !== 'ip6' && t.node.kind !== 'int')) {
      bad(new CheckError('ERR_CHECK_SET_FILE', 'a set file holds one IPv4/IPv6 address, prefix or number a line', { span: t.span, source }));
      continue;
    }
    if (line === lastLine) {
      bad(new CheckError('ERR_CHECK_SET_FILE', 'a second value on one line: a set file holds one value a line', { span: t.span, source }));
      continue;
    }
    lastLine = line;
    const node = t.node;
    if (node.kind !== 'int' && node.prefix !== undefined) {
      const bits = node.kind === 'ip4' ? 32 : 128;
      const host = (1n << BigInt(bits - node.prefix)) - 1n;
      if ((BigInt(node.value) & host) !== 0n) {
        bad(new CheckError('ERR_CHECK_CIDR', `prefix '${node.text}' has host bits set`, { span: t.span, source }));
        continue;
      }
    }
    out.push({ ...node, span: at });
  }
  return out;
}
