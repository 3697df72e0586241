// `vfm test FILTER CAPTURE`: run a filter over every packet of a pcap, pcapng or .pkt capture
// (streamed, `-` for stdin) and print the C vfm-test report: totals, accepted, dropped and
// errors with percentages, then performance measured over the whole run (real Mpps and MB/s).
// Extras: -v per-packet lines, -s statistics, --json, --limit, --tier/--no-jit/--jit-test.

import { type CaptureError, UsageError, formatError } from '../../diag/errors.js';
import { accessSync, constants, statSync } from 'node:fs';
import { FAULT, type FaultName, faultName } from '../../diag/codes.js';
import { linkTypeName } from '../../capture/types.js';
import type { CapturePacket } from '../../capture/types.js';
import { type PacketFilter, TIER_NAMES, type TierName } from '../../tiers/select.js';
import type { FlowTableStats } from '../../vm/flow-table.js';
import { defineCommand } from '../command.js';
import { FILTER_SOURCE_OPTIONS, takeVerifiedFilter } from '../load-filter.js';
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_REJECTED } from '../exit-codes.js';
import { CAPTURE_FILTER_OPTIONS, LinkFilters, checkFlowTable, parseCount, parseFilterSetup, programForCapture, streamCapture } from '../capture-run.js';
import { CAPTURE_SOURCE_OPTIONS, captureSources, sourceLabel } from '../capture-source.js';
import { startLiveCapture } from '../live-capture.js';
import { watchInterrupt } from '../interrupt.js';
import type { CaptureReader } from '../../capture/reader.js';
import { parsePositiveInt } from './run.js';
import { WORKER_OPTIONS, startWorkers } from './test-workers.js';
import type { RangeOutcome } from '../parallel-range.js';
import { MAX_BATCH_PACKETS, type PacketBatch } from '../../capture/batch.js';
import { batchRunner, needsTimestamps } from '../batch-run.js';
import { type CliIo, ioError } from '../io.js';
import { summaryLine } from '../../decode/summary.js';

/** How many jit-test disagreements are described before the rest are only counted. */
const MAX_MISMATCH_LINES = 10;

