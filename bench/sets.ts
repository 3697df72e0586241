// The cost of a set test as it grows, on every tier: `(in dst-port v1 ... vN)` (80, 443 and 53
// among them, so the mix has matches) for N from 10 up to the largest set one program holds,
// each (N, tier) timed in a fresh process over the bench's hot frames. VFLisp compiles a set
// of 8 or more constants to a binary search, so the cost should grow with log N.
// Run by bench/run.ts; as a child: node dist/bench/sets.js '<SetJob JSON>'

import { fileURLToPath } from 'node:url';
import { compileVflisp } from '../src/lang/compile.js';
import { type TierName, createFilter } from '../src/tiers/select.js';
import { verifyProgram } from '../src/verify/verify.js';
import { describeExit, runChild } from './child.js';
import { readPktFile } from './pkt-file.js';

/** Set sizes measured: from 10 to the largest port set a 64 KiB program holds. */
export const SET_SIZES = [10, 100, 1000, 2500] as const;

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

/** The filter text of a set of n ports. */
export function setFilter(n: number): string {
  const values = [80, 443, 53];
  for (let k = 0; values.length < n; k++) values.push(1024 + k * 7);
  return `(in dst-port ${values.slice(0, n).join(' ')})`;
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
