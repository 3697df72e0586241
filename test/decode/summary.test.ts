// The one-line packet decoder (src/decode/) against tcpdump -nn: crafted packets of every
// protocol it decodes, written to a pcap, and captures of the shared corpus (Ethernet,
// VLAN, Linux cooked, raw IP, NULL) through `vfm test -v` and `vfm show`. Compared field
// by field where both print them: time, addresses, ports, protocol, ARP operation.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarizePacket, formatTimeOfDay } from '../../src/decode/summary.js';
import { concat, ether, ipv4, ipv6, tcp, udp, icmp, MAC_A } from '../../src/packet/craft.js';
import { PcapWriter } from '../../src/capture/writer.js';
import { runCli } from '../helpers/cli.js';
import { CORPUS_DIR, EXAMPLES_DIR } from '../helpers/paths.js';

const u16 = (v: number): number[] => [(v >> 8) & 0xff, v & 0xff];
const u32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

function arp(op: number, sha: number[], spa: number[], tha: number[], tpa: number[]): Uint8Array {
  return ether(0x0806, new Uint8Array([...u16(1), ...u16(0x0800), 6, 4, ...u16(op), ...sha, ...spa, ...tha, ...tpa]));
}

function sctpInit(sp: number, dp: number): Uint8Array {
  const chunk = [1, 0, ...u16(20), ...u32(0x01020304), ...u32(65536), ...u16(10), ...u16(10), ...u32(1)];
  return concat([...u16(sp), ...u16(dp), ...u32(0), ...u32(0)], chunk);
}

function icmp6(type: number, body: number[]): Uint8Array {
  return new Uint8Array([type, 0, 0, 0, ...body]);
}

const TARGET = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9];

/** One packet of each kind the decoder handles, with what the summary must say. */
const CRAFTED: readonly { name: string; frame: Uint8Array; text: string; protocol: string }[] = [
  { name: 'tcp syn', frame: ether(0x0800, ipv4({ proto: 6 }, tcp(1234, 80, 0x02))), protocol: 'TCP', text: 'IP 192.0.2.1.1234 > 198.51.100.7.80: Flags [S], seq 1, win 8192, length 0' },
  { name: 'tcp data', frame: ether(0x0800, ipv4({ proto: 6 }, tcp(80, 1234, 0x18, [1, 2, 3]))), protocol: 'TCP', text: 'IP 192.0.2.1.80 > 198.51.100.7.1234: Flags [P.], seq 1:4, ack 0, win 8192, length 3' },
  { name: 'udp', frame: ether(0x0800, ipv4({ proto: 17 }, udp(5000, 6000, [9, 9, 9, 9]))), protocol: 'UDP', text: 'IP 192.0.2.1.5000 > 198.51.100.7.6000: UDP, length 4' },
  { name: 'icmp echo', frame: ether(0x0800, ipv4({ proto: 1 }, icmp(8, 0))), protocol: 'ICMP', text: 'IP 192.0.2.1 > 198.51.100.7: ICMP echo request, id 0, seq 0, length 8' },
  { name: 'icmp unreachable', frame: ether(0x0800, ipv4({ proto: 1 }, icmp(3, 3))), protocol: 'ICMP', text: 'IP 192.0.2.1 > 198.51.100.7: ICMP port unreachable, length 8' },
  { name: 'vlan tcp', frame: ether(0x0800, ipv4({ proto: 6 }, tcp(22, 40000, 0x11)), [100]), protocol: 'TCP', text: 'vlan 100, p 0, IP 192.0.2.1.22 > 198.51.100.7.40000: Flags [F.], seq 1, ack 0, win 8192, length 0' },
  { name: 'qinq udp', frame: ether(0x0800, ipv4({ proto: 17 }, udp(53, 53)), [10, 20]), protocol: 'UDP', text: 'vlan 10, p 0, vlan 20, p 0, IP 192.0.2.1.53 > 198.51.100.7.53: UDP, length 0' },
  { name: 'arp request', frame: arp(1, MAC_A, [10, 0, 0, 2], [0, 0, 0, 0, 0, 0], [10, 0, 0, 1]), protocol: 'ARP', text: 'ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28' },
  { name: 'arp reply', frame: arp(2, MAC_A, [10, 0, 0, 1], MAC_A, [10, 0, 0, 2]), protocol: 'ARP', text: 'ARP, Reply 10.0.0.1 is-at 02:00:00:00:00:01, length 28' },
  { name: 'ipv6 tcp', frame: ether(0x86dd, ipv6(6, tcp(443, 50000, 0x12))), protocol: 'TCP', text: 'IP6 2001:db8::1.443 > 2001:db8::2.50000: Flags [S.], seq 1, ack 0, win 8192, length 0' },
  {
    name: 'ipv6 ext udp',
    frame: ether(0x86dd, ipv6(17, udp(546, 547, [1, 2]), [{ type: 0, body: [1, 4, 0, 0, 0, 0] }, { type: 60, body: [1, 4, 0, 0, 0, 0] }])),
    protocol: 'UDP',
    text: 'IP6 2001:db8::1 > 2001:db8::2: HBH DSTOPT 546 > 547: UDP, length 2',
  },
  {
    name: 'ipv6 fragment',
    frame: ether(0x86dd, ipv6(17, udp(7, 7, [0, 0, 0, 0]), [{ type: 44, body: [0, 1, 0, 0, 0, 5] }])),
    protocol: 'UDP',
    text: 'IP6 2001:db8::1 > 2001:db8::2: frag (0|12) 7 > 7: UDP, length 4',
  },
  { name: 'icmp6 echo', frame: ether(0x86dd, ipv6(58, icmp6(128, [0, 7, 0, 1]))), protocol: 'ICMP6', text: 'IP6 2001:db8::1 > 2001:db8::2: ICMP6, echo request, id 7, seq 1, length 8' },
  { name: 'icmp6 ns', frame: ether(0x86dd, ipv6(58, icmp6(135, [0, 0, 0, 0, ...TARGET]))), protocol: 'ICMP6', text: 'IP6 2001:db8::1 > 2001:db8::2: ICMP6, neighbor solicitation, who has fe80::9, length 24' },
  { name: 'sctp init', frame: ether(0x0800, ipv4({ proto: 132 }, sctpInit(5000, 6000))), protocol: 'SCTP', text: 'IP 192.0.2.1.5000 > 198.51.100.7.6000: sctp (1) [INIT]' },
  { name: 'ip in ip', frame: ether(0x0800, ipv4({ proto: 4, src: [1, 1, 1, 1], dst: [2, 2, 2, 2] }, ipv4({ proto: 17 }, udp(1, 2)))), protocol: 'UDP', text: 'IP 1.1.1.1 > 2.2.2.2: IP 192.0.2.1.1 > 198.51.100.7.2: UDP, length 0' },
];

