// The goals of issue 16 on the filter itself, evaluated from one bench run: what users write
// (VFLisp) against libpcap's equivalent expression, the closure tier against the interpreter
// on every filter, the interpreter against libpcap, the cost of growing sets, and `auto`'s
// choice where code generation or the JIT is switched off (measured in child processes run
// with those flags). Each goal has its ratio and PASS/MISSED; nothing here is asserted in tests.

import { fileURLToPath } from 'node:url';
import { describeExit, runChild } from './child.js';
import type { SetRow } from './sets.js';
import type { WorkerJob, WorkerResult } from './worker.js';

/** A goal of the bench: what, the target, what was measured, and whether it was met (null: not measured). */
export interface TierGoal {
  readonly goal: string;
  readonly target: string;
  readonly measured: string;
  readonly met: boolean | null;
}

/** The rows a goal reads (a subset of bench/run.ts ResultRow). */
export interface GoalRow {
  readonly filter: string;
  readonly mode: 'hot' | 'cold';
  readonly tier: string;
  readonly nsPerPacket: number;
}

/** One environment's measurement of `auto`: per-tier ns/packet and the tier auto chose there. */
export interface AutoRun {
  readonly flags: readonly string[];
  readonly auto: string;
  readonly ns: Readonly<Record<string, number>>;
}

const LISP_FILTER = 'lisp-tcp-80';
const ASM_FILTER = 'tcp-dst-80';
const PCAP_FILTER = 'pcap-tcp-dst-80';
const BEST_RATIO = 0.33;
const CLOSURE_SPEEDUP = 2;
const INTERPRETER_RATIO = 1.8;

function fmt(n: number, d = 2): string {
  return n.toFixed(d);
}

