// The eBPF target as a whole: a verified program becomes a socket filter and an XDP
// program, packaged in one ELF object (plus the flow-table map when the program uses it),
// with a readable listing of both.

import type { VerifiedProgram } from '../../verify/verify.js';
import { DEFAULT_FLOW_TABLE_SIZE } from '../../vm/flow-table.js';
import type { AcceptMode, LinkMode } from '../cbpf/lower.js';
import { writeEbpfElf } from './elf.js';
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
  const elf = writeEbpfElf({
    programs: [
      { section: 'socket', name: 'vfm_socket', program: socket },
      { section: 'xdp', name: 'vfm_xdp', program: xdp },
    ],
    map: flowTableSize === undefined ? undefined : { name: FLOW_MAP_NAME, maxEntries: flowTableSize },
  });
  return { socket, xdp, flowTableSize, elf };
}

/** Readable listing of both programs. */
export function formatEbpfObject(obj: EbpfObject, link: LinkMode = 'ethernet'): string {
  const parts = [`; socket filter (section socket, function vfm_socket), --link ${link}`, formatEbpfListing(obj.socket.insns, FLOW_MAP_NAME)];
  parts.push('; XDP (section xdp, function vfm_xdp)', formatEbpfListing(obj.xdp.insns, FLOW_MAP_NAME));
  if (obj.flowTableSize !== undefined) parts.push(`; map ${FLOW_MAP_NAME}: BPF_MAP_TYPE_LRU_HASH, key u64, value u64, max_entries ${obj.flowTableSize}\n`);
  return parts.join('\n');
}