export const testCommand = defineCommand({
  name: 'test',
  summary: 'run a filter over a capture (pcap, pcapng, .pkt) and report accepted, dropped and errors',
  usage: '(FILTER | -e EXPR) [CAPTURE...]',
  options: {
    verbose: { type: 'boolean', short: 'v', help: 'print a line per packet: number, verdict (value, or fault and pc), then a tcpdump -nn style summary' },
    stats: { type: 'boolean', short: 's', help: 'also print fault counts, the capture format, the tier and flow-table statistics' },
    json: { type: 'boolean', help: 'print one JSON object instead of the report' },
    verdicts: { type: 'boolean', help: 'with --json: add "verdicts", 1/0/-1 per packet in capture order' },
    limit: { type: 'string', short: 'c', arg: 'N', help: 'stop after N packets (over all captures, as tcpdump -c)' },
    'jit-test': { type: 'boolean', help: 'run every available tier on every packet and fail if any result differs' },
    ...FILTER_SOURCE_OPTIONS,
    ...CAPTURE_SOURCE_OPTIONS,
    ...CAPTURE_FILTER_OPTIONS,
    ...WORKER_OPTIONS,
  },
  details: [
    "FILTER is raw bytecode (.bin), assembly (.vfm), VFLisp (.vfl) or a tcpdump expression (recognised by content; --lang forces), or give the filter inline with -e 'EXPR' (tcpdump), -F FILE or --lisp 'EXPR'.",
    'CAPTURE is a file or - for stdin',
    '(the default, when it is not a terminal); several captures (or -r FILE, repeated) run in one go, one',
    'after the other with one flow table, with a line per file and the totals; -i IFACE captures live',
    'through tcpdump (or dumpcap) until Ctrl-C or -c N. Ctrl-C still prints the report.',
    'A packet is accepted when the filter returns a nonzero value (the C vfm-test counted only 1).',
    'Exit status: 0 after a complete run (also one that Ctrl-C ended on a live capture or stdin), 1 when',
    'a capture is damaged (the report covers the packets before the damage) or --jit-test found a',
    'difference, 2 on bad usage, unreadable files or a live capture that cannot start, 130 when Ctrl-C',
    'interrupted the reading of a file.',
  ].join('\n'),
  async run(opts, positionals, io) {
    const { program, label: filterPath, rest: captures, tcpdump } = await takeVerifiedFilter(io, opts, positionals, 'test');
    const sources = captureSources(io, 'test', captures, opts);
    if (opts.verdicts === true && opts.json !== true) throw new UsageError('ERR_USAGE', '--verdicts needs --json');
    if (opts['jit-test'] === true && (opts.tier !== undefined || opts['no-jit'] === true)) {
      throw new UsageError('ERR_USAGE', '--jit-test runs every tier; it cannot be combined with --tier or --no-jit');
    }
    if (sources.length > 1 && opts.workers !== undefined && opts.workers !== '1') {
      throw new UsageError('ERR_USAGE', `--workers runs one capture; got ${sources.length}`);
    }
    const setup = parseFilterSetup(opts);
    const limit = opts.limit === undefined ? Infinity : parseCount(opts.limit, '-c');
    checkFlowTable(program, setup);
    // Unreadable files are found before the report starts (nothing is printed before an error).
    for (const src of sources) if (src.kind === 'file') checkReadable(src.path);

    // The filter that counts, plus (for --jit-test) the other tiers it is compared with.
    // A tcpdump expression is compiled for each capture's link type and runs on the stored bytes.
    const filterLabel = tcpdump === undefined ? filterPath : `the tcpdump expression ${filterPath}`;
    let filters: LinkFilters;
    const others: LinkFilters[] = [];
    const unavailable: string[] = [];
    if (opts['jit-test'] === true) {
      filters = new LinkFilters(program, setup, 'interpreter', tcpdump, filterLabel);
      for (const tier of TIER_NAMES) {
        if (tier === 'interpreter') continue;
        try {
          others.push(filters.onTier(program, tier));
        } catch (e) {
          if (!(e instanceof UsageError)) throw e;
          unavailable.push(`${tier} (${e.message})`);
        }
      }
    } else {
      filters = new LinkFilters(program, setup, setup.tier, tcpdump, filterLabel);
    }
    const vm = filters.first;
    const workerProgram = tcpdump !== undefined && sources[0].kind === 'file' && opts.workers !== undefined && opts.workers !== '1' ? await programForCapture(tcpdump, program, sources[0].path, filterLabel) : { program, linkType: undefined };
    const workerRun = await startWorkers(io, opts, filterPath, workerProgram.program, setup, sources[0].kind === 'file' ? sources[0].path : '-', tcpdump === undefined ? undefined : (workerProgram.linkType ?? 1));
    const parallel = workerRun?.kind === 'stream' ? workerRun : undefined;

    const text = new TextOut(io);
    const isJson = opts.json === true;
    const isVerbose = opts.verbose === true && !isJson;
    if (!isJson) {
      text.line('VFM Filter Test Tool');
      text.line(`Filter: ${filterPath}`);
      text.line(`Packets: ${sources.length <= 3 ? sources.map(sourceLabel).join(', ') : `${sources.slice(0, 3).map(sourceLabel).join(', ')} and ${sources.length - 3} more`}`);
      if (isVerbose) text.line('Verbose mode enabled');
      text.line('');
      text.line(`Loaded filter: ${program.bytes.length} bytes`);
      text.line('Program loaded and verified successfully');
      text.line('Testing filter against packets...');
    }

    const counts = { total: 0, accepted: 0, dropped: 0, errors: 0, bytes: 0 };
    const faultCounts = new Float64Array(16);
    const verdicts = opts.verdicts === true ? new VerdictList() : undefined;
    const mismatches: string[] = [];
    let mismatchCount = 0;
    let warning: string | undefined;

    const onPacket = (p: CapturePacket): void => {
      const status = filters.exec(p);
      const vm = filters.filterFor(p.linkType);
      counts.total++;
      counts.bytes += p.frameLength;
      if (status > 0) counts.accepted++;
      else if (status === 0) counts.dropped++;
      else {
        counts.errors++;
        faultCounts[-status & 15]++;
      }
      if (verdicts !== undefined) verdicts.push(status > 0 ? 1 : status === 0 ? 0 : -1);
      if (isVerbose) text.line(`Packet ${counts.total}: ${describeStatus(vm, status)}  ${summaryLine(p)}`);
      for (let k = 0; k < others.length; k++) {
        const s = others[k].exec(p);
        const other = others[k].filterFor(p.linkType);
        if (!sameOutcome(vm, status, other, s)) {
          mismatchCount++;
          if (mismatches.length < MAX_MISMATCH_LINES) {
            mismatches.push(`packet ${counts.total}: ${other.tier} gave ${describeStatus(other, s)}, interpreter gave ${describeStatus(vm, status)}`);
          }
        }
      }
    };

    // The common case runs a whole input chunk per filter call; -v, --jit-test and workers go
    // packet by packet.
    const statuses = new Int32Array(MAX_BATCH_PACKETS);
    const runners = new Map<PacketFilter, ReturnType<typeof batchRunner>>();
    const onBatch = (b: PacketBatch): void => {
      const f = filters.filterFor(b.linkType);
      let runBatch = runners.get(f);
      if (runBatch === undefined) runners.set(f, (runBatch = batchRunner(f)));
      runBatch(b, statuses);
      const n = b.count;
      let accepted = 0;
      let dropped = 0;
      let bytes = 0;
      const lengths = b.frameLengths;
      for (let k = 0; k < n; k++) {
        const st = statuses[k];
        bytes += lengths[k];
        if (st > 0) accepted++;
        else if (st === 0) dropped++;
        else faultCounts[-st & 15]++;
      }
      counts.total += n;
      counts.accepted += accepted;
      counts.dropped += dropped;
      counts.errors += n - accepted - dropped;
      counts.bytes += bytes;
      if (verdicts !== undefined) for (let k = 0; k < n; k++) verdicts.push(statuses[k] > 0 ? 1 : statuses[k] === 0 ? 0 : -1);
    };
    const perPacket = isVerbose || others.length > 0 || opts['jit-test'] === true;
    const consumer = parallel !== undefined ? { onPacket: parallel.run.onPacket } : perPacket ? { onPacket } : { onBatch, batchTimestamps: needsTimestamps(vm), batchStored: filters.stored };

    // The banner stays buffered until packets flow: an error that stops the run comes alone.
    const live = sources[0].kind === 'live' ? await startLiveCapture(io, sources[0].iface) : undefined;
    const interrupt = watchInterrupt(() => live?.stop());
    const perFile: FileResult[] = [];
    let firstReader: CaptureReader | undefined;
    let interrupted = false;
    const startedMs = performance.now();
    // A stateless filter over a pcap file: byte ranges on the workers; single-threaded when the
    // split does not work out (the result is then exactly the single-threaded one anyway).
    let ranged: RangeOutcome | undefined;
    if (workerRun?.kind === 'range') {
      const path = (sources[0] as { path: string }).path;
      try {
        const r = await workerRun.range.run(path, verdicts !== undefined);
        if ('reason' in r) {
          if (!r.quiet) io.stderr.write(`vfm test: warning: cannot split the capture by byte ranges (${r.reason}); running single-threaded\n`);
        } else ranged = r;
      } finally {
        await workerRun.range.stop();
      }
      if (ranged !== undefined) {
        Object.assign(counts, { total: ranged.total, accepted: ranged.accepted, dropped: ranged.dropped, errors: ranged.errors, bytes: ranged.bytes });
        for (let c = 0; c < 16; c++) faultCounts[c] += ranged.faults[c];
        if (verdicts !== undefined) for (const v of ranged.verdicts!) verdicts.push(v);
        perFile.push({ file: path, ...counts, format: 'pcap', linkTypes: ranged.linkTypes, elapsedMs: performance.now() - startedMs, error: undefined });
      }
    }
    try {
      for (const src of sources) {
        if (counts.total >= limit || interrupted || ranged !== undefined) break;
        const before = { ...counts };
        const fileStart = performance.now();
        const result = await streamCapture(
          io,
          live ?? (src as { path: string }).path,
          { ...consumer, format: setup.format, maxPackets: limit - counts.total, onWarning: (m) => (warning = filters.stored ? undefined : m) },
          async () => {
            if (live !== undefined) text.flush();
            else text.flushIfLarge();
            await parallel?.run.drain();
          },
          live === undefined ? interrupt.signal : undefined,
        );
        firstReader ??= result.reader;
        interrupted = result.interrupted;
        perFile.push({
          file: sourceLabel(src),
          total: counts.total - before.total,
          accepted: counts.accepted - before.accepted,
          dropped: counts.dropped - before.dropped,
          errors: counts.errors - before.errors,
          bytes: counts.bytes - before.bytes,
          format: result.reader.format,
          linkTypes: result.reader.linkTypes,
          elapsedMs: performance.now() - fileStart,
          error: result.error,
        });
      }
    } catch (e) {
      await parallel?.run.abort();
      throw e;
    } finally {
      live?.stop();
      interrupt.dispose();
    }
    const reader = firstReader ?? { format: 'pcap' as const, linkTypes: ranged?.linkTypes ?? [] };
    const errorsFound = perFile.filter((f) => f.error !== undefined).map((f) => f.error!);
    const error = errorsFound[0];
    const streamedParallel = parallel === undefined ? undefined : await parallel.run.finish();
    if (streamedParallel !== undefined) {
      const m = streamedParallel;
      Object.assign(counts, { total: m.total, accepted: m.accepted, dropped: m.dropped, errors: m.errors, bytes: m.bytes });
      for (const [code, n] of m.faults) faultCounts[-code & 15] += n;
      if (verdicts !== undefined) for (const v of m.verdicts!) verdicts.push(v);
    }
    const merged = streamedParallel ?? ranged;
    const workerUsed = parallel ?? (ranged !== undefined ? workerRun : undefined);
    const evictions = streamedParallel?.flowTable?.evictions ?? 0;
    if (evictions > 0) {
      io.stderr.write(`vfm test: warning: the workers' flow tables evicted ${evictions} entries, so the results may differ from a single-threaded run (whose table evicts other entries); use a larger --flow-table\n`);
    }
    const elapsedMs = performance.now() - startedMs;
    if (warning !== undefined) io.stderr.write(`vfm test: warning: ${warning}\n`);

    const faults: Partial<Record<FaultName, number>> = {};
    for (const name of Object.keys(FAULT) as FaultName[]) {
      const n = faultCounts[-FAULT[name] & 15];
      if (n > 0) faults[name] = n;
    }
    const tierUsed = opts['jit-test'] === true ? 'interpreter' : (merged?.tier ?? vm.tier);
    const flowStats = merged !== undefined ? merged.flowTable : vm.flowTable?.stats();
    const formatDesc = reader.format === undefined ? 'unknown' : `${reader.format}, link type${reader.linkTypes.length === 1 ? '' : 's'} ${reader.linkTypes.map((t) => `${t} (${linkTypeName(t)})`).join(', ') || 'none'}`;

    if (isJson) {
      const obj: Record<string, unknown> = {
        total: counts.total,
        accepted: counts.accepted,
        dropped: counts.dropped,
        errors: counts.errors,
        tier: tierUsed,
        faults,
        format: reader.format ?? null,
        linkTypes: reader.linkTypes,
        bytes: counts.bytes,
        elapsedMs: Math.round(elapsedMs * 1000) / 1000,
        flowTable: flowStats ?? null,
      };
      if (workerUsed !== undefined) obj.workers = { count: workerUsed.workers, shard: workerUsed.shard, packets: merged!.perWorker };
      if (opts['jit-test'] === true) obj.jitTest = { ran: [vm.tier, ...others.map((o) => o.first.tier)], unavailable, mismatches: mismatchCount };
      if (verdicts !== undefined) obj.verdicts = verdicts.toArray();
      if (error !== undefined) obj.error = errorJson(error);
      obj.files = perFile.map((f) => ({
        file: f.file,
        total: f.total,
        accepted: f.accepted,
        dropped: f.dropped,
        errors: f.errors,
        bytes: f.bytes,
        format: f.format ?? null,
        linkTypes: f.linkTypes,
        elapsedMs: Math.round(f.elapsedMs * 1000) / 1000,
        error: f.error === undefined ? null : errorJson(f.error),
      }));
      if (interrupted) obj.interrupted = true;
      text.line(JSON.stringify(obj));
    } else {
      printReport(text, counts, elapsedMs);
      if (perFile.length > 1) printFiles(text, perFile);
      if (opts.stats === true) printStats(text, tierUsed, formatDesc, faults, flowStats);
      if (opts.stats === true && workerUsed !== undefined) {
        text.line(`Workers:          ${workerUsed.workers} (${merged!.perWorker.join(' + ')} packets)`);
        text.line(`Sharding:         ${workerUsed.shard}`);
      }
      if (opts['jit-test'] === true) {
        text.line('');
        text.line('=== JIT Test ===');
        text.line(`Tiers run:        ${[vm.tier, ...others.map((o) => o.first.tier)].join(', ')}`);
        for (const u of unavailable) text.line(`Not available:    ${u}`);
        text.line(`Differences:      ${mismatchCount}`);
      }
    }
    text.flush();
    for (const m of mismatches) io.stderr.write(`vfm test: --jit-test: ${m}\n`);
    if (mismatchCount > mismatches.length) io.stderr.write(`vfm test: --jit-test: ${mismatchCount - mismatches.length} more differences\n`);
    for (const e of errorsFound) io.stderr.write(formatError(e) + '\n');
    if (interrupted || (live !== undefined && counts.total < limit)) {
      io.stderr.write(`vfm test: interrupted: the report covers the ${counts.total} packet${counts.total === 1 ? '' : 's'} read\n`);
    }
    if (errorsFound.length > 0) return EXIT_REJECTED;
    if (mismatchCount > 0) return EXIT_REJECTED;
    return interrupted && sources.some((x) => x.kind === 'file' && x.path !== '-') ? EXIT_INTERRUPTED : EXIT_OK;
  },
});

