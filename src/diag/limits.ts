// The documented limits every compiler front end shares (VFLisp, assembly, pcap-filter), and
// the guard at each compiler's entry that turns running out of JavaScript stack or memory into
// a FilterError: whatever the input, a compiler returns a program or throws a FilterError.

import { CompileError, ErrorList, FilterError } from './errors.js';
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
