// Generates the classic BPF size table of docs/targets.md: for every VFLisp example and a
// table of filters with a tcpdump equivalent, our instruction count (both meanings, both link
// modes) against libpcap's (`tcpdump -d`, counted by test/oracle/pcap-size.c). Run
// `npm run gen:sizes` after changing the lowering; test/targets/size.test.ts asserts the
// bounds and fails while the table in the docs is out of date.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileVflisp } from '../src/lang/compile.js';
import { verifyProgram } from '../src/verify/verify.js';
import { compileCbpf, type LinkMode, type Semantics } from '../src/targets/cbpf/index.js';
import { FilterError } from '../src/diag/errors.js';

export const TARGETS_DOC_URL = new URL('../../docs/targets.md', import.meta.url);
const ORACLE_URL = new URL('../../test/oracle/pcap-size.c', import.meta.url);
const EXAMPLES_URL = new URL('../../examples/', import.meta.url);

/**
 * A filter of the table: id, VFLisp source (or an example file), the tcpdump expression with
 * the same meaning under `--semantics libpcap` (undefined when there is none), and whether it
 * is a common filter (protocol, ports, addresses, flags) that must fit iptables' 64.
 */
export interface SizeFilter {
  readonly id: string;
  readonly vfl: string;
  readonly pcap: string;
  /** libpcap's expression means the same as the VFLisp filter under --semantics libpcap. */
  readonly same: boolean;
  readonly common: boolean;
}

const v6tcp = (x: string): string => `(ip6 and ip6[6] = 6 and ${x})`;

const TABLE: readonly [string, string, string, ('common' | 'other' | 'differs')?][] = [
  ['tcp', '(= proto 6)', 'tcp', 'common'],
  ['udp', '(= proto 17)', 'udp', 'common'],
  ['icmp', '(= proto 1)', 'ip proto 1 or ip6 proto 1', 'common'],
  ['icmp6', '(= proto 58)', 'ip proto 58 or ip6 proto 58', 'common'],
  ['sctp', '(= proto 132)', 'sctp', 'common'],
  ['not-tcp', '(not (= proto 6))', 'not tcp', 'common'],
  ['ip', '(= ip-version 4)', 'ip', 'common'],
  ['ip6', '(= ip-version 6)', 'ip6', 'common'],
  ['arp', '(= ethertype 0x0806)', 'arp', 'other'],
  ['dst-port-80', '(= dst-port 80)', 'dst port 80', 'common'],
  ['src-port-53', '(= src-port 53)', 'src port 53', 'common'],
  ['port-443', '(or (= src-port 443) (= dst-port 443))', 'port 443', 'common'],
  ['dst-port-set', '(in dst-port 22 80 443 8080)', 'dst port 22 or dst port 80 or dst port 443 or dst port 8080', 'common'],
  ['dst-portrange', '(range dst-port 1024 65535)', 'dst portrange 1024-65535', 'common'],
  ['tcp-dst-80', '(and (= proto 6) (= dst-port 80))', 'tcp dst port 80', 'common'],
  ['udp-services', '(and (= proto 17) (in src-port 53 67 68 123))', 'udp and (src port 53 or src port 67 or src port 68 or src port 123)', 'common'],
  ['src-net-10', '(= src-ip 10.0.0.0/8)', 'ip src net 10.0.0.0/8', 'common'],
  ['dst-net-192', '(= dst-ip 192.168.0.0/16)', 'ip dst net 192.168.0.0/16', 'common'],
  ['net-172', '(or (= src-ip 172.16.0.0/12) (= dst-ip 172.16.0.0/12))', 'ip net 172.16.0.0/12', 'common'],
  ['host', '(or (= src-ip 192.168.1.1) (= dst-ip 192.168.1.1))', 'ip host 192.168.1.1', 'common'],
  ['not-net', '(and (= ip-version 4) (!= src-ip 10.0.0.0/8))', 'ip and not src net 10.0.0.0/8', 'common'],
  ['ip4-field', '(= src-ip4 dst-ip4)', 'ip and ip[12:4] = ip[16:4]', 'other'],
  ['src-ll6', '(= src-ip6 fe80::/10)', 'ip6 src net fe80::/10', 'common'],
  ['dst-host6', '(= dst-ip6 ff02::1)', 'ip6 dst host ff02::1', 'common'],
  ['syn', '(tcp-flag syn)', `tcp[13] & 2 != 0 or ${v6tcp('ip6[53] & 2 != 0')}`, 'common'],
  ['syn-only', '(and (tcp-flag syn) (not (tcp-flag ack)))', `tcp[13] & 18 = 2 or ${v6tcp('ip6[53] & 18 = 2')}`, 'common'],
  ['rst', '(tcp-flag rst)', `tcp[13] & 4 != 0 or ${v6tcp('ip6[53] & 4 != 0')}`, 'common'],
  ['echo-req', '(= icmp-type 8)', 'icmp[0] = 8 or (ip6 and (ip6[6] = 1 or ip6[6] = 58) and ip6[54] = 8)', 'other'],
  ['port-unreach', '(and (= icmp-type 3) (= icmp-code 3))', '(icmp[0] = 3 and icmp[1] = 3) or (ip6 and (ip6[6] = 1 or ip6[6] = 58) and ip6[54] = 3 and ip6[55] = 3)', 'other'],
  ['big', '(> len 1000)', 'len > 1000', 'other'],
  ['ttl-1', '(= ttl 1)', '(ip and ip[8] = 1) or (ip6 and ip6[7] = 1)', 'other'],
  ['ip-len', '(> ip-len 1400)', '(ip and ip[2:2] > 1400) or (ip6 and ip6[4:2] + 40 > 1400)', 'other'],
  ['frag', '(= ip-frag 1)', '(ip and ip[6:2] & 0x3fff != 0) or (ip6 and ip6[6] = 44)', 'other'],
  ['udp-len', '(and (= proto 17) (= (u16 l4 4) 8))', 'udp[4:2] = 8 or (ip6 and ip6[6] = 17 and ip6[44:2] = 8)', 'other'],
  ['tcp-seq0', '(and (= proto 6) (= (u32 l4 4) 0))', `tcp[4:4] = 0 or ${v6tcp('ip6[44:4] = 0')}`, 'other'],
  ['dns-or-ping', '(or (= dst-port 53) (= icmp-type 8))', 'dst port 53 or icmp[0] = 8 or (ip6 and (ip6[6] = 1 or ip6[6] = 58) and ip6[54] = 8)', 'other'],
  ['vlan', '(> vlan-tags 0)', 'vlan', 'other'],
  ['bcast', '(= (u8 0) 0xff)', 'ether[0] = 0xff', 'other'],
];

