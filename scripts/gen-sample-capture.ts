// Generates examples/sample.pcap: about 200 realistic Ethernet frames (IPv4/IPv6 TCP sessions
// to ports 22, 80, 443 and 8080, DNS queries and large answers, ICMP and ICMPv6, ARP, 802.1Q
// and QinQ tags, IPv4 options, IPv6 extension headers, IPv4 and IPv6 fragments) with correct
// checksums, written with VFM's own PcapWriter. Deterministic: a fixed-seed PRNG, fixed clock.
// Run: npm run build && node dist/scripts/gen-sample-capture.js [OUT]

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PcapWriter } from '../src/capture/writer.js';
import { checksum16, concat } from '../src/packet/craft.js';
import { rng as makeRandom } from '../bench/mix.js';

const SEED = 0x5eed_2026;

type Bytes = number[];
const u16 = (v: number): Bytes => [(v >> 8) & 0xff, v & 0xff];
const u32 = (v: number): Bytes => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
const ascii = (s: string): Bytes => Array.from(s, (c) => c.charCodeAt(0));

const checksum = checksum16;

function ipv4Addr(text: string): Bytes {
  return text.split('.').map(Number);
}

function ipv6Addr(text: string): Bytes {
  const [head, tail = ''] = text.split('::');
  const groups = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const h = groups(head);
  const t = groups(tail);
  const all = text.includes('::') ? [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t] : h;
  return all.flatMap(u16);
}

const MAC = {
  client: [0x02, 0x00, 0x00, 0x00, 0x00, 0x01],
  client2: [0x02, 0x00, 0x00, 0x00, 0x00, 0x02],
  router: [0x02, 0x00, 0x00, 0x00, 0x00, 0xfe],
  broadcast: [0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
};

interface Frame {
  readonly bytes: Uint8Array;
}

/** Ethernet header with optional 802.1Q / QinQ tags (outer first). */
function ether(dst: Bytes, src: Bytes, etherType: number, tags: readonly { tpid: number; vid: number; pcp?: number }[] = []): Bytes {
  const out = [...dst, ...src];
  for (const tag of tags) out.push(...u16(tag.tpid), ...u16(((tag.pcp ?? 0) << 13) | tag.vid));
  out.push(...u16(etherType));
  return out;
}

function ipv4(src: string, dst: string, protocol: number, payload: Bytes, opts: { id: number; ttl?: number; options?: Bytes; flagsFrag?: number; totalPayload?: Bytes } = { id: 0 }): Bytes {
  const options = opts.options ?? [];
  const ihl = 5 + options.length / 4;
  const header = [
    0x40 | ihl, 0, ...u16(ihl * 4 + payload.length), ...u16(opts.id), ...u16(opts.flagsFrag ?? 0x4000),
    opts.ttl ?? 64, protocol, 0, 0, ...ipv4Addr(src), ...ipv4Addr(dst), ...options,
  ];
  const c = checksum(header);
  header[10] = c >> 8;
  header[11] = c & 0xff;
  return [...header, ...payload];
}

/** TCP or UDP with its checksum over the IPv4 or IPv6 pseudo-header. */
function transport(kind: 'tcp' | 'udp', srcAddr: Bytes, dstAddr: Bytes, segment: Bytes): Bytes {
  const protocol = kind === 'tcp' ? 6 : 17;
  const pseudo =
    srcAddr.length === 4
      ? [...srcAddr, ...dstAddr, 0, protocol, ...u16(segment.length)]
      : [...srcAddr, ...dstAddr, ...u32(segment.length), 0, 0, 0, protocol];
  const at = kind === 'tcp' ? 16 : 6;
  segment[at] = 0;
  segment[at + 1] = 0;
  let c = checksum([...pseudo, ...segment]);
  if (kind === 'udp' && c === 0) c = 0xffff;
  segment[at] = c >> 8;
  segment[at + 1] = c & 0xff;
  return segment;
}

const TCP = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 };

function tcpSegment(sport: number, dport: number, seq: number, ack: number, flags: number, payload: Bytes, isSyn: boolean): Bytes {
  // SYNs carry MSS, SACK-permitted, timestamps-free options padded to 4 bytes.
  const options = isSyn ? [2, 4, 0x05, 0xb4, 4, 2, 1, 1, 3, 3, 7, 0] : [];
  const offset = 5 + options.length / 4;
  return [...u16(sport), ...u16(dport), ...u32(seq), ...u32(ack), offset << 4, flags, ...u16(64240), 0, 0, 0, 0, ...options, ...payload];
}

