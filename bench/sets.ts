// The cost of a set test as it grows, on every tier: `(in dst-ip v1 ... vN)` (10.0.0.80, the
// target of the mix's SYN flood, among them, so the mix has matches) for N from 10 to 100,000,
// each (N, tier) timed in a fresh process over the bench's hot frames. VFLisp compiles 8-63
// constants to a binary search in the code and 64 or more to one INSET on a set table, so the
// cost should grow with log N.
// Run by bench/run.ts; as a child: node dist/bench/sets.js '<SetJob JSON>'

import { fileURLToPath } from 'node:url';
import { compileVflisp } from '../src/lang/compile.js';
import { type TierName, createFilter } from '../src/tiers/select.js';
import { verifyProgram } from '../src/verify/verify.js';
import { describeExit, runChild } from './child.js';
import { readPktFile } from './pkt-file.js';

/** Set sizes measured. */
export const SET_SIZES = [10, 100, 1000, 10000, 100000] as const;

export interface SetJob {
  readonly tier: TierName;
  readonly n: number;
  readonly pktPath: string;
  readonly runs: number;
  readonly repeats: number;
  readonly warmupMs: number;
}

export interface SetRow {
  readonly tier: TierName;
  readonly n: number;
  readonly instructions: number;
  /** Median process CPU ns per packet. */
  readonly nsPerPacket: number;
  readonly accepted: number;
}

/** The filter text of a set of n IPv4 addresses: 10.0.0.80 and n - 1 addresses in 172.16.0.0/12 (3 apart). */
export function setFilter(n: number): string {
  const values = ['10.0.0.80'];
  for (let k = 0; values.length < n; k++) {
    const a = 0xac100000 + k * 3;
    values.push(`${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`);
  }
  return `(in dst-ip ${values.join(' ')})`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function runSetJob(job: SetJob): SetRow {
  const program = verifyProgram(compileVflisp(setFilter(job.n)).bytes);
  const filter = createFilter(program, { tier: job.tier });
  const frames = readPktFile(job.pktPath);
  const views = Array.from({ length: frames.count }, (_, k) => frames.data.subarray(frames.offsets[k], frames.offsets[k] + frames.lengths[k]));
  const pass = (): number => {
    let accepted = 0;
    for (let i = 0, k = 0; i < job.runs; i++) {
      if (filter.exec(views[k]) > 0) accepted++;
      if (++k === views.length) k = 0;
    }
    return accepted;
  };
  const t0 = performance.now();
  const accepted = pass();
  while (performance.now() - t0 < job.warmupMs) pass();
  const samples: number[] = [];
  for (let r = 0; r < job.repeats; r++) {
    const c0 = process.cpuUsage();
    pass();
    const c = process.cpuUsage(c0);
    samples.push(((c.user + c.system) * 1e3) / job.runs);
  }
  return { tier: job.tier, n: job.n, instructions: program.insns.length, nsPerPacket: median(samples), accepted };
}

/** Time every set size on every tier, each in a child process. */
export async function measureSets(tiers: readonly TierName[], pktPath: string, runs: number, repeats: number, warmupMs: number, say: (s: string) => void): Promise<SetRow[]> {
  const rows: SetRow[] = [];
  const self = fileURLToPath(import.meta.url);
  for (const tier of tiers) {
    for (const n of SET_SIZES) {
      say(`set of ${n} ports on ${tier}`);
      const job: SetJob = { tier, n, pktPath, runs, repeats, warmupMs };
      const r = await runChild(process.execPath, [...process.execArgv, self, JSON.stringify(job)]);
      if (r.status !== 0) throw new Error(`set job ${n} on ${tier} ${describeExit(r)}: ${r.stderr.trim()}`);
      rows.push(JSON.parse(r.stdout) as SetRow);
    }
  }
  return rows;
}

if (process.argv[1]?.endsWith('sets.js')) {
  process.stdout.write(JSON.stringify(runSetJob(JSON.parse(process.argv[2]) as SetJob)) + '\n');
}
