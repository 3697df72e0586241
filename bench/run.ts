// `npm run bench`: every bench filter on every available tier against libpcap's bpf_filter, on
// the same packets, in one run. Generates the frame mix once into .pkt files (hot: the first few
// thousand frames cycled; cold: a million distinct frames), times libpcap with bench/bpf-bench.c
// and each (filter, tier row, mode) in a fresh worker process, then `vfm test` over a generated
// 1 GB capture. Prints a table, or with --json one object whose `results` has a row per measurement.

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { detectTiers } from '../src/tiers/select.js';
import { type CaptureRun, runVfmTest, writeBenchCapture } from './capture.js';
import { describeExit, killChildren, runChild } from './child.js';
import { type BenchFilter, loadBenchFilters } from './filters.js';
import { buildBpfBench, timeBpfFilter } from './libpcap.js';
import { BENCH_SEED, makeFrames } from './mix.js';
import { writePktFile } from './pkt-file.js';
import { BATCH_ROWS, type BenchRow, type WorkerJob, type WorkerResult } from './worker.js';
import { type LargeCompileRow, measureLargeCompile } from './compile-large.js';
import { type WorkersRow, measureWorkers } from './workers.js';
import { type PipelineReport, formatPipeline, measurePipeline, pipelineGoals } from './pipeline.js';
import { type AutoRun, measureAuto, tierGoals } from './goals-tiers.js';
import { type SetRow, measureSets } from './sets.js';
import type { TierName } from '../src/tiers/select.js';

type Mode = 'hot' | 'cold';
type RowName = BenchRow | 'libpcap';

const GOAL_CAPTURE_MB_PER_S = 500;
const GOAL_FILTER = 'tcp-dst-80';

export interface Settings {
  readonly hotFrames: number;
  /** Packets per pass in hot mode. */
  readonly runs: number;
  readonly coldFrames: number;
  readonly warmups: number;
  /** Keep warming up (each worker) until this much time has passed. */
  readonly warmupMs: number;
  readonly repeats: number;
  /** Size of the generated capture for `vfm test`; 0 skips the capture measurement. */
  readonly captureBytes: number;
  readonly filters: readonly string[];
  readonly rows: readonly RowName[];
  readonly modes: readonly Mode[];
  /** Measure set sizes and auto under other node flags (issue 16); off with --skip-sets. */
  readonly sets: boolean;
}

const FULL = { hotFrames: 4096, runs: 1_000_000, coldFrames: 1_000_000, warmups: 2, warmupMs: 300, repeats: 11, captureBytes: 2 ** 30 };
const QUICK = { hotFrames: 4096, runs: 200_000, coldFrames: 100_000, warmups: 1, warmupMs: 100, repeats: 3, captureBytes: 2 ** 27 };

/** One measurement: a filter on a tier row in a mode. */
export interface ResultRow {
  readonly filter: string;
  readonly mode: Mode;
  readonly tier: RowName;
  /** Median over the repeats of the process CPU time per packet. */
  readonly nsPerPacket: number;
  readonly mpps: number;
  readonly minNs: number;
  readonly maxNs: number;
  /** Median of the wall-clock time per packet (equal to nsPerPacket on an idle machine). */
  readonly wallNsPerPacket: number;
  readonly repeats: number;
  readonly packets: number;
  /** Packets accepted in the first pass (fresh flow table). */
  readonly accepted: number;
  /** nsPerPacket / libpcap's nsPerPacket for the same filter and mode; null without a baseline. */
  readonly ratioToLibpcap: number | null;
}

interface SetupRow {
  readonly filter: string;
  readonly tier: BenchRow;
  readonly compileMedianMs: number;
  readonly compileMinMs: number;
  readonly compileMaxMs: number;
  readonly memoryBytes: number;
}

interface Goal {
  readonly goal: string;
  readonly target: string;
  readonly measured: string;
  /** null when it could not be measured in this run. */
  readonly met: boolean | null;
}

