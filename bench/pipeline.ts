// The end-to-end goals of issue 16 in `npm run bench`, against tcpdump run here in the same
// run on the same generated pcap (page cache): `vfm filter F x -o /dev/null` against
// `tcpdump -r x -w /dev/null EXPR`, `vfm test F x` against `tcpdump -r x -w - EXPR | wc -c`,
// and `vfm test --workers 2` against `--workers 1` for a stateless and two stateful filters.
// Whole processes, best of the rounds (interleaved, so drifting load hits both sides), with
// peak RSS from /usr/bin/time -v.

import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeExit, runChild } from './child.js';
import { BENCH_DIR } from './filters.js';

const TIME = '/usr/bin/time';
const VFM = join(BENCH_DIR, '..', 'bin', 'vfm.js');
/** The filter of the end-to-end rows, and the tcpdump expression with the same meaning. */
const FILTER = 'tcp-dst-80';
const EXPRESSION = 'ip and tcp dst port 80';
const STATEFUL = [
  ['rate-by', '(<= (rate-by src-ip 1s) 1000)'],
  ['scan+rate', '(and (<= (rate-by src-ip 1s) 1000) (< (distinct-by src-ip dst-port 5m) 15) (< (count-by src-ip dst-port) 100000))'],
] as const;
/** Goal ratios. */
const AIM_VS_TCPDUMP = 1.5;
const GOAL_WORKERS = 1.6;

interface Timed {
  readonly wallMs: number;
  readonly peakRssBytes: number | null;
  /** vfm test's own elapsedMs (streaming and filtering, after start-up), when it printed JSON. */
  readonly innerMs: number | null;
  readonly stdout: string;
}

async function timed(command: string, args: readonly string[], shell = false): Promise<Timed> {
  const hasTime = existsSync(TIME);
  const argv = shell ? ['sh', '-c', args.join(' ')] : [command, ...args];
  const t0 = performance.now();
  const r = hasTime ? await runChild(TIME, ['-v', ...argv]) : await runChild(argv[0], argv.slice(1));
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} ${describeExit(r)}: ${r.stderr.trim().slice(-1000)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  let innerMs: number | null = null;
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (last.startsWith('{')) innerMs = (JSON.parse(last) as { elapsedMs: number }).elapsedMs;
  return { wallMs, peakRssBytes: rss === null ? null : Number(rss[1]) * 1024, innerMs, stdout: r.stdout };
}

export interface PipelineRow {
  readonly name: string;
  readonly baseline: string;
  readonly ours: string;
  readonly baselineMs: number;
  readonly oursMs: number;
  /** baselineMs / oursMs: above 1 means ours is faster. */
  readonly ratio: number;
  /** The same ratio on vfm test's own timer (without process and worker start-up), when both sides have one. */
  readonly innerRatio: number | null;
  readonly peakRssBytes: number | null;
  readonly target: number;
  readonly aim: number | null;
}

export interface PipelineReport {
  readonly fileBytes: number;
  readonly rounds: number;
  readonly tcpdump: string | null;
  readonly rows: readonly PipelineRow[];
  /** Output sizes of `vfm filter` and tcpdump -w (equal but for the 24-byte headers' magic). */
  readonly check: string;
}

async function best(rounds: number, sides: readonly (() => Promise<Timed>)[]): Promise<Timed[]> {
  const out: (Timed | undefined)[] = sides.map(() => undefined);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < sides.length; k++) {
      const t = await sides[k]();
      const b = out[k];
      if (b === undefined || t.wallMs < b.wallMs) out[k] = { ...t, peakRssBytes: Math.max(t.peakRssBytes ?? 0, b?.peakRssBytes ?? 0) || t.peakRssBytes };
    }
  }
  return out as Timed[];
}

function row(name: string, baseline: string, ours: string, b: Timed, o: Timed, target: number, aim: number | null): PipelineRow {
  const innerRatio = b.innerMs !== null && o.innerMs !== null ? b.innerMs / o.innerMs : null;
  return {
    name, baseline, ours, baselineMs: b.wallMs, oursMs: o.wallMs, ratio: b.wallMs / o.wallMs, innerRatio,
    peakRssBytes: o.peakRssBytes, target, aim,
  };
}

/**
 * Measure the end-to-end rows on the pcap at `capture` (written by writeBenchCapture).
 * @param dir a temporary directory for the stateful filter files and the output check
 */
