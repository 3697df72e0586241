// Generates the captures of the stateful examples (examples/stateful/*.pcap): a SYN flood, a
// port scan, DNS amplification and one heavy source, each mixed with benign traffic, written
// with VFM's own PcapWriter. Deterministic: fixed seeds and a fixed clock. Each scenario also
// says which packets its filter must drop, from a plain model of the scenario written here
// (independent of the compiler and the VM), so the example tests check exact packet numbers.
// Run: npm run build && node dist/scripts/gen-stateful-captures.js [DIR]

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PcapWriter } from '../src/capture/writer.js';
import { MAC_A, MAC_B, concat, ipv4, ipv6, tcp, udp } from '../src/packet/craft.js';
import { rng } from '../bench/mix.js';

/** 2026-01-01T00:00:00Z, the start of every scenario. */
export const EPOCH_SEC = 1_767_225_600;
const SYN = 0x02;
const ACK = 0x10;
const RST = 0x04;
const PSH = 0x08;

interface Record {
  readonly data: Uint8Array;
  /** Microseconds since EPOCH_SEC. */
  readonly us: number;
  /** What the scenario put it there for. */
  readonly label: string;
  /** Original length when the frame is cut by the snap length. */
  readonly wireLength?: number;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly pcap: Uint8Array;
  readonly packets: number;
  /** 1-based numbers of the packets the example filters drop. */
  readonly dropped: readonly number[];
  /** Label of every packet, by number - 1. */
  readonly labels: readonly string[];
}

type Addr = readonly number[];
const ip = (text: string): Addr => text.split('.').map(Number);
const u32 = (a: Addr): number => ((a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3]) >>> 0;

/** Ethernet II with explicit addresses (both locally administered). */
function eth(etherType: number, payload: Uint8Array): Uint8Array {
  return concat(MAC_B, MAC_A, [etherType >> 8, etherType & 0xff], payload);
}

function tcp4(src: Addr, dst: Addr, sport: number, dport: number, flags: number, data: number[] = []): Uint8Array {
  return eth(0x0800, ipv4({ src: [...src], dst: [...dst], proto: 6 }, tcp(sport, dport, flags, data)));
}

function udp4(src: Addr, dst: Addr, sport: number, dport: number, data: number[]): Uint8Array {
  return eth(0x0800, ipv4({ src: [...src], dst: [...dst], proto: 17 }, udp(sport, dport, data)));
}