const USAGE = `usage: npm run bench -- [options]
  --quick            shorter run: ${QUICK.runs} hot runs, ${QUICK.coldFrames} cold frames, ${QUICK.repeats} repeats, ${QUICK.captureBytes / 2 ** 20} MiB capture
  --filter NAMES     only these filters (comma-separated, repeatable)
  --tier NAMES       only these rows: wasm, js, closure, interpreter, wasm-batch, js-batch, libpcap
  --mode MODE        hot or cold (default both)
  --repeats N        timed passes per measurement (median, min, max; default ${FULL.repeats})
  --runs N           packets per hot pass (default ${FULL.runs})
  --hot-frames N     distinct frames cycled in hot mode (default ${FULL.hotFrames})
  --cold-frames N    distinct frames in cold mode (default ${FULL.coldFrames})
  --capture-mb N     size of the generated capture for vfm test in MiB (default ${FULL.captureBytes / 2 ** 20}; 0 skips it)
  --skip-sets        skip the set-size rows and the auto checks under --jitless and no-codegen
  --json             print one JSON object instead of the table
  --markdown         print Markdown tables instead (as in docs/performance.md)
  --help             this text`;

function positiveInt(text: string, name: string, min: number): number {
  const n = Number(text);
  if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(n) || n < min) throw new Error(`${name} needs a whole number of at least ${min}, got '${text}'`);
  return n;
}

function list(values: string[] | undefined): string[] | undefined {
  return values === undefined ? undefined : values.flatMap((v) => v.split(',')).filter((v) => v !== '');
}

/** Parse the command line; returns undefined after printing --help. */
export function parseSettings(argv: string[], filterNames: readonly string[], allRows: readonly RowName[]): { settings: Settings; json: boolean; markdown: boolean } | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      filter: { type: 'string', multiple: true },
      tier: { type: 'string', multiple: true },
      mode: { type: 'string' },
      repeats: { type: 'string' },
      runs: { type: 'string' },
      'hot-frames': { type: 'string' },
      'cold-frames': { type: 'string' },
      'capture-mb': { type: 'string' },
      'skip-sets': { type: 'boolean' },
      json: { type: 'boolean' },
      markdown: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help === true) {
    process.stdout.write(USAGE + '\n');
    return undefined;
  }
  const base = values.quick === true ? QUICK : FULL;
  const filters = list(values.filter) ?? [...filterNames];
  for (const f of filters) if (!filterNames.includes(f)) throw new Error(`unknown filter '${f}': the filters are ${filterNames.join(', ')}`);
  const rowsAsked = list(values.tier);
  const known: readonly string[] = [...Object.keys(BATCH_ROWS), 'wasm', 'js', 'closure', 'interpreter', 'libpcap'];
  for (const r of rowsAsked ?? []) if (!known.includes(r)) throw new Error(`unknown tier '${r}': expected ${known.join(', ')}`);
  const mode = values.mode;
  if (mode !== undefined && mode !== 'hot' && mode !== 'cold') throw new Error(`--mode must be hot or cold, got '${mode}'`);
  const hotFrames = values['hot-frames'] === undefined ? base.hotFrames : positiveInt(values['hot-frames'], '--hot-frames', 1);
  const coldFrames = values['cold-frames'] === undefined ? base.coldFrames : positiveInt(values['cold-frames'], '--cold-frames', 1);
  const settings: Settings = {
    hotFrames: Math.min(hotFrames, coldFrames),
    coldFrames,
    runs: values.runs === undefined ? base.runs : positiveInt(values.runs, '--runs', 1),
    warmups: base.warmups,
    warmupMs: base.warmupMs,
    repeats: values.repeats === undefined ? base.repeats : positiveInt(values.repeats, '--repeats', 1),
    captureBytes: values['capture-mb'] === undefined ? base.captureBytes : positiveInt(values['capture-mb'], '--capture-mb', 0) * 2 ** 20,
    filters,
    rows: allRows.filter((r) => rowsAsked === undefined || rowsAsked.includes(r)),
    modes: mode === undefined ? ['hot', 'cold'] : [mode],
    sets: values['skip-sets'] !== true,
  };
  return { settings, json: values.json === true, markdown: values.markdown === true };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function say(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}

