// Measures multi-core filtering (not a test): a deterministic capture of the benchmark frame
// mix (snap length 128, 10 us apart) filtered on the main thread as `vfm test` does, then by
// runCaptureParallel with 1, 2 (and more) workers; best of several rounds, in packets/s, with
// the speed-up over the main-thread run. Verdicts are checked equal.
// Run: npm run build && node dist/scripts/bench-workers.js [packets] [rounds] [max-workers]

import { CaptureReader } from '../src/capture/reader.js';
import { NS, nsHalves } from '../src/capture/timestamp.js';
import { PcapWriter } from '../src/capture/writer.js';
import { compileVflisp } from '../src/lang/compile.js';
import { concat } from '../src/packet/craft.js';
import { createFilter } from '../src/tiers/select.js';
import { verifyProgram } from '../src/verify/verify.js';
import { FlowTable } from '../src/vm/flow-table.js';
import { chooseShard, runCaptureParallel } from '../src/node/parallel.js';
import { makeFrame, rng } from '../bench/mix.js';

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

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 500_000);
  const rounds = Number(process.argv[3] ?? 3);
  const maxWorkers = Number(process.argv[4] ?? 2);
  const bytes = makeCapture(count);
  process.stdout.write(`${count} packets, ${(bytes.length / 1e6).toFixed(1)} MB, best of ${rounds}\n`);
  for (const [name, text] of FILTERS) {
    const compiled = compileVflisp(text);
    const program = verifyProgram(compiled.bytes);
    const shard = chooseShard(program, compiled.flowKeys).spec!;
    const reference = mainThread(bytes, program);
    const base = await best(rounds, () => mainThread(bytes, program));
    const cells = [`main thread ${((count / base) * 1e3 / 1e6).toFixed(2)} Mpps`];
    for (let n = 1; n <= maxWorkers; n++) {
      let verdicts: Int8Array | undefined;
      const ms = await best(rounds, async () => {
        verdicts = (await runCaptureParallel(program, bytes, { workers: n, shard, flowTableSlots: 65536, verdicts: true })).verdicts;
      });
      if (verdicts === undefined || verdicts.length !== reference.length || verdicts.some((v, k) => v !== reference[k])) throw new Error(`${name}: ${n} workers gave other verdicts`);
      cells.push(`${n} worker${n === 1 ? '' : 's'} ${((count / ms) * 1e3 / 1e6).toFixed(2)} Mpps (x${(base / ms).toFixed(2)})`);
    }
    process.stdout.write(`${name.padEnd(10)} ${cells.join(', ')}\n`);
  }
}

await main();
