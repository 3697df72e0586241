// Run the CLI in-process with captured stdout/stderr and a real file system.

import { readFile } from 'node:fs/promises';
import { main } from '../../src/node/cli.js';
import { type CliIo, writeFileAtomic } from '../../src/node/io.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly stdoutBytes: Uint8Array;
}

export interface RunCliOptions {
  /** Pretend standard input is a terminal. */
  readonly stdinIsTTY?: boolean;
  /** Pretend standard output is a terminal. */
  readonly stdoutIsTTY?: boolean;
}

export async function runCli(argv: string[], stdinData?: Uint8Array, options: RunCliOptions = {}): Promise<CliRun> {
  const out: Uint8Array[] = [];
  const err: string[] = [];
  const enc = new TextEncoder();
  const io: CliIo = {
    stdout: { write: (c) => void out.push(typeof c === 'string' ? enc.encode(c) : new Uint8Array(c)), isTTY: options.stdoutIsTTY === true },
    stderr: { write: (c) => void err.push(typeof c === 'string' ? c : new TextDecoder().decode(c)), isTTY: false },
    async readFile(path) {
      if (path === '-') return stdinData ?? new Uint8Array(0);
      return new Uint8Array(await readFile(path));
    },
    async writeFile(path, data) {
      if (path === '-') out.push(new Uint8Array(data));
      else writeFileAtomic(path, data);
    },
    stdinIsTTY: options.stdinIsTTY === true,
    async *stdin() {
      if (stdinData !== undefined) yield stdinData;
    },
  };
  let code: number;
  try {
    code = await main(argv, io);
  } catch (e) {
    // bin/vfm.js would print "internal error" and a stack trace and exit 70: always a bug.
    throw new Error(`internal error in 'vfm ${argv.join(' ').slice(0, 200)}' (the CLI would exit 70): ${(e as Error).stack ?? String(e)}`);
  }
  assertCliOutcome(argv, code, err.join(''));
  const total = out.reduce((n, c) => n + c.length, 0);
  const stdoutBytes = new Uint8Array(total);
  let at = 0;
  for (const c of out) {
    stdoutBytes.set(c, at);
    at += c.length;
  }
  return { code, stdout: new TextDecoder().decode(stdoutBytes), stderr: err.join(''), stdoutBytes };
}

/** Stack-trace lines (`    at f (file.js:1:2)`) never belong in CLI output. */
const STACK_LINE = /^\s+at .*(\(.*:\d+:\d+\)|:\d+:\d+)$/m;

/**
 * What every CLI run must satisfy (issue 17): exit code 0, 1 or 2 only, and no stack trace on
 * stderr. Every runCli call checks it, so an internal error anywhere is a test failure.
 */
export function assertCliOutcome(argv: readonly string[], code: number, stderr: string): void {
  const what = `'vfm ${argv.join(' ').slice(0, 200)}'`;
  if (code !== 0 && code !== 1 && code !== 2) throw new Error(`${what} exited ${code}; only 0, 1 and 2 are allowed\n${stderr.slice(0, 2000)}`);
  if (STACK_LINE.test(stderr)) throw new Error(`${what} printed a stack trace:\n${stderr.slice(0, 2000)}`);
}