/** One capture's share of a run. */
interface FileResult {
  readonly file: string;
  readonly total: number;
  readonly accepted: number;
  readonly dropped: number;
  readonly errors: number;
  readonly bytes: number;
  readonly format: string | undefined;
  readonly linkTypes: readonly number[];
  readonly elapsedMs: number;
  readonly error: CaptureError | undefined;
}

function errorJson(e: CaptureError): Record<string, unknown> {
  return { code: e.code, message: e.message, byteOffset: e.where.byteOffset ?? null };
}

function printFiles(text: TextOut, files: readonly FileResult[]): void {
  text.line('');
  text.line('=== Files ===');
  for (const f of files) {
    const damage = f.error === undefined ? '' : `; damaged: ${f.error.code} at byte offset ${f.error.where.byteOffset ?? '?'}`;
    text.line(`${f.file}: ${f.total} packets, ${f.accepted} accepted, ${f.dropped} dropped, ${f.errors} errors${damage}`);
  }
}

/**
 * A capture file that can be opened for reading (checked before the report starts).
 * @throws {FilterError} ERR_IO
 */
function checkReadable(path: string): void {
  if (path === '-') return;
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    accessSync(path, constants.R_OK);
  } catch (e) {
    throw ioError(path, e, 'read');
  }
}

