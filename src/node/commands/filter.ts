// `vfm filter FILTER [CAPTURE|-] [-o OUT|-]`: stream a capture through a filter and write the
// accepted packets in the input's own format (pcap stays pcap with its header, pcapng keeps
// its sections, interfaces and other blocks, .pkt stays .pkt), copying the stored records
// byte for byte, so it composes in pipes with tcpdump and tshark.

import { formatError, UsageError } from '../../diag/errors.js';
import { PassThroughWriter } from '../../capture/writer.js';
import { defineCommand } from '../command.js';
import { loadVerifiedFilter } from '../load-filter.js';
import { EXIT_OK, EXIT_REJECTED } from '../exit-codes.js';
import { CAPTURE_FILTER_OPTIONS, batchRunner, compileFilter, needsTimestamps, parseFilterSetup, streamCapture } from '../capture-run.js';
import { type CaptureInput, openCaptureOutput } from '../capture-io.js';
import { MAX_BATCH_PACKETS, type PacketBatch } from '../../capture/batch.js';

/** Size of the output chunks handed to the file or pipe. */
const OUTPUT_CHUNK_BYTES = 1 << 20;

export const filterCommand = defineCommand({
  name: 'filter',
  summary: 'write the packets a filter accepts, in the capture\'s own format (pcap, pcapng, .pkt)',
  usage: 'FILTER [CAPTURE|-] [-o OUT|-]',
  options: {
    output: { type: 'string', short: 'o', arg: 'OUT', help: 'write to OUT (default -, standard output)' },
    stats: { type: 'boolean', short: 's', help: 'print packets read, written and faulted to stderr' },
    ...CAPTURE_FILTER_OPTIONS,
  },
  details: [
    'CAPTURE defaults to - (standard input). Packets on which the filter faults are not written.',
    'Example: tcpdump -r in.pcap -w - | vfm filter web.bin - | tcpdump -r -',
    'Exit status: 0 on success, 1 when the input capture is damaged (the packets before the damage',
    'are written), 2 on bad usage or unreadable files.',
  ].join('\n'),
  async run(opts, positionals, io) {
    if (positionals.length < 1 || positionals.length > 2) {
      throw new UsageError('ERR_USAGE', `filter takes FILTER and an optional CAPTURE, got ${positionals.length} arguments; see 'vfm filter --help'`);
    }
    const [filterPath, capturePath = '-'] = positionals;
    const outPath = opts.output ?? '-';
    if (outPath === '-' && io.stdout.isTTY === true) {
      throw new UsageError('ERR_USAGE', 'refusing to write a binary capture to a terminal; use -o FILE or a pipe');
    }
    const setup = parseFilterSetup(opts);
    const program = await loadVerifiedFilter(io, filterPath, { legacy: opts.legacy });
    const vm = compileFilter(program, setup);
    const output = await openCaptureOutput(io, outPath);
    // Accepted records are copied into 1 MiB output chunks; long runs of them go out as
    // slices of the input chunk, which is then retained instead of reused.
    let input: CaptureInput | undefined;
    const writer = new PassThroughWriter(output.sink, { chunkBytes: OUTPUT_CHUNK_BYTES, share: () => input?.retain() });
    let faults = 0;
    let warning: string | undefined;
    const statuses = new Int32Array(MAX_BATCH_PACKETS);
    const run = batchRunner(vm);
    const onBatch = (b: PacketBatch): void => {
      run(b, statuses);
      for (let k = 0; k < b.count; k++) if (statuses[k] < 0) faults++;
      writer.writeBatch(b.records, b.recordStarts, b.recordLengths, statuses, b.count);
    };
    // From a pipe, each input chunk's packets go out right away; from a file, in full chunks.
    const isStream = capturePath === '-';
    let result;
    try {
      result = await streamCapture(
        io,
        capturePath,
        { onBatch, batchTimestamps: needsTimestamps(vm), onMeta: writer.writeMeta, format: setup.format, onWarning: (m) => (warning = m) },
        async () => {
          if (isStream) writer.flush();
          await output.settle();
        },
        (i) => (input = i),
      );
      writer.flush();
      await output.settle();
    } catch (e) {
      await output.abort();
      throw e;
    }
    await output.close();
    const { reader, error } = result;
    if (warning !== undefined) io.stderr.write(`vfm filter: warning: ${warning}\n`);
    if (opts.stats === true) {
      io.stderr.write(`vfm filter: ${reader.packets} packets read, ${writer.packets} written, ${faults} faulted (tier ${vm.tier})\n`);
    }
    if (error !== undefined) {
      io.stderr.write(formatError(error) + '\n');
      return EXIT_REJECTED;
    }
    return EXIT_OK;
  },
});
