// Run the real `vfm` executable (bin/vfm.js) in a child process, for what in-process runs
// cannot show: exit codes set by the process, writes to /dev/full, signals, terminals.

import { type SpawnSyncOptions, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

export const VFM_BIN = join(REPO_ROOT, 'bin', 'vfm.js');

export interface SpawnRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `node bin/vfm.js ARGS` with the given stdio; a shell command line when `shell` is given. */
export function spawnVfm(args: string[], options: SpawnSyncOptions = {}): SpawnRun {
  const r = spawnSync(process.execPath, [VFM_BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000, ...options });
  return { code: r.status, signal: r.signal, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

/** Assert-friendly check that stderr has no JavaScript stack trace or internal error. */
export function hasStackTrace(stderr: string): boolean {
  return /\n\s+at .+:\d+:\d+\)?\n/.test(stderr) || stderr.includes('internal error') || stderr.includes('node:internal');
}
