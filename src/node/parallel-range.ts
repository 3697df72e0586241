// Multi-core filtering of a classic pcap file by byte ranges, for filters that keep no state:
// each of N workers reads and filters one Nth of the file itself (range-job.ts), starting at a
// record boundary found by resynchronisation, so no packet goes through a message port. Every
// range's first record must be exactly where the previous range's records end; when that
// check fails (or a range is damaged) the caller runs single-threaded instead, so the result
// is always that of a single-threaded run.

import type { Worker } from 'node:worker_threads';
import { open } from 'node:fs/promises';
import { CaptureReader } from '../capture/reader.js';
import { PCAP_HEADER_BYTES } from '../capture/pcap.js';
import type { TierName } from '../tiers/select.js';
import type { VerifiedProgram } from '../verify/verify.js';
import type { FlowTableStats } from '../vm/flow-table.js';
import type { WorkerReply } from './parallel-worker.js';
import type { RangeJob, RangeResult } from './range-job.js';
import { type WorkerOptions, startWorkerThreads, sumStats } from './worker-threads.js';

/** The merged result of a range run, in capture order. */
export interface RangeOutcome {
  readonly total: number;
  readonly accepted: number;
  readonly dropped: number;
  readonly errors: number;
  readonly bytes: number;
  /** Packets per fault code, by -code & 15. */
  readonly faults: Float64Array;
  readonly verdicts: Int8Array | undefined;
  readonly perWorker: readonly number[];
  readonly tier: TierName;
  readonly flowTable: FlowTableStats | undefined;
  readonly linkTypes: readonly number[];
}

/** Why a run did not split the file: `quiet` when the input is simply not a pcap file. */
export interface RangeRefusal {
  readonly reason: string;
  readonly quiet: boolean;
}

export class RangeRun {
  private constructor(
    private readonly workers: Worker[],
    readonly tier: TierName,
    private readonly storedLinkType: number | undefined,
  ) {}

  /**
   * Start the workers. With `storedLinkType`, the program was compiled for that link type (a
   * tcpdump expression) and runs on the stored bytes; a file of another link type is refused.
   */
  static async start(program: VerifiedProgram, options: WorkerOptions, storedLinkType?: number): Promise<RangeRun> {
    const { workers, tier } = await startWorkerThreads(program, options);
    return new RangeRun(workers, tier, storedLinkType);
  }

  /**
   * Filter the capture at `path` split into one byte range per worker.
   * @returns the merged counts, or why the file cannot be split this way (run single-threaded)
   */
  async run(path: string, wantVerdicts: boolean): Promise<RangeOutcome | RangeRefusal> {
    const quiet = (reason: string): RangeRefusal => ({ reason, quiet: true });
    let header: Uint8Array;
    let fileSize: number;
    try {
      const handle = await open(path, 'r');
      try {
        const stat = await handle.stat();
        if (!stat.isFile()) return quiet('not a regular file');
        fileSize = stat.size;
        header = new Uint8Array(PCAP_HEADER_BYTES);
        const { bytesRead } = await handle.read(header, 0, PCAP_HEADER_BYTES, 0);
        if (bytesRead < PCAP_HEADER_BYTES) return quiet('too short for a pcap file');
      } finally {
        await handle.close();
      }
    } catch (e) {
      return quiet((e as Error).message);
    }
    const probe = new CaptureReader({ onBatch: () => undefined });
    try {
      probe.feed(header);
    } catch {
      return quiet('not a readable capture');
    }
    const pcap = probe.pcap;
    if (pcap === undefined) return quiet('not a classic pcap file');
    if (this.storedLinkType !== undefined && pcap.linkType !== this.storedLinkType) return { reason: `the filter was compiled for link type ${this.storedLinkType}, the file has ${pcap.linkType}`, quiet: false };
    const n = this.workers.length;
    const body = fileSize - PCAP_HEADER_BYTES;
    const step = Math.ceil(body / n);
    const results = await Promise.all(
      this.workers.map((w, k) => {
        const start = PCAP_HEADER_BYTES + Math.min(body, k * step);
        const end = k === n - 1 ? fileSize : PCAP_HEADER_BYTES + Math.min(body, (k + 1) * step);
        const job: RangeJob = {
          type: 'range', path, header, littleEndian: pcap.littleEndian, recordHeaderBytes: pcap.recordHeaderBytes, maxCaplen: pcap.maxCaplen,
          isNanosecond: pcap.isNanosecond, lengthsSwapped: pcap.lengthsSwapped, fileSize, start, end, exact: k === 0, verdicts: wantVerdicts, stored: this.storedLinkType !== undefined,
        };
        return new Promise<RangeResult>((resolve, reject) => {
          const onMessage = (m: WorkerReply): void => {
            if (m.type !== 'range-done') return;
            w.off('message', onMessage);
            w.off('error', reject);
            resolve(m);
          };
          w.on('message', onMessage);
          w.once('error', reject);
          w.postMessage(job);
        });
      }),
    );
    for (let k = 0; k < n; k++) {
      const r = results[k];
      if (r.problem !== undefined) return { reason: `range ${k + 1} of ${n}: ${r.problem}`, quiet: false };
      if (k > 0 && r.first !== results[k - 1].next) return { reason: `range ${k + 1} of ${n} starts at byte ${r.first}, but the records before it end at byte ${results[k - 1].next}`, quiet: false };
    }
    if (results[n - 1].next !== fileSize) return { reason: `the records end at byte ${results[n - 1].next} of ${fileSize}`, quiet: false };
    const faults = new Float64Array(16);
    for (const r of results) for (let c = 0; c < 16; c++) faults[c] += r.faults[c];
    const sum = (key: 'total' | 'accepted' | 'dropped' | 'errors' | 'bytes'): number => results.reduce((a, r) => a + r[key], 0);
    let verdicts: Int8Array | undefined;
    if (wantVerdicts) {
      verdicts = new Int8Array(sum('total'));
      let at = 0;
      for (const r of results) {
        verdicts.set(r.verdicts!, at);
        at += r.total;
      }
    }
    return {
      total: sum('total'), accepted: sum('accepted'), dropped: sum('dropped'), errors: sum('errors'), bytes: sum('bytes'),
      faults, verdicts, perWorker: results.map((r) => r.total), tier: this.tier, flowTable: await this.stats(), linkTypes: [pcap.linkType],
    };
  }

  private async stats(): Promise<FlowTableStats | undefined> {
    const all = await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<FlowTableStats | undefined>((resolve, reject) => {
            w.on('message', (m: WorkerReply) => {
              if (m.type === 'done') resolve(m.stats);
            });
            w.once('error', reject);
            w.postMessage({ type: 'end' });
          }),
      ),
    );
    return sumStats(all);
  }

  /** Stop the workers (always call, also after run). */
  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