/** The examples with their tcpdump equivalents. */
const EXAMPLES: readonly [string, string, ('common' | 'other' | 'differs')?][] = [
  ['arithmetic_demo.vfl', '(tcp[2:2] % 10 = 0 or udp[2:2] % 10 = 0 or sctp[2:2] % 10 = 0 or (ip6 and (ip6[6] = 6 or ip6[6] = 17 or ip6[6] = 132) and ip6[42:2] % 10 = 0)) and ((ip and ip[2:2] - 20 > 20) or (ip6 and ip6[4:2] + 20 > 20))', 'other'],
  ['complex_filter.vfl', 'tcp and ((dst port 22 and ip src net 10.1.0.0/16) or dst port 443)', 'common'],
  ['ip_filter.vfl', 'ip src net 192.168.1.0/24 or ip src net 10.0.0.0/8', 'common'],
  ['ipv6_filter.vfl', '(ip6 src net 2001:db8::/32 and not ip6 dst host 2001:db8::53) or (ip6 and (ip6[6] = 1 or ip6[6] = 58) and ip6[54] = 128)', 'other'],
  ['port_range.vfl', 'dst portrange 1000-2000', 'common'],
  ['tcp_filter.vfl', 'tcp', 'common'],
  ['tcp_syn_filter.vfl', `tcp[13] & 18 = 2 or ${v6tcp('ip6[53] & 18 = 2')}`, 'common'],
  // libpcap's `vlan 100` moves every later offset by 4; --semantics libpcap keeps them fixed.
  ['vlan_filter.vfl', 'vlan 100 and udp dst port 53', 'differs'],
  ['web_filter.vfl', 'tcp and (dst port 80 or dst port 443)', 'common'],
];

export function sizeFilters(): SizeFilter[] {
  const out: SizeFilter[] = EXAMPLES.map(([file, pcap, kind]) => ({
    id: file,
    vfl: readFileSync(new URL(file, EXAMPLES_URL), 'utf8'),
    pcap,
    same: kind !== 'differs',
    common: kind === 'common',
  }));
  for (const [id, vfl, pcap, kind] of TABLE) out.push({ id, vfl, pcap, same: kind !== 'differs', common: kind === 'common' });
  return out;
}

/** Our count, or the error code when the target refuses the filter. */
export function ourSize(f: SizeFilter, link: LinkMode, semantics: Semantics): number | string {
  try {
    return compileCbpf(verifyProgram(compileVflisp(f.vfl, f.id).bytes), { link, semantics }).insns.length;
  } catch (e) {
    if (e instanceof FilterError) return e.code;
    throw e;
  }
}

