// `vfm run FILTER --packet HEX`: verify the filter, run it on one packet and print the
// verdict: `accept VALUE`, `drop`, or `fault NAME (CODE) at pc N`.

import { CaptureError, UsageError } from '../../diag/errors.js';
import { CaptureReader } from '../../capture/reader.js';
import { DETECT_BYTES, detectFormat } from '../../capture/detect.js';
import { frameWireLength } from '../../capture/types.js';
import { FlowTable } from '../../vm/flow-table.js';
import { TIER_NAMES, type TierName, createFilter, isTierName } from '../../tiers/select.js';
import { formatResult, legacyInt } from '../../vm/result.js';
import { parseHex } from '../../util/bytes.js';
import { defineCommand } from '../command.js';
import { readInput } from '../io.js';
import { FILTER_SOURCE_OPTIONS, takeVerifiedFilter } from '../load-filter.js';
import { EXIT_OK, EXIT_REJECTED } from '../exit-codes.js';

export const runCommand = defineCommand({
  name: 'run',
  summary: 'run a filter on one packet and print accept VALUE, drop, or the fault',
  usage: '(FILTER | -e EXPR) (--packet HEX | --packet-file FILE)',
  options: {
    packet: { type: 'string', short: 'p', arg: 'HEX', help: 'the packet as hex bytes (spaces and colons allowed)' },
    'packet-file': { type: 'string', arg: 'FILE', help: 'read the raw packet bytes from FILE; a pcap or pcapng capture runs on each of its packets, a line each' },
    legacy: { type: 'boolean', help: 'read .bin bytecode with the original 33-opcode numbering' },
    limit: { type: 'string', arg: 'N', help: 'instruction limit per run (default 10000)' },
    'flow-table': { type: 'string', arg: 'N', help: 'give the run a flow table of N slots (default: none: a single packet has no flow state to keep)' },
    'wire-len': { type: 'string', arg: 'N', help: 'the packet\'s length on the wire, for WIRELEN and pcap-filter len/less/greater (default: its length)' },
    'c-int': { type: 'boolean', help: 'also print the C original\'s int result (low 32 bits, signed)' },
    tier: { type: 'string', arg: 'NAME', help: 'execution tier: auto (default: the fastest that works here), wasm, js, closure or interpreter' },
    verbose: { type: 'boolean', short: 'v', help: 'print the tier that ran the filter (to standard error)' },
    ...FILTER_SOURCE_OPTIONS,
  },
  details: 'Exit status: 0 when the filter accepted or dropped the packet (every packet of a capture), 1 on a fault,\nan invalid program or a damaged capture, 2 on bad usage.',
  async run(opts, positionals, io) {
    if ((opts.packet === undefined) === (opts['packet-file'] === undefined)) {
      throw new UsageError('ERR_USAGE', "run needs exactly one of --packet HEX or --packet-file FILE; see 'vfm run --help'");
    }
    let packet: Uint8Array;
    if (opts.packet !== undefined) {
      const parsed = parseHex(opts.packet);
      if (parsed === undefined) throw new UsageError('ERR_PACKET_HEX', `--packet: not hex bytes: '${opts.packet}'`);
      packet = parsed;
    } else {
      packet = await readInput(io, opts['packet-file']!);
    }
    const insnLimit = parsePositiveInt(opts.limit, '--limit', 10000);
    const tableSize = opts['flow-table'] === undefined ? undefined : parsePositiveInt(opts['flow-table'], '--flow-table', 0);
    const { program, rest } = await takeVerifiedFilter(io, opts, positionals, 'run');
    if (rest.length > 0) throw new UsageError('ERR_USAGE', `run takes one FILTER, got extra arguments: ${rest.join(' ')}`);
    const tier = parseTierOption(opts.tier);
    const vm = createFilter(program, { tier, insnLimit, flowTable: tableSize === undefined ? undefined : new FlowTable(tableSize) });
    if (opts.verbose === true) io.stderr.write(`tier ${vm.tier}\n`);
    const format = opts['packet-file'] !== undefined ? detectFormat(packet.subarray(0, DETECT_BYTES)) : undefined;
    if (format === 'pcap' || format === 'pcapng') {
      // A capture: run on each of its packets (with its timestamp and wire length), one line each.
      if (opts['wire-len'] !== undefined) throw new UsageError('ERR_USAGE', '--wire-len applies to one raw packet; a capture gives each packet its own');
      let faults = 0;
      const lines: string[] = [];
      const reader = new CaptureReader({
        format,
        onPacket: (p) => {
          const r = vm.run(p.frame.subarray(p.frameOffset, p.frameOffset + p.frameLength), BigInt(p.timestampSec) * 1_000_000_000n + BigInt(p.timestampNsec), frameWireLength(p));
          if (r.kind === 'fault') faults++;
          lines.push(`packet ${p.index}: ${formatResult(r)}${opts['c-int'] === true ? ` (C int ${legacyInt(r)})` : ''}`);
        },
      });
      try {
        reader.feed(packet);
        reader.end();
      } catch (e) {
        io.stdout.write(lines.map((l) => l + '\n').join(''));
        throw e instanceof CaptureError ? e.inFile(opts['packet-file']!) : e;
      }
      io.stdout.write(lines.map((l) => l + '\n').join(''));
      return faults > 0 ? EXIT_REJECTED : EXIT_OK;
    }
    const wireLength = opts['wire-len'] === undefined ? packet.length : parseWireLength(opts['wire-len']);
    const result = vm.run(packet, 0n, wireLength);
    io.stdout.write(formatResult(result) + (opts['c-int'] === true ? ` (C int ${legacyInt(result)})` : '') + '\n');
    return result.kind === 'fault' ? EXIT_REJECTED : EXIT_OK;
  },
});

/**
 * The value of a `--tier NAME` option: 'auto' when absent.
 * @throws {UsageError} for a name that is not a tier
 */
export function parseTierOption(text: string | undefined): TierName | 'auto' {
  if (text === undefined || text === 'auto') return 'auto';
  if (!isTierName(text)) throw new UsageError('ERR_USAGE', `--tier takes auto, ${TIER_NAMES.join(', ')}; got '${text}'`);
  return text;
}

/** --wire-len: 0 to 2^32-1. @throws {UsageError} */
function parseWireLength(text: string): number {
  if (!/^[0-9]+$/.test(text) || Number(text) > 0xffffffff) throw new UsageError('ERR_USAGE', `--wire-len takes a whole number from 0 to ${0xffffffff}, got '${text}'`);
  return Number(text);
}

/** A positive decimal integer option, or `fallback` when absent. */
export function parsePositiveInt(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^[0-9]+$/.test(text) || Number(text) < 1 || Number(text) > 2 ** 31) {
    throw new UsageError('ERR_USAGE', `${name} takes a whole number from 1 to ${2 ** 31}, got '${text}'`);
  }
  return Number(text);
}