/** `ACCEPT (value 1)`, `DROP`, or `ERROR BOUNDS (-1) at pc 12`, for the filter's last run. */
function describeStatus(f: PacketFilter, status: number): string {
  if (status > 0) return `ACCEPT (value ${(BigInt(f.valueHi >>> 0) << 32n) | BigInt(f.valueLo >>> 0)})`;
  if (status === 0) return 'DROP';
  return `ERROR ${faultName(status) ?? 'UNKNOWN'} (${status}) at pc ${f.faultPc}`;
}

function sameOutcome(a: PacketFilter, sa: number, b: PacketFilter, sb: number): boolean {
  if (sa !== sb) return false;
  if (sa >= 0) return a.valueHi === b.valueHi && a.valueLo === b.valueLo;
  return a.faultPc === b.faultPc;
}

function pct(n: number, total: number): string {
  return (total === 0 ? 0 : (100 * n) / total).toFixed(1);
}

function printReport(text: TextOut, c: { total: number; accepted: number; dropped: number; errors: number; bytes: number }, elapsedMs: number): void {
  text.line('');
  text.line('=== Test Results ===');
  text.line(`Total packets:    ${c.total}`);
  text.line(`Accepted:         ${c.accepted} (${pct(c.accepted, c.total)}%)`);
  text.line(`Dropped:          ${c.dropped} (${pct(c.dropped, c.total)}%)`);
  text.line(`Errors:           ${c.errors} (${pct(c.errors, c.total)}%)`);
  if (c.total === 0) return;
  const seconds = Math.max(elapsedMs, 1e-6) / 1000;
  text.line('');
  text.line('=== Performance ===');
  text.line(`Average time:     ${((elapsedMs * 1e6) / c.total).toFixed(1)} ns/packet`);
  text.line(`Throughput:       ${(c.total / seconds / 1e6).toFixed(2)} Mpps, ${(c.bytes / seconds / 1e6).toFixed(1)} MB/s`);
  text.line(`Total time:       ${elapsedMs.toFixed(2)} ms`);
}

