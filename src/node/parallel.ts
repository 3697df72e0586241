// Multi-core filtering: ParallelRun spreads the packets of a capture over worker threads
// (parallel-worker.ts), each with its own compiled filter and flow table. The main thread
// reads the capture, picks each packet's worker by the shard key (shard.ts), copies it into
// that worker's batch and collects the statuses back into capture order. Each worker sees its
// packets in capture order, so per-key state evolves exactly as in a single-threaded run.

import type { Worker } from 'node:worker_threads';
import { CaptureReader } from '../capture/reader.js';
import { type CapturePacket, frameWireLength, linkTypeName, storedWireLength } from '../capture/types.js';
import { NS, nsHalves } from '../capture/timestamp.js';
import { CaptureError, CompileError } from '../diag/errors.js';
import { type PacketFilter, type TierName, createFilter } from '../tiers/select.js';
import { verifyProgram, type VerifiedProgram } from '../verify/verify.js';
import type { FlowTableStats } from '../vm/flow-table.js';
import type { BatchMessage, WorkerReply } from './parallel-worker.js';
import { startWorkerThreads, sumStats } from './worker-threads.js';
import { type ShardSpec, symmetricFlowHash, workerOf } from './shard.js';

export { chooseShard, symmetricFlowHash, workerOf, type ShardChoice, type ShardSpec } from './shard.js';

/** Packets per batch, and bytes of packet data per batch, before it is sent. */
const BATCH_PACKETS = 2048;
const BATCH_BYTES = 1 << 20;
/** Frames up to this many bytes are copied by a loop (no view); longer ones by set(), measured faster. */
const SHORT_COPY = 64;
/** Batches a worker may have queued before the reader waits. */
const MAX_IN_FLIGHT = 4;

export interface ParallelOptions {
  /** Number of worker threads (at least 1). */
  readonly workers: number;
  readonly shard: ShardSpec;
  readonly tier?: TierName | 'auto';
  readonly insnLimit?: number;
  /** Slots of each worker's flow table; undefined for none. */
  readonly flowTableSlots?: number;
  /** Collect a verdict per packet (1 accept, 0 drop, -1 fault) in capture order. */
  readonly verdicts?: boolean;
  /**
   * The program was compiled for this link type (a tcpdump expression): workers get the
   * stored bytes, and a packet of another link type is an error.
   */
  readonly storedLinkType?: number;
}

export interface ParallelResult {
  readonly total: number;
  readonly accepted: number;
  readonly dropped: number;
  readonly errors: number;
  readonly bytes: number;
  /** Packets per fault code (negative status). */
  readonly faults: ReadonlyMap<number, number>;
  readonly verdicts: Int8Array | undefined;
  /** The workers' flow-table statistics summed (size: all their slots together). */
  readonly flowTable: FlowTableStats | undefined;
  /** Tier the workers ran on. */
  readonly tier: TierName;
  /** Packets each worker ran. */
  readonly perWorker: readonly number[];
}

/** The arrays of one batch; they travel to the worker and back (transferred, not copied). */
interface BatchArrays {
  data: Uint8Array;
  offsets: Uint32Array;
  lengths: Uint32Array;
  tsHi: Uint32Array;
  tsLo: Uint32Array;
  wireLengths: Uint32Array;
  index: Uint32Array;
}

function newBatch(): BatchArrays {
  return {
    data: new Uint8Array(BATCH_BYTES),
    offsets: new Uint32Array(BATCH_PACKETS),
    lengths: new Uint32Array(BATCH_PACKETS),
    tsHi: new Uint32Array(BATCH_PACKETS),
    tsLo: new Uint32Array(BATCH_PACKETS),
    wireLengths: new Uint32Array(BATCH_PACKETS),
    index: new Uint32Array(BATCH_PACKETS),
  };
}