test('decoder: each protocol gives the tcpdump -nn style line and its fields', () => {
  for (const c of CRAFTED) {
    const s = summarizePacket(c.frame, 0, c.frame.length, 1);
    assert.equal(s.text, c.text, c.name);
    assert.equal(s.protocol, c.protocol, c.name);
    assert.equal(s.undecoded, '', c.name);
  }
  const syn = summarizePacket(CRAFTED[0].frame, 0, CRAFTED[0].frame.length, 1);
  assert.deepEqual([syn.src, syn.dst, syn.srcPort, syn.dstPort, syn.tcpFlags], ['192.0.2.1', '198.51.100.7', 1234, 80, 'S']);
});

test('decoder: says what it could not decode', () => {
  const gre = ether(0x0800, ipv4({ proto: 47 }, new Uint8Array(8)));
  const g = summarizePacket(gre, 0, gre.length, 1);
  assert.equal(g.text, 'IP 192.0.2.1 > 198.51.100.7: GRE not decoded, length 8');
  assert.equal(g.undecoded, 'GRE not decoded');
  const full = ether(0x0800, ipv4({ proto: 6 }, tcp(1, 2, 2)));
  const cut = summarizePacket(full, 0, 14 + 20 + 10, 1, full.length);
  assert.equal(cut.text, 'IP 192.0.2.1.1 > 198.51.100.7.2: [|tcp]');
  assert.equal(cut.undecoded, 'truncated TCP header: needs 20 bytes, 10 captured');
  const lldp = ether(0x88cc, new Uint8Array(20));
  assert.match(summarizePacket(lldp, 0, lldp.length, 1).text, /^02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype LLDP \(0x88cc\), length 34: payload not decoded$/);
  const frag = ether(0x0800, ipv4({ proto: 17, fragOffset: 10 }, new Uint8Array(16)));
  assert.equal(summarizePacket(frag, 0, frag.length, 1).undecoded, 'non-first fragment of UDP not decoded');
  const wifi = new Uint8Array(30);
  assert.equal(summarizePacket(wifi, 0, 30, 105).text, 'link type 105 (IEEE802_11) not decoded, length 30');
  assert.equal(summarizePacket(new Uint8Array(5), 0, 5, 1).undecoded, 'truncated Ethernet header: needs 14 bytes, 5 captured');
  assert.equal(formatTimeOfDay(86400 + 3723, 456789123), '01:02:03.456789');
});

