// The libpcap baseline from TypeScript: builds bench/bpf-bench.c with gcc -O2 -lpcap (or says
// why it cannot), and runs it over a .pkt file for timings (hot or cold, one sample per repeat)
// or for per-packet verdicts. Used by bench/run.ts and by the equivalence test.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describeExit, runChild } from './child.js';
import { BENCH_DIR } from './filters.js';

/** The built baseline program, or why there is none. */
export type BpfBenchBuild = { readonly path: string } | { readonly missing: string };

/** Compile bench/bpf-bench.c into `outDir`; never throws (a missing compiler or library is reported). */
export function buildBpfBench(outDir: string): BpfBenchBuild {
  const path = join(outDir, 'bpf-bench');
  const gcc = spawnSync('gcc', ['-O2', '-o', path, join(BENCH_DIR, 'bpf-bench.c'), '-lpcap'], { encoding: 'utf8' });
  if (gcc.error !== undefined) return { missing: `gcc is not available (${gcc.error.message})` };
  if (gcc.status !== 0) {
    const first = gcc.stderr.split('\n').find((l) => /error/.test(l)) ?? gcc.stderr.trim();
    return { missing: `gcc -O2 bench/bpf-bench.c -lpcap failed (is libpcap-dev installed?): ${first}` };
  }
  return { path };
}

async function runBpfBench(exe: string, args: string[]): Promise<string[]> {
  const r = await runChild(exe, args);
  if (r.status !== 0) throw new Error(`${exe} ${describeExit(r)}: ${r.stderr.trim()}`);
  return r.stdout.split('\n').filter((l) => l !== '');
}

/** Timing of one expression: packets accepted in the warm-up pass and ns/packet per repeat. */
export interface BpfTiming {
  readonly accepted: number;
  /** Process CPU time per packet, one sample per repeat. */
  readonly samplesNs: number[];
  /** Wall-clock time per packet, one sample per repeat. */
  readonly wallSamplesNs: number[];
}

/**
 * Time libpcap's bpf_filter for each expression over a .pkt file.
 * @param mode hot: the first `hotFrames` frames cycled to `runs` packets; cold: every frame once
 */
export async function timeBpfFilter(exe: string, pktPath: string, mode: 'hot' | 'cold', hotFrames: number, runs: number, repeats: number, expressions: readonly string[]): Promise<BpfTiming[]> {
  const lines = await runBpfBench(exe, [pktPath, mode, String(hotFrames), String(runs), String(repeats), ...expressions]);
  return expressions.map((_, k) => {
    const fields = lines[k]?.split(' ') ?? [];
    if (Number(fields[0]) !== k || fields.length !== 2 + repeats) throw new Error(`bpf-bench: unexpected output line ${k}: ${lines[k]}`);
    const pairs = fields.slice(2).map((f) => f.split('/').map(Number));
    return { accepted: Number(fields[1]), samplesNs: pairs.map((p) => p[0]), wallSamplesNs: pairs.map((p) => p[1]) };
  });
}

/** libpcap's verdict for every frame of a .pkt file, one Uint8Array (1 accepted, 0 not) per expression. */
export async function bpfVerdicts(exe: string, pktPath: string, expressions: readonly string[]): Promise<Uint8Array[]> {
  const lines = await runBpfBench(exe, [pktPath, 'verdicts', '0', '0', '0', ...expressions]);
  return expressions.map((_, k) => {
    const fields = lines[k]?.split(' ') ?? [];
    if (Number(fields[0]) !== k || fields.length !== 3) throw new Error(`bpf-bench: unexpected verdict line ${k}`);
    return Uint8Array.from(fields[2], (c) => (c === '1' ? 1 : 0));
  });
}