/** libpcap's counts for the expressions (Ethernet or DLT_RAW), or undefined when gcc/libpcap is missing. */
export function libpcapSizes(exprs: readonly string[], link: 'ethernet' | 'raw'): (number | undefined)[] | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'vfm-pcap-size-'));
  const exe = join(dir, 'pcap-size');
  const built = spawnSync('gcc', ['-O2', '-o', exe, fileURLToPath(ORACLE_URL), '-lpcap'], { encoding: 'utf8' });
  if (built.status !== 0) return undefined;
  const out = execFileSync(exe, [link, ...exprs], { encoding: 'utf8' }).trimEnd().split('\n');
  return out.map((l) => (/^\d+$/.test(l) ? Number(l) : undefined));
}

export interface SizeRow {
  readonly filter: SizeFilter;
  readonly libpcap: number | undefined;
  readonly libpcapRaw: number | undefined;
  readonly vfmEth: number | string;
  readonly vfmIp: number | string;
  readonly pcapEth: number | string;
  readonly pcapIp: number | string;
}

/** Bounds: --semantics libpcap within 2x libpcap (same meaning), and within 64 with --link ip for the common filters. */
export function boundsBroken(r: SizeRow): string[] {
  const out: string[] = [];
  if (r.filter.same && typeof r.pcapEth === 'number' && r.libpcap !== undefined && r.pcapEth > 2 * r.libpcap) {
    out.push(`${r.filter.id}: ${r.pcapEth} instructions with --semantics libpcap, libpcap ${r.libpcap} (bound 2x = ${2 * r.libpcap})`);
  }
  if (r.filter.common && (typeof r.pcapIp !== 'number' || r.pcapIp > 64)) out.push(`${r.filter.id}: ${r.pcapIp} with --link ip --semantics libpcap (bound 64)`);
  return out;
}

export function sizeRows(): SizeRow[] | undefined {
  const filters = sizeFilters();
  const eth = libpcapSizes(filters.map((f) => f.pcap), 'ethernet');
  const raw = libpcapSizes(filters.map((f) => f.pcap), 'raw');
  if (eth === undefined || raw === undefined) return undefined;
  return filters.map((f, n) => ({
    filter: f,
    libpcap: eth[n],
    libpcapRaw: raw[n],
    vfmEth: ourSize(f, 'ethernet', 'vfm'),
    vfmIp: ourSize(f, 'ip', 'vfm'),
    pcapEth: ourSize(f, 'ethernet', 'libpcap'),
    pcapIp: ourSize(f, 'ip', 'libpcap'),
  }));
}

const START = '<!-- size-table:start (generated by npm run gen:sizes) -->';
const END = '<!-- size-table:end -->';

export function renderSizeTable(rows: readonly SizeRow[]): string {
  const cell = (v: number | string | undefined): string => (v === undefined ? '–' : typeof v === 'number' ? String(v) : v === 'ERR_TARGET_LINK' ? 'refused' : v);
  const ratio = (ours: number | string, theirs: number | undefined): string => (typeof ours === 'number' && theirs !== undefined ? (ours / theirs).toFixed(2) : '–');
  const lines = [
    START,
    '| filter | tcpdump expression | libpcap | ours, `--semantics libpcap` | ratio | libpcap `DLT_RAW` | ours, `--link ip --semantics libpcap` | ours (VM meaning) | ours, `--link ip` (VM meaning) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const f = r.filter;
    const name = f.id.endsWith('.vfl') ? `\`examples/${f.id}\`` : `\`${f.vfl.replace(/\|/g, '\\|')}\``;
    const mark = f.same ? '' : ' (other meaning)';
    const common = f.common ? ' ¹' : '';
    lines.push(`| ${name}${common} | \`${f.pcap.replace(/\|/g, '\\|')}\`${mark} | ${cell(r.libpcap)} | ${cell(r.pcapEth)} | ${ratio(r.pcapEth, r.libpcap)} | ${cell(r.libpcapRaw)} | ${cell(r.pcapIp)} | ${cell(r.vfmEth)} | ${cell(r.vfmIp)} |`);
  }
  lines.push('', '¹ a common filter (protocol, ports, addresses, flags): at most 64 instructions with `--link ip --semantics libpcap`, the `iptables -m bpf` limit.', END);
  return lines.join('\n');
}

/** The docs with the table replaced. */
export function withSizeTable(doc: string, table: string): string {
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a < 0 || b < 0) throw new Error('docs/targets.md has no size-table markers');
  return doc.slice(0, a) + table + doc.slice(b + END.length);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = sizeRows();
  if (rows === undefined) {
    console.error('gen-size-table: gcc and libpcap-dev are needed to count libpcap instructions');
    process.exit(1);
  }
  const doc = readFileSync(TARGETS_DOC_URL, 'utf8');
  writeFileSync(TARGETS_DOC_URL, withSizeTable(doc, renderSizeTable(rows)));
  for (const r of rows) for (const b of boundsBroken(r)) console.error(`over bound: ${b}`);
}