/** Fields both tcpdump -nn and VFM print, from one line (time first). */
interface Fields {
  time: string;
  net: string;
  src?: string;
  dst?: string;
  srcPort?: string;
  dstPort?: string;
  proto?: string;
}

function fields(line: string): Fields {
  const m = /^(\d\d:\d\d:\d\d\.\d{6}) (?:vlan \d+, p \d+, (?:DEI, )?)*(.*)$/.exec(line);
  assert.ok(m, `not a summary line: ${line}`);
  const [, time, rest] = m;
  const arpM = /^ARP, (Request who-has (\S+) (?:\(\S+\) )?tell (\S+),|Reply (\S+) is-at)/.exec(rest);
  if (arpM) return { time, net: 'ARP', src: arpM[3] ?? arpM[4], dst: arpM[2], proto: arpM[2] !== undefined ? 'request' : 'reply' };
  const ipM = /^(IP6?) (\S+) > (\S+?): (.*)$/.exec(rest);
  if (!ipM) return { time, net: rest.split(/[ ,]/)[0] };
  const [, net, a, b, tail] = ipM;
  const split = (t: string): [string, string | undefined] => {
    const p = /^(.*)\.(\d+)$/.exec(t);
    if (p === null || (net === 'IP' && t.split('.').length !== 5)) return [t, undefined];
    return [p[1], p[2]];
  };
  const [src, srcPort] = split(a);
  const [dst, dstPort] = split(b);
  const f: Fields = { time, net, src, dst, srcPort, dstPort };
  // After IPv6 extension headers tcpdump prints the ports there.
  const ext = /^(?:(?:HBH|DSTOPT|srcrt|frag \([^)]*\)|AH\([^)]*\):) )+(?:(\d+) > (\d+): )?(.*)$/.exec(tail);
  const upper = ext === null ? tail : ext[3];
  if (ext !== null && ext[1] !== undefined) [f.srcPort, f.dstPort] = [ext[1], ext[2]];
  if (upper.startsWith('Flags [')) f.proto = 'TCP';
  else if (upper.startsWith('UDP,')) f.proto = 'UDP';
  else if (upper.startsWith('ICMP6,')) f.proto = 'ICMP6';
  else if (upper.startsWith('ICMP ')) f.proto = 'ICMP';
  else if (upper.startsWith('sctp')) f.proto = 'SCTP';
  return f;
}

/** Compare line by line; a field tcpdump does not print (or prints as decoded payload) is skipped. */
function compareLines(label: string, ours: string[], theirs: string[]): number {
  assert.equal(ours.length, theirs.length, `${label}: ${ours.length} lines from vfm, ${theirs.length} from tcpdump`);
  let compared = 0;
  for (let k = 0; k < ours.length; k++) {
    const o = fields(ours[k]);
    const t = fields(theirs[k]);
    const where = `${label} packet ${k + 1}\n  vfm:     ${ours[k]}\n  tcpdump: ${theirs[k]}`;
    assert.equal(o.time, t.time, where);
    if (t.net !== 'IP' && t.net !== 'IP6' && t.net !== 'ARP') continue;
    assert.equal(o.net, t.net, where);
    assert.equal(o.src, t.src, where);
    assert.equal(o.dst, t.dst, where);
    if (t.srcPort !== undefined) {
      assert.equal(o.srcPort, t.srcPort, where);
      assert.equal(o.dstPort, t.dstPort, where);
    }
    if (t.proto !== undefined) assert.equal(o.proto, t.proto, where);
    compared++;
  }
  return compared;
}

function tcpdumpLines(path: string): string[] | string {
  const r = spawnSync('tcpdump', ['-nn', '-r', path], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' }, maxBuffer: 1 << 26 });
  if (r.error !== undefined) return `tcpdump is not installed (${r.error.message})`;
  return r.stdout.split('\n').filter((l) => /^\d\d:\d\d:\d\d\.\d{6} /.test(l));
}

const tcpdumpMissing = ((): string | undefined => {
  const r = spawnSync('tcpdump', ['--version'], { encoding: 'utf8' });
  return r.error === undefined ? undefined : 'tcpdump is not installed; install tcpdump to compare the decoder with it';
})();

test('decoder vs tcpdump -nn on crafted packets of every protocol', { skip: tcpdumpMissing }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'vfm-decode-'));
  const path = join(dir, 'crafted.pcap');
  const chunks: Uint8Array[] = [];
  const w = new PcapWriter((c: Uint8Array) => void chunks.push(c.slice()));
  CRAFTED.forEach((c, k) => w.writePacket(c.frame, 1700000000 + k, k * 1000));
  w.flush();
  writeFileSync(path, concat(...chunks));
  const theirs = tcpdumpLines(path);
  assert.ok(Array.isArray(theirs), String(theirs));
  const ours = CRAFTED.map((c, k) => `${formatTimeOfDay(1700000000 + k, k * 1000)} ${c.text}`);
  const compared = compareLines('crafted', ours, theirs);
  assert.equal(compared, CRAFTED.length);
});

