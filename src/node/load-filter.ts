// Loading a filter for the CLI from a file: raw bytecode (.bin, any unknown extension),
// assembly (.vfm) or VFLisp (.vfl). The kind is chosen by extension; `--legacy` reads a
// .bin written with the C project's original opcode numbering.

import { assemble } from '../asm/assemble.js';
import { fromLegacy } from '../bytecode/legacy.js';
import { checkProgramSize } from '../bytecode/decode.js';
import { type CliIo, readInput } from './io.js';
import { FilterError, formatError } from '../diag/errors.js';
import { type VerifiedProgram, verifyProgram } from '../verify/verify.js';

/**
 * Compiles source text of one filter language into bytecode, with any warnings; throws
 * FilterError on bad input.
 */
type Compiled = Uint8Array | { readonly bytes: Uint8Array; readonly warnings: readonly FilterError[] };
export type SourceCompiler = (text: string, fileName: string) => Compiled | Promise<Compiled>;

/** Source languages by file extension (with the dot). Language modules register here. */
export const SOURCE_COMPILERS = new Map<string, SourceCompiler>();
SOURCE_COMPILERS.set('.vfm', (text, fileName) => assemble(text, fileName).bytes);
// The VFLisp compiler is loaded on first use, so commands on bytecode and assembly start faster.
SOURCE_COMPILERS.set('.vfl', async (text, fileName) => (await import('../lang/compile.js')).compileVflisp(text, fileName));

export interface LoadFilterOptions {
  /** Read raw bytecode with the legacy 33-opcode numbering. */
  readonly legacy?: boolean;
}

export function extensionOf(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash ? path.slice(dot).toLowerCase() : '';
}

/**
 * Read a filter file and return its bytecode (not yet verified).
 * @throws {FilterError} when the file cannot be read or does not compile
 */
export async function loadFilterBytes(io: CliIo, path: string, options: LoadFilterOptions = {}): Promise<Uint8Array> {
  const data = await readInput(io, path);
  const compile = SOURCE_COMPILERS.get(extensionOf(path));
  if (compile !== undefined) return withWarnings(io, await compile(new TextDecoder().decode(data), path));
  try {
    checkProgramSize(data);
    return options.legacy === true ? fromLegacy(data) : data;
  } catch (e) {
    throw e instanceof FilterError ? e.inFile(path) : e;
  }
}

/** The bytecode of a compile result; its warnings (e.g. a division by the constant 0) go to stderr. */
function withWarnings(io: CliIo, compiled: Compiled): Uint8Array {
  if (compiled instanceof Uint8Array) return compiled;
  for (const w of compiled.warnings) io.stderr.write(formatError(w).replace(': error ', ': warning ') + '\n');
  return compiled.bytes;
}

/**
 * Load and verify a filter file.
 * @throws {FilterError} (a VerifyError for an unsafe program) with the file name attached
 */
export async function loadVerifiedFilter(io: CliIo, path: string, options: LoadFilterOptions = {}): Promise<VerifiedProgram> {
  const bytes = await loadFilterBytes(io, path, options);
  try {
    return verifyProgram(bytes);
  } catch (e) {
    throw e instanceof FilterError ? e.inFile(path) : e;
  }
}
