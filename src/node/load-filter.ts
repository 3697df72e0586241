// Loading a filter for the CLI: from a file of raw bytecode, assembly, VFLisp or a tcpdump
// (pcap-filter) expression, or inline (-e EXPR for tcpdump, --lisp EXPR for VFLisp). A file's
// language comes from --lang, else its extension (.vfm, .vfl, .bin), else its content (binary
// bytes are bytecode; text starting with '(' is VFLisp; a first word that is an instruction,
// a directive or a label is assembly; other text is a tcpdump expression). `--legacy` reads
// bytecode written with the C project's original opcode numbering. The VFLisp and
// pcap-filter compilers are loaded on first use.

import { assemble } from '../asm/assemble.js';
import { fromLegacy } from '../bytecode/legacy.js';
import { checkProgramSize } from '../bytecode/decode.js';
import { type CliIo, readInput, readSetFileText } from './io.js';
import { FilterError, formatError } from '../diag/errors.js';
import { type VerifiedProgram, verifyProgram } from '../verify/verify.js';
import { opByName } from '../isa/lookup.js';
import { UsageError } from '../diag/errors.js';
import type { PcapNames } from '../pcap/names.js';

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
SOURCE_COMPILERS.set('.vfl', async (text, fileName) => (await import('../lang/compile.js')).compileVflisp(text, fileName, { readFile: readSetFileText }));

export const FILTER_LANGS = ['pcap', 'vflisp', 'asm', 'bin'] as const;
export type FilterLang = (typeof FILTER_LANGS)[number];

let names: PcapNames | undefined;
let pcapCompiler: typeof import('../pcap/compile.js') | undefined;

/**
 * Compile a tcpdump expression for the CLI (for `linkType`, default Ethernet, with the
 * system's protocol, service, host, network and ether names).
 */
export async function compileTcpdump(text: string, fileName: string, linkType = 1): Promise<Uint8Array> {
  const [compiler, { systemPcapNames }] = await Promise.all([import('../pcap/compile.js'), import('./pcap-names.js')]);
  names ??= systemPcapNames();
  pcapCompiler = compiler;
  return compiler.compilePcapFilter(text, { names, sourceName: fileName, linkType }).bytes;
}

/**
 * A tcpdump expression a command was given: it is compiled for Ethernet first (errors come
 * before any capture is read), then for the link type of each capture it runs on, as tcpdump
 * compiles against the capture's handle.
 */
export interface TcpdumpSource {
  readonly text: string;
  readonly fileName: string;
  /**
   * The verified program for packets of `linkType` as stored (cached).
   * @throws {FilterError} ERR_PCAP_LINK when pcap-filter has no code for that link type, or what libpcap rejects on it
   */
  forLink(linkType: number): VerifiedProgram;
}

function tcpdumpSource(text: string, fileName: string): TcpdumpSource {
  const cache = new Map<number, VerifiedProgram>();
  return {
    text,
    fileName,
    forLink(linkType) {
      let p = cache.get(linkType);
      if (p === undefined) {
        p = pcapCompiler!.compilePcapFilter(text, { names, sourceName: fileName, linkType }).program;
        cache.set(linkType, p);
      }
      return p;
    },
  };
}

const LANG_COMPILERS: Readonly<Record<Exclude<FilterLang, 'bin'>, SourceCompiler>> = {
  pcap: compileTcpdump,
  vflisp: SOURCE_COMPILERS.get('.vfl')!,
  asm: SOURCE_COMPILERS.get('.vfm')!,
};

/** Words that start both assembly and tcpdump expressions. */
const AMBIGUOUS_FIRST_WORDS: ReadonlySet<string> = new Set(['not', 'and', 'or', 'len']);

/** The language of a filter file from its bytes (see the file comment). */
export function detectFilterLang(data: Uint8Array): FilterLang {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return 'bin';
  }
  if (data.length === 0 || /[\x00-\x08\x0e-\x1f\x7f]/.test(text)) return 'bin';
  const body = text.replace(/^\s*(;[^\n]*(\n|$)\s*)*/, '');
  if (body.startsWith('(')) return 'vflisp';
  const word = /^[.A-Za-z_][A-Za-z0-9_.]*:?/.exec(body)?.[0] ?? '';
  if (word.startsWith('.') || (word.endsWith(':') && !word.includes('.')) || opByName(word.toLowerCase()) !== undefined) return 'asm';
  return 'pcap';
}

export interface LoadFilterOptions {
  /** Read raw bytecode with the legacy 33-opcode numbering. */
  readonly legacy?: boolean;
  /** The file's language (default: by extension, else by content). */
  readonly lang?: FilterLang;
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
  return (await loadFilter(io, path, options)).bytes;
}

