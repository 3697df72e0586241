// The shape of a CLI command: one options table drives both parsing (node:util parseArgs)
// and the --help text, so they cannot drift apart.

import { parseArgs } from 'node:util';
import { UsageError } from '../diag/errors.js';
import type { CliIo } from './io.js';

export interface OptionSpec {
  readonly type: 'boolean' | 'string';
  readonly short?: string;
  /** Name of the argument in help text, e.g. `FILE`. */
  readonly arg?: string;
  readonly multiple?: boolean;
  readonly help: string;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

export type ParsedOptions<T extends OptionTable> = {
  [K in keyof T]: T[K]['type'] extends 'boolean' ? boolean | undefined : T[K]['multiple'] extends true ? string[] | undefined : string | undefined;
};

export interface Command<T extends OptionTable = OptionTable> {
  readonly name: string;
  /** Other names that select this command (`vfm-asm` style tool names are mapped in bin/). */
  readonly aliases?: readonly string[];
  readonly summary: string;
  /** Positional arguments, e.g. `IN.vfm`. */
  readonly usage: string;
  readonly options: T;
  /** Extra help text after the options. */
  readonly details?: string;
  run(opts: ParsedOptions<T>, positionals: string[], io: CliIo): Promise<number>;
}

/** Declare a command with its option types inferred from the table. */
export function defineCommand<T extends OptionTable>(cmd: Command<T>): Command<T> {
  return cmd;
}

export function commandHelp(cmd: Command): string {
  const lines = [`usage: vfm ${cmd.name} ${cmd.usage}`.trimEnd(), '', cmd.summary, ''];
  const entries = Object.entries(cmd.options);
  if (entries.length > 0) lines.push('options:');
  const left = entries.map(([name, o]) => `${o.short !== undefined ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.arg ?? 'VALUE'}` : ''}`);
  const width = Math.max(0, ...left.map((l) => l.length));
  entries.forEach(([, o], k) => lines.push(`  ${left[k].padEnd(width)}  ${o.help}`));
  lines.push(`  ${'-h, --help'.padEnd(width)}  show this help`);
  if (cmd.details !== undefined) lines.push('', cmd.details);
  return lines.join('\n') + '\n';
}

/**
 * Parse argv for a command.
 * @throws {UsageError} for unknown options or missing option values
 */
export function parseCommandArgs<T extends OptionTable>(cmd: Command<T>, argv: string[]): { opts: ParsedOptions<T> & { help?: boolean }; positionals: string[] } {
  const options: Record<string, { type: 'boolean' | 'string'; short?: string; multiple?: boolean }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, o] of Object.entries(cmd.options)) {
    options[name] = { type: o.type, ...(o.short !== undefined ? { short: o.short } : {}), ...(o.multiple === true ? { multiple: true } : {}) };
  }
  try {
    const { values, positionals } = parseArgs({ args: joinNegativeValues(argv, options), options, allowPositionals: true, strict: true });
    return { opts: values as ParsedOptions<T> & { help?: boolean }, positionals };
  } catch (e) {
    throw new UsageError('ERR_USAGE', `${(e as Error).message.replace(/\.$/, '')}; see 'vfm ${cmd.name} --help'`);
  }
}

/**
 * `-c -5` and `--flow-table -1`: a value that looks like a negative number is the option's
 * value (never an option), so the command can say what it accepts instead of the parser
 * calling it ambiguous. Rewritten as `--name=-5`.
 */
function joinNegativeValues(argv: readonly string[], options: Record<string, { type: 'boolean' | 'string'; short?: string }>): string[] {
  const byShort = new Map(Object.entries(options).filter(([, o]) => o.short !== undefined).map(([name, o]) => [o.short!, name]));
  const out: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--') {
      out.push(...argv.slice(k));
      break;
    }
    const name = a.startsWith('--') ? a.slice(2) : /^-[A-Za-z]$/.test(a) ? byShort.get(a.slice(1)) : undefined;
    const next = argv[k + 1];
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-[0-9.]/.test(next)) {
      out.push(`--${name}=${next}`);
      k++;
    } else out.push(a);
  }
  return out;
}
