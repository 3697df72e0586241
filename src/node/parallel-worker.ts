// A worker thread of ParallelRun (parallel.ts) and RangeRun (parallel-range.ts): compiles the
// filter once with its own flow table, then runs each batch it is sent in order, with the
// packets' capture timestamps, and sends back one status per packet, or reads and filters a
// byte range of a capture file itself (range-job.ts); at the end it sends its flow-table
// statistics.

import { parentPort, workerData } from 'node:worker_threads';
import { createFilter, type TierName } from '../tiers/select.js';
import { verifyProgram } from '../verify/verify.js';
import { FlowTable } from '../vm/flow-table.js';
import { type RangeJob, type RangeResult, runRangeJob } from './range-job.js';

/** What the main thread gives each worker. */
export interface WorkerSetup {
  readonly bytes: Uint8Array;
  readonly tier: TierName | 'auto';
  readonly insnLimit: number;
  readonly flowTableSlots: number | undefined;
}

/** A batch: `count` packets in `data`, packet k at offsets[k] with lengths[k] bytes. */
export interface BatchMessage {
  readonly type: 'batch';
  readonly data: Uint8Array;
  readonly offsets: Uint32Array;
  readonly lengths: Uint32Array;
  readonly tsHi: Uint32Array;
  readonly tsLo: Uint32Array;
  readonly wireLengths: Uint32Array;
  readonly count: number;
}

export type WorkerReply =
  | { readonly type: 'ready'; readonly tier: TierName }
  /** The statuses, and the batch's arrays handed back for reuse. */
  | { readonly type: 'statuses'; readonly statuses: Int32Array; readonly batch: BatchMessage }
  | RangeResult
  | { readonly type: 'done'; readonly stats: ReturnType<FlowTable['stats']> | undefined };

const port = parentPort!;
const setup = workerData as WorkerSetup;
const filter = createFilter(verifyProgram(setup.bytes), {
  tier: setup.tier,
  insnLimit: setup.insnLimit,
  flowTable: setup.flowTableSlots === undefined ? undefined : new FlowTable(setup.flowTableSlots),
});
port.postMessage({ type: 'ready', tier: filter.tier } satisfies WorkerReply);

port.on('message', (m: BatchMessage | RangeJob | { type: 'end' }) => {
  if (m.type === 'range') {
    const result = runRangeJob(m, filter);
    port.postMessage(result satisfies WorkerReply, result.verdicts === undefined ? [] : [result.verdicts.buffer as ArrayBuffer]);
    return;
  }
  if (m.type === 'end') {
    port.postMessage({ type: 'done', stats: filter.flowTable?.stats() } satisfies WorkerReply);
    port.close();
    return;
  }
  const statuses = new Int32Array(m.count);
  const { data, offsets, lengths, tsHi, tsLo, wireLengths } = m;
  for (let k = 0; k < m.count; k++) statuses[k] = filter.execAt(data, offsets[k], lengths[k], tsHi[k], tsLo[k], wireLengths[k]);
  const transfer = [statuses, data, offsets, lengths, tsHi, tsLo, wireLengths].map((a) => a.buffer as ArrayBuffer);
  port.postMessage({ type: 'statuses', statuses, batch: m } satisfies WorkerReply, transfer);
});
