// `vfm` entry point: `main(argv, io)` picks a command from the registry, parses its options
// from the command's own table, runs it, and turns every FilterError into a formatted message
// and a non-zero exit. Exit codes: 0 success, 1 the input was rejected (invalid program,
// failed filter run, damaged capture), 2 bad usage or unreadable files.

import { FilterError, UsageError, formatErrors } from '../diag/errors.js';
import { MAX_LISTED_ERRORS } from '../diag/limits.js';
import { COMMANDS } from './commands/index.js';
import { type Command, commandHelp, parseCommandArgs } from './command.js';
import { type CliIo, ioError, isSystemError } from './io.js';

import { EXIT_OK, EXIT_REJECTED, EXIT_USAGE } from './exit-codes.js';
import { readFileSync } from 'node:fs';

/** name and version from the package's package.json (dist/src/node/ is three levels below it). */
export function packageInfo(): { name: string; version: string } {
  return JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
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
    return exitCodeOf(err);
  }
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

/** Exit status for an error that stopped a command: 2 for usage and I/O, else 1. */
export function exitCodeOf(err: FilterError): number {
  return err instanceof UsageError || err.code === 'ERR_IO' ? EXIT_USAGE : EXIT_REJECTED;
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