const WORKER = join(fileURLToPath(new URL('.', import.meta.url)), 'worker.js');

async function runWorker(job: WorkerJob): Promise<WorkerResult> {
  // Workers get the bench's own node flags (e.g. --jitless), so they see the same tiers.
  const r = await runChild(process.execPath, [...process.execArgv, '--expose-gc', WORKER, JSON.stringify(job)]);
  if (r.status !== 0) throw new Error(`worker for ${job.filter} on ${job.row} (${job.mode}) ${describeExit(r)}: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout) as WorkerResult;
}

function resultRow(filter: string, mode: Mode, tier: RowName, t: { samplesNs: readonly number[]; wallSamplesNs: readonly number[] }, packets: number, accepted: number): Omit<ResultRow, 'ratioToLibpcap'> {
  const ns = median(t.samplesNs);
  const s = t.samplesNs;
  return { filter, mode, tier, nsPerPacket: ns, mpps: 1e3 / ns, minNs: Math.min(...s), maxNs: Math.max(...s), wallNsPerPacket: median(t.wallSamplesNs), repeats: s.length, packets, accepted };
}

function machine(): Record<string, string | number> {
  return { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, platform: `${process.platform} ${process.arch}`, loadAverageAtStart: Number(loadavg()[0].toFixed(2)) };
}

export interface BenchReport {
  readonly date: string;
  readonly machine: Record<string, string | number>;
  /** 1-minute load average when the measurements ended (other work on the machine skews them). */
  readonly loadAverageAtEnd: number;
  readonly settings: Settings & { readonly seed: number; readonly coldMegabytes: number };
  readonly libpcap: { readonly available: boolean; readonly reason?: string };
  readonly tiers: readonly { tier: string; available: boolean; reason?: string }[];
  readonly results: ResultRow[];
  readonly setup: SetupRow[];
  readonly capture: readonly CaptureRun[] | { readonly skipped: string };
  readonly mismatches: string[];
  readonly goals: Goal[];
  /** Compile time of a 200-instruction program per tier. */
  readonly largeCompile: readonly LargeCompileRow[];
  /** `vfm test --workers`: main thread against 1 and 2 worker threads. */
  readonly workers: readonly WorkersRow[];
  /** End to end against tcpdump, and --workers 2 against 1 (issue 16); null without a capture. */
  readonly pipeline: PipelineReport | null;
  /** `(in dst-ip ...)` cost by set size and tier (bench/sets.ts). */
  readonly sets: readonly SetRow[];
  /** Per-tier speed and auto's choice under --disallow-code-generation-from-strings and --jitless. */
  readonly auto: readonly AutoRun[];
}

function evaluateGoals(results: readonly ResultRow[], capture: BenchReport['capture'], largeCompile: readonly LargeCompileRow[]): Goal[] {
  const hot = results.filter((r) => r.filter === GOAL_FILTER && r.mode === 'hot');
  const pcap = hot.find((r) => r.tier === 'libpcap');
  const ours = hot.filter((r) => r.tier !== 'libpcap').sort((a, b) => a.nsPerPacket - b.nsPerPacket);
  const best = ours[0];
  const goals: Goal[] = [];
  goals.push({
    goal: `best tier, hot, ${GOAL_FILTER}: at most 1/3 of libpcap's ns/packet`,
    target: pcap === undefined ? '≤ libpcap / 3' : `≤ ${(pcap.nsPerPacket / 3).toFixed(2)} ns (libpcap ${pcap.nsPerPacket.toFixed(2)} ns)`,
    measured: best === undefined ? 'not measured' : `${best.tier} ${best.nsPerPacket.toFixed(2)} ns${pcap === undefined ? '' : `, ratio ${(best.nsPerPacket / pcap.nsPerPacket).toFixed(3)}`}`,
    met: best === undefined || pcap === undefined ? null : best.nsPerPacket <= pcap.nsPerPacket / 3,
  });
  const runs = Array.isArray(capture) ? (capture as readonly CaptureRun[]) : [];
  const fastest = [...runs].sort((a, b) => b.mbPerSec - a.mbPerSec)[0];
  goals.push({
    goal: 'capture throughput through vfm test, fastest tier',
    target: `≥ ${GOAL_CAPTURE_MB_PER_S} MB/s`,
    measured: fastest === undefined ? 'not measured' : `${fastest.tierAsked} (${fastest.tier}) ${fastest.mbPerSec.toFixed(0)} MB/s over ${(fastest.fileBytes / 1e9).toFixed(2)} GB`,
    met: fastest === undefined ? null : fastest.mbPerSec >= GOAL_CAPTURE_MB_PER_S,
  });
  // The fastest tier is the one with the lowest hot ns/packet on the goal filter.
  const compileOfBest = largeCompile.find((c) => c.tier === best?.tier) ?? [...largeCompile].sort((a, b) => a.medianMs - b.medianMs)[0];
  goals.push({
    goal: 'compiling a 200-instruction program on the fastest tier',
    target: '< 2 ms',
    measured: compileOfBest === undefined ? 'not measured' : `${compileOfBest.tier} ${compileOfBest.medianMs.toFixed(3)} ms (median, ${compileOfBest.instructions} instructions)`,
    met: compileOfBest === undefined ? null : compileOfBest.medianMs < 2,
  });
  return goals;
}

