// Quick local measurement of the tiers (not a test, not the benchmark): the "IPv4 TCP dst
// port 80" filter over the benchmark's deterministic frame mix, per-packet `exec` and
// `runBatch` on every available tier, in ns/packet and as a ratio to the interpreter measured
// in the same run; and the time to compile a 200-instruction program on each tier.
// Run: npm run build && node dist/scripts/measure-tiers.js [packets] [rounds]

import { assemble } from '../src/asm/assemble.js';
import { verifyProgram } from '../src/verify/verify.js';
import { type PacketFilter, type TierName, WasmFilter, clearFilterCache, createFilter, detectTiers } from '../src/tiers/select.js';
import { makeFrames } from '../bench/mix.js';

/** libpcap's `ip and tcp dst port 80` logic: EtherType, protocol, fragment offset, IHL, port. */
export const TCP_DST_PORT_80 = `
        LD16 12
        PUSH 0x0800
        JNE drop
        LD8 23
        PUSH 6
        JNE drop
        LD16 20
        PUSH 0x1fff
        AND
        PUSH 0
        JNE drop
        LD8 14
        PUSH 15
        AND
        PUSH 4
        MUL
        LDX16 16
        PUSH 80
        JNE drop
        RET 1
drop:   RET 0
`;

function now(): number {
  return performance.now();
}

function measure(run: () => void, packets: number, rounds: number): number {
  run(); // warm up
  run();
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = now();
    run();
    best = Math.min(best, (now() - t0) * 1e6 / packets);
  }
  return best;
}

function main(): void {
  const count = Number(process.argv[2] ?? 20000);
  const rounds = Number(process.argv[3] ?? 15);
  const frames = makeFrames(count, 1);
  const views = Array.from({ length: count }, (_, k) => frames.data.subarray(frames.offsets[k], frames.offsets[k] + frames.lengths[k]));
  const program = verifyProgram(assemble(TCP_DST_PORT_80).bytes);
  const tiers = detectTiers().filter((s) => s.available).map((s) => s.tier);
  const verdicts = new Int32Array(count);
  const rows: { tier: TierName; exec: number; batch: number; zeroCopy?: number; accepted: number }[] = [];
  for (const tier of tiers) {
    const f: PacketFilter = createFilter(program, { tier });
    let accepted = 0;
    const exec = measure(() => {
      accepted = 0;
      for (let k = 0; k < count; k++) accepted += f.exec(views[k]);
    }, count, rounds);
    const batch = measure(() => f.runBatch(frames.data, frames.offsets, frames.lengths, count, verdicts), count, rounds);
    let zeroCopy: number | undefined;
    if (f instanceof WasmFilter) {
      const area = f.reserveBatch(frames.data.length, count);
      area.data.set(frames.data);
      area.offsets.set(frames.offsets);
      area.lengths.set(frames.lengths);
      zeroCopy = measure(() => f.runBatch(area.data, area.offsets, area.lengths, count, area.verdicts), count, rounds);
    }
    rows.push({ tier, exec, batch, zeroCopy, accepted });
  }
  const base = rows.find((r) => r.tier === 'interpreter')!.exec;
  console.log(`IPv4 TCP dst port 80, ${count} frames (bench mix, seed 1), best of ${rounds} rounds; ratio = ns / interpreter exec ns`);
  for (const r of rows) {
    const z = r.zeroCopy === undefined ? '' : `  zero-copy batch ${r.zeroCopy.toFixed(1)} ns (${(r.zeroCopy / base).toFixed(3)})`;
    console.log(`${r.tier.padEnd(12)} exec ${r.exec.toFixed(1)} ns (${(r.exec / base).toFixed(3)})  batch ${r.batch.toFixed(1)} ns (${(r.batch / base).toFixed(3)})${z}  accepted ${r.accepted}`);
  }

  // Compile time: a loop-free 200-instruction program (66 load/compare/branch triples + RET 0/1).
  const lines: string[] = [];
  for (let k = 0; k < 66; k++) lines.push(`LD16 ${(k * 2) % 60}`, `PUSH ${k}`, `JEQ drop`);
  lines.push('RET 1', 'drop: RET 0');
  const big = assemble(lines.join('\n')).bytes;
  const bigProgram = verifyProgram(big);
  console.log(`compile time, ${bigProgram.insns.length}-instruction program (cache cleared each time, median of 21):`);
  for (const tier of tiers) {
    const times: number[] = [];
    for (let r = 0; r < 21; r++) {
      clearFilterCache();
      const t0 = now();
      createFilter(bigProgram, { tier });
      times.push(now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`${tier.padEnd(12)} ${times[10].toFixed(3)} ms`);
  }
}

if (process.argv[1]?.endsWith("measure-tiers.js")) main();