/** loadFilterBytes, also saying whether the file held a tcpdump expression. */
async function loadFilter(io: CliIo, path: string, options: LoadFilterOptions): Promise<{ bytes: Uint8Array; tcpdump?: TcpdumpSource }> {
  const data = await readInput(io, path);
  const ext = extensionOf(path);
  const lang = options.lang ?? (SOURCE_COMPILERS.has(ext) || ext === '.bin' ? undefined : detectFilterLang(data));
  const compile = lang === undefined ? SOURCE_COMPILERS.get(ext) : lang === 'bin' ? undefined : LANG_COMPILERS[lang];
  const text = new TextDecoder().decode(data);
  // A tcpdump expression may start with a word that is also an instruction (not, and, len).
  if (options.lang === undefined && lang === 'asm' && AMBIGUOUS_FIRST_WORDS.has(/^\s*([a-z]+)/.exec(text)?.[1] ?? '')) {
    try {
      return { bytes: await compileTcpdump(text, path), tcpdump: tcpdumpSource(text, path) };
    } catch (e) {
      if (!(e instanceof FilterError)) throw e;
    }
  }
  if (compile === compileTcpdump) return { bytes: await compileTcpdump(text, path), tcpdump: tcpdumpSource(text, path) };
  if (compile !== undefined) return { bytes: withWarnings(io, await compile(text, path)) };
  try {
    checkProgramSize(data);
    return { bytes: options.legacy === true ? fromLegacy(data) : data };
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
  return (await loadVerifiedFilterSource(io, path, options)).program;
}

/** loadVerifiedFilter, with the tcpdump expression when the file held one. */
export async function loadVerifiedFilterSource(io: CliIo, path: string, options: LoadFilterOptions = {}): Promise<{ program: VerifiedProgram; tcpdump?: TcpdumpSource }> {
  const { bytes, tcpdump } = await loadFilter(io, path, options);
  try {
    return { program: verifyProgram(bytes), tcpdump };
  } catch (e) {
    throw e instanceof FilterError ? e.inFile(path) : e;
  }
}

/** Options of every command that takes a FILTER: inline filters and the language of a file. */
export const FILTER_SOURCE_OPTIONS = {
  expression: { type: 'string', short: 'e', arg: 'EXPR', help: "the filter is this tcpdump (pcap-filter) expression, e.g. -e 'tcp dst port 80' (no FILTER argument)" },
  'filter-file': { type: 'string', short: 'F', arg: 'FILE', help: 'the filter is the tcpdump expression in FILE (as tcpdump -F)' },
  lisp: { type: 'string', arg: 'EXPR', help: "the filter is this VFLisp expression, e.g. --lisp '(= dst-port 80)'" },
  lang: { type: 'string', arg: 'LANG', help: 'language of the FILTER file: pcap, vflisp, asm or bin (default: .vfm/.vfl/.bin by extension, else by content)' },
} as const;

export interface FilterSourceOpts {
  expression?: string;
  'filter-file'?: string;
  lisp?: string;
  lang?: string;
  legacy?: boolean;
}

/** An inline filter given by option, if any: its label (for messages) and how to compile it. */
function inlineFilter(opts: FilterSourceOpts): { label: string; compile: (io: CliIo) => Promise<{ bytes: Uint8Array; tcpdump?: TcpdumpSource }> } | undefined {
  const given = [opts.expression !== undefined && '-e', opts['filter-file'] !== undefined && '-F', opts.lisp !== undefined && '--lisp'].filter((x) => x !== false);
  if (given.length > 1) throw new UsageError('ERR_USAGE', `${given.join(' and ')} both give the filter; use one`);
  const tcpdump = async (text: string, name: string) => ({ bytes: await compileTcpdump(text, name), tcpdump: tcpdumpSource(text, name) });
  if (opts.expression !== undefined) return { label: '<-e>', compile: () => tcpdump(opts.expression!, '<-e>') };
  if (opts.lisp !== undefined) return { label: '<--lisp>', compile: async (io) => ({ bytes: withWarnings(io, await SOURCE_COMPILERS.get('.vfl')!(opts.lisp!, '<--lisp>')) }) };
  const file = opts['filter-file'];
  if (file !== undefined) return { label: file, compile: async (io) => tcpdump(new TextDecoder().decode(await readInput(io, file)), file) };
  return undefined;
}

function parseLang(text: string | undefined): FilterLang | undefined {
  if (text === undefined) return undefined;
  if (!(FILTER_LANGS as readonly string[]).includes(text)) throw new UsageError('ERR_USAGE', `--lang takes ${FILTER_LANGS.join(', ')}; got '${text}'`);
  return text as FilterLang;
}

/**
 * The filter of a command: inline (-e, -F, --lisp) or the first positional FILTER file.
 * Returns the bytecode, a label for messages and the remaining positionals.
 * @throws {UsageError} without any filter, or with two; {FilterError} when it does not compile
 */
export async function takeFilterBytes(
  io: CliIo,
  opts: FilterSourceOpts,
  positionals: readonly string[],
  command: string,
): Promise<{ bytes: Uint8Array; label: string; rest: string[]; tcpdump?: TcpdumpSource }> {
  const lang = parseLang(opts.lang);
  const inline = inlineFilter(opts);
  if (inline !== undefined) {
    if (lang !== undefined) throw new UsageError('ERR_USAGE', '--lang applies to a FILTER file, not to -e, -F or --lisp');
    return { ...(await inline.compile(io)), label: inline.label, rest: [...positionals] };
  }
  if (positionals.length < 1) throw new UsageError('ERR_USAGE', `${command} needs a FILTER file, -e 'EXPR' (tcpdump), -F FILE or --lisp 'EXPR'; see 'vfm ${command} --help'`);
  const [path, ...rest] = positionals;
  return { ...(await loadFilter(io, path, { legacy: opts.legacy, lang })), label: path, rest };
}

/**
 * takeFilterBytes, verified. `tcpdump` is set when the filter is a tcpdump expression: the
 * program is then its Ethernet code, and `tcpdump.forLink` gives the code for other link types.
 */
export async function takeVerifiedFilter(
  io: CliIo,
  opts: FilterSourceOpts,
  positionals: readonly string[],
  command: string,
): Promise<{ program: VerifiedProgram; label: string; rest: string[]; tcpdump?: TcpdumpSource }> {
  const { bytes, label, rest, tcpdump } = await takeFilterBytes(io, opts, positionals, command);
  try {
    return { program: verifyProgram(bytes), label, rest, tcpdump };
  } catch (e) {
    throw e instanceof FilterError ? e.inFile(label) : e;
  }
}
