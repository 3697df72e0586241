// One measurement of `npm run bench`, in a process of its own so that no other filter or tier
// has trained the engine's call sites: one filter on one tier row (a tier's per-packet `exec`,
// or the `wasm-batch`/`js-batch` batch paths) in one mode, over the frames of a .pkt file.
// Prints one JSON line: accepted packets (first pass, fresh flow table), ns/packet per repeat
// (process CPU time and wall-clock time), and on request compile time and memory per filter.
// Run by bench/run.ts as: node --expose-gc dist/bench/worker.js '<WorkerJob JSON>'

import { type PacketFilter, type TierName, WasmFilter, clearFilterCache, createFilter } from '../src/tiers/select.js';
import { flowTableFor, loadBenchFilters, type BenchFilter } from './filters.js';
import type { FrameSet } from './mix.js';
import { readPktFile } from './pkt-file.js';

/** A row of the results: a tier's exec, or a batch path. */
export const BATCH_ROWS = { 'wasm-batch': 'wasm', 'js-batch': 'js' } as const satisfies Record<string, TierName>;
export type BenchRow = TierName | keyof typeof BATCH_ROWS;

/** Packets per runBatch call in cold mode (a capture reader's buffer of packets). */
export const COLD_BATCH_PACKETS = 4096;

export interface WorkerJob {
  readonly filter: string;
  readonly row: BenchRow;
  readonly mode: 'hot' | 'cold';
  /** The .pkt file: in hot mode its frames are cycled, in cold mode each is run once per pass. */
  readonly pktPath: string;
  /** Packets per pass in hot mode. */
  readonly runs: number;
  /** Untimed passes before timing: at least `warmups`, and more until `warmupMs` have passed (engine tier-up). */
  readonly warmups: number;
  readonly warmupMs: number;
  readonly repeats: number;
  /** Also measure compile time and memory per filter. */
  readonly setup: boolean;
}

export interface WorkerResult {
  readonly accepted: number;
  readonly packets: number;
  /** Process CPU time per packet, one sample per repeat. */
  readonly samplesNs: number[];
  /** Wall-clock time per packet, one sample per repeat. */
  readonly wallSamplesNs: number[];
  readonly compileMs?: number[];
  readonly memoryBytes?: number;
}

const COMPILE_SAMPLES = 21;
const MEMORY_INSTANCES = 64;

function baseTier(row: BenchRow): TierName {
  return row in BATCH_ROWS ? BATCH_ROWS[row as keyof typeof BATCH_ROWS] : (row as TierName);
}

/** A pass over the packets; returns the number accepted. */
type Pass = () => number;

function execPass(f: PacketFilter, frames: FrameSet, packets: number): Pass {
  const views = Array.from({ length: frames.count }, (_, k) => frames.data.subarray(frames.offsets[k], frames.offsets[k] + frames.lengths[k]));
  const n = views.length;
  return () => {
    let accepted = 0;
    let k = 0;
    for (let i = 0; i < packets; i++) {
      if (f.exec(views[k]) > 0) accepted++;
      if (++k === n) k = 0;
    }
    return accepted;
  };
}

/**
 * Batches over `packets` packets of the set (cycled), `chunk` packets per call. The wasm row
 * first places every frame in the module memory (WasmFilter.reserveBatch), so its batches copy
 * nothing, like bpf_filter reading packets in place.
 */
function batchPass(f: PacketFilter, frames: FrameSet, packets: number, chunk: number): Pass {
  let data: Uint8Array = frames.data;
  let offsets: Uint32Array = frames.offsets;
  let lengths: Uint32Array = frames.lengths;
  let verdicts: Int32Array = new Int32Array(frames.count);
  if (f instanceof WasmFilter) {
    const area = f.reserveBatch(data.length, frames.count);
    area.data.set(data);
    area.offsets.set(offsets);
    area.lengths.set(lengths);
    ({ data, offsets, lengths, verdicts } = area);
  }
  const n = frames.count;
  return () => {
    let accepted = 0;
    let k = 0;
    for (let done = 0; done < packets; ) {
      const m = Math.min(chunk, n - k, packets - done);
      const out = verdicts.subarray(k, k + m);
      f.runBatch(data, offsets.subarray(k, k + m), lengths.subarray(k, k + m), m, out);
      for (let j = 0; j < m; j++) if (out[j] > 0) accepted++;
      done += m;
      k += m;
      if (k === n) k = 0;
    }
    return accepted;
  };
}

function heapAndExternal(): number {
  // Two collections: the first can leave garbage that a later one frees, making the
  // difference between two readings negative.
  (globalThis as { gc?: () => void }).gc?.();
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

/** Raw samples of createFilter with the code cache cleared each time. */
function measureCompile(filter: BenchFilter, tier: TierName): number[] {
  const samples: number[] = [];
  for (let r = 0; r < COMPILE_SAMPLES; r++) {
    clearFilterCache();
    const t0 = performance.now();
    createFilter(filter.program, { tier, flowTable: flowTableFor(filter) });
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** Bytes retained per filter instance (own compiled code, memory, flow table), averaged. */
function measureMemory(filter: BenchFilter, tier: TierName): number {
  const make = (): PacketFilter => {
    clearFilterCache();
    return createFilter(filter.program, { tier, flowTable: flowTableFor(filter) });
  };
  // One instance first, so that what the first filter allocates once (lazily built tables,
  // compiled helpers) is not counted; then the median of three rounds, since a collection can
  // free a few KiB of earlier garbage between two readings.
  const warm = make();
  const rounds: number[] = [];
  for (let round = 0; round < 3; round++) {
    const keep: PacketFilter[] = [];
    const before = heapAndExternal();
    for (let r = 0; r < MEMORY_INSTANCES; r++) keep.push(make());
    const after = heapAndExternal();
    rounds.push((after - before) / keep.length);
  }
  clearFilterCache();
  void warm;
  rounds.sort((a, b) => a - b);
  return Math.max(0, Math.round(rounds[1]));
}

export function runJob(job: WorkerJob): WorkerResult {
  const filter = loadBenchFilters().find((f) => f.name === job.filter);
  if (filter === undefined) throw new Error(`no bench filter named '${job.filter}'`);
  const tier = baseTier(job.row);
  let memoryBytes: number | undefined;
  let compileMs: number[] | undefined;
  if (job.setup) {
    memoryBytes = measureMemory(filter, tier);
    compileMs = measureCompile(filter, tier);
  }
  const frames = readPktFile(job.pktPath);
  const packets = job.mode === 'hot' ? job.runs : frames.count;
  const f = createFilter(filter.program, { tier, flowTable: flowTableFor(filter) });
  const pass = job.row === tier ? execPass(f, frames, packets) : batchPass(f, frames, packets, job.mode === 'hot' ? frames.count : COLD_BATCH_PACKETS);
  const warmupStart = performance.now();
  const accepted = pass();
  for (let w = 1; w < job.warmups || performance.now() - warmupStart < job.warmupMs; w++) pass();
  const samplesNs: number[] = [];
  const wallSamplesNs: number[] = [];
  for (let r = 0; r < job.repeats; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    pass();
    const t1 = performance.now();
    const c = process.cpuUsage(c0);
    samplesNs.push(((c.user + c.system) * 1e3) / packets);
    wallSamplesNs.push(((t1 - t0) * 1e6) / packets);
  }
  return { accepted, packets, samplesNs, wallSamplesNs, compileMs, memoryBytes };
}

if (process.argv[1]?.endsWith('worker.js')) {
  process.stdout.write(JSON.stringify(runJob(JSON.parse(process.argv[2]) as WorkerJob)) + '\n');
}
