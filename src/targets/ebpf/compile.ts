// The eBPF target as a whole: a verified program becomes a socket filter and an XDP
// program, packaged in one ELF object (plus the flow-table map when the program uses it and
// a map per set table, whose contents come back beside the object for the loader),
// with a readable listing of both.

import type { VerifiedProgram } from '../../verify/verify.js';
import { DEFAULT_FLOW_TABLE_SIZE } from '../../vm/flow-table.js';
import type { AcceptMode, LinkMode } from '../cbpf/lower.js';
import { type ElfMap, writeEbpfElf } from './elf.js';
import { BPF_MAP_TYPE_HASH, type EbpfSetMap, setMap, setMapName } from './sets.js';
import { formatEbpfListing } from './insn.js';
import { type EbpfProgram, lowerEbpf } from './lower.js';

export interface EbpfOptions {
  /** What the socket filter sees at offset 0 (XDP always starts at the Ethernet header). */
  readonly link?: LinkMode;
  readonly accept?: AcceptMode;
  /** max_entries of the flow-table map (default 65536, the VM's default table size). */
  readonly flowTableSize?: number;
}

export interface EbpfObject {
  readonly socket: EbpfProgram;
  readonly xdp: EbpfProgram;
  readonly flowTableSize: number | undefined;
  /** One map per set table, with the keys the loader must put in (the object's maps start empty). */
  readonly sets: readonly EbpfSetMap[];
  /** The ELF relocatable object: sections `socket` (vfm_socket) and `xdp` (vfm_xdp). */
  readonly elf: Uint8Array;
}

/** Name of the flow-table map in the object file. */
export const FLOW_MAP_NAME = 'vfm_flows';

/**
 * Compile a verified program to an eBPF object.
 * @throws {CompileError} with the pc of the first instruction eBPF cannot express
 */
export function compileEbpf(prog: VerifiedProgram, options: EbpfOptions = {}): EbpfObject {
  const socket = lowerEbpf(prog, { type: 'socket', link: options.link, accept: options.accept });
  const xdp = lowerEbpf(prog, { type: 'xdp' });
  const flowTableSize = prog.usesFlowTable ? (options.flowTableSize ?? DEFAULT_FLOW_TABLE_SIZE) : undefined;
  const sets = prog.tables.map((t, n) => setMap(t, n));
  const maps: ElfMap[] = [];
  if (flowTableSize !== undefined) maps.push({ kind: 'flow', name: FLOW_MAP_NAME, maxEntries: flowTableSize });
  for (const m of sets) maps.push({ kind: 'set', name: m.name, type: m.type, maxEntries: m.keys.length, keySize: m.keySize, valueSize: m.valueSize, flags: m.flags });
  const elf = writeEbpfElf({
    programs: [
      { section: 'socket', name: 'vfm_socket', program: socket },
      { section: 'xdp', name: 'vfm_xdp', program: xdp },
    ],
    maps,
  });
  return { socket, xdp, flowTableSize, sets, elf };
}

/** Readable listing of both programs. */
export function formatEbpfObject(obj: EbpfObject, link: LinkMode = 'ethernet'): string {
  const setNames = (p: EbpfProgram): Map<number, string> => new Map(p.setLoads.map(([n, table]) => [n, setMapName(table)]));
  const parts = [`; socket filter (section socket, function vfm_socket), --link ${link}`, formatEbpfListing(obj.socket.insns, FLOW_MAP_NAME, setNames(obj.socket))];
  parts.push('; XDP (section xdp, function vfm_xdp)', formatEbpfListing(obj.xdp.insns, FLOW_MAP_NAME, setNames(obj.xdp)));
  if (obj.flowTableSize !== undefined) parts.push(`; map ${FLOW_MAP_NAME}: BPF_MAP_TYPE_LRU_HASH, key u64, value u64, max_entries ${obj.flowTableSize}\n`);
  for (const m of obj.sets) {
    const kind = m.type === BPF_MAP_TYPE_HASH ? 'BPF_MAP_TYPE_HASH, key: the value\'s big-endian bytes' : 'BPF_MAP_TYPE_LPM_TRIE, key: u32 prefix length + big-endian bytes';
    parts.push(`; map ${m.name} (set table ${m.table}): ${kind}, ${m.keySize}-byte key, value u8 1, max_entries ${m.keys.length}; the loader fills it (vfm compile writes OUT.maps, a bpftool batch file)\n`);
  }
  return parts.join('\n');
}
