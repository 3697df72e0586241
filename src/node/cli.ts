// `vfm` entry point: `main(argv, io)` picks a command from the registry, parses its options
// from the command's own table, runs it, and turns every FilterError into a formatted message
// and a non-zero exit. Exit codes: 0 success, 1 the input was rejected (invalid program,
// failed filter run, damaged capture), 2 bad usage or unreadable files.

import { FilterError, UsageError, flattenErrors, formatError, formatErrors } from '../diag/errors.js';
import { MAX_LISTED_ERRORS } from '../diag/limits.js';
import { COMMANDS } from './commands/index.js';
import { type Command, commandHelp, parseCommandArgs } from './command.js';
import { type CliIo, ioError, isSystemError } from './io.js';

import { EXIT_OK, EXIT_REJECTED, EXIT_USAGE } from './exit-codes.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './package-root.js';

/** name and version from the package's package.json. */
export function packageInfo(): { name: string; version: string } {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
}

function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name || (c.aliases ?? []).includes(name));
}

export function topLevelHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = [
    'usage: vfm COMMAND [options] [args]',
    '',
    'VFM, the Velocity Filter Machine: verified packet-filter bytecode, tools and languages.',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'vfm COMMAND --help' for a command's options.",
  ];
  return lines.join('\n') + '\n';
}

/** Print the errors inside `err` to stderr: the first MAX_LISTED_ERRORS, then "... and N more errors". */
export function reportError(io: CliIo, err: FilterError): void {
  for (const line of formatErrors(err, MAX_LISTED_ERRORS)) io.stderr.write(line + '\n');
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const code = await dispatch(argv, io);
    await io.finish?.();
    return code;
  } catch (e) {
    const err = asFilterError(e);
    if (err === undefined) throw e;
    reportError(io, err);
    if (wantsJson(argv)) {
      try {
        io.stdout.write(JSON.stringify({ error: errorToJson(err) }) + '\n');
        await io.finish?.();
      } catch {
        // standard output itself failed: the message on stderr is all we can give
      }
    }
    return exitCodeOf(err);
  }
}

/** `vfm COMMAND ... --json` for a command with a --json option: errors go to stdout as JSON too. */
function wantsJson(argv: readonly string[]): boolean {
  const cmd = argv[0] === undefined ? undefined : findCommand(argv[0]);
  if (cmd === undefined || cmd.options.json?.type !== 'boolean') return false;
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}

/** An error as JSON: code, message, position (file, line, column, pc, byteOffset) and the rest of a list. */
export function errorToJson(err: FilterError): Record<string, unknown> {
  const one = (e: FilterError): Record<string, unknown> => {
    const w = e.where;
    const o: Record<string, unknown> = { code: e.code, message: e.message };
    if (w.span !== undefined && w.source !== undefined) {
      const { line, col } = w.source.position(w.span.start);
      Object.assign(o, { file: w.source.name, line, column: col });
    } else if (w.file !== undefined) o.file = w.file;
    if (w.pc !== undefined) o.pc = w.pc;
    if (w.byteOffset !== undefined) o.byteOffset = w.byteOffset;
    o.text = formatError(e);
    return o;
  };
  const all = flattenErrors(err);
  const first = one(all[0] ?? err);
  if (all.length > 1) first.errors = all.map(one);
  return first;
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(topLevelHelp());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-V') {
    const { name: pkgName, version } = packageInfo();
    io.stdout.write(`vfm ${version} (${pkgName})\n`);
    return EXIT_OK;
  }
  const cmd = findCommand(name);
  if (cmd === undefined) {
    io.stderr.write(`vfm: unknown command '${name}'\n\n${topLevelHelp()}`);
    return EXIT_USAGE;
  }
  const { opts, positionals } = parseCommandArgs(cmd, rest);
  if (opts.help === true) {
    io.stdout.write(commandHelp(cmd));
    return EXIT_OK;
  }
  return await cmd.run(opts, positionals, io);
}

/** Exit status for an error that stopped a command: 2 for usage, I/O and live-capture failures, else 1. */
export function exitCodeOf(err: FilterError): number {
  return err instanceof UsageError || err.code === 'ERR_IO' || err.code === 'ERR_LIVE_CAPTURE' ? EXIT_USAGE : EXIT_REJECTED;
}

/** A FilterError for what a command threw: itself, ERR_IO for an operating-system error, else undefined (a bug). */
export function asFilterError(e: unknown): FilterError | undefined {
  if (e instanceof FilterError) return e;
  if (isSystemError(e)) {
    const verb = /^(write|rename|mkdir|unlink|open.*w|copyfile|ftruncate|fsync)/.test(e.syscall ?? '') ? 'write' : 'read';
    return ioError(e.path ?? '', e, verb);
  }
  return undefined;
}
