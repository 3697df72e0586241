// One error hierarchy for the whole toolchain. Every error has a stable `code` from
// codes.ts and a position: a source span, a bytecode pc (byte offset of the instruction) or
// a byte offset in a binary file. `formatError` prints `file:line:col: error CODE: message`
// with the source line and a caret when the error has a span.

import type { ErrorCode } from './codes.js';
import type { SourceText, Span } from './source.js';

export interface Where {
  /** Source range, with the text it indexes. */
  readonly span?: Span;
  readonly source?: SourceText;
  /** Byte offset of the offending instruction in the bytecode. */
  readonly pc?: number;
  /** Byte offset in a binary input (capture file, program file). */
  readonly byteOffset?: number;
  /** File name for binary inputs. */
  readonly file?: string;
}

export class FilterError extends Error {
  readonly code: ErrorCode;
  /** Where the error is; `inFile` adds the file name once the caller knows it. */
  where: Where;

  constructor(code: ErrorCode, message: string, where: Where = {}) {
    // A FilterError is reported by its code and position, never by a stack trace; not capturing
    // one keeps inputs with a million errors cheap.
    const engine = Error as { stackTraceLimit?: number };
    const limit = engine.stackTraceLimit;
    engine.stackTraceLimit = 0;
    super(message);
    engine.stackTraceLimit = limit;
    this.name = new.target.name;
    this.code = code;
    this.where = where;
  }

  /** Attach a file name (for errors raised on bytes whose origin the raiser did not know). */
  inFile(file: string): this {
    if (this.where.file === undefined && this.where.source === undefined) this.where = { ...this.where, file };
    return this;
  }
}

export class ParseError extends FilterError {}
export class CheckError extends FilterError {}
export class DecodeError extends FilterError {}
export class CompileError extends FilterError {}
export class CaptureError extends FilterError {}
export class UsageError extends FilterError {}
export class AsmError extends FilterError {}

/** A rejected program. `vmCode` is the C-compatible numeric code (-3, -4, -5, -7 or -9). */
export class VerifyError extends FilterError {
  readonly vmCode: number;
  constructor(code: ErrorCode, message: string, where: Where & { pc: number }, vmCode: number) {
    super(code, message, where);
    this.vmCode = vmCode;
  }
}

/**
 * Several errors found in one pass (assembler, checker); `errors` keeps them in source order.
 * `message` is the first error's text, with the count of the others.
 */
export class ErrorList extends FilterError {
  readonly errors: readonly FilterError[];
  constructor(errors: readonly FilterError[]) {
    const more = errors.length - 1;
    super(errors[0]?.code ?? 'ERR_USAGE', errors.length === 0 ? 'no errors' : `${errors[0].message}${more > 0 ? ` (and ${more} more error${more === 1 ? '' : 's'})` : ''}`, errors[0]?.where ?? {});
    this.errors = errors;
  }
}

/** All the errors inside an error: the list of an ErrorList, else the error itself. */
export function flattenErrors(err: FilterError): readonly FilterError[] {
  return err instanceof ErrorList ? err.errors : [err];
}

/** Characters of a source line shown before the caret, and in all, when the line is longer. */
const WINDOW_BEFORE = 60;
const WINDOW_WIDTH = 160;
/** Longest message printed whole; a longer one (a huge quoted token) is cut in the middle. */
const MAX_MESSAGE = 600;

function shorten(message: string): string {
  if (message.length <= MAX_MESSAGE) return message;
  const keep = MAX_MESSAGE / 2;
  return `${message.slice(0, keep)}...[${message.length - 2 * keep} characters]...${message.slice(-keep)}`;
}

/**
 * The source excerpt under an error: its line and a caret line. A line longer than
 * WINDOW_WIDTH is shown as a window around the caret, with `...` where it was cut, so an
 * error in a megabyte-long one-line filter prints a few hundred bytes.
 */
function excerpt(source: SourceText, span: Span): { line: number; col: number; text: string; caret: string } {
  const { line, col } = source.position(span.start);
  const bounds = source.lineBounds(line);
  let from = bounds.start;
  let to = bounds.end;
  let head = '';
  let tail = '';
  if (to - from > WINDOW_WIDTH) {
    from = Math.max(bounds.start, Math.min(span.start - WINDOW_BEFORE, bounds.end - WINDOW_WIDTH));
    to = Math.min(bounds.end, from + WINDOW_WIDTH);
    if (from > bounds.start) head = '...';
    if (to < bounds.end) tail = '...';
  }
  const text = source.text.slice(from, to);
  const at = span.start - from;
  const width = Math.max(1, Math.min(span.end - span.start, text.length - at));
  // Keep tabs in the indent so the caret lines up under tab-indented source.
  const indent = head.replace(/./g, ' ') + text.slice(0, Math.max(0, at)).replace(/[^\t]/g, ' ');
  return { line, col, text: head + text + tail, caret: indent + '^' + '~'.repeat(Math.max(0, width - 1)) };
}

/**
 * Render an error for a terminal: `file:line:col: error CODE: message`, then the source line
 * (a window around the caret when the line is long) and a caret under the span; for bytecode
 * `file: pc N: error CODE: message`.
 */
export function formatError(err: FilterError): string {
  const w = err.where;
  const message = shorten(err.message);
  if (w.span !== undefined && w.source !== undefined) {
    const { line, col, text, caret } = excerpt(w.source, w.span);
    return `${w.source.name}:${line}:${col}: error ${err.code}: ${message}\n  ${text}\n  ${caret}`;
  }
  const parts: string[] = [];
  if (w.file !== undefined) parts.push(w.file);
  if (w.pc !== undefined) parts.push(`pc ${w.pc}`);
  if (w.byteOffset !== undefined) parts.push(`byte offset ${w.byteOffset}`);
  const prefix = parts.length > 0 ? parts.join(': ') + ': ' : '';
  return `${prefix}error ${err.code}: ${message}`;
}

/**
 * Every error inside `err`, formatted, one after another: at most `max` of them, then a line
 * `... and N more errors` (the first ones in source order are the useful ones).
 */
export function formatErrors(err: FilterError, max: number): string[] {
  const all = flattenErrors(err);
  const out = all.slice(0, max).map(formatError);
  if (all.length > max) out.push(`... and ${all.length - max} more error${all.length - max === 1 ? '' : 's'}`);
  return out;
}
