// `vfm test --workers N [--shard-by PARTS]`: for a stateless filter over a pcap file, a
// RangeRun (each worker reads a byte range itself); otherwise a ParallelRun sharded by the
// key derived from the filter's bytecode (chooseShard) or a --shard-by override; warn and stay
// single-threaded when the filter's keys allow no split, or when routing cannot pay on a large
// capture (the machine has no core for the routing main thread besides the workers').

import { UsageError } from '../../diag/errors.js';
import type { VerifiedProgram } from '../../verify/verify.js';
import type { FilterSetup } from '../capture-run.js';
import { readInput, readSetFileText, type CliIo } from '../io.js';
import { extensionOf } from '../load-filter.js';
import type { ParallelRun } from '../parallel.js';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
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
  /** The program is a tcpdump expression compiled for this link type, run on the stored bytes. */
  storedLinkType?: number,
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
    opts.lisp !== undefined ? compileVflisp(opts.lisp, filterPath, { readFile: readSetFileText }).flowKeys : isLisp ? compileVflisp(new TextDecoder().decode(await readInput(io, filterPath)), filterPath, { readFile: readSetFileText }).flowKeys : undefined;
  const shardBy = opts['shard-by']?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const choice = chooseShard(program, flowKeys, shardBy);
  if (choice.warning !== undefined) io.stderr.write(`vfm test: warning: ${choice.warning}\n`);
  if (choice.spec === undefined) return undefined;
  if (choice.spec.kind === 'any' && capturePath !== '-' && opts.limit === undefined && (setup.format === 'auto' || setup.format === 'pcap')) {
    const range = await RangeRun.start(program, { workers, tier: setup.tier, insnLimit: setup.insnLimit, flowTableSlots: setup.flowTableSlots }, storedLinkType);
    return { kind: 'range', range, workers, shard: 'stateless filter: the file in byte ranges, one per worker' };
  }
  const pays = await shardingPays(capturePath, workers);
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
    storedLinkType,
  });
  return { kind: 'stream', run, workers, shard: choice.description };
}

/** Captures from this size on are split only when sharding can pay (smaller ones: as asked). */
const DECIDE_FROM_BYTES = 32 << 20;

/**
 * Whether routing packets to workers can beat filtering them on the main thread, decided from
 * the machine alone, before any worker starts or any packet is read (so the decision costs
 * nothing): the main thread parses, hashes and copies every packet while the workers filter,
 * so it needs a core of its own besides the workers'. With fewer cores the routed run was
 * slower than one thread on every stateful filter measured (issue 16: `rate-by` 0.96x,
 * `rate-by + distinct-by + count-by` 0.88x on 2 cores), so it is not tried.
 * @returns undefined when workers can pay (or the input is small or not a file), else why not
 */
async function shardingPays(capturePath: string, workers: number): Promise<string | undefined> {
  if (capturePath === '-') return undefined;
  const cores = Math.max(1, availableParallelism());
  if (cores > workers) return undefined;
  try {
    const s = await stat(capturePath);
    if (!s.isFile() || s.size < DECIDE_FROM_BYTES) return undefined;
  } catch {
    return undefined; // the run itself reports the file's problem
  }
  return `a stateful filter's packets are routed to the workers by the main thread, which needs a core of its own: ${workers} workers on ${cores} cores would not be faster`;
}