/** The shard hash of a packet under a ShardSpec (0: the packet reaches no key; any worker). */
export class ShardRouter {
  private readonly shardFilter: PacketFilter | undefined;
  private readonly formFilters: readonly PacketFilter[];
  private readonly formPartPcs: Int32Array;

  constructor(private readonly shard: ShardSpec) {
    this.shardFilter = shard.kind === 'key' ? createFilter(verifyProgram(shard.program)) : undefined;
    const forms = shard.kind === 'forms' ? shard.forms : [];
    this.formFilters = forms.map((f) => createFilter(verifyProgram(f.bytes)));
    this.formPartPcs = Int32Array.from(forms, (f) => f.partPc);
  }

  hash(p: CapturePacket): number {
    const { frame, frameOffset, frameLength } = p;
    switch (this.shard.kind) {
      case 'any':
        return 0;
      case 'five-tuple':
        return symmetricFlowHash(frame, frameOffset, frameLength);
      case 'key': {
        const f = this.shardFilter!;
        return f.execAt(frame, frameOffset, frameLength, 0, 0, frameWireLength(p)) > 0 ? (f.valueLo ^ f.valueHi) >>> 0 : 0;
      }
      case 'forms': {
        // The first key form whose conditions hold decides.
        const filters = this.formFilters;
        const wire = frameWireLength(p);
        for (let k = 0; k < filters.length; k++) {
          const f = filters[k];
          const s = f.execAt(frame, frameOffset, frameLength, 0, 0, wire);
          if (s > 0) return (f.valueLo ^ f.valueHi) >>> 0 || 1;
          if (s < 0 && f.faultPc >= this.formPartPcs[k]) return 0;
        }
        return 0;
      }
    }
  }
}

class WorkerHandle {
  /** Global packet numbers of the batches sent and not yet answered, oldest first. */
  private readonly pending: Uint32Array[] = [];
  private readonly free: BatchArrays[] = [];
  private b: BatchArrays = newBatch();
  private used = 0;
  private count = 0;
  packets = 0;
  private waiter: (() => void) | undefined;
  private failed = false;

  constructor(
    readonly worker: Worker,
    private readonly onStatuses: (indices: Uint32Array, statuses: Int32Array) => void,
  ) {}

  get inFlight(): number {
    return this.pending.length;
  }

  /** Append the `length` bytes at `offset` of `frame`. */
  add(frame: Uint8Array, offset: number, length: number, hi: number, lo: number, wireLength: number, globalIndex: number): void {
    if (this.count === BATCH_PACKETS || this.used + length > this.b.data.length) this.send();
    const b = this.b;
    if (length > b.data.length) b.data = new Uint8Array(length);
    const k = this.count++;
    const at = this.used;
    if (length <= SHORT_COPY) {
      const d = b.data;
      for (let i = 0; i < length; i++) d[at + i] = frame[offset + i];
    } else {
      b.data.set(frame.subarray(offset, offset + length), at);
    }
    b.offsets[k] = at;
    b.lengths[k] = length;
    b.tsHi[k] = hi;
    b.tsLo[k] = lo;
    b.wireLengths[k] = wireLength;
    b.index[k] = globalIndex;
    this.used += length;
    this.packets++;
  }

  send(): void {
    if (this.count === 0) return;
    const { data, offsets, lengths, tsHi, tsLo, wireLengths, index } = this.b;
    const msg: BatchMessage = { type: 'batch', data, offsets, lengths, tsHi, tsLo, wireLengths, count: this.count };
    this.pending.push(index.slice(0, this.count));
    this.worker.postMessage(msg, [data.buffer as ArrayBuffer, offsets.buffer as ArrayBuffer, lengths.buffer as ArrayBuffer, tsHi.buffer as ArrayBuffer, tsLo.buffer as ArrayBuffer, wireLengths.buffer as ArrayBuffer]);
    const reused = this.free.pop();
    if (reused !== undefined) reused.index = index;
    this.b = reused ?? newBatch();
    this.used = 0;
    this.count = 0;
  }

