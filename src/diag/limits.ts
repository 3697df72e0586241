// The documented limits every compiler front end shares (VFLisp, assembly, pcap-filter), and
// the guard at each compiler's entry that turns running out of JavaScript stack or memory into
// a FilterError: whatever the input, a compiler returns a program or throws a FilterError.

import { CompileError, ErrorList, FilterError, ParseError } from './errors.js';
import type { SourceText, Span } from './source.js';

/**
 * Deepest nesting of parentheses a source text may have (VFLisp lists, pcap-filter groups).
 * Every recursive compiler pass is sized for it: a test compiles each form nested this deep
 * with a small fraction of the default stack.
 */
export const MAX_NESTING = 256;

/** Steps (expression visits) a code generator may take: bounds expressions that repeat a shared part. */
export const MAX_CODEGEN_STEPS = 4_000_000;

/** How many errors a report lists before "and N more". */
export const MAX_LISTED_ERRORS = 20;

/**
 * Counts nesting while a recursive-descent parser descends; `enter` throws ERR_PARSE_DEPTH
 * past MAX_NESTING. For parsers that report with spans (pcap-filter, VFLisp).
 */
export class NestingGuard {
  private depth = 0;

  constructor(
    private readonly source: SourceText,
    private readonly what = 'parentheses',
  ) {}

  /** One level deeper at `span`. @throws {ErrorList} of one ParseError ERR_PARSE_DEPTH */
  enter(span: Span): void {
    if (++this.depth > MAX_NESTING) {
      throw new ErrorList([new ParseError('ERR_PARSE_DEPTH', `${this.what} nested deeper than ${MAX_NESTING} levels`, { span, source: this.source })]);
    }
  }

  leave(): void {
    this.depth--;
  }
}

/** True for the RangeErrors JavaScript throws when a computation outgrows the engine. */
export function isResourceError(e: unknown): e is RangeError {
  return (
    e instanceof RangeError &&
    /call stack|Maximum .* size exceeded|Invalid (string|array|typed array) length|Array buffer allocation failed/i.test(e.message)
  );
}

/**
 * Run one compiler over a source: a stack overflow or an engine size limit becomes an
 * ErrorList of one CompileError ERR_COMPILE_LIMIT at `span` (the whole input, say); a
 * FilterError passes through; anything else is a bug and is rethrown as it is.
 */
export function guardCompile<T>(what: string, source: SourceText | undefined, span: Span | undefined, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof FilterError || !isResourceError(e)) throw e;
    const where = source !== undefined && span !== undefined ? { span, source } : {};
    throw new ErrorList([
      new CompileError('ERR_COMPILE_LIMIT', `${what} is too large or too deeply nested to compile (${e.message}); the limits are ${MAX_NESTING} levels of nesting and ${MAX_CODEGEN_STEPS} code-generation steps`, where),
    ]);
  }
}
