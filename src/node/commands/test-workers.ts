// `vfm test --workers N [--shard-by PARTS]`: for a stateless filter over a pcap file, a
// RangeRun (each worker reads a byte range itself); otherwise a ParallelRun sharded by the
// key derived from the filter's bytecode (chooseShard) or a --shard-by override; warn and stay
// single-threaded when the filter's keys allow no split.

import { UsageError } from '../../diag/errors.js';
import type { VerifiedProgram } from '../../verify/verify.js';
import type { FilterSetup } from '../capture-run.js';
import { readInput, type CliIo } from '../io.js';
import { extensionOf } from '../load-filter.js';
import type { ParallelRun, ShardRouter } from '../parallel.js';
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { CaptureReader } from '../../capture/reader.js';
import type { CapturePacket } from '../../capture/types.js';
import { frameWireLength } from '../../capture/types.js';
import { compileFilter } from '../capture-run.js';
import type { ShardSpec } from '../shard.js';
import type { RangeRun } from '../parallel-range.js';
import { parsePositiveInt } from './run.js';

/** The most worker threads `--workers` accepts. */
const MAX_WORKERS = 256;

export const WORKER_OPTIONS = {
  workers: { type: 'string', arg: 'N', help: 'spread the capture over N worker threads (default 1); stateful filters are sharded by their flow key' },
  'shard-by': { type: 'string', arg: 'PARTS', help: 'with --workers: shard by these comma-separated key parts (e.g. src-ip,dst-port) or 5-tuple' },
} as const;

export type WorkerRun =
  /** The main thread reads the capture and routes packets to the workers. */
  | { readonly kind: 'stream'; readonly run: ParallelRun; readonly workers: number; readonly shard: string }
  /** Stateless filter over a pcap file: each worker reads and filters a byte range itself. */
  | { readonly kind: 'range'; readonly range: RangeRun; readonly workers: number; readonly shard: string };

/**
 * Start the workers, or return undefined for a single-threaded run (1 worker, or a filter
 * whose keys allow no split: then a warning goes to stderr).
 * @throws {UsageError} for a bad --workers or --shard-by, or --workers with -v or --jit-test
 */
export async function startWorkers(
  io: CliIo,
  opts: { workers?: string; 'shard-by'?: string; verbose?: boolean; 'jit-test'?: boolean; verdicts?: boolean; limit?: string; lisp?: string; lang?: string },
  filterPath: string,
  program: VerifiedProgram,
  setup: FilterSetup,
  capturePath: string,
): Promise<WorkerRun | undefined> {
  const workers = parsePositiveInt(opts.workers, '--workers', 1);
  if (workers > MAX_WORKERS) throw new UsageError('ERR_USAGE', `--workers takes 1 to ${MAX_WORKERS}, got ${workers}`);
  if (opts['shard-by'] !== undefined && workers === 1) throw new UsageError('ERR_USAGE', '--shard-by needs --workers N with N > 1');
  if (workers === 1) return undefined;
  if (opts.verbose === true || opts['jit-test'] === true) throw new UsageError('ERR_USAGE', `--workers cannot be combined with ${opts.verbose === true ? '-v' : '--jit-test'}`);
  // Loaded only for multi-core runs, so single-threaded ones start faster.
  const [{ compileVflisp }, { chooseShard }, { ParallelRun }, { RangeRun }] = await Promise.all([
    import('../../lang/compile.js'),
    import('../shard.js'),
    import('../parallel.js'),
    import('../parallel-range.js'),
  ]);
  const isLisp = opts.lisp === undefined && (opts.lang === 'vflisp' || (opts.lang === undefined && extensionOf(filterPath) === '.vfl'));
  const flowKeys =
    opts.lisp !== undefined ? compileVflisp(opts.lisp, filterPath).flowKeys : isLisp ? compileVflisp(new TextDecoder().decode(await readInput(io, filterPath)), filterPath).flowKeys : undefined;
  const shardBy = opts['shard-by']?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const choice = chooseShard(program, flowKeys, shardBy);
  if (choice.warning !== undefined) io.stderr.write(`vfm test: warning: ${choice.warning}\n`);
  if (choice.spec === undefined) return undefined;
  if (choice.spec.kind === 'any' && capturePath !== '-' && opts.limit === undefined && (setup.format === 'auto' || setup.format === 'pcap')) {
    const range = await RangeRun.start(program, { workers, tier: setup.tier, insnLimit: setup.insnLimit, flowTableSlots: setup.flowTableSlots });
    return { kind: 'range', range, workers, shard: 'stateless filter: the file in byte ranges, one per worker' };
  }
  const pays = await shardingPays(program, setup, choice.spec, capturePath, workers);
  if (pays !== undefined) {
    io.stderr.write(`vfm test: warning: ${pays}; running single-threaded\n`);
    return undefined;
  }
  const run = await ParallelRun.start(program, {
    workers,
    shard: choice.spec,
    tier: setup.tier,
    insnLimit: setup.insnLimit,
    flowTableSlots: setup.flowTableSlots,
    verdicts: opts.verdicts,
  });
  return { kind: 'stream', run, workers, shard: choice.description };
}