function ipv6(src: string, dst: string, nextHeader: number, payload: Bytes, hopLimit = 64): Bytes {
  return [0x60, 0, 0, 0, ...u16(payload.length), nextHeader, hopLimit, ...ipv6Addr(src), ...ipv6Addr(dst), ...payload];
}

export function generateSampleCapture(): Uint8Array {
  const random = makeRandom(SEED);
  const chunks: Uint8Array[] = [];
  const writer = new PcapWriter((c) => chunks.push(c.slice()), { linkType: 1, snaplen: 262144 });
  let sec = 1_700_000_000;
  let usec = 0;
  let ipId = 0x1000;
  const emit = (frame: Bytes): void => {
    usec += 50 + Math.floor(random() * 5000);
    if (usec >= 1_000_000) {
      sec += Math.floor(usec / 1_000_000);
      usec %= 1_000_000;
    }
    writer.writePacket(Uint8Array.from(frame), sec, usec * 1000);
  };
  const text = (n: number): Bytes => Array.from({ length: n }, () => 0x20 + Math.floor(random() * 95));

  // ARP who-has and reply.
  const arp = (op: number, sha: Bytes, spa: string, tha: Bytes, tpa: string): Bytes => [
    ...u16(1), ...u16(0x0800), 6, 4, ...u16(op), ...sha, ...ipv4Addr(spa), ...tha, ...ipv4Addr(tpa),
  ];
  for (const [mac, ip] of [[MAC.client, '192.168.1.10'], [MAC.client2, '192.168.1.11']] as const) {
    emit([...ether(MAC.broadcast, mac, 0x0806), ...arp(1, mac, ip, [0, 0, 0, 0, 0, 0], '192.168.1.1'), ...new Array<number>(18).fill(0)]);
    emit([...ether(mac, MAC.router, 0x0806), ...arp(2, MAC.router, '192.168.1.1', mac, ip), ...new Array<number>(18).fill(0)]);
  }

  // A TCP session: handshake, request, response, teardown.
  const tcpSession = (
    family: 4 | 6, mac: Bytes, client: string, server: string, dport: number, request: Bytes, response: Bytes,
    tags: readonly { tpid: number; vid: number }[] = [],
  ): void => {
    const sport = 40000 + Math.floor(random() * 20000);
    let cseq = Math.floor(random() * 0xffffffff) >>> 0;
    let sseq = Math.floor(random() * 0xffffffff) >>> 0;
    const cAddr = family === 4 ? ipv4Addr(client) : ipv6Addr(client);
    const sAddr = family === 4 ? ipv4Addr(server) : ipv6Addr(server);
    const send = (fromClient: boolean, flags: number, payload: Bytes): void => {
      const seg = transport(
        'tcp', fromClient ? cAddr : sAddr, fromClient ? sAddr : cAddr,
        tcpSegment(fromClient ? sport : dport, fromClient ? dport : sport, fromClient ? cseq : sseq, flags & TCP.ACK ? (fromClient ? sseq : cseq) : 0, flags, payload, (flags & TCP.SYN) !== 0),
      );
      const ip = family === 4
        ? ipv4(fromClient ? client : server, fromClient ? server : client, 6, seg, { id: ipId++ & 0xffff, ttl: fromClient ? 64 : 57 })
        : ipv6(fromClient ? client : server, fromClient ? server : client, 6, seg, fromClient ? 64 : 57);
      emit([...ether(fromClient ? MAC.router : mac, fromClient ? mac : MAC.router, family === 4 ? 0x0800 : 0x86dd, tags), ...ip]);
      const advance = payload.length + ((flags & (TCP.SYN | TCP.FIN)) !== 0 ? 1 : 0);
      if (fromClient) cseq = (cseq + advance) >>> 0;
      else sseq = (sseq + advance) >>> 0;
    };
    send(true, TCP.SYN, []);
    send(false, TCP.SYN | TCP.ACK, []);
    send(true, TCP.ACK, []);
    send(true, TCP.PSH | TCP.ACK, request);
    send(false, TCP.ACK, []);
    send(false, TCP.PSH | TCP.ACK, response);
    send(true, TCP.ACK, []);
    send(true, TCP.FIN | TCP.ACK, []);
    send(false, TCP.FIN | TCP.ACK, []);
    send(true, TCP.ACK, []);
  };
  const http = (path: string): Bytes => ascii(`GET ${path} HTTP/1.1\r\nHost: example.com\r\nUser-Agent: vfm-sample/1.0\r\nAccept: */*\r\n\r\n`);
  const httpResponse = (n: number): Bytes => [...ascii(`HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${n}\r\n\r\n`), ...text(n)];
  const tls = (n: number): Bytes => [0x16, 0x03, 0x01, ...u16(n), ...text(n)];
  const ssh = (): Bytes => ascii('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n');

  tcpSession(4, MAC.client, '192.168.1.10', '93.184.216.34', 80, http('/index.html'), httpResponse(600));
  tcpSession(4, MAC.client, '192.168.1.10', '93.184.216.34', 443, tls(220), tls(1200));
  tcpSession(4, MAC.client2, '192.168.1.11', '10.0.0.22', 22, ssh(), ssh());
  tcpSession(4, MAC.client2, '192.168.1.11', '10.0.0.80', 8080, http('/api/v1/status'), httpResponse(120));
  tcpSession(4, MAC.client, '192.168.1.10', '151.101.1.69', 443, tls(300), tls(1400));
  tcpSession(4, MAC.client2, '192.168.1.11', '93.184.216.34', 80, http('/favicon.ico'), httpResponse(48));
  tcpSession(6, MAC.client, '2001:db8:1::10', '2001:db8:80::1', 443, tls(240), tls(1000));
  tcpSession(6, MAC.client2, '2001:db8:1::11', '2001:db8::2', 80, http('/'), httpResponse(400));
  tcpSession(4, MAC.client, '192.168.1.10', '10.0.0.22', 22, ssh(), ssh());
  tcpSession(4, MAC.client, '192.168.1.10', '10.0.0.80', 8080, http('/metrics'), httpResponse(700));
  tcpSession(6, MAC.client, '2001:db8:1::10', '2001:db8:22::1', 22, ssh(), ssh());
  tcpSession(6, MAC.client2, '2001:db8:1::11', '2001:db8:80::8', 8080, http('/health'), httpResponse(16));

  // DNS: queries to a resolver and answers from port 53, some large (many records).
  const dnsName = (name: string): Bytes => [...name.split('.').flatMap((l) => [l.length, ...ascii(l)]), 0];
  const dnsQuery = (id: number, name: string, qtype: number): Bytes => [...u16(id), 0x01, 0x00, ...u16(1), 0, 0, 0, 0, 0, 0, ...dnsName(name), ...u16(qtype), ...u16(1)];
  const dnsAnswer = (id: number, name: string, qtype: number, count: number): Bytes => {
    const answers: Bytes = [];
    for (let k = 0; k < count; k++) {
      const rdata = qtype === 28 ? ipv6Addr(`2001:db8:53::${(k + 1).toString(16)}`) : qtype === 16 ? [40, ...text(40)] : [198, 51, 100, k + 1];
      answers.push(0xc0, 0x0c, ...u16(qtype), ...u16(1), ...u32(300), ...u16(rdata.length), ...rdata);
    }
    return [...u16(id), 0x81, 0x80, ...u16(1), ...u16(count), 0, 0, 0, 0, ...dnsName(name), ...u16(qtype), ...u16(1), ...answers];
  };
  const udp = (src: Bytes, dst: Bytes, sport: number, dport: number, payload: Bytes): Bytes =>
    transport('udp', src, dst, [...u16(sport), ...u16(dport), ...u16(8 + payload.length), 0, 0, ...payload]);
  const dns4 = (name: string, qtype: number, count: number): void => {
    const id = Math.floor(random() * 65536);
    const sport = 30000 + Math.floor(random() * 30000);
    const c = ipv4Addr('192.168.1.10');
    const r = ipv4Addr('192.168.1.1');
    emit([...ether(MAC.router, MAC.client, 0x0800), ...ipv4('192.168.1.10', '192.168.1.1', 17, udp(c, r, sport, 53, dnsQuery(id, name, qtype)), { id: ipId++ })]);
    emit([...ether(MAC.client, MAC.router, 0x0800), ...ipv4('192.168.1.1', '192.168.1.10', 17, udp(r, c, 53, sport, dnsAnswer(id, name, qtype, count)), { id: ipId++ })]);
  };
  const names = ['example.com', 'www.example.org', 'mail.example.net', 'cdn.example.com', 'api.example.io'];
  for (let k = 0; k < 10; k++) dns4(names[k % names.length], k % 3 === 2 ? 16 : 1, k % 4 === 3 ? 28 : 1 + (k % 3));
  dns4('big.example.com', 16, 24); // a large TXT answer (about 1.2 KB)
  for (let k = 0; k < 4; k++) {
    const id = Math.floor(random() * 65536);
    const sport = 30000 + Math.floor(random() * 30000);
    const c = ipv6Addr('2001:db8:1::10');
    const r = ipv6Addr('2001:db8:1::1');
    emit([...ether(MAC.router, MAC.client, 0x86dd), ...ipv6('2001:db8:1::10', '2001:db8:1::1', 17, udp(c, r, sport, 53, dnsQuery(id, names[k], 28)))]);
    emit([...ether(MAC.client, MAC.router, 0x86dd), ...ipv6('2001:db8:1::1', '2001:db8:1::10', 17, udp(r, c, 53, sport, dnsAnswer(id, names[k], 28, 2 + k * 6)))]);
  }

  // ICMP echo and ICMPv6 echo, neighbor solicitation and advertisement.
  for (let k = 0; k < 6; k++) {
    for (const type of [8, 0]) {
      const body = [type, 0, 0, 0, ...u16(0x4242), ...u16(k + 1), ...text(48)];
      const c = checksum(body);
      body[2] = c >> 8;
      body[3] = c & 0xff;
      const [src, dst] = type === 8 ? ['192.168.1.10', '8.8.8.8'] : ['8.8.8.8', '192.168.1.10'];
      emit([...ether(type === 8 ? MAC.router : MAC.client, type === 8 ? MAC.client : MAC.router, 0x0800), ...ipv4(src, dst, 1, body, { id: ipId++ })]);
    }
  }
  const icmp6 = (src: string, dst: string, body: Bytes, hopLimit = 64): Bytes => {
    const s = ipv6Addr(src);
    const d = ipv6Addr(dst);
    const c = checksum([...s, ...d, ...u32(body.length), 0, 0, 0, 58, ...body]);
    body[2] = c >> 8;
    body[3] = c & 0xff;
    return ipv6(src, dst, 58, body, hopLimit);
  };
  for (let k = 0; k < 4; k++) {
    emit([...ether(MAC.router, MAC.client, 0x86dd), ...icmp6('2001:db8:1::10', '2001:4860:4860::8888', [128, 0, 0, 0, ...u16(0x77), ...u16(k + 1), ...text(32)])]);
    emit([...ether(MAC.client, MAC.router, 0x86dd), ...icmp6('2001:4860:4860::8888', '2001:db8:1::10', [129, 0, 0, 0, ...u16(0x77), ...u16(k + 1), ...text(32)])]);
  }
  emit([
    ...ether([0x33, 0x33, 0xff, 0x00, 0x00, 0x01], MAC.client, 0x86dd),
    ...icmp6('fe80::1', 'ff02::1:ff00:1', [135, 0, 0, 0, 0, 0, 0, 0, ...ipv6Addr('2001:db8:1::1'), 1, 1, ...MAC.client], 255),
  ]);
  emit([
    ...ether(MAC.client, MAC.router, 0x86dd),
    ...icmp6('2001:db8:1::1', 'fe80::1', [136, 0, 0, 0, 0x60, 0, 0, 0, ...ipv6Addr('2001:db8:1::1'), 2, 1, ...MAC.router], 255),
  ]);

  // 802.1Q-tagged and QinQ frames.
  tcpSession(4, MAC.client, '10.100.0.5', '10.100.0.80', 80, http('/vlan'), httpResponse(90), [{ tpid: 0x8100, vid: 100 }]);
  const v4 = ipv4Addr('10.200.0.5');
  const v4s = ipv4Addr('10.200.0.53');
  for (let k = 0; k < 4; k++) {
    const tags = k < 2 ? [{ tpid: 0x8100, vid: 100 }] : [{ tpid: 0x88a8, vid: 300 }, { tpid: 0x8100, vid: 20 + k }];
    emit([...ether(MAC.router, MAC.client, 0x0800, tags), ...ipv4('10.200.0.5', '10.200.0.53', 17, udp(v4, v4s, 5353 + k, 53, dnsQuery(0x100 + k, 'vlan.example.com', 1)), { id: ipId++ })]);
  }

  // IPv4 with options: IGMPv2 membership reports carry Router Alert (IHL 6).
  for (const group of ['239.1.1.1', '239.2.2.2']) {
    const igmp = [0x16, 0, 0, 0, ...ipv4Addr(group)];
    const c = checksum(igmp);
    igmp[2] = c >> 8;
    igmp[3] = c & 0xff;
    emit([...ether([0x01, 0x00, 0x5e, 0x01, 0x01, 0x01], MAC.client, 0x0800), ...ipv4('192.168.1.10', group, 2, igmp, { id: ipId++, ttl: 1, options: [0x94, 0x04, 0x00, 0x00] })]);
  }

  // IPv6 extension headers: hop-by-hop (MLD report with Router Alert), and destination
  // options + routing header in front of a TCP SYN.
  {
    const mld = [131, 0, 0, 0, 0, 0, 0, 0, ...ipv6Addr('ff02::fb')];
    const s = ipv6Addr('fe80::1');
    const d = ipv6Addr('ff02::fb');
    const c = checksum([...s, ...d, ...u32(mld.length), 0, 0, 0, 58, ...mld]);
    mld[2] = c >> 8;
    mld[3] = c & 0xff;
    const hbh = [58, 0, 5, 2, 0, 0, 1, 0]; // next ICMPv6, Router Alert (MLD), PadN
    emit([...ether([0x33, 0x33, 0, 0, 0, 0xfb], MAC.client, 0x86dd), ...ipv6('fe80::1', 'ff02::fb', 0, [...hbh, ...mld], 1)]);
    const src = '2001:db8:1::10';
    const dst = '2001:db8:80::1';
    const seg = transport('tcp', ipv6Addr(src), ipv6Addr(dst), tcpSegment(50123, 443, 0x01020304, 0, TCP.SYN, [], true));
    const destOpts = [43, 0, 1, 4, 0, 0, 0, 0]; // next Routing, PadN
    const routing = [6, 2, 0, 0, 0, 0, 0, 0, ...ipv6Addr('2001:db8:80::1')]; // next TCP, type 0 with one address, segments left 0
    emit([...ether(MAC.router, MAC.client, 0x86dd), ...ipv6(src, dst, 60, [...destOpts, ...routing, ...seg])]);
    emit([...ether(MAC.router, MAC.client, 0x86dd), ...ipv6(src, dst, 0, [60, 0, 1, 4, 0, 0, 0, 0, 6, 0, 1, 4, 0, 0, 0, 0, ...seg])]);
  }

  // Fragments: a 2000-byte UDP datagram over IPv4 in two fragments, and over IPv6.
  {
    const c = ipv4Addr('192.168.1.10');
    const s = ipv4Addr('10.0.0.99');
    const datagram = udp(c, s, 7000, 7001, text(1992));
    const id = ipId++;
    emit([...ether(MAC.router, MAC.client, 0x0800), ...ipv4('192.168.1.10', '10.0.0.99', 17, datagram.slice(0, 1480), { id, flagsFrag: 0x2000 })]);
    emit([...ether(MAC.router, MAC.client, 0x0800), ...ipv4('192.168.1.10', '10.0.0.99', 17, datagram.slice(1480), { id, flagsFrag: 1480 / 8 })]);
    const c6 = ipv6Addr('2001:db8:1::10');
    const s6 = ipv6Addr('2001:db8:99::1');
    const d6 = udp(c6, s6, 7000, 7001, text(1992));
    const frag = (offset: number, more: boolean): Bytes => [17, 0, ...u16((offset & 0xfff8) | (more ? 1 : 0)), ...u32(0xabcd0001)];
    emit([...ether(MAC.router, MAC.client, 0x86dd), ...ipv6('2001:db8:1::10', '2001:db8:99::1', 44, [...frag(0, true), ...d6.slice(0, 1448)])]);
    emit([...ether(MAC.router, MAC.client, 0x86dd), ...ipv6('2001:db8:1::10', '2001:db8:99::1', 44, [...frag(1448, false), ...d6.slice(1448)])]);
  }

  writer.flush();
  return concat(...chunks);
}

/** The committed sample's path in the source tree. */
export function samplePath(repoRoot: string): string {
  return join(repoRoot, 'examples', 'sample.pcap');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
  const out = process.argv[2] ?? samplePath(root);
  const bytes = generateSampleCapture();
  writeFileSync(out, bytes);
  process.stdout.write(`wrote ${out}: ${bytes.length} bytes\n`);
}
