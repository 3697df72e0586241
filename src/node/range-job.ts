// The work of one range worker (parallel-range.ts): read a byte range of a classic pcap file
// itself (no packet crosses a message port), resynchronised on a record boundary unless its
// start is known exact, filter every record that starts inside the range a batch at a time,
// and report the counts, verdicts and the two boundaries the main thread checks.

import { closeSync, openSync, readSync } from 'node:fs';
import { type PacketBatch, MAX_BATCH_PACKETS } from '../capture/batch.js';
import { findPcapRecord } from '../capture/pcap.js';
import { CaptureReader } from '../capture/reader.js';
import type { PacketFilter } from '../tiers/select.js';
import { batchRunner, needsTimestamps } from './batch-run.js';
import { allocReadBuffer } from './capture-io.js';

/** What a range worker is asked to do. */
export interface RangeJob {
  readonly type: 'range';
  readonly path: string;
  /** The program reads the stored bytes (a tcpdump expression compiled for the file's link type). */
  readonly stored?: boolean;
  /** The file's 24-byte pcap header. */
  readonly header: Uint8Array;
  readonly littleEndian: boolean;
  readonly recordHeaderBytes: number;
  readonly maxCaplen: number;
  readonly isNanosecond: boolean;
  /** The file's length order (old versions store len before caplen). */
  readonly lengthsSwapped: 'no' | 'yes' | 'maybe';
  readonly fileSize: number;
  /** Records starting in [start, end) are this worker's. */
  readonly start: number;
  readonly end: number;
  /** True when `start` is known to be a record boundary (the first range). */
  readonly exact: boolean;
  readonly verdicts: boolean;
}

export interface RangeResult {
  readonly type: 'range-done';
  /** Where this worker's first record starts (-1: none found, or the range is empty). */
  readonly first: number;
  /** Where the first record at or after `end` starts (the next range's first record). */
  readonly next: number;
  readonly total: number;
  readonly accepted: number;
  readonly dropped: number;
  readonly errors: number;
  readonly bytes: number;
  /** Packets per fault code, by -code & 15. */
  readonly faults: Float64Array;
  readonly verdicts: Int8Array | undefined;
  /** Set when the range could not be read cleanly (the main thread then runs single-threaded). */
  readonly problem: string | undefined;
}

const READ_BYTES = 1 << 20;
const PAGE_BYTES = 4096;
const RESYNC_WINDOW = 4 << 20;

/** Run one range job with `filter` (synchronous: the worker does nothing else meanwhile). */
export function runRangeJob(job: RangeJob, filter: PacketFilter): RangeResult {
  const fd = openSync(job.path, 'r');
  try {
    return scanRange(fd, job, filter);
  } finally {
    closeSync(fd);
  }
}

function scanRange(fd: number, job: RangeJob, filter: PacketFilter): RangeResult {
  const faults = new Float64Array(16);
  const empty = (first: number, problem?: string): RangeResult => ({
    type: 'range-done', first, next: first, total: 0, accepted: 0, dropped: 0, errors: 0, bytes: 0, faults, verdicts: job.verdicts ? new Int8Array(0) : undefined, problem,
  });
  let first = job.start;
  if (!job.exact) {
    if (job.start >= job.fileSize) return empty(job.fileSize);
    const window = new Uint8Array(Math.min(RESYNC_WINDOW, job.fileSize - job.start));
    const got = readSync(fd, window, 0, window.length, job.start);
    first = findPcapRecord(window.subarray(0, got), job.start, job.start, job.fileSize, job);
    if (first < 0) return empty(-1, `no record boundary found after byte ${job.start}`);
  }
  if (first >= job.end) return empty(first);

  const run = batchRunner(filter);
  const statuses = new Int32Array(MAX_BATCH_PACKETS);
  let verdicts = job.verdicts ? new Int8Array(1 << 16) : undefined;
  let total = 0;
  let accepted = 0;
  let dropped = 0;
  let bytes = 0;
  /** File offset of the next record the batches hand out (records lie end to end). */
  let at = first;
  let next = -1;
  const onBatch = (b: PacketBatch): void => {
    if (next >= 0) return;
    let n = b.count;
    for (let k = 0; k < b.count; k++) {
      if (at >= job.end) {
        next = at;
        n = k;
        break;
      }
      at += b.recordLengths[k];
    }
    if (n === 0) return;
    run(n === b.count ? b : { ...b, count: n }, statuses);
    for (let k = 0; k < n; k++) {
      const s = statuses[k];
      bytes += b.frameLengths[k];
      if (s > 0) accepted++;
      else if (s === 0) dropped++;
      else faults[-s & 15]++;
    }
    if (verdicts !== undefined) {
      if (total + n > verdicts.length) {
        const grown = new Int8Array(Math.max(verdicts.length * 2, total + n));
        grown.set(verdicts);
        verdicts = grown;
      }
      for (let k = 0; k < n; k++) verdicts[total + k] = statuses[k] > 0 ? 1 : statuses[k] === 0 ? 0 : -1;
    }
    total += n;
  };
  const reader = new CaptureReader({ format: 'pcap', onBatch, batchTimestamps: needsTimestamps(filter), batchStored: job.stored === true });
  const buffer = allocReadBuffer(READ_BYTES);
  let problem: string | undefined;
  try {
    reader.feed(job.header);
    // Reads start at page-aligned file positions (the kernel's copy is fast there, see
    // allocReadBuffer); the bytes before `first` in the first one are skipped.
    let skip = first % PAGE_BYTES;
    for (let pos = first - skip; next < 0; ) {
      const got = readSync(fd, buffer, 0, READ_BYTES, pos);
      if (got <= skip) {
        reader.end();
        if (at !== job.fileSize) problem = `records end at byte ${at}, not at the end of the file`;
        next = job.fileSize;
        break;
      }
      reader.feed(buffer.subarray(skip, got));
      skip = 0;
      pos += got;
      if (at === job.fileSize && next < 0) next = job.fileSize;
    }
  } catch (e) {
    problem = (e as Error).message;
  }
  return { type: 'range-done', first, next, total, accepted, dropped, errors: total - accepted - dropped, bytes, faults, verdicts: verdicts?.slice(0, total), problem };
}