/** Captures from this size on are worth checking whether workers pay (smaller ones: as asked). */
const CALIBRATE_FROM_BYTES = 32 << 20;
const CALIBRATE_BYTES = 2 << 20;
/** Starting workers costs about this much (threads, module loading, compiling the filter). */
const WORKER_START_MS = 250;

/**
 * Whether routing packets to workers beats filtering them on the main thread: on the first
 * 2 MiB of a large capture file, the main thread's cost per packet to compute the shard hash
 * and copy the packet is compared with the filter's own cost (each over a fresh flow table).
 * @returns undefined when workers pay (or the input is small or not a file), else why not
 */
async function shardingPays(program: VerifiedProgram, setup: FilterSetup, spec: ShardSpec, capturePath: string, workers: number): Promise<string | undefined> {
  if (capturePath === '-') return undefined;
  let sample: Uint8Array;
  let fileBytes = 0;
  try {
    const handle = await open(capturePath, 'r');
    try {
      const stat = await handle.stat();
      if (!stat.isFile() || stat.size < CALIBRATE_FROM_BYTES) return undefined;
      fileBytes = stat.size;
      sample = new Uint8Array(CALIBRATE_BYTES);
      sample = sample.subarray(0, (await handle.read(sample, 0, CALIBRATE_BYTES, 0)).bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return undefined; // the run itself reports the file's problem
  }
  const { ShardRouter: Router } = await import('../parallel.js');
  const router: ShardRouter = new Router(spec);
  const vm = compileFilter(program, setup);
  const scratch = new Uint8Array(1 << 18);
  const passes: ((p: CapturePacket) => void)[] = [
    () => undefined,
    (p) => {
      router.hash(p);
      scratch.set(p.frame.subarray(p.frameOffset, p.frameOffset + p.frameLength));
    },
    (p) => vm.execAt(p.frame, p.frameOffset, p.frameLength, 0, 0, frameWireLength(p)),
  ];
  const best = [Infinity, Infinity, Infinity];
  let packets = 0;
  for (let round = 0; round < 2; round++) {
    passes.forEach((onPacket, k) => {
      const reader = new CaptureReader({ onPacket });
      const t = performance.now();
      try {
        reader.feed(sample);
      } catch {
        // damage in the sample: the run reports it
      }
      best[k] = Math.min(best[k], performance.now() - t);
      packets = reader.packets;
    });
  }
  if (packets < 1000) return undefined;
  const route = Math.max(0, best[1] - best[0]) / packets;
  const filter = Math.max(0, best[2] - best[0]) / packets;
  const cores = Math.max(1, availableParallelism());
  // The main thread routes every packet; the workers share the cores left with it.
  const parallel = Math.max(route, filter / workers, (route + filter) / Math.min(cores, workers + 1));
  // A wide margin for what the estimate leaves out (messages, collecting statuses, memory
  // bandwidth, two busy threads on few cores: measured, routed runs were slower than the
  // estimate by half), and the start-up of the workers against the time saved.
  const savedMs = (filter - parallel) * packets * (fileBytes / sample.length);
  if (parallel < 0.4 * filter && savedMs > 2 * WORKER_START_MS * workers) return undefined;
  return `the filter costs about ${(filter * 1e6).toFixed(0)} ns per packet and routing a packet to a worker ${(route * 1e6).toFixed(0)} ns, so ${workers} workers on ${cores} cores would not be faster`;
}
