// Running the bench's child processes (workers, the libpcap baseline, vfm test) without blocking
// the event loop, so Ctrl-C and SIGTERM reach the bench's handler, which removes its temporary
// files. Output is collected as text.

import { type ChildProcess, spawn } from 'node:child_process';

const running = new Set<ChildProcess>();

/** Stop every child still running (on interruption). */
export function killChildren(): void {
  for (const child of running) child.kill('SIGTERM');
}

export interface ChildResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run a program to completion; rejects only when it cannot be started. */
export function runChild(command: string, args: readonly string[]): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      running.delete(child);
      reject(e);
    });
    child.on('close', (status, signal) => {
      running.delete(child);
      resolve({ status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** Describe how a child ended, for error messages. */
export function describeExit(r: ChildResult): string {
  return r.signal !== null ? `was killed by ${r.signal}` : `exited with status ${r.status}`;
}