/** Corpus captures covering Ethernet, VLAN, IPv6 extension headers, ICMPv6, GRE, DCCP, Linux cooked, raw IP and NULL. */
const CORPUS_CAPTURES = [
  'ssh.pcap',
  'mptcp-v0.pcap',
  'OSPFv3_with_AH.pcap',
  'icmpv6-ra-pref64.pcap',
  'bigtcp-ipv6-hbh.pcap',
  'dccp_partial_csum_v6_simple.pcap',
  'NHRP-responder-address.pcap',
  'bfd_source_port_49152.pcap',
  'resp_1_benchmark.pcap',
  'babel_rtt.pcap',
  'quic_handshake.pcap',
  'icmp-rfc8335.pcap',
];

test('vfm test -v prints the same addresses, ports and protocols as tcpdump -nn (bundled sample)', { skip: tcpdumpMissing }, async () => {
  const sample = join(EXAMPLES_DIR, 'sample.pcap');
  const r = await runCli(['test', '-v', join(EXAMPLES_DIR, 'accept_all.vfm'), sample]);
  assert.equal(r.code, 0, r.stderr);
  const ours = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('Packet '))
    .map((l) => {
      const m = /^Packet \d+: (?:ACCEPT \(value \d+\)|DROP|ERROR .*? at pc \d+) {2}(.*)$/.exec(l);
      assert.ok(m, l);
      return m[1];
    });
  const theirs = tcpdumpLines(sample);
  assert.ok(Array.isArray(theirs), String(theirs));
  assert.ok(compareLines('sample.pcap', ours, theirs) > 150);
});

test('vfm show agrees with tcpdump -nn on corpus captures', { skip: tcpdumpMissing ?? (existsSync(CORPUS_DIR) ? undefined : `the shared corpus is missing (${CORPUS_DIR}); skipping the corpus comparison`) }, async () => {
  let compared = 0;
  for (const name of CORPUS_CAPTURES) {
    const path = join(CORPUS_DIR, name);
    const r = await runCli(['show', path]);
    assert.ok(r.code === 0 || r.code === 1, `${name}: ${r.stderr}`);
    const theirs = tcpdumpLines(path);
    assert.ok(Array.isArray(theirs), String(theirs));
    compared += compareLines(name, r.stdout.split('\n').filter((l) => l !== ''), theirs);
  }
  assert.ok(compared > 300, `only ${compared} lines compared`);
});

test('vfm show: -n numbers, -F keeps the accepted packets, -c stops, a damaged capture exits 1 after its good packets', async () => {
  const sample = join(EXAMPLES_DIR, 'sample.pcap');
  const all = await runCli(['show', '-n', sample]);
  assert.equal(all.code, 0, all.stderr);
  const lines = all.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 199);
  assert.ok(lines.every((l, k) => l.startsWith(`${k + 1}  `)));
  const syn = await runCli(['show', '-F', join(EXAMPLES_DIR, 'tcp_syn_filter.vfm'), sample]);
  assert.equal(syn.code, 0, syn.stderr);
  const synLines = syn.stdout.trimEnd().split('\n');
  assert.ok(synLines.length > 0 && synLines.length < 199);
  assert.ok(synLines.every((l) => / Flags \[S\]/.test(l)), syn.stdout);
  const two = await runCli(['show', '-c', '2', '-F', join(EXAMPLES_DIR, 'tcp_syn_filter.vfm'), sample]);
  assert.deepEqual(two.stdout.trimEnd().split('\n'), synLines.slice(0, 2));
  const bytes = readFileSync(sample);
  const cut = await runCli(['show', '-'], new Uint8Array(bytes.subarray(0, 1000)));
  assert.equal(cut.code, 1);
  assert.ok(cut.stdout.trimEnd().split('\n').length >= 1);
  assert.match(cut.stderr, /truncated/);
  const usage = await runCli(['show']);
  assert.equal(usage.code, 2);
});