function printStats(text: TextOut, tier: TierName, format: string, faults: Partial<Record<FaultName, number>>, flow: FlowTableStats | undefined): void {
  text.line('');
  text.line('=== Statistics ===');
  text.line(`Tier:             ${tier}`);
  text.line(`Capture:          ${format}`);
  const entries = Object.entries(faults) as [FaultName, number][];
  if (entries.length === 0) text.line('Faults:           none');
  else {
    text.line('Faults:');
    for (const [name, n] of entries) text.line(`  ${`${name} (${FAULT[name]}):`.padEnd(24)}${n}`);
  }
  text.line('');
  text.line('=== Flow Table ===');
  if (flow === undefined) {
    text.line('Flow table:       none (--flow-table 0)');
    return;
  }
  text.line(`Slots:            ${flow.size}`);
  text.line(`Occupied:         ${flow.occupied} (load factor ${flow.loadFactor.toFixed(3)})`);
  text.line(`Lookups:          ${flow.lookups} (${flow.hits} hits, ${flow.misses} misses)`);
  text.line(`Stores:           ${flow.stores} (${flow.inserts} inserts, ${flow.updates} updates, ${flow.evictions} evictions)`);
}

/** Report text gathered in a string and written in large pieces. */
class TextOut {
  private buf = '';
  constructor(private readonly io: CliIo) {}
  line(s: string): void {
    this.buf += s + '\n';
  }
  flushIfLarge(): void {
    if (this.buf.length > 65536) this.flush();
  }
  flush(): void {
    if (this.buf.length > 0) this.io.stdout.write(this.buf);
    this.buf = '';
  }
}

/** Per-packet verdicts in a growable Int8Array. */
class VerdictList {
  private a = new Int8Array(1024);
  private n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const next = new Int8Array(this.a.length * 2);
      next.set(this.a);
      this.a = next;
    }
    this.a[this.n++] = v;
  }
  toArray(): number[] {
    return Array.from(this.a.subarray(0, this.n));
  }
}
