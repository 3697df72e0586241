// `vfm compile FILTER --target=cbpf|ebpf`: lower a verified filter ahead of time to classic
// BPF (tcpdump -ddd/-dd/-d text or JSON) or to eBPF (an ELF object with socket-filter and XDP
// programs, or its readable listing). What the target cannot express is an error naming the
// pc; nothing is written then.

import { FilterError, UsageError } from '../../diag/errors.js';
import { CBPF_FORMATS, type CbpfFormat, compileCbpf, formatCbpf } from '../../targets/cbpf/index.js';
import type { AcceptMode, LinkMode, Semantics } from '../../targets/cbpf/lower.js';
import { type EbpfSetMap, compileEbpf, formatEbpfObject, formatSetBatch } from '../../targets/ebpf/index.js';
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

/** Link types `--link` takes for a tcpdump expression, by tcpdump's -y names (LINKTYPE_* values). */
const PCAP_LINK_NAMES: Readonly<Record<string, number>> = {
  EN10MB: 1, ETHERNET: 1, LINUX_SLL: 113, LINUX_SLL2: 276, RAW: 101, NULL: 0, LOOP: 108, IPV4: 228, IPV6: 229,
};
const PCAP_LINK_NUMBERS: ReadonlySet<number> = new Set([0, 1, 12, 14, 101, 108, 113, 228, 229, 276]);

/**
 * --link: `ethernet` or `ip` (what offset 0 is for the target), or for a tcpdump expression
 * a link type to compile it for, by name (tcpdump -y) or number; undefined: not a link type.
 */
function pcapLinkOf(text: string): number | undefined {
  const name = text.toUpperCase().replace(/^(DLT|LINKTYPE)_/, '');
  if (Object.hasOwn(PCAP_LINK_NAMES, name)) return PCAP_LINK_NAMES[name];
  if (/^[0-9]+$/.test(text) && PCAP_LINK_NUMBERS.has(Number(text))) return Number(text);
  return undefined;
}

