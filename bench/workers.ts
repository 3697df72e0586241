// The multi-core part of `npm run bench`: a deterministic capture of the benchmark frame mix
// (snap length 128, 10 us apart) filtered on the main thread as `vfm test` does, then by
// runCaptureParallel with 1 and 2 workers (sharded by each filter's flow key); best of several
// rounds, in packets/s, with the speed-up over the main-thread run. Verdicts are checked equal.

import { CaptureReader } from '../src/capture/reader.js';
import { NS, nsHalves } from '../src/capture/timestamp.js';
import { PcapWriter } from '../src/capture/writer.js';
import { compileVflisp } from '../src/lang/compile.js';
import { concat } from '../src/packet/craft.js';
import { createFilter } from '../src/tiers/select.js';
import { verifyProgram } from '../src/verify/verify.js';
import { FlowTable } from '../src/vm/flow-table.js';
import { chooseShard, runCaptureParallel } from '../src/node/parallel.js';
import { makeFrame, rng } from './mix.js';

const FILTERS = [
  ['stateless', '(and (= proto 6) (= dst-port 80))'],
  ['rate-by', '(<= (rate-by src-ip 1s) 1000)'],
  ['scan+rate', '(and (<= (rate-by src-ip 1s) 1000) (< (distinct-by src-ip dst-port 5m) 15) (< (count-by src-ip dst-port) 100000))'],
] as const;

function makeCapture(count: number): Uint8Array {
  const r = rng(2026);
  const chunks: Uint8Array[] = [];
  const w = new PcapWriter((c) => chunks.push(c.slice()), { snaplen: 128 });
  for (let k = 0; k < count; k++) {
    const us = k * 10;
    w.writePacket(makeFrame(r), 1_767_225_600 + Math.floor(us / 1e6), (us % 1e6) * 1000);
  }
  w.flush();
  return concat(...chunks);
}

function mainThread(bytes: Uint8Array, program: ReturnType<typeof verifyProgram>): Int8Array {
  const filter = createFilter(program, { flowTable: new FlowTable(65536) });
  const verdicts: number[] = [];
  const reader = new CaptureReader({
    onPacket: (p) => {
      nsHalves(p.timestampSec, p.timestampNsec);
      const s = filter.execAt(p.frame, p.frameOffset, p.frameLength, NS.hi, NS.lo);
      verdicts.push(s > 0 ? 1 : s === 0 ? 0 : -1);
    },
  });
  for (let at = 0; at < bytes.length; at += 1 << 20) reader.feed(bytes.subarray(at, at + (1 << 20)));
  reader.end();
  return Int8Array.from(verdicts);
}

async function best(rounds: number, run: () => Promise<unknown> | unknown): Promise<number> {
  let ms = Infinity;
  for (let k = 0; k < rounds; k++) {
    const t = performance.now();
    await run();
    ms = Math.min(ms, performance.now() - t);
  }
  return ms;
}

export interface WorkersRow {
  readonly filter: string;
  readonly expression: string;
  readonly packets: number;
  /** Packets per second: the main-thread run, then 1, 2, ... workers. */
  readonly mainThreadPps: number;
  readonly workers: readonly { readonly workers: number; readonly pps: number; readonly speedup: number }[];
}

/**
 * Filter `count` packets on the main thread and with 1..maxWorkers workers, for a stateless
 * filter and two stateful ones.
 * @throws {Error} when a parallel run's verdicts differ from the main thread's
 */
export async function measureWorkers(count: number, rounds: number, maxWorkers = 2): Promise<WorkersRow[]> {
  const bytes = makeCapture(count);
  const rows: WorkersRow[] = [];
  for (const [name, text] of FILTERS) {
    const compiled = compileVflisp(text);
    const program = verifyProgram(compiled.bytes);
    const shard = chooseShard(program, compiled.flowKeys).spec!;
    const reference = mainThread(bytes, program);
    const base = await best(rounds, () => mainThread(bytes, program));
    const workers: { workers: number; pps: number; speedup: number }[] = [];
    for (let n = 1; n <= maxWorkers; n++) {
      let verdicts: Int8Array | undefined;
      const ms = await best(rounds, async () => {
        verdicts = (await runCaptureParallel(program, bytes, { workers: n, shard, flowTableSlots: 65536, verdicts: true })).verdicts;
      });
      if (verdicts === undefined || verdicts.length !== reference.length || verdicts.some((v, k) => v !== reference[k])) throw new Error(`${name}: ${n} workers gave other verdicts`);
      workers.push({ workers: n, pps: (count / ms) * 1e3, speedup: base / ms });
    }
    rows.push({ filter: name, expression: text, packets: count, mainThreadPps: (count / base) * 1e3, workers });
  }
  return rows;
}