/** Write the mix's hot and cold .pkt files (the frames are garbage afterwards); returns cold MB. */
function writeMixFiles(settings: Settings, pkt: Record<Mode, string>): number {
  say(`generating ${settings.coldFrames} frames of the mix (seed ${BENCH_SEED})`);
  const frames = makeFrames(settings.coldFrames, BENCH_SEED);
  writePktFile(pkt.hot, frames, settings.hotFrames);
  writePktFile(pkt.cold, frames);
  return frames.data.length / 1e6;
}

/** Run the whole benchmark (progress on stderr); its temporary files go, also on Ctrl-C. */
export async function runBench(settings: Settings, filters: readonly BenchFilter[]): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), 'vfm-bench-'));
  const onSignal = (): void => {
    killChildren();
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await runIn(dir, settings, filters);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runIn(dir: string, settings: Settings, allFilters: readonly BenchFilter[]): Promise<BenchReport> {
  const startMachine = machine();
  const filters = allFilters.filter((f) => settings.filters.includes(f.name));
  const tierStatus = detectTiers().map((s) => ({ ...s }));
  const available = new Set<string>(tierStatus.filter((s) => s.available).map((s) => s.tier));
  const rows = settings.rows.filter((r) => r === 'libpcap' || available.has(r in BATCH_ROWS ? BATCH_ROWS[r as keyof typeof BATCH_ROWS] : r));

  const pkt: Record<Mode, string> = { hot: join(dir, 'hot.pkt'), cold: join(dir, 'cold.pkt') };
  const coldMegabytes = writeMixFiles(settings, pkt);

  const results: Omit<ResultRow, 'ratioToLibpcap'>[] = [];
  let libpcap: BenchReport['libpcap'] = { available: false, reason: 'not requested (--tier)' };
  let bpfBench: string | undefined;
  if (rows.includes('libpcap')) {
    const build = buildBpfBench(dir);
    if ('missing' in build) {
      libpcap = { available: false, reason: build.missing };
      say(`libpcap baseline skipped: ${build.missing}; running VFM only`);
    } else {
      libpcap = { available: true };
      bpfBench = build.path;
    }
  }

  // libpcap runs right before our rows of the same filter and mode, so drifting machine load
  // affects both sides alike.
  const setup: SetupRow[] = [];
  for (const filter of filters) {
    for (const mode of settings.modes) {
      const packets = mode === 'hot' ? settings.runs : settings.coldFrames;
      if (bpfBench !== undefined && filter.tcpdump !== null) {
        say(`${filter.name} on libpcap, ${mode}`);
        const [t] = await timeBpfFilter(bpfBench, pkt[mode], mode, settings.hotFrames, settings.runs, settings.repeats, [filter.tcpdump]);
        results.push(resultRow(filter.name, mode, 'libpcap', t, packets, t.accepted));
      }
      for (const row of rows) {
        if (row === 'libpcap') continue;
        say(`${filter.name} on ${row}, ${mode}`);
        const isSetupRun = mode === settings.modes[0] && !(row in BATCH_ROWS);
        const r = await runWorker({ filter: filter.name, row, mode, pktPath: pkt[mode], runs: settings.runs, warmups: settings.warmups, warmupMs: settings.warmupMs, repeats: settings.repeats, setup: isSetupRun });
        results.push(resultRow(filter.name, mode, row, r, r.packets, r.accepted));
        if (r.compileMs !== undefined && r.memoryBytes !== undefined) {
          setup.push({ filter: filter.name, tier: row, compileMedianMs: median(r.compileMs), compileMinMs: Math.min(...r.compileMs), compileMaxMs: Math.max(...r.compileMs), memoryBytes: r.memoryBytes });
        }
      }
    }
  }

  // Every row of a filter and mode must accept the same packets (libpcap's count included).
  const mismatches: string[] = [];
  for (const filter of filters) {
    for (const mode of settings.modes) {
      const same = results.filter((r) => r.filter === filter.name && r.mode === mode);
      const counts = new Set(same.map((r) => r.accepted));
      if (counts.size > 1) mismatches.push(`${filter.name} ${mode}: accepted counts differ: ${same.map((r) => `${r.tier} ${r.accepted}`).join(', ')}`);
    }
  }

  let capture: BenchReport['capture'] = { skipped: 'not requested (--capture-mb 0)' };
  let pipeline: PipelineReport | null = null;
  if (settings.captureBytes > 0 && filters.some((f) => f.name === GOAL_FILTER)) {
    const path = join(dir, 'capture.pcap');
    say(`writing a ${(settings.captureBytes / 2 ** 20).toFixed(0)} MiB pcap with PcapWriter`);
    writeBenchCapture(path, settings.captureBytes);
    const runs: CaptureRun[] = [];
    for (const tier of ['auto', ...[...available].filter((t) => rows.includes(t as RowName))]) {
      say(`vfm test ${GOAL_FILTER} over ${(statSync(path).size / 1e9).toFixed(2)} GB, tier ${tier}`);
      runs.push(await runVfmTest(path, GOAL_FILTER, tier));
    }
    say('end to end against tcpdump, and --workers 2 against 1, on the same capture');
    pipeline = await measurePipeline(path, dir, settings.repeats >= 5 ? 3 : 1);
    rmSync(path);
    capture = runs;
  } else if (settings.captureBytes > 0) {
    capture = { skipped: `needs the ${GOAL_FILTER} filter` };
  }

  const workerPackets = settings.runs >= 1_000_000 ? 400_000 : Math.min(50_000, settings.runs);
  say(`multi-core: ${workerPackets} packets on the main thread and on 1 and 2 worker threads`);
  const workers = await measureWorkers(workerPackets, settings.runs >= 1_000_000 ? 3 : 1);

  // Issue 16: set sizes on every tier, and auto where code generation or the JIT is off.
  const setTiers = [...available].filter((t) => rows.includes(t as RowName)) as TierName[];
  const sets = settings.sets ? await measureSets(setTiers, pkt.hot, Math.min(settings.runs, 200_000), Math.min(settings.repeats, 5), settings.warmupMs, say) : [];
  const autoRuns: AutoRun[] = [];
  if (settings.sets && filters.some((f) => f.name === 'lisp-tcp-80')) {
    for (const flags of [['--disallow-code-generation-from-strings'], ['--jitless']]) {
      autoRuns.push(await measureAuto(flags, 'lisp-tcp-80', pkt.hot, flags[0] === '--jitless' ? Math.min(settings.runs, 50_000) : Math.min(settings.runs, 200_000), Math.min(settings.repeats, 5), settings.warmupMs, say));
    }
  }

  say('compile time of a 200-instruction program');
  const largeCompile = measureLargeCompile([...available].filter((t) => rows.includes(t as RowName)) as TierName[]);

  const withRatio: ResultRow[] = results.map((r) => {
    const base = results.find((b) => b.tier === 'libpcap' && b.filter === r.filter && b.mode === r.mode);
    return { ...r, ratioToLibpcap: base === undefined ? null : r.nsPerPacket / base.nsPerPacket };
  });
  return {
    date: new Date().toISOString(),
    machine: startMachine,
    loadAverageAtEnd: Number(loadavg()[0].toFixed(2)),
    settings: { ...settings, seed: BENCH_SEED, coldMegabytes },
    libpcap,
    tiers: tierStatus,
    results: withRatio,
    setup,
    capture,
    mismatches,
    largeCompile,
    workers,
    pipeline,
    sets,
    auto: autoRuns,
    goals: [...evaluateGoals(withRatio, capture, largeCompile), ...tierGoals(withRatio, sets, autoRuns), ...(pipeline === null ? [] : pipelineGoals(pipeline))],
  };
}

// ---- the table ----

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function fmt(n: number, digits = 2): string {
  return n.toFixed(digits);
}

/** The human-readable report. */
export function formatReport(report: BenchReport, filters: readonly BenchFilter[]): string {
  const s = report.settings;
  const out: string[] = [];
  const m = report.machine;
  out.push(`VFM bench, ${report.date}: ${m.cores} x ${m.cpu}, node ${m.node}, ${m.platform}`);
  out.push(`Frames: bench mix, seed ${s.seed}. hot: first ${s.hotFrames} frames cycled to ${s.runs} packets; cold: ${s.coldFrames} distinct frames (${fmt(s.coldMegabytes, 1)} MB).`);
  out.push(`ns/packet: process CPU time per packet, median of ${s.repeats} timed passes after at least ${s.warmups} warm-up pass(es) and ${s.warmupMs} ms, each row in its own process`);
  out.push(`(wall = median wall-clock ns, the same on an idle machine); "x libpcap" = ns / libpcap ns on the same packets (lower is better).`);
  out.push(`Load average (1 min): ${m.loadAverageAtStart} at the start, ${report.loadAverageAtEnd} at the end${Math.max(Number(m.loadAverageAtStart), report.loadAverageAtEnd) > 0.5 ? ' (other work was running: expect noise)' : ''}.`);
  if (!report.libpcap.available) out.push(`libpcap baseline: not run (${report.libpcap.reason})`);
  const missing = report.tiers.filter((t) => !t.available);
  for (const t of missing) out.push(`tier ${t.tier} unavailable: ${t.reason}`);
  for (const f of filters) {
    if (!s.filters.includes(f.name)) continue;
    out.push('');
    out.push(`${f.name}: ${f.summary}${f.tcpdump === null ? '' : `; tcpdump: '${f.tcpdump}'`}`);
    out.push(`  ${pad('mode', 5)}${pad('tier', 13)}${pad('ns/pkt', 9, true)}${pad('min', 9, true)}${pad('max', 9, true)}${pad('wall', 9, true)}${pad('Mpps', 9, true)}${pad('x libpcap', 11, true)}${pad('accepted', 10, true)}`);
    for (const r of report.results.filter((x) => x.filter === f.name)) {
      const ratio = r.ratioToLibpcap === null ? '-' : fmt(r.ratioToLibpcap, 3);
      out.push(`  ${pad(r.mode, 5)}${pad(r.tier, 13)}${pad(fmt(r.nsPerPacket), 9, true)}${pad(fmt(r.minNs), 9, true)}${pad(fmt(r.maxNs), 9, true)}${pad(fmt(r.wallNsPerPacket), 9, true)}${pad(fmt(r.mpps), 9, true)}${pad(ratio, 11, true)}${pad(String(r.accepted), 10, true)}`);
    }
  }
  if (report.setup.length > 0) {
    out.push('');
    out.push('Compile time (createFilter, code cache cleared; median of 21, min-max) and memory per filter instance (JS heap + external, incl. flow table):');
    out.push(`  ${pad('filter', 19)}${pad('tier', 13)}${pad('median ms', 10, true)}${pad('min ms', 9, true)}${pad('max ms', 9, true)}${pad('memory', 12, true)}`);
    for (const r of report.setup) {
      out.push(`  ${pad(r.filter, 19)}${pad(r.tier, 13)}${pad(fmt(r.compileMedianMs, 3), 10, true)}${pad(fmt(r.compileMinMs, 3), 9, true)}${pad(fmt(r.compileMaxMs, 3), 9, true)}${pad(`${(r.memoryBytes / 1024).toFixed(1)} KiB`, 12, true)}`);
    }
  }
  out.push('');
  if (Array.isArray(report.capture)) {
    const runs = report.capture as readonly CaptureRun[];
    const first = runs[0];
    if (first !== undefined) out.push(`Capture: vfm test ${first.filter} over a generated pcap of ${fmt(first.fileBytes / 1e9, 2)} GB (${first.packets} packets, in the page cache), whole process:`);
    for (const c of runs) {
      const rss = c.peakRssBytes === null ? 'peak memory not measured (/usr/bin/time missing)' : `peak RSS ${fmt(c.peakRssBytes / 2 ** 20, 1)} MiB`;
      out.push(`  tier ${pad(`${c.tierAsked}${c.tierAsked === c.tier ? '' : ` (${c.tier})`}`, 12)} ${pad(fmt(c.mbPerSec, 0), 6, true)} MB/s ${pad(fmt(c.packetsPerSec / 1e6, 2), 6, true)} Mpackets/s  ${fmt(c.wallMs / 1e3, 2)} s (streaming ${fmt(c.streamMbPerSec, 0)} MB/s)  ${rss}`);
    }
  } else {
    out.push(`Capture: skipped (${(report.capture as { skipped: string }).skipped})`);
  }
  out.push('');
  if (report.workers.length > 0) {
    out.push(`Multi-core (issue 8): ${report.workers[0].packets} packets of the mix, main thread against worker threads sharded by the filter's flow key (best run; verdicts equal):`);
    for (const w of report.workers) {
      const cells = w.workers.map((x) => `${x.workers} worker${x.workers === 1 ? '' : 's'} ${(x.pps / 1e6).toFixed(2)} Mpps (x${x.speedup.toFixed(2)})`);
      out.push(`  ${pad(w.filter, 11)}main thread ${(w.mainThreadPps / 1e6).toFixed(2)} Mpps, ${cells.join(', ')}`);
    }
    out.push('');
  }
  if (report.largeCompile.length > 0) {
    out.push(`Compile time of a ${report.largeCompile[0].instructions}-instruction program (createFilter, code cache cleared; median of 21, min-max):`);
    for (const c of report.largeCompile) out.push(`  ${pad(c.tier, 13)}${pad(fmt(c.medianMs, 3), 10, true)} ms${pad(fmt(c.minMs, 3), 9, true)}${pad(fmt(c.maxMs, 3), 9, true)}`);
    out.push('');
  }
  if (report.sets.length > 0) {
    out.push('Sets: (in dst-ip v1 ... vN) (8-63: a search in the code, 64 or more: a set table), hot, ns/packet (median) by N:');
    for (const tier of [...new Set(report.sets.map((r) => r.tier))]) {
      out.push(`  ${pad(tier, 13)}${report.sets.filter((r) => r.tier === tier).map((r) => `N=${r.n} ${fmt(r.nsPerPacket)} (${r.instructions} insns)`).join('  ')}`);
    }
    out.push('');
  }
  for (const a of report.auto) out.push(`auto under node ${a.flags.join(' ')}: ${a.auto}; ${Object.entries(a.ns).map(([t, ns]) => `${t} ${fmt(ns)} ns`).join(', ')}`);
  if (report.auto.length > 0) out.push('');
  if (report.pipeline !== null) out.push(formatPipeline(report.pipeline));
  out.push('Goals (issues 5, 7 and 16; not asserted in tests):');
  for (const g of report.goals) out.push(`  [${g.met === null ? 'n/a' : g.met ? 'PASS' : 'MISSED'}] ${g.goal}: target ${g.target}; measured ${g.measured}`);
  for (const mm of report.mismatches) out.push(`MISMATCH: ${mm}`);
  return out.join('\n') + '\n';
}

/** The results as Markdown tables (for docs/performance.md). */
export function formatMarkdown(report: BenchReport, filters: readonly BenchFilter[]): string {
  const out: string[] = [];
  const tiers = [...new Set(report.results.map((r) => r.tier))];
  for (const mode of ['hot', 'cold'] as const) {
    if (!report.results.some((r) => r.mode === mode)) continue;
    out.push(`**${mode}**: ns/packet (median; ratio to libpcap in parentheses)`, '');
    out.push(`| filter | ${tiers.join(' | ')} |`, `|---|${tiers.map(() => '---:|').join('')}`);
    for (const f of filters) {
      const cells = tiers.map((t) => {
        const r = report.results.find((x) => x.filter === f.name && x.mode === mode && x.tier === t);
        if (r === undefined) return '–';
        return r.tier === 'libpcap' || r.ratioToLibpcap === null ? fmt(r.nsPerPacket) : `${fmt(r.nsPerPacket)} (${fmt(r.ratioToLibpcap, 2)})`;
      });
      if (cells.some((c) => c !== '–')) out.push(`| ${f.name} | ${cells.join(' | ')} |`);
    }
    out.push('');
  }
  const setupTiers = [...new Set(report.setup.map((r) => r.tier))];
  if (setupTiers.length > 0) {
    out.push('Compile time (median ms) / memory per filter instance (KiB):', '');
    out.push(`| filter | ${setupTiers.join(' | ')} |`, `|---|${setupTiers.map(() => '---:|').join('')}`);
    for (const name of [...new Set(report.setup.map((r) => r.filter))]) {
      const cells = setupTiers.map((t) => {
        const r = report.setup.find((x) => x.filter === name && x.tier === t);
        return r === undefined ? '–' : `${fmt(r.compileMedianMs, 3)} / ${(r.memoryBytes / 1024).toFixed(1)}`;
      });
      out.push(`| ${name} | ${cells.join(' | ')} |`);
    }
    out.push('');
  }
  if (report.pipeline !== null) out.push(formatPipeline(report.pipeline, true));
  if (Array.isArray(report.capture)) {
    out.push('| vfm test, tier | MB/s | Mpackets/s | seconds | peak RSS |', '|---|---:|---:|---:|---:|');
    for (const c of report.capture as readonly CaptureRun[]) {
      out.push(`| ${c.tierAsked}${c.tierAsked === c.tier ? '' : ` (${c.tier})`} | ${fmt(c.mbPerSec, 0)} | ${fmt(c.packetsPerSec / 1e6, 2)} | ${fmt(c.wallMs / 1e3, 2)} | ${c.peakRssBytes === null ? '–' : `${fmt(c.peakRssBytes / 2 ** 20, 1)} MiB`} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

async function main(): Promise<number> {
  const filters = loadBenchFilters();
  const allRows: RowName[] = ['libpcap', 'wasm', 'wasm-batch', 'js', 'js-batch', 'closure', 'interpreter'];
  let parsed;
  try {
    parsed = parseSettings(process.argv.slice(2), filters.map((f) => f.name), allRows);
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (parsed === undefined) return 0;
  const started = performance.now();
  const report = await runBench(parsed.settings, filters);
  say(`done in ${((performance.now() - started) / 1e3).toFixed(1)} s`);
  process.stdout.write(parsed.json ? JSON.stringify(report, null, 2) + '\n' : parsed.markdown ? formatMarkdown(report, filters) : formatReport(report, filters));
  return report.mismatches.length > 0 ? 1 : 0;
}

if (process.argv[1]?.endsWith('run.js')) process.exitCode = await main();
