// A progress bar on stderr for long capture runs: shown only when stderr is a terminal and
// the run has lasted more than a second, cleared when it ends. Known sizes get a bar over
// bytes; standard input gets a running count. Drawing is done by cli-progress.

import type cliProgress from 'cli-progress';
import type { CliIo } from './io.js';

const SHOW_AFTER_MS = 1000;

export interface Progress {
  /** Report bytes consumed and packets seen so far (cheap; call per input chunk). */
  update(bytes: number, packets: number): void;
  stop(): void;
}

const NO_PROGRESS: Progress = { update() {}, stop() {} };

export function startProgress(io: CliIo, sizeBytes: number | undefined): Progress {
  if (io.stderr.isTTY !== true) return NO_PROGRESS;
  // Loaded only for a terminal (and while the first second passes), not on every start.
  let lib: typeof cliProgress | undefined;
  void import('cli-progress').then((m) => (lib = m.default));
  const startedMs = Date.now();
  let bar: cliProgress.SingleBar | undefined;
  const mb = (n: number): string => (n / 1e6).toFixed(1);
  return {
    update(bytes, packets) {
      if (bar === undefined) {
        if (Date.now() - startedMs < SHOW_AFTER_MS || lib === undefined) return;
        bar = new lib.SingleBar(
          {
            stream: process.stderr,
            clearOnComplete: true,
            hideCursor: true,
            format:
              sizeBytes !== undefined
                ? '{bar} {percentage}% | {mb}/{totalMb} MB | {packets} packets | ETA {eta_formatted}'
                : '{mb} MB | {packets} packets | {duration_formatted}',
          },
          lib.Presets.shades_classic,
        );
        bar.start(sizeBytes ?? 0, 0, { mb: '0.0', totalMb: mb(sizeBytes ?? 0), packets: 0 });
      }
      bar.update(bytes, { mb: mb(bytes), packets });
    },
    stop() {
      bar?.stop();
    },
  };
}