function tcp6(last: number, dport: number, flags: number): Uint8Array {
  const src = [0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, last];
  const dst = [0x20, 0x01, 0x0d, 0xb8, 0, 0x99, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
  return eth(0x86dd, ipv6(6, tcp(40000 + last, dport, flags), [], src, dst));
}

function arp(): Uint8Array {
  return eth(0x0806, Uint8Array.from([0, 1, 8, 0, 6, 4, 0, 1, ...MAC_A, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 10, 0, 0, 80]));
}

/** A DNS message: id, flags, one question for `name` type A, padded to `size` bytes. */
function dns(id: number, response: boolean, size: number): number[] {
  const name = [7, ...Array.from('example', (c) => c.charCodeAt(0)), 3, 99, 111, 109, 0];
  const out = [id >> 8, id & 0xff, response ? 0x81 : 0x01, response ? 0x80 : 0x00, 0, 1, 0, response ? 1 : 0, 0, 0, 0, 0, ...name, 0, 1, 0, 1];
  while (out.length < size) out.push(out.length & 0xff);
  return out;
}

/** Sort by time (stable) and write; the snap length cuts big frames as `tcpdump -s` does. */
function writeCapture(records: Record[], snaplen = 262144): { pcap: Uint8Array; records: Record[] } {
  const sorted = records.map((r, i) => ({ r, i })).sort((a, b) => a.r.us - b.r.us || a.i - b.i).map((x) => x.r);
  const chunks: Uint8Array[] = [];
  const w = new PcapWriter((c) => chunks.push(c.slice()), { snaplen });
  for (const r of sorted) {
    const sec = EPOCH_SEC + Math.floor(r.us / 1e6);
    w.writePacket(r.data, sec, (r.us % 1e6) * 1000, r.wireLength ?? r.data.length);
  }
  w.flush();
  return { pcap: concat(...chunks), records: sorted };
}

/**
 * The fixed-window count of docs/stateful.md: a key's window opens at its first packet and a
 * new one at its first packet a window or more later (times in whole milliseconds).
 */
class WindowCounter {
  private readonly windows = new Map<string, { startMs: number; n: number }>();
  constructor(private readonly windowMs: number) {}
  /** Count a packet; returns the count in its window, this packet included. */
  add(key: string, us: number): number {
    const nowMs = Math.floor(us / 1000) + EPOCH_SEC * 1000;
    let w = this.windows.get(key);
    if (w === undefined || nowMs >= w.startMs + this.windowMs) w = { startMs: nowMs, n: 0 };
    w.n++;
    this.windows.set(key, w);
    return w.n;
  }
  /** The window of `key` after rolling it at `us` (for distinct counting). */
  roll(key: string, us: number): { startMs: number; n: number } {
    const nowMs = Math.floor(us / 1000) + EPOCH_SEC * 1000;
    let w = this.windows.get(key);
    if (w === undefined || nowMs >= w.startMs + this.windowMs) w = { startMs: nowMs, n: 0 };
    this.windows.set(key, w);
    return w;
  }
}

function scenario(name: string, description: string, records: Record[], drops: (r: Record) => boolean, snaplen?: number): Scenario {
  const { pcap, records: sorted } = writeCapture(records, snaplen);
  const dropped: number[] = [];
  sorted.forEach((r, k) => {
    if (drops(r)) dropped.push(k + 1);
  });
  return { name, description, pcap, packets: sorted.length, dropped, labels: sorted.map((r) => r.label) };
}

/** Benign IPv6 web sessions and ARP, which every example passes. */
function background(random: () => number, seconds: number): Record[] {
  const out: Record[] = [];
  for (let k = 0; k < seconds * 2; k++) {
    const us = Math.floor(random() * seconds * 1e6);
    const host = 1 + Math.floor(random() * 6);
    out.push({ data: tcp6(host, 443, k % 3 === 0 ? SYN : ACK | PSH), us, label: 'benign-ipv6' });
  }
  for (let k = 0; k < seconds; k++) out.push({ data: arp(), us: k * 1e6 + 500_000, label: 'benign-arp' });
  return out;
}

/** SYN flood: 400 spoofed SYNs in 2 s at one web server among 20 ordinary clients. */
function synFlood(): Scenario {
  const random = rng(0x5f1d);
  const server = ip('10.0.0.80');
  const records: Record[] = background(random, 10);
  for (let c = 0; c < 20; c++) {
    const client = ip(`192.168.1.${10 + c}`);
    const start = Math.floor(random() * 9e6);
    const port = 50000 + c;
    records.push({ data: tcp4(client, server, port, 80, SYN), us: start, label: 'benign-syn' });
    records.push({ data: tcp4(server, client, 80, port, SYN | ACK), us: start + 300, label: 'benign' });
    records.push({ data: tcp4(client, server, port, 80, ACK), us: start + 600, label: 'benign' });
    records.push({ data: tcp4(client, server, port, 80, ACK | PSH, [71, 69, 84, 32]), us: start + 700, label: 'benign' });
  }
  for (let k = 0; k < 400; k++) {
    const src = [198, 18, Math.floor(random() * 256), 1 + Math.floor(random() * 254)];
    records.push({ data: tcp4(src, server, 1024 + Math.floor(random() * 60000), 80, SYN), us: 3_000_000 + k * 5000, label: 'attack-syn' });
  }
  // SYNs to another service of the same host are counted apart.
  for (let k = 0; k < 30; k++) records.push({ data: tcp4(ip('192.168.1.99'), server, 41000 + k, 22, SYN), us: 3_500_000 + k * 20_000, label: 'benign-syn' });
  const counter = new WindowCounter(1000);
  return scenario(
    'syn_flood',
    'SYNs (without ACK) to one server port beyond 50 per 1-second window are dropped',
    records,
    (r) => {
      const d = r.data;
      if (d[12] !== 0x08 || d[13] !== 0 || d[23] !== 6 || (d[47] & (SYN | ACK)) !== SYN) return false;
      const key = `${u32([...d.subarray(30, 34)])}:${(d[36] << 8) | d[37]}`;
      return counter.add(key, r.us) > 50;
    },
  );
}

/** Port scan: a fast scanner (100 ports in 50 s), a slow one (1 port per 30 s), busy clients. */
function portScan(): Scenario {
  const random = rng(0x5ca7);
  const target = ip('10.0.0.5');
  const records: Record[] = background(random, 900).filter((_, k) => k % 10 === 0);
  const fast = ip('203.0.113.66');
  for (let p = 1; p <= 100; p++) {
    const us = 60e6 + p * 500_000;
    records.push({ data: tcp4(fast, target, 61000, p, SYN), us, label: 'attack-syn' });
    records.push({ data: tcp4(target, fast, p, 61000, p % 10 === 0 ? SYN | ACK : RST | ACK), us: us + 200, label: 'scan-reply' });
  }
  const slow = ip('203.0.113.77');
  for (let k = 0; k < 30; k++) records.push({ data: tcp4(slow, target, 62000, 1000 + k, SYN), us: k * 30e6 + 1e6, label: 'slow-scan-syn' });
  for (let c = 0; c < 12; c++) {
    const client = ip(`192.168.2.${20 + c}`);
    for (let k = 0; k < 15; k++) {
      const port = [22, 80, 443][(c + k) % 3];
      const us = Math.floor(random() * 880e6);
      records.push({ data: tcp4(client, target, 30000 + k, port, SYN), us, label: 'benign-syn' });
      records.push({ data: tcp4(client, target, 30000 + k, port, ACK), us: us + 500, label: 'benign' });
    }
  }
  const windows = new WindowCounter(300_000);
  const seen = new Map<string, number>();
  return scenario(
    'port_scan',
    'a source that has sent SYNs to 15 or more distinct ports within 5 minutes: its SYNs are dropped (Zeek-like defaults)',
    records,
    (r) => {
      const d = r.data;
      if (d[12] !== 0x08 || d[13] !== 0 || d[23] !== 6 || (d[47] & (SYN | ACK)) !== SYN) return false;
      const src = String(u32([...d.subarray(26, 30)]));
      const port = (d[36] << 8) | d[37];
      const w = windows.roll(src, r.us);
      const marker = `${src}/${port}`;
      if (seen.get(marker) !== w.startMs) {
        seen.set(marker, w.startMs);
        w.n++;
      }
      return w.n >= 15;
    },
  );
}

/** DNS amplification at a client: answers to its own queries pass, big unsolicited ones do not. */
function dnsAmplification(): Scenario {
  const random = rng(0xd45);
  const resolver = ip('192.168.1.1');
  const records: Record[] = background(random, 20);
  const clients = [ip('192.168.1.10'), ip('192.168.1.11')];
  for (let k = 0; k < 60; k++) {
    const client = clients[k % 2];
    const id = 0x1000 + k;
    const port = 33000 + k;
    const us = Math.floor(random() * 19e6);
    const size = k % 4 === 0 ? 1200 : 80; // some DNSSEC-sized answers
    records.push({ data: udp4(client, resolver, port, 53, dns(id, false, 30)), us, label: 'query' });
    records.push({ data: udp4(resolver, client, 53, port, dns(id, true, size)), us: us + 2000, label: size > 512 ? 'answer-large' : 'answer' });
  }
  // The victim 192.168.1.10 gets floods of big answers from open resolvers it never asked.
  for (let k = 0; k < 150; k++) {
    const reflector = [198, 51, 100, 1 + (k % 40)];
    const id = Math.floor(random() * 65536);
    const size = k % 5 === 0 ? 300 : 1400;
    records.push({ data: udp4(reflector, clients[0], 53, 33000 + Math.floor(random() * 60), dns(id, true, size)), us: 5e6 + k * 40_000, label: size > 512 ? 'attack-answer' : 'unsolicited-small' });
  }
  // A large answer with the right ports but the wrong DNS id is unsolicited too.
  records.push({ data: udp4(resolver, clients[1], 53, 33001, dns(0xbeef, true, 900)), us: 19.5e6, label: 'attack-answer' });
  const asked = new Set<string>();
  return scenario(
    'dns_amplification',
    'UDP answers from port 53 with an IP length above 512 bytes that match no earlier query (client, port, resolver, DNS id) are dropped',
    records,
    (r) => {
      const d = r.data;
      if (d[23] !== 17) return false;
      const srcIp = u32([...d.subarray(26, 30)]);
      const dstIp = u32([...d.subarray(30, 34)]);
      const sport = (d[34] << 8) | d[35];
      const dport = (d[36] << 8) | d[37];
      const id = (d[42] << 8) | d[43];
      if (dport === 53) {
        asked.add(`${srcIp}:${sport}>${dstIp}#${id}`);
        return false;
      }
      return sport === 53 && ((d[16] << 8) | d[17]) > 512 && !asked.has(`${dstIp}:${dport}>${srcIp}#${id}`);
    },
    256,
  );
}

/** Per-source rate limit: one source sends 200 packets/s for 3 s among sources at 10/s. */
function rateLimit(): Scenario {
  const random = rng(0x7a7e);
  const server = ip('10.0.0.9');
  const records: Record[] = background(random, 8);
  for (let s = 0; s < 8; s++) {
    const src = ip(`172.16.0.${s + 1}`);
    for (let k = 0; k < 80; k++) records.push({ data: udp4(src, server, 5000 + s, 9000, [k & 0xff]), us: Math.floor(random() * 8e6), label: 'benign' });
  }
  const heavy = ip('172.16.9.9');
  for (let k = 0; k < 600; k++) records.push({ data: udp4(heavy, server, 5999, 9000, [k & 0xff]), us: 2e6 + Math.floor((k * 3e6) / 600), label: 'heavy' });
  const counter = new WindowCounter(1000);
  return scenario(
    'rate_limit',
    'an IPv4 or IPv6 source beyond 100 packets in its 1-second window is dropped',
    records,
    (r) => {
      const d = r.data;
      const key = d[12] === 0x08 && d[13] === 0 ? `4:${u32([...d.subarray(26, 30)])}` : d[12] === 0x86 && d[13] === 0xdd ? `6:${Array.from(d.subarray(22, 38)).join('.')}` : undefined;
      return key !== undefined && counter.add(key, r.us) > 100;
    },
  );
}

/** Every scenario, in a fixed order. */
export function generateStatefulCaptures(): Scenario[] {
  return [synFlood(), portScan(), dnsAmplification(), rateLimit()];
}

/** Where the examples live in the source tree. */
export function statefulExamplesDir(repoRoot: string): string {
  return join(repoRoot, 'examples', 'stateful');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
  const dir = process.argv[2] ?? statefulExamplesDir(root);
  mkdirSync(dir, { recursive: true });
  for (const s of generateStatefulCaptures()) {
    const path = join(dir, `${s.name}.pcap`);
    writeFileSync(path, s.pcap);
    process.stdout.write(`wrote ${path}: ${s.packets} packets, ${s.pcap.length} bytes, ${s.dropped.length} to drop\n`);
  }
}