export const compileCommand = defineCommand({
  name: 'compile',
  summary: 'compile a filter ahead of time to classic BPF or eBPF',
  usage: '(FILTER | -e EXPR) --target=cbpf|ebpf [-o OUT] [--format FMT] [--link ethernet|ip|DLT]',
  options: {
    target: { type: 'string', short: 't', arg: 'cbpf|ebpf', help: 'the target: classic BPF or eBPF (required)' },
    output: { type: 'string', short: 'o', arg: 'OUT', help: 'write to OUT (default: standard output); for ebpf with set tables also OUT.maps, the bpftool batch file that fills the set maps' },
    format: {
      type: 'string',
      short: 'f',
      arg: 'FMT',
      help: 'cbpf: ddd (default), dd, d or json; ebpf: elf (default) or listing',
    },
    link: {
      type: 'string',
      arg: 'ethernet|ip|DLT',
      help: 'what offset 0 is: the Ethernet header (default) or the IP header (iptables, SOCK_DGRAM); for a tcpdump expression also a link type to compile it for, as tcpdump -y: EN10MB, LINUX_SLL, LINUX_SLL2, RAW, NULL, LOOP, IPV4, IPV6 or its number',
    },
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
    "vfm compile -e 'tcp dst port 80' --target=cbpf prints what tcpdump -ddd prints for the same expression (verdicts, not always the same instructions); add --link LINUX_SLL (or another -y name) for tcpdump -y LINUX_SLL -ddd.\n" +
    'Example: iptables -m bpf --bytecode "$(vfm compile f.vfl --target=cbpf --link ip --semantics libpcap | tr \'\\n\' \',\' | sed \'s/,$//\')"\n' +
    'Exit status: 0 written, 1 the filter is invalid or the target cannot express it, 2 bad usage.',
  async run(opts, positionals, io) {
    const target = opts.target;
    if (target !== 'cbpf' && target !== 'ebpf') {
      throw new UsageError('ERR_USAGE', `compile needs --target=cbpf or --target=ebpf${target === undefined ? '' : `, got '${target}'`}`);
    }
    const pcapLink = opts.link === undefined || opts.link === 'ethernet' || opts.link === 'ip' ? undefined : pcapLinkOf(opts.link);
    if (opts.link !== undefined && pcapLink === undefined && opts.link !== 'ethernet' && opts.link !== 'ip') {
      throw new UsageError('ERR_USAGE', `--link takes ethernet, ip or a link type for a tcpdump expression (${Object.keys(PCAP_LINK_NAMES).join(', ')} or its number); got '${opts.link}'`);
    }
    const link: LinkMode = opts.link === 'ip' ? 'ip' : 'ethernet';
    const accept = oneOf<AcceptMode>(opts.accept, ['snap', 'value'], 'snap', '--accept');
    const semantics = oneOf<Semantics>(opts.semantics, ['vfm', 'libpcap'], 'vfm', '--semantics');
    if (semantics !== 'vfm' && target !== 'cbpf') throw new UsageError('ERR_USAGE', '--semantics libpcap is for --target=cbpf (the eBPF programs keep the VM meaning)');
    const out = opts.output ?? '-';
    const taken = await takeVerifiedFilter(io, opts, positionals, 'compile');
    const { label: path, rest, tcpdump } = taken;
    if (rest.length > 0) throw new UsageError('ERR_USAGE', `compile takes one filter; unexpected argument '${rest[0]}'; see 'vfm compile --help'`);
    if (pcapLink !== undefined && tcpdump === undefined) {
      throw new UsageError('ERR_USAGE', `--link ${opts.link} compiles a tcpdump expression for that link type; ${path} is not one (other filters see Ethernet frames: --link ethernet or ip)`);
    }
    // A tcpdump expression for another link type: its code reads that link type's bytes from offset 0.
    const program = pcapLink === undefined || pcapLink === 1 ? taken.program : tcpdump!.forLink(pcapLink);
    let data: Uint8Array;
    let sets: readonly EbpfSetMap[] | undefined;
    try {
      if (target === 'cbpf') {
        const format = oneOf<CbpfFormat>(opts.format, CBPF_FORMATS, 'ddd', '--format for cbpf');
        data = new TextEncoder().encode(formatCbpf(compileCbpf(program, { link, accept, semantics }), format));
      } else {
        const format = oneOf(opts.format, EBPF_FORMATS, 'elf', '--format for ebpf');
        const flowTableSize = opts['flow-table'] === undefined ? undefined : parsePositiveInt(opts['flow-table'], '--flow-table', 0);
        const obj = compileEbpf(program, { link, accept, flowTableSize });
        if (format === 'elf') sets = obj.sets;
        if (format === 'elf' && out === '-' && io.stdout.isTTY === true) {
          throw new UsageError('ERR_USAGE', 'an ELF object is binary: write it with -o FILE.o (or use --format listing)');
        }
        data = format === 'elf' ? obj.elf : new TextEncoder().encode(formatEbpfObject(obj, link));
      }
    } catch (e) {
      throw e instanceof FilterError && !(e instanceof UsageError) ? e.inFile(path) : e;
    }
    await writeOutput(io, out, data);
    if (sets !== undefined && sets.length > 0) {
      // The set maps start empty: their contents go beside the object, for the loader.
      if (out === '-') io.stderr.write(`note: the object's ${sets.length} set map${sets.length > 1 ? 's start' : ' starts'} empty; write it with -o FILE.o to get FILE.o.maps, the bpftool batch file that fills ${sets.length > 1 ? 'them' : 'it'}\n`);
      else {
        await writeOutput(io, `${out}.maps`, new TextEncoder().encode(formatSetBatch(sets)));
        io.stderr.write(`wrote ${out}.maps: the contents of ${sets.map((m) => `${m.name} (${m.keys.length} keys)`).join(', ')} as a bpftool batch file\n`);
      }
    }
    return EXIT_OK;
  },
});
