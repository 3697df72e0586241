// Starting the worker threads of ParallelRun and RangeRun (all at once, each compiling the
// filter; resolved when every one is ready) and summing their flow-table statistics.

import { Worker } from 'node:worker_threads';
import type { TierName } from '../tiers/select.js';
import type { VerifiedProgram } from '../verify/verify.js';
import type { FlowTableStats } from '../vm/flow-table.js';
import type { WorkerReply, WorkerSetup } from './parallel-worker.js';

/** Set by scripts/bundle-cli.ts in the CLI bundle: the worker entry's own bundle, beside it. */
declare const VFM_WORKER_BUNDLE: string | undefined;
const WORKER_ENTRY = typeof VFM_WORKER_BUNDLE === 'string' ? VFM_WORKER_BUNDLE : './parallel-worker.js';

export interface WorkerOptions {
  /** Number of worker threads (at least 1). */
  readonly workers: number;
  readonly tier?: TierName | 'auto';
  readonly insnLimit?: number;
  /** Slots of each worker's flow table; undefined for none. */
  readonly flowTableSlots?: number;
}

/** Start `n` workers compiling `program`, all at once; resolves when every one is ready. */
export async function startWorkerThreads(program: VerifiedProgram, options: WorkerOptions): Promise<{ workers: Worker[]; tier: TierName }> {
  const setup: WorkerSetup = { bytes: program.bytes, tier: options.tier ?? 'auto', insnLimit: options.insnLimit ?? 10000, flowTableSlots: options.flowTableSlots };
  const workers: Worker[] = [];
  try {
    const tiers = await Promise.all(
      Array.from({ length: options.workers }, () => {
        const w = new Worker(new URL(WORKER_ENTRY, import.meta.url), { workerData: setup });
        workers.push(w);
        return new Promise<TierName>((resolve, reject) => {
          w.once('message', (m: WorkerReply) => (m.type === 'ready' ? resolve(m.tier) : reject(new Error(`worker sent ${m.type} before ready`))));
          w.once('error', reject);
        });
      }),
    );
    return { workers, tier: tiers[0] };
  } catch (e) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw e;
  }
}

/** The workers' flow-table statistics summed (size: all their slots together); undefined without tables. */
export function sumStats(all: readonly (FlowTableStats | undefined)[]): FlowTableStats | undefined {
  if (all.some((s) => s === undefined)) return undefined;
  const list = all as FlowTableStats[];
  const sum = (k: keyof FlowTableStats): number => list.reduce((n, s) => n + s[k], 0);
  const size = sum('size');
  return {
    size,
    lookups: sum('lookups'),
    hits: sum('hits'),
    misses: sum('misses'),
    stores: sum('stores'),
    inserts: sum('inserts'),
    updates: sum('updates'),
    evictions: sum('evictions'),
    occupied: sum('occupied'),
    loadFactor: sum('occupied') / size,
  };
}