  received(statuses: Int32Array, back: BatchMessage): void {
    this.onStatuses(this.pending.shift()!, statuses);
    const { data, offsets, lengths, tsHi, tsLo, wireLengths } = back;
    if (data.length >= BATCH_BYTES) this.free.push({ data, offsets, lengths, tsHi, tsLo, wireLengths, index: new Uint32Array(0) });
    if (this.waiter !== undefined) {
      const w = this.waiter;
      this.waiter = undefined;
      w();
    }
  }

  /** Resolves when fewer than `limit` batches are queued, or the worker has failed. */
  async below(limit: number): Promise<void> {
    while (!this.failed && this.pending.length >= limit) await new Promise<void>((resolve) => (this.waiter = resolve));
  }

  /** The worker died: nothing more will come back. */
  fail(): void {
    this.failed = true;
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }
}

/**
 * A capture being filtered by worker threads. Feed it packets with `onPacket` (for example as
 * a CaptureReader's callback), await `drain()` between input chunks, then `finish()`.
 */
export class ParallelRun {
  private readonly handles: WorkerHandle[];
  private readonly router: ShardRouter;
  private total = 0;
  private accepted = 0;
  private dropped = 0;
  private errors = 0;
  private bytes = 0;
  private readonly faults = new Map<number, number>();
  private verdicts: Int8Array | undefined;
  private failure: Error | undefined;
  private next = 0;

  private constructor(
    workers: Worker[],
    readonly tier: TierName,
    private readonly shard: ShardSpec,
    wantVerdicts: boolean,
    private readonly storedLinkType: number | undefined,
  ) {
    this.handles = workers.map((w) => new WorkerHandle(w, (idx, st) => this.collect(idx, st)));
    this.router = new ShardRouter(shard);
    this.verdicts = wantVerdicts ? new Int8Array(1024) : undefined;
    for (const h of this.handles) {
      h.worker.on('message', (m: WorkerReply) => {
        if (m.type === 'statuses') h.received(m.statuses, m.batch);
      });
      h.worker.on('error', (e) => {
        this.failure ??= e;
        h.fail();
      });
    }
  }

  /**
   * Start `options.workers` threads, each compiling `program` (the whole set up is checked
   * before any packet is read).
   */
  static async start(program: VerifiedProgram, options: ParallelOptions): Promise<ParallelRun> {
    if (!Number.isInteger(options.workers) || options.workers < 1) throw new RangeError(`workers must be a whole number of at least 1, got ${options.workers}`);
    const { workers, tier } = await startWorkerThreads(program, options);
    return new ParallelRun(workers, tier, options.shard, options.verdicts === true, options.storedLinkType);
  }

  /** Route one packet to its worker (copies the bytes; call from a CaptureReader callback). */
  readonly onPacket = (p: CapturePacket): void => {
    const { frame, frameOffset, frameLength } = p;
    const n = this.handles.length;
    let target: number;
    if (this.shard.kind === 'any') {
      target = Math.floor(this.next / BATCH_PACKETS) % n;
    } else {
      const h = this.router.hash(p);
      target = h === 0 ? this.next % n : workerOf(h, n);
    }
    nsHalves(p.timestampSec, p.timestampNsec);
    const lt = this.storedLinkType;
    if (lt === undefined) {
      this.handles[target].add(frame, frameOffset, frameLength, NS.hi, NS.lo, frameWireLength(p), this.next);
      this.bytes += frameLength;
    } else {
      if (p.linkType !== lt) {
        throw new CompileError('ERR_PCAP_LINK', `packet ${p.index} has link type ${p.linkType} (${linkTypeName(p.linkType)}), but the workers run the tcpdump expression compiled for link type ${lt} (${linkTypeName(lt)}); run without --workers to compile it for each interface`, {});
      }
      this.handles[target].add(p.buffer, p.dataStart, p.capturedLength, NS.hi, NS.lo, storedWireLength(p), this.next);
      this.bytes += p.capturedLength;
    }
    this.next++;
  };