export async function measurePipeline(capture: string, dir: string, rounds: number): Promise<PipelineReport> {
  const fileBytes = statSync(capture).size;
  const filter = join(BENCH_DIR, 'filters', `${FILTER}.vfm`);
  const hasTcpdump = existsSync('/usr/bin/tcpdump') || existsSync('/usr/sbin/tcpdump');
  const rows: PipelineRow[] = [];
  let check = 'tcpdump missing: not compared';
  if (hasTcpdump) {
    // Same meaning: both write the same records (tcpdump's header differs only in its magic).
    const ours = join(dir, 'ours.pcap');
    const theirs = join(dir, 'theirs.pcap');
    await timed(process.execPath, [VFM, 'filter', filter, capture, '-o', ours]);
    await timed('tcpdump', ['-r', capture, '-w', theirs, EXPRESSION]);
    const a = statSync(ours).size;
    const b = statSync(theirs).size;
    rmSync(ours);
    rmSync(theirs);
    if (a !== b) throw new Error(`vfm filter wrote ${a} bytes, tcpdump -w ${b}: the filters differ`);
    check = `vfm filter and tcpdump -w wrote the same ${a} bytes`;
    const [t, v] = await best(rounds, [
      () => timed('tcpdump', ['-r', capture, '-w', '/dev/null', EXPRESSION]),
      () => timed(process.execPath, [VFM, 'filter', filter, capture, '-o', '/dev/null']),
    ]);
    rows.push(row('write the matches', `tcpdump -r x -w /dev/null '${EXPRESSION}'`, `vfm filter ${FILTER}.vfm x -o /dev/null`, t, v, 1, AIM_VS_TCPDUMP));
    const [tc, vt] = await best(rounds, [
      () => timed('sh', ['tcpdump', '-r', capture, '-w', '-', `'${EXPRESSION}'`, '2>/dev/null', '|', 'wc', '-c'], true),
      () => timed(process.execPath, [VFM, 'test', filter, capture, '--json']),
    ]);
    rows.push(row('count the matches', `tcpdump -r x -w - '${EXPRESSION}' | wc -c`, `vfm test ${FILTER}.vfm x`, tc, vt, 1, AIM_VS_TCPDUMP));
  }
  const [one, two] = await best(rounds, [
    () => timed(process.execPath, [VFM, 'test', filter, capture, '--json', '--workers', '1']),
    () => timed(process.execPath, [VFM, 'test', filter, capture, '--json', '--workers', '2']),
  ]);
  // Whole processes decide PASS (start-up of the process and the workers included); vfm test's
  // own timer is printed beside.
  rows.push(row('--workers 2, stateless', 'vfm test --workers 1', 'vfm test --workers 2', one, two, GOAL_WORKERS, null));
  for (const [name, text] of STATEFUL) {
    const path = join(dir, `${name}.vfl`);
    writeFileSync(path, text + '\n');
    const [s1, s2] = await best(rounds, [
      () => timed(process.execPath, [VFM, 'test', path, capture, '--json', '--workers', '1']),
      () => timed(process.execPath, [VFM, 'test', path, capture, '--json', '--workers', '2']),
    ]);
    rows.push(row(`--workers 2, stateful ${name}`, 'vfm test --workers 1', 'vfm test --workers 2', s1, s2, 1, null));
  }
  return { fileBytes, rounds, tcpdump: hasTcpdump ? 'tcpdump' : null, rows, check };
}

/** PASS/MISSED per row, for the goals list. */
export function pipelineGoals(report: PipelineReport): { goal: string; target: string; measured: string; met: boolean }[] {
  return report.rows.map((r) => ({
    goal: `${r.name} (issue 16): ${r.ours} against ${r.baseline}`,
    target: `≥ ${r.target}×${r.aim === null ? '' : `, aim ${r.aim}×`}`,
    measured: `${r.ratio.toFixed(2)}× (${(r.baselineMs / 1e3).toFixed(2)} s against ${(r.oursMs / 1e3).toFixed(2)} s${r.innerRatio === null ? '' : `, vfm test's own timer ${r.innerRatio.toFixed(2)}×`})`,
    met: r.ratio >= r.target,
  }));
}

/** The table (text and Markdown). */
export function formatPipeline(report: PipelineReport, markdown = false): string {
  const out: string[] = [];
  const mb = (n: number | null): string => (n === null ? '–' : `${(n / 2 ** 20).toFixed(0)} MiB`);
  if (markdown) {
    out.push(`| ${(report.fileBytes / 2 ** 30).toFixed(2)} GiB pcap, page cache, same run | baseline | vfm | ratio | goal | peak RSS (vfm) |`, '|---|---:|---:|---:|---|---:|');
    for (const r of report.rows) {
      out.push(`| ${r.name}: \`${r.ours}\` vs \`${r.baseline}\` | ${(r.baselineMs / 1e3).toFixed(2)} s | ${(r.oursMs / 1e3).toFixed(2)} s | ${r.ratio.toFixed(2)}× | ≥ ${r.target}× ${r.ratio >= r.target ? 'PASS' : 'MISSED'} | ${mb(r.peakRssBytes)} |`);
    }
    return out.join('\n') + '\n';
  }
  out.push(`End to end (issue 16), ${(report.fileBytes / 2 ** 30).toFixed(2)} GiB pcap in the page cache, whole processes, best of ${report.rounds} (ratio: baseline time / vfm time; ${report.check}):`);
  for (const r of report.rows) {
    out.push(`  [${r.ratio >= r.target ? 'PASS' : 'MISSED'}] ${r.name}: ${r.ours} ${(r.oursMs / 1e3).toFixed(2)} s against ${r.baseline} ${(r.baselineMs / 1e3).toFixed(2)} s: ${r.ratio.toFixed(2)}× (goal ≥ ${r.target}×${r.aim === null ? '' : `, aim ${r.aim}×`}${r.innerRatio === null ? '' : `; own timer ${r.innerRatio.toFixed(2)}×`}), peak RSS ${mb(r.peakRssBytes)}`);
  }
  return out.join('\n') + '\n';
}
