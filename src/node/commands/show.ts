// `vfm show CAPTURE`: print a `tcpdump -nn`-like line per packet (time in UTC, addresses,
// ports, protocol, TCP flags, lengths) from the browser-safe decoder the playground uses;
// with -F FILTER only the packets the filter accepts, as `tcpdump -nn -r CAPTURE -F FILE`.

import { formatError, UsageError } from '../../diag/errors.js';
import type { CapturePacket } from '../../capture/types.js';
import { summaryLine } from '../../decode/summary.js';
import { defineCommand } from '../command.js';
import { loadVerifiedFilterSource } from '../load-filter.js';
import { EXIT_OK, EXIT_REJECTED } from '../exit-codes.js';
import { CAPTURE_FILTER_OPTIONS, LinkFilters, parseFilterSetup, streamCapture } from '../capture-run.js';
import { parsePositiveInt } from './run.js';

export const showCommand = defineCommand({
  name: 'show',
  summary: 'print a tcpdump -nn style line per packet of a capture (only the accepted ones with -F FILTER)',
  usage: 'CAPTURE|-',
  options: {
    filter: { type: 'string', short: 'F', arg: 'FILTER', help: 'show only the packets FILTER (.bin, .vfm or .vfl) accepts' },
    number: { type: 'boolean', short: 'n', help: 'start each line with the packet number in the capture' },
    limit: { type: 'string', short: 'c', arg: 'N', help: 'stop after showing N packets' },
    ...CAPTURE_FILTER_OPTIONS,
  },
  details: [
    'Times are UTC (compare with TZ=UTC tcpdump -nn -r CAPTURE). Link types presented as Ethernet',
    '(Linux cooked, raw IP, NULL, LOOP) are decoded from their network layer; what the decoder does',
    "not understand is named in the line ('GRE not decoded', '[|tcp] truncated ...').",
    'Exit status: 0 on success, 1 when the capture is damaged (the packets before the damage are shown),',
    '2 on bad usage or unreadable files.',
  ].join('\n'),
  async run(opts, positionals, io) {
    if (positionals.length !== 1) {
      throw new UsageError('ERR_USAGE', `show takes one CAPTURE (- for stdin), got ${positionals.length} arguments; see 'vfm show --help'`);
    }
    const capturePath = positionals[0];
    const setup = parseFilterSetup(opts);
    const limit = opts.limit === undefined ? Infinity : parsePositiveInt(opts.limit, '--limit', 0);
    // A tcpdump expression is compiled for each link type it meets and runs on the stored bytes.
    let vm: LinkFilters | undefined;
    if (opts.filter !== undefined) {
      const { program, tcpdump } = await loadVerifiedFilterSource(io, opts.filter, { legacy: opts.legacy });
      vm = new LinkFilters(program, setup, setup.tier, tcpdump, tcpdump === undefined ? opts.filter : `the tcpdump expression ${opts.filter}`);
    }
    let out = '';
    let shown = 0;
    let warning: string | undefined;
    const numbered = opts.number === true;
    const onPacket = (p: CapturePacket): void => {
      if (shown >= limit) return;
      if (vm !== undefined && vm.exec(p) <= 0) return;
      shown++;
      out += `${numbered ? `${p.index}  ` : ''}${summaryLine(p)}\n`;
    };
    const flush = (): void => {
      if (out.length > 0) io.stdout.write(out);
      out = '';
    };
    const { error } = await streamCapture(io, capturePath, { onPacket, format: setup.format, maxPackets: vm === undefined ? limit : Infinity, onWarning: (m) => (warning = m) }, async () => {
      if (out.length > 65536) flush();
    });
    flush();
    if (warning !== undefined) io.stderr.write(`vfm show: warning: ${warning}\n`);
    if (error !== undefined) {
      io.stderr.write(formatError(error) + '\n');
      return EXIT_REJECTED;
    }
    return EXIT_OK;
  },
});