  private collect(indices: Uint32Array, statuses: Int32Array): void {
    let v = this.verdicts;
    if (v !== undefined) {
      const need = indices.length > 0 ? indices[indices.length - 1] + 1 : 0;
      if (need > v.length) {
        let size = v.length;
        while (size < need) size *= 2;
        const grown = new Int8Array(size);
        grown.set(v);
        this.verdicts = v = grown;
      }
    }
    for (let k = 0; k < statuses.length; k++) {
      const s = statuses[k];
      this.total++;
      if (s > 0) this.accepted++;
      else if (s === 0) this.dropped++;
      else {
        this.errors++;
        this.faults.set(s, (this.faults.get(s) ?? 0) + 1);
      }
      if (v !== undefined) v[indices[k]] = s > 0 ? 1 : s === 0 ? 0 : -1;
    }
  }

  /** Send partly filled batches and wait until no worker has more than a few queued. */
  async drain(): Promise<void> {
    this.check();
    for (const h of this.handles) h.send();
    await Promise.all(this.handles.map((h) => h.below(MAX_IN_FLIGHT)));
    this.check();
  }

  private check(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  /** Wait for every packet's status, stop the workers and sum up. */
  async finish(): Promise<ParallelResult> {
    try {
      return await this.collectAll();
    } finally {
      await this.abort();
    }
  }

  private async collectAll(): Promise<ParallelResult> {
    for (const h of this.handles) h.send();
    await Promise.all(this.handles.map((h) => h.below(1)));
    this.check();
    const stats = await Promise.all(
      this.handles.map(
        (h) =>
          new Promise<FlowTableStats | undefined>((resolve, reject) => {
            h.worker.on('message', (m: WorkerReply) => {
              if (m.type === 'done') resolve(m.stats);
            });
            h.worker.once('error', reject);
            h.worker.postMessage({ type: 'end' });
          }),
      ),
    );
    return {
      total: this.total,
      accepted: this.accepted,
      dropped: this.dropped,
      errors: this.errors,
      bytes: this.bytes,
      faults: this.faults,
      verdicts: this.verdicts?.slice(0, this.next),
      flowTable: sumStats(stats),
      tier: this.tier,
      perWorker: this.handles.map((h) => h.packets),
    };
  }

  /** Stop the workers without waiting for results (after an error; harmless after finish). */
  async abort(): Promise<void> {
    await Promise.all(this.handles.map((h) => h.worker.terminate()));
  }
}

/**
 * Filter a whole capture (pcap, pcapng or .pkt bytes, or a stream of chunks) on worker threads.
 * @param shard from `chooseShard` (a ShardSpec); use `{ kind: 'any' }` only for stateless filters
 * @returns the counts, faults, verdicts in capture order and summed flow-table statistics;
 *   `error` is the capture damage found after every good packet was filtered
 */
export async function runCaptureParallel(
  program: VerifiedProgram,
  capture: Uint8Array | AsyncIterable<Uint8Array>,
  options: ParallelOptions,
): Promise<ParallelResult & { readonly error: CaptureError | undefined }> {
  const run = await ParallelRun.start(program, options);
  const reader = new CaptureReader({ onPacket: run.onPacket });
  let error: CaptureError | undefined;
  try {
    try {
      if (capture instanceof Uint8Array) {
        for (let at = 0; at < capture.length; at += 1 << 20) {
          reader.feed(capture.subarray(at, at + (1 << 20)));
          await run.drain();
        }
      } else {
        for await (const chunk of capture) {
          reader.feed(chunk);
          await run.drain();
          if (reader.stopped) break;
        }
      }
      reader.end();
    } catch (e) {
      if (!(e instanceof CaptureError)) throw e;
      error = e;
    }
    return { ...(await run.finish()), error };
  } catch (e) {
    await run.abort();
    throw e;
  }
}
