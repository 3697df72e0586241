// `vfm filter FILTER [CAPTURE|-] [-o OUT|-]`: stream a capture through a filter and write the
// accepted packets in the input's own format (pcap stays pcap with its header, pcapng keeps
// its sections, interfaces and other blocks, .pkt stays .pkt), copying the stored records
// byte for byte, so it composes in pipes with tcpdump and tshark.

import { formatError, UsageError } from '../../diag/errors.js';
import { PassThroughWriter } from '../../capture/writer.js';
import type { CapturePacket } from '../../capture/types.js';
import { defineCommand } from '../command.js';
import { FILTER_SOURCE_OPTIONS, takeVerifiedFilter } from '../load-filter.js';
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_REJECTED } from '../exit-codes.js';
import { CAPTURE_FILTER_OPTIONS, LinkFilters, checkFlowTable, parseCount, parseFilterSetup, streamCapture } from '../capture-run.js';
import type { PacketFilter } from '../../tiers/select.js';
import { CAPTURE_SOURCE_OPTIONS, captureSources, sourceLabel } from '../capture-source.js';
import { startLiveCapture } from '../live-capture.js';
import { watchInterrupt } from '../interrupt.js';
import { sameFile } from '../io.js';
import type { CaptureReader } from '../../capture/reader.js';
import { type CaptureInput, openCaptureOutput } from '../capture-io.js';
import { MAX_BATCH_PACKETS, type PacketBatch } from '../../capture/batch.js';
import { batchRunner, needsTimestamps } from '../batch-run.js';

/** Size of the output chunks handed to the file or pipe. */
const OUTPUT_CHUNK_BYTES = 1 << 20;

