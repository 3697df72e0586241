// `vfm compile FILTER --target=cbpf|ebpf`: lower a verified filter ahead of time to classic
// BPF (tcpdump -ddd/-dd/-d text or JSON) or to eBPF (an ELF object with socket-filter and XDP
// programs, or its readable listing). What the target cannot express is an error naming the
// pc; nothing is written then.

import { FilterError, UsageError } from '../../diag/errors.js';
import { CBPF_FORMATS, type CbpfFormat, compileCbpf, formatCbpf } from '../../targets/cbpf/index.js';
import type { AcceptMode, LinkMode, Semantics } from '../../targets/cbpf/lower.js';
import { compileEbpf, formatEbpfObject } from '../../targets/ebpf/index.js';
import { defineCommand } from '../command.js';
import { writeOutput } from '../io.js';
import { FILTER_SOURCE_OPTIONS, takeVerifiedFilter } from '../load-filter.js';
import { EXIT_OK } from '../exit-codes.js';
import { parsePositiveInt } from './run.js';

const EBPF_FORMATS = ['elf', 'listing'] as const;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, option: string): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError('ERR_USAGE', `${option} takes ${allowed.join(', ')}; got '${value}'`);
  }
  return value as T;
}

export const compileCommand = defineCommand({
  name: 'compile',
  summary: 'compile a filter ahead of time to classic BPF or eBPF',
  usage: '(FILTER | -e EXPR) --target=cbpf|ebpf [-o OUT] [--format FMT] [--link ethernet|ip]',
  options: {
    target: { type: 'string', short: 't', arg: 'cbpf|ebpf', help: 'the target: classic BPF or eBPF (required)' },
    output: { type: 'string', short: 'o', arg: 'OUT', help: 'write to OUT (default: standard output)' },
    format: {
      type: 'string',
      short: 'f',
      arg: 'FMT',
      help: 'cbpf: ddd (default), dd, d or json; ebpf: elf (default) or listing',
    },
    link: { type: 'string', arg: 'ethernet|ip', help: 'what offset 0 is: the Ethernet header (default) or the IP header (iptables, SOCK_DGRAM)' },
    semantics: {
      type: 'string',
      arg: 'vfm|libpcap',
      help: "cbpf: the header fields' meaning: the VM's exactly (default: VLAN tags, IPv6 extension headers) or libpcap's fixed offsets (much smaller)",
    },
    accept: { type: 'string', arg: 'snap|value', help: 'what an accepting filter returns: 262144 (default) or the VFM value' },
    'flow-table': { type: 'string', arg: 'N', help: 'ebpf: max_entries of the flow-table LRU hash map (default 65536)' },
    legacy: { type: 'boolean', help: 'read .bin bytecode with the original 33-opcode numbering' },
    ...FILTER_SOURCE_OPTIONS,
  },
  details:
    "FILTER is raw bytecode (.bin), assembly (.vfm), VFLisp (.vfl) or a tcpdump expression; or -e 'EXPR', -F FILE, --lisp 'EXPR'. See docs/targets.md.\n" +
    "vfm compile -e 'tcp dst port 80' --target=cbpf prints what tcpdump -ddd prints for the same expression (verdicts, not always the same instructions).\n" +
    'Example: iptables -m bpf --bytecode "$(vfm compile f.vfl --target=cbpf --link ip --semantics libpcap | tr \'\\n\' \',\' | sed \'s/,$//\')"\n' +
    'Exit status: 0 written, 1 the filter is invalid or the target cannot express it, 2 bad usage.',
  async run(opts, positionals, io) {
    const target = opts.target;
    if (target !== 'cbpf' && target !== 'ebpf') {
      throw new UsageError('ERR_USAGE', `compile needs --target=cbpf or --target=ebpf${target === undefined ? '' : `, got '${target}'`}`);
    }
    const link = oneOf<LinkMode>(opts.link, ['ethernet', 'ip'], 'ethernet', '--link');
    const accept = oneOf<AcceptMode>(opts.accept, ['snap', 'value'], 'snap', '--accept');
    const semantics = oneOf<Semantics>(opts.semantics, ['vfm', 'libpcap'], 'vfm', '--semantics');
    if (semantics !== 'vfm' && target !== 'cbpf') throw new UsageError('ERR_USAGE', '--semantics libpcap is for --target=cbpf (the eBPF programs keep the VM meaning)');
    const out = opts.output ?? '-';
    const { program, label: path, rest } = await takeVerifiedFilter(io, opts, positionals, 'compile');
    if (rest.length > 0) throw new UsageError('ERR_USAGE', `compile takes one filter; unexpected argument '${rest[0]}'; see 'vfm compile --help'`);
    let data: Uint8Array;
    try {
      if (target === 'cbpf') {
        const format = oneOf<CbpfFormat>(opts.format, CBPF_FORMATS, 'ddd', '--format for cbpf');
        data = new TextEncoder().encode(formatCbpf(compileCbpf(program, { link, accept, semantics }), format));
      } else {
        const format = oneOf(opts.format, EBPF_FORMATS, 'elf', '--format for ebpf');
        const flowTableSize = opts['flow-table'] === undefined ? undefined : parsePositiveInt(opts['flow-table'], '--flow-table', 0);
        const obj = compileEbpf(program, { link, accept, flowTableSize });
        if (format === 'elf' && out === '-' && io.stdout.isTTY === true) {
          throw new UsageError('ERR_USAGE', 'an ELF object is binary: write it with -o FILE.o (or use --format listing)');
        }
        data = format === 'elf' ? obj.elf : new TextEncoder().encode(formatEbpfObject(obj, link));
      }
    } catch (e) {
      throw e instanceof FilterError && !(e instanceof UsageError) ? e.inFile(path) : e;
    }
    await writeOutput(io, out, data);
    return EXIT_OK;
  },
});
