// Capture throughput of `npm run bench`: `vfm test` end to end (a fresh `node bin/vfm.js test`
// process: start-up, filter loading, streaming read, filtering, report) over a generated pcap of
// at least 1 GB. The capture is written by our PcapWriter, streaming (bench-mix frames cycled,
// increasing timestamps), into a temporary directory, and deleted afterwards by the caller.
// Peak memory comes from /usr/bin/time -v when it is installed.

import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PcapWriter } from '../src/capture/writer.js';
import { describeExit, runChild } from './child.js';
import { BENCH_DIR } from './filters.js';
import { BENCH_SEED, makeFrames } from './mix.js';

/** Distinct frames in the generated capture (cycled to reach the size). */
const CAPTURE_DISTINCT_FRAMES = 65536;
const TIME_PROGRAM = '/usr/bin/time';

/**
 * Write a pcap of at least `minBytes` (whole records) to `path`, streaming in 64 KiB chunks.
 * @returns packets and bytes written
 */
export function writeBenchCapture(path: string, minBytes: number): { packets: number; bytes: number } {
  const frames = makeFrames(CAPTURE_DISTINCT_FRAMES, BENCH_SEED + 1);
  const fd = openSync(path, 'w');
  try {
    const writer = new PcapWriter((chunk) => writeSync(fd, chunk), { nanosecond: true });
    let bytes = 24;
    let k = 0;
    const startSec = 1_764_000_000;
    while (bytes < minBytes) {
      const i = k % frames.count;
      writer.writePacket(frames.data.subarray(frames.offsets[i], frames.offsets[i] + frames.lengths[i]), startSec + Math.floor(k / 100_000), (k % 100_000) * 10_000);
      bytes += 16 + frames.lengths[i];
      k++;
    }
    writer.flush();
    return { packets: k, bytes };
  } finally {
    closeSync(fd);
  }
}

export interface CaptureRun {
  /** The tier `vfm test` ran on ('auto' asks for the default choice). */
  readonly tierAsked: string;
  readonly tier: string;
  readonly filter: string;
  readonly packets: number;
  readonly accepted: number;
  readonly fileBytes: number;
  /** Whole process, from spawn to exit. */
  readonly wallMs: number;
  readonly mbPerSec: number;
  readonly packetsPerSec: number;
  /** vfm test's own timer (streaming and filtering, without start-up). */
  readonly streamMs: number;
  readonly streamMbPerSec: number;
  /** Peak resident set size of the process, or null when /usr/bin/time is missing. */
  readonly peakRssBytes: number | null;
}

/**
 * Run `vfm test FILTER CAPTURE --json --tier TIER` in a child process and time it.
 * @throws {Error} when vfm test fails
 */
export async function runVfmTest(capturePath: string, filterName: string, tier: string): Promise<CaptureRun> {
  const vfm = join(BENCH_DIR, '..', 'bin', 'vfm.js');
  const filterPath = join(BENCH_DIR, 'filters', `${filterName}.vfm`);
  const args = [vfm, 'test', filterPath, capturePath, '--json', '--tier', tier];
  const hasTime = existsSync(TIME_PROGRAM);
  const t0 = performance.now();
  const r = hasTime ? await runChild(TIME_PROGRAM, ['-v', process.execPath, ...args]) : await runChild(process.execPath, args);
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`vfm test ${describeExit(r)}: ${r.stderr.trim().slice(-2000)}`);
  const report = JSON.parse(r.stdout.trim().split('\n').pop()!) as { total: number; accepted: number; tier: string; elapsedMs: number };
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const fileBytes = statSync(capturePath).size;
  return {
    tierAsked: tier,
    tier: report.tier,
    filter: filterName,
    packets: report.total,
    accepted: report.accepted,
    fileBytes,
    wallMs,
    mbPerSec: fileBytes / 1e6 / (wallMs / 1e3),
    packetsPerSec: report.total / (wallMs / 1e3),
    streamMs: report.elapsedMs,
    streamMbPerSec: fileBytes / 1e6 / (report.elapsedMs / 1e3),
    peakRssBytes: rss === null ? null : Number(rss[1]) * 1024,
  };
}