export const filterCommand = defineCommand({
  name: 'filter',
  summary: 'write the packets a filter accepts, in the capture\'s own format (pcap, pcapng, .pkt)',
  usage: 'FILTER [CAPTURE|-] [-o OUT|-]',
  options: {
    output: { type: 'string', short: 'o', arg: 'OUT', help: 'write to OUT (default -, standard output); a file appears only when complete' },
    write: { type: 'string', short: 'w', arg: 'OUT', help: "same as -o (tcpdump's -w)" },
    count: { type: 'string', short: 'c', arg: 'N', help: 'stop after writing N accepted packets (as tcpdump -c)' },
    stats: { type: 'boolean', short: 's', help: 'print packets read, written and faulted to stderr (also after Ctrl-C)' },
    ...CAPTURE_SOURCE_OPTIONS,
    ...CAPTURE_FILTER_OPTIONS,
    ...FILTER_SOURCE_OPTIONS,
  },
  details: [
    'CAPTURE (or -r FILE) defaults to - (standard input), which must not be a terminal; -i IFACE',
    'captures live through tcpdump (or dumpcap) until Ctrl-C or -c N. Packets on which the filter',
    'faults are not written. Example: tcpdump -i any -U -w - | vfm filter web.vfl | tcpdump -r -',
    'Exit status: 0 on success (also when Ctrl-C ends a live capture or standard input), 1 when the',
    'input capture is damaged (the packets before the damage are written), 2 on bad usage, unreadable',
    'or unwritable files, or a live capture that cannot start; 130 when Ctrl-C interrupts a file.',
  ].join('\n'),
  async run(opts, positionals, io) {
    const { program, label, rest: captures, tcpdump } = await takeVerifiedFilter(io, opts, positionals, 'filter');
    const sources = captureSources(io, 'filter', captures, opts);
    if (sources.length > 1) {
      throw new UsageError('ERR_USAGE', `filter reads one capture, got ${sources.length} (${sources.map(sourceLabel).join(', ')}); merge them first (mergecap) or run vfm test for a report`);
    }
    const source = sources[0];
    if (opts.output !== undefined && opts.write !== undefined && opts.output !== opts.write) {
      throw new UsageError('ERR_USAGE', `-o ${opts.output} and -w ${opts.write} name two outputs; give one`);
    }
    const outPath = opts.output ?? opts.write ?? '-';
    if (outPath === '-' && io.stdout.isTTY === true) {
      throw new UsageError('ERR_USAGE', 'refusing to write a binary capture to a terminal; use -o FILE or a pipe');
    }
    if (source.kind === 'file' && sameFile(source.path, outPath)) {
      throw new UsageError('ERR_USAGE', `output '${outPath}' is the input capture; writing it would destroy the input, give another name with -o`);
    }
    const count = opts.count === undefined ? Infinity : parseCount(opts.count, '-c');
    const setup = parseFilterSetup(opts);
    // A tcpdump expression is compiled for each link type it meets and runs on the stored bytes.
    const filters = new LinkFilters(program, setup, setup.tier, tcpdump, tcpdump === undefined ? label : `the tcpdump expression ${label}`);
    const vm = filters.first;
    checkFlowTable(program, setup);
    const live = source.kind === 'live' ? await startLiveCapture(io, source.iface) : undefined;
    const interrupt = watchInterrupt(() => live?.stop());
    let output;
    try {
      output = await openCaptureOutput(io, outPath);
    } catch (e) {
      live?.stop();
      interrupt.dispose();
      throw e;
    }
    // Accepted records are copied into 1 MiB output chunks; long runs of them go out as
    // slices of the input chunk, which is then retained instead of reused.
    let input: CaptureInput | undefined;
    const share = (): boolean => {
      if (input?.retain === undefined) return false;
      input.retain();
      return true;
    };
    const writer = new PassThroughWriter(output.sink, { chunkBytes: OUTPUT_CHUNK_BYTES, share });
    let faults = 0;
    let warning: string | undefined;
    let reader: CaptureReader | undefined;
    const onPacket = (p: CapturePacket): void => {
      const status = filters.exec(p);
      if (status > 0) {
        writer.writePacket(p);
        if (writer.packets >= count) reader!.stop();
      } else if (status < 0) faults++;
    };
    // Without -c, a whole input chunk per filter call, the accepted records written in runs.
    const statuses = new Int32Array(MAX_BATCH_PACKETS);
    const runners = new Map<PacketFilter, ReturnType<typeof batchRunner>>();
    const onBatch = (b: PacketBatch): void => {
      const f = filters.filterFor(b.linkType);
      let runBatch = runners.get(f);
      if (runBatch === undefined) runners.set(f, (runBatch = batchRunner(f)));
      runBatch(b, statuses);
      for (let k = 0; k < b.count; k++) if (statuses[k] < 0) faults++;
      writer.writeBatch(b.records, b.recordStarts, b.recordLengths, statuses, b.count);
    };
    const consumer = count === Infinity ? { onBatch, batchTimestamps: needsTimestamps(vm), batchStored: filters.stored } : { onPacket };
    // From a pipe or a live capture, each input chunk's packets go out right away; from a file, in full chunks.
    const isStream = live !== undefined || (source as { path: string }).path === '-';
    let result;
    try {
      result = await streamCapture(
        io,
        live ?? (source as { path: string }).path,
        { ...consumer, onMeta: writer.writeMeta, format: setup.format, onWarning: (m) => (warning = filters.stored ? undefined : m) },
        async () => {
          if (isStream) writer.flush();
          await output.settle();
        },
        live === undefined ? interrupt.signal : undefined,
        (r) => (reader = r),
        (i) => (input = i),
      );
      writer.flush();
      await output.settle();
    } catch (e) {
      await output.abort();
      throw e;
    } finally {
      live?.stop();
      interrupt.dispose();
    }
    await output.close();
    const { error, interrupted } = result;
    if (warning !== undefined) io.stderr.write(`vfm filter: warning: ${warning}\n`);
    if (opts.stats === true) {
      io.stderr.write(`vfm filter: ${result.reader.packets} packets read, ${writer.packets} written, ${faults} faulted (tier ${vm.tier})\n`);
    }
    if (error !== undefined) {
      io.stderr.write(formatError(error) + '\n');
      return EXIT_REJECTED;
    }
    return interrupted && (source.kind === 'file' && source.path !== '-') ? EXIT_INTERRUPTED : EXIT_OK;
  },
});
