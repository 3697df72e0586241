// The pcap-filter rows of `npm run bench`: tcpdump expressions compiled by VFM's pcap-filter
// front end (no program file: the expression is the source), run on every tier, against
// libpcap's bpf_filter compiling the very same expression text in the same run.

import { compilePcapFilter } from '../src/pcap/index.js';
import { systemPcapNames } from '../src/node/pcap-names.js';
import { verifyProgram } from '../src/verify/verify.js';
import type { BenchFilter } from './filters.js';

/** name, expression, summary */
const PCAP_BENCH: readonly (readonly [string, string, string])[] = [
  ['pcap-tcp-dst-80', 'tcp dst port 80', "tcpdump expression 'tcp dst port 80' compiled by VFM (IPv4 and IPv6, as libpcap compiles it)"],
  ['pcap-web-syn', 'tcp[tcpflags] & tcp-syn != 0 and (dst port 80 or dst port 443)', "tcpdump expression: SYNs to port 80 or 443, with libpcap's semantics"],
];

/** The pcap-filter bench filters (BenchFilter rows whose libpcap baseline is the same text). */
export function pcapBenchFilters(): BenchFilter[] {
  const names = systemPcapNames();
  return PCAP_BENCH.map(([name, expr, summary]) => ({
    name,
    summary,
    tcpdump: expr,
    flowTableSlots: 0,
    path: `-e '${expr}'`,
    language: 'pcap' as const,
    program: verifyProgram(compilePcapFilter(expr, { names }).bytes),
  }));
}