/** The goals on bench rows (hot mode). */
export function tierGoals(results: readonly GoalRow[], sets: readonly SetRow[], autoRuns: readonly AutoRun[]): TierGoal[] {
  const hot = results.filter((r) => r.mode === 'hot');
  const row = (filter: string, tier: string): GoalRow | undefined => hot.find((r) => r.filter === filter && r.tier === tier);
  const goals: TierGoal[] = [];

  // 1. What users write, on the best tier, against libpcap's expression with the same verdicts.
  const lispPcap = row(LISP_FILTER, 'libpcap');
  const narrowPcap = row(ASM_FILTER, 'libpcap');
  const best = hot.filter((r) => r.filter === LISP_FILTER && r.tier !== 'libpcap').sort((a, b) => a.nsPerPacket - b.nsPerPacket)[0];
  goals.push({
    goal: `VFLisp (and (= proto 6) (= dst-port 80)) on the best tier, hot, against libpcap's 'tcp dst port 80 or (vlan and tcp dst port 80)' (the same verdicts: IPv4 and IPv6, VLAN-aware)`,
    target: `ratio ≤ ${BEST_RATIO}`,
    measured:
      best === undefined || lispPcap === undefined
        ? 'not measured'
        : `${best.tier} ${fmt(best.nsPerPacket)} ns, libpcap ${fmt(lispPcap.nsPerPacket)} ns: ratio ${fmt(best.nsPerPacket / lispPcap.nsPerPacket, 3)}` +
          (narrowPcap === undefined ? '' : `; against 'ip and tcp dst port 80' (${fmt(narrowPcap.nsPerPacket)} ns, IPv4 untagged only) ratio ${fmt(best.nsPerPacket / narrowPcap.nsPerPacket, 3)}`),
    met: best === undefined || lispPcap === undefined ? null : best.nsPerPacket / lispPcap.nsPerPacket <= BEST_RATIO,
  });

  // 1b. The same question asked in tcpdump's own language: pcap-filter's 'tcp dst port 80' compiled
  // by VFM, against libpcap compiling the very same text (fixed offsets, as libpcap's code).
  const pcapRows = hot.filter((r) => r.filter === PCAP_FILTER && r.tier !== 'libpcap').sort((a, b) => a.nsPerPacket - b.nsPerPacket);
  const pcapBest = pcapRows[0];
  const pcapLib = row(PCAP_FILTER, 'libpcap');
  goals.push({
    goal: `pcap-filter 'tcp dst port 80' compiled by VFM on the best tier, hot, against libpcap's bpf_filter on the same expression`,
    target: `ratio ≤ ${BEST_RATIO}`,
    measured: pcapBest === undefined || pcapLib === undefined ? 'not measured' : `${pcapBest.tier} ${fmt(pcapBest.nsPerPacket)} ns, libpcap ${fmt(pcapLib.nsPerPacket)} ns: ratio ${fmt(pcapBest.nsPerPacket / pcapLib.nsPerPacket, 3)}`,
    met: pcapBest === undefined || pcapLib === undefined ? null : pcapBest.nsPerPacket / pcapLib.nsPerPacket <= BEST_RATIO,
  });

  // 2. The no-eval fallback: closure at least 2x faster than the interpreter on every filter,
  // one goal per filter (each ratio from the two rows of the same run).
  const filters = [...new Set(hot.map((r) => r.filter))];
  const speedups = filters.flatMap((f) => {
    const c = row(f, 'closure');
    const i = row(f, 'interpreter');
    return c === undefined || i === undefined ? [] : [{ f, c, i, x: i.nsPerPacket / c.nsPerPacket }];
  });
  if (speedups.length === 0) {
    goals.push({ goal: 'closure tier at least 2x faster than the interpreter on every bench filter, hot', target: `interpreter / closure ≥ ${CLOSURE_SPEEDUP} on each`, measured: 'not measured', met: null });
  }
  for (const s of speedups) {
    goals.push({
      goal: `closure tier against the interpreter, hot, ${s.f}`,
      target: `interpreter / closure ≥ ${CLOSURE_SPEEDUP}`,
      measured: `interpreter ${fmt(s.i.nsPerPacket)} ns, closure ${fmt(s.c.nsPerPacket)} ns: ratio ${fmt(s.x)}`,
      met: s.x >= CLOSURE_SPEEDUP,
    });
  }

  // 3. The interpreter against libpcap's bpf_filter on the same bytecode-level question.
  const interp = row(ASM_FILTER, 'interpreter');
  goals.push({
    goal: `interpreter, hot, ${ASM_FILTER}, against libpcap's bpf_filter in the same run (the C original's ratio here: 1.8)`,
    target: `ratio ≤ ${INTERPRETER_RATIO}`,
    measured: interp === undefined || narrowPcap === undefined ? 'not measured' : `${fmt(interp.nsPerPacket)} ns against ${fmt(narrowPcap.nsPerPacket)} ns: ratio ${fmt(interp.nsPerPacket / narrowPcap.nsPerPacket, 3)}`,
    met: interp === undefined || narrowPcap === undefined ? null : interp.nsPerPacket / narrowPcap.nsPerPacket <= INTERPRETER_RATIO,
  });

  // 4. Sets: cost from N = 10 to the largest N measured, per tier, against log growth.
  const tiers = [...new Set(sets.map((s) => s.tier))];
  const growth = tiers.flatMap((t) => {
    const rows = sets.filter((s) => s.tier === t).sort((a, b) => a.n - b.n);
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (first === undefined || last === undefined || last.n === first.n) return [];
    return [{ t, from: first, to: last, x: last.nsPerPacket / first.nsPerPacket, log: Math.log(last.n) / Math.log(first.n) }];
  });
  const maxN = Math.max(0, ...sets.map((s) => s.n));
  goals.push({
    goal: '(in dst-ip v1 ... vN) cost grows at most logarithmically from N = 10 to N = 100,000 on every tier',
    target: `cost(N) / cost(10) ≤ log N / log 10 on each tier, up to N = 100,000`,
    measured:
      growth.length === 0
        ? 'not measured'
        : `${growth.map((g) => `${g.t} ${fmt(g.from.nsPerPacket, 1)} -> ${fmt(g.to.nsPerPacket, 1)} ns (x${fmt(g.x)}, log bound x${fmt(g.log)})`).join('; ')}; measured up to N = ${maxN} (64 or more values: one INSET on a set table)`,
    met: growth.length === 0 ? null : growth.every((g) => g.x <= g.log) && maxN >= 100_000,
  });

  // 5. auto picks the fastest tier of each environment.
  for (const run of autoRuns) {
    const ranked = Object.entries(run.ns).sort((a, b) => a[1] - b[1]);
    const fastest = ranked[0]?.[0];
    goals.push({
      goal: `auto picks the fastest tier under node ${run.flags.join(' ')} (${LISP_FILTER}, hot)`,
      target: 'auto = the fastest available tier',
      measured: `auto ${run.auto}; ${ranked.map(([t, ns]) => `${t} ${fmt(ns)} ns`).join(', ')}`,
      met: fastest === undefined ? null : run.auto === fastest,
    });
  }
  return goals;
}

const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url));
const AUTO = fileURLToPath(new URL('./auto-tier.js', import.meta.url));

/** Time `filter` on every tier available under `flags`, and ask which tier auto takes there. */
export async function measureAuto(flags: readonly string[], filter: string, pktPath: string, runs: number, repeats: number, warmupMs: number, say: (s: string) => void): Promise<AutoRun> {
  const probe = await runChild(process.execPath, [...flags, AUTO]);
  if (probe.status !== 0) throw new Error(`auto probe under ${flags.join(' ')} ${describeExit(probe)}: ${probe.stderr.trim()}`);
  const { auto, available } = JSON.parse(probe.stdout) as { auto: string; available: string[] };
  const ns: Record<string, number> = {};
  for (const tier of available) {
    say(`${filter} on ${tier} under ${flags.join(' ')}`);
    const job: WorkerJob = { filter, row: tier as WorkerJob['row'], mode: 'hot', pktPath, runs, warmups: 1, warmupMs, repeats, setup: false };
    const r = await runChild(process.execPath, [...flags, '--expose-gc', WORKER, JSON.stringify(job)]);
    if (r.status !== 0) throw new Error(`worker under ${flags.join(' ')} ${describeExit(r)}: ${r.stderr.trim()}`);
    const samples = (JSON.parse(r.stdout) as WorkerResult).samplesNs.sort((a, b) => a - b);
    ns[tier] = samples[samples.length >> 1];
  }
  return { flags, auto, ns };
}
