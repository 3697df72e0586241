// One-line packet summaries in the manner of `tcpdump -nn`: Ethernet, 802.1Q/802.1ad VLAN
// tags, ARP, IPv4 (and IP-in-IP), IPv6 with its extension headers, TCP, UDP, ICMP, ICMPv6
// and SCTP. What it does not decode (another protocol, a truncated header, a link type it
// does not know) is named in the line and in `undecoded`. Browser-safe: shared by the CLI
// (`vfm test -v`, `vfm show`) and the playground page.

import { formatIpv4, formatIpv6 } from '../util/inet.js';
import { readBigBE } from '../util/bytes.js';
import { linkTypeName, type CapturePacket } from '../capture/types.js';

/** The decoded fields of one packet, and its `tcpdump -nn`-like line (without the time). */
export interface PacketSummary {
  /** The text tcpdump -nn prints after the time, e.g. `IP 10.0.0.1.80 > 10.0.0.2.5000: Flags [S.], ...`. */
  text: string;
  /** Network-layer source and destination (IP addresses, or MAC addresses below IP); '' when none. */
  src: string;
  dst: string;
  /** Innermost protocol decoded: `TCP`, `UDP`, `ICMP`, `ICMP6`, `SCTP`, `ARP`, `IP`, `IP6`, `Ethernet`, ... or '' */
  protocol: string;
  /** Transport ports, -1 when the protocol has none (or they were not captured). */
  srcPort: number;
  dstPort: number;
  /** TCP flags in tcpdump's letters (`S.`, `P.`, `F.`, `none`), '' for other protocols. */
  tcpFlags: string;
  /** What could not be decoded ('' when the whole packet was understood up to its payload). */
  undecoded: string;
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_ARP = 0x0806;
const ETHERTYPE_IPV6 = 0x86dd;
const VLAN_ETHERTYPES = new Set([0x8100, 0x88a8, 0x9100]);

/** EtherTypes named when they are not decoded further. */
const ETHERTYPE_NAMES: Readonly<Record<number, string>> = {
  0x8035: 'RARP',
  0x809b: 'AppleTalk',
  0x80f3: 'AARP',
  0x8137: 'IPX',
  0x8847: 'MPLS unicast',
  0x8848: 'MPLS multicast',
  0x8863: 'PPPoE discovery',
  0x8864: 'PPPoE session',
  0x888e: 'EAPOL',
  0x88cc: 'LLDP',
  0x88e5: 'MACsec',
  0x88f7: 'PTP',
  0x8906: 'FCoE',
  0x9000: 'Loopback',
  0x6003: 'DECnet',
};

/** IP protocol numbers named when they are not decoded further. */
const IP_PROTO_NAMES: Readonly<Record<number, string>> = {
  2: 'IGMP',
  8: 'EGP',
  9: 'IGP',
  33: 'DCCP',
  46: 'RSVP',
  47: 'GRE',
  50: 'ESP',
  51: 'AH',
  88: 'EIGRP',
  89: 'OSPF',
  94: 'IPIP',
  103: 'PIM',
  108: 'IPComp',
  112: 'VRRP',
  115: 'L2TP',
  136: 'UDPLite',
  137: 'MPLS-in-IP',
};

const ICMP_TYPES: Readonly<Record<number, string>> = {
  0: 'echo reply',
  3: 'unreachable',
  4: 'source quench',
  5: 'redirect',
  8: 'echo request',
  9: 'router advertisement',
  10: 'router solicitation',
  11: 'time exceeded',
  12: 'parameter problem',
  13: 'time stamp request',
  14: 'time stamp reply',
  17: 'address mask request',
  18: 'address mask reply',
};

const ICMP_UNREACH: readonly string[] = [
  'net', 'host', 'protocol', 'port', 'needs frag', 'source route failed', 'net unknown', 'host unknown',
  'src host isolated', 'net prohibited', 'host prohibited', 'net tos', 'host tos', 'administratively prohibited',
];

const ICMP6_TYPES: Readonly<Record<number, string>> = {
  1: 'destination unreachable',
  2: 'packet too big',
  3: 'time exceeded in-transit',
  4: 'parameter problem',
  128: 'echo request',
  129: 'echo reply',
  130: 'multicast listener query',
  131: 'multicast listener report',
  132: 'multicast listener done',
  133: 'router solicitation',
  134: 'router advertisement',
  135: 'neighbor solicitation',
  136: 'neighbor advertisement',
  137: 'redirect',
  143: 'multicast listener report v2',
};

const SCTP_CHUNKS: readonly string[] = [
  'DATA', 'INIT', 'INIT ACK', 'SACK', 'HB REQ', 'HB ACK', 'ABORT', 'SHUTDOWN', 'SHUTDOWN ACK', 'OP ERR',
  'COOKIE ECHO', 'COOKIE ACK', 'ECN ECHO', 'ECN CWR', 'SHUTDOWN COMPLETE',
];

/** TCP flag bits in the order and letters tcpdump prints them. */
const TCP_FLAGS: readonly (readonly [number, string])[] = [
  [0x01, 'F'], [0x02, 'S'], [0x04, 'R'], [0x08, 'P'], [0x10, '.'], [0x20, 'U'], [0x40, 'E'], [0x80, 'W'], [0x100, 'e'],
];

/** Deepest IP-in-IP nesting decoded before the rest is reported as not decoded. */
const MAX_NESTING = 4;

/** Decoding state: the packet bytes, the end of the captured bytes and the summary being built. */
class Decoder {
  out: PacketSummary = { text: '', src: '', dst: '', protocol: '', srcPort: -1, dstPort: -1, tcpFlags: '', undecoded: '' };
  constructor(
    readonly b: Uint8Array,
    readonly end: number,
  ) {}

  u8(at: number): number {
    return this.b[at];
  }
  u16(at: number): number {
    return (this.b[at] << 8) | this.b[at + 1];
  }
  u32(at: number): number {
    return ((this.b[at] << 24) | (this.b[at + 1] << 16) | (this.b[at + 2] << 8) | this.b[at + 3]) >>> 0;
  }
  has(at: number, n: number): boolean {
    return at + n <= this.end;
  }
  /** Note an undecoded part; returns tcpdump's `[|proto]` marker text for truncation or `what`. */
  miss(what: string): string {
    if (this.out.undecoded === '') this.out.undecoded = what;
    return what;
  }
  truncated(proto: string, at: number, needed: number): string {
    this.miss(`truncated ${proto} header: needs ${needed} bytes, ${Math.max(0, this.end - at)} captured`);
    return `[|${proto.toLowerCase()}]`;
  }
  mac(at: number): string {
    let s = '';
    for (let k = 0; k < 6; k++) s += (k > 0 ? ':' : '') + this.b[at + k].toString(16).padStart(2, '0');
    return s;
  }
  ipv4(at: number): string {
    return formatIpv4(this.u32(at));
  }
  ipv6(at: number): string {
    return formatIpv6(readBigBE(this.b, at, 16));
  }
}

/**
 * Summarise the `length` bytes at `offset` of `bytes`, a packet of link type `linkType`
 * (Ethernet, or raw IPv4/IPv6 for link types 12, 14, 101, 228, 229); other link types are
 * reported as not decoded. `wireLength` is the packet's original length.
 */
export function summarizePacket(bytes: Uint8Array, offset: number, length: number, linkType: number, wireLength = length): PacketSummary {
  const d = new Decoder(bytes, offset + length);
  switch (linkType) {
    case 1:
      d.out.text = ethernet(d, offset, wireLength);
      break;
    case 12:
    case 14:
    case 101:
      d.out.text = length > 0 && bytes[offset] >> 4 === 6 ? ipv6(d, offset, 0) : ipv4(d, offset, 0);
      break;
    case 228:
      d.out.text = ipv4(d, offset, 0);
      break;
    case 229:
      d.out.text = ipv6(d, offset, 0);
      break;
    default:
      d.out.text = `${d.miss(`link type ${linkType} (${linkTypeName(linkType)}) not decoded`)}, length ${wireLength}`;
  }
  return d.out;
}

function ethernet(d: Decoder, at: number, wireLength: number): string {
  if (!d.has(at, 14)) return d.truncated('Ethernet', at, 14);
  d.out.protocol = 'Ethernet';
  d.out.src = d.mac(at + 6);
  d.out.dst = d.mac(at);
  let type = d.u16(at + 12);
  let p = at + 14;
  let prefix = '';
  while (VLAN_ETHERTYPES.has(type)) {
    if (!d.has(p, 4)) return prefix + d.truncated('VLAN', p, 4);
    const tci = d.u16(p);
    prefix += `vlan ${tci & 0xfff}, p ${tci >> 13}${(tci & 0x1000) !== 0 ? ', DEI' : ''}, `;
    type = d.u16(p + 2);
    p += 4;
  }
  if (type === ETHERTYPE_IPV4) return prefix + ipv4(d, p, 0);
  if (type === ETHERTYPE_IPV6) return prefix + ipv6(d, p, 0);
  if (type === ETHERTYPE_ARP) return prefix + arp(d, p);
  const macs = `${d.out.src} > ${d.out.dst}, `;
  if (type <= 1500) {
    // 802.3 length field: an LLC header follows.
    const llc = d.has(p, 3) ? `dsap 0x${hex2(d.u8(p))}, ssap 0x${hex2(d.u8(p + 1))}` : 'no LLC header';
    return `${macs}802.3, length ${type}: ${d.miss(`LLC (${llc}) not decoded`)}`;
  }
  const name = ETHERTYPE_NAMES[type];
  return `${macs}ethertype ${name === undefined ? '' : name + ' '}(0x${type.toString(16).padStart(4, '0')}), length ${wireLength}: ${d.miss('payload not decoded')}`;
}

function arp(d: Decoder, at: number): string {
  d.out.protocol = 'ARP';
  if (!d.has(at, 8)) return 'ARP, ' + d.truncated('ARP', at, 8);
  const htype = d.u16(at);
  const ptype = d.u16(at + 2);
  const hlen = d.u8(at + 4);
  const plen = d.u8(at + 5);
  const op = d.u16(at + 6);
  const length = d.end - at;
  if (htype !== 1 || ptype !== ETHERTYPE_IPV4 || hlen !== 6 || plen !== 4) {
    return `ARP, ${d.miss(`hardware type ${htype}, protocol 0x${ptype.toString(16).padStart(4, '0')}, operation ${op} not decoded`)}, length ${length}`;
  }
  if (!d.has(at, 28)) return 'ARP, ' + d.truncated('ARP', at, 28);
  const sha = d.mac(at + 8);
  const spa = d.ipv4(at + 14);
  const tha = d.mac(at + 18);
  const tpa = d.ipv4(at + 24);
  d.out.src = spa;
  d.out.dst = tpa;
  switch (op) {
    case 1:
      return `ARP, Request who-has ${tpa}${tha === '00:00:00:00:00:00' ? '' : ` (${tha})`} tell ${spa}, length ${length}`;
    case 2:
      return `ARP, Reply ${spa} is-at ${sha}, length ${length}`;
    case 3:
      return `ARP, Reverse Request who-is ${tha} tell ${sha}, length ${length}`;
    case 4:
      return `ARP, Reverse Reply ${tha} at ${tpa}, length ${length}`;
    default:
      return `ARP, ${d.miss(`operation ${op} not decoded`)}, length ${length}`;
  }
}

function ipv4(d: Decoder, at: number, depth: number): string {
  d.out.protocol = 'IP';
  if (!d.has(at, 20)) return 'IP ' + d.truncated('IP', at, 20);
  const vihl = d.u8(at);
  if (vihl >> 4 !== 4) return `IP ${d.miss(`bad IP version ${vihl >> 4}`)}`;
  const ihl = (vihl & 15) * 4;
  const total = d.u16(at + 2);
  const frag = d.u16(at + 6);
  const proto = d.u8(at + 9);
  const src = d.ipv4(at + 12);
  const dst = d.ipv4(at + 16);
  d.out.src = src;
  d.out.dst = dst;
  if (ihl < 20) return `IP ${src} > ${dst}: ${d.miss(`bad IP header length ${ihl}`)}`;
  if (!d.has(at, ihl)) return `IP ${src} > ${dst}: ${d.truncated('IP', at, ihl)}`;
  const payloadLength = Math.max(0, total - ihl);
  const offset = (frag & 0x1fff) * 8;
  const more = (frag & 0x2000) !== 0;
  const fragText = offset !== 0 || more ? `frag (${d.u16(at + 4)}:${payloadLength}@${offset}${more ? '+' : ''}), ` : '';
  if (offset !== 0) {
    return `IP ${src} > ${dst}: ${fragText}${d.miss(`non-first fragment of ${protoName(proto)} not decoded`)}, length ${payloadLength}`;
  }
  return transport(d, 'IP', src, dst, proto, at + ihl, payloadLength, depth, fragText);
}

function ipv6(d: Decoder, at: number, depth: number): string {
  d.out.protocol = 'IP6';
  if (!d.has(at, 40)) return 'IP6 ' + d.truncated('IP6', at, 40);
  const version = d.u8(at) >> 4;
  if (version !== 6) return `IP6 ${d.miss(`bad IPv6 version ${version}`)}`;
  let payloadLength = d.u16(at + 4);
  let next = d.u8(at + 6);
  const src = d.ipv6(at + 8);
  const dst = d.ipv6(at + 24);
  d.out.src = src;
  d.out.dst = dst;
  let p = at + 40;
  let ext = '';
  // Walk the extension headers: hop-by-hop, routing, fragment, destination options, AH.
  for (;;) {
    if (next === 0 || next === 43 || next === 60 || next === 51) {
      if (!d.has(p, 8)) return `IP6 ${src} > ${dst}: ${ext}${d.truncated(extName(next), p, 8)}`;
      const len = next === 51 ? (d.u8(p + 1) + 2) * 4 : (d.u8(p + 1) + 1) * 8;
      ext += next === 51 ? `AH(spi=0x${d.u32(p + 4).toString(16).padStart(8, '0')}): ` : `${extName(next)} `;
      next = d.u8(p);
      p += len;
      payloadLength -= len;
      continue;
    }
    if (next === 44) {
      if (!d.has(p, 8)) return `IP6 ${src} > ${dst}: ${ext}${d.truncated('frag', p, 8)}`;
      const offset = d.u16(p + 2) & 0xfff8;
      payloadLength -= 8;
      ext += `frag (${offset}|${payloadLength}) `;
      next = d.u8(p);
      p += 8;
      if (offset !== 0) {
        return `IP6 ${src} > ${dst}: ${ext}${d.miss(`non-first fragment of ${protoName(next)} not decoded`)}, length ${Math.max(0, payloadLength)}`;
      }
      continue;
    }
    break;
  }
  return transport(d, 'IP6', src, dst, next, p, Math.max(0, payloadLength), depth, ext);
}

function extName(next: number): string {
  return next === 0 ? 'HBH' : next === 43 ? 'srcrt' : next === 60 ? 'DSTOPT' : next === 51 ? 'AH' : `ext ${next}`;
}

function protoName(proto: number): string {
  switch (proto) {
    case 1:
      return 'ICMP';
    case 6:
      return 'TCP';
    case 17:
      return 'UDP';
    case 58:
      return 'ICMP6';
    case 132:
      return 'SCTP';
    case 4:
      return 'IP';
    case 41:
      return 'IP6';
    default:
      return IP_PROTO_NAMES[proto] ?? `ip-proto-${proto}`;
  }
}

/** The layer above IP: `length` is the IP payload length from the header. */
function transport(d: Decoder, ip: string, src: string, dst: string, proto: number, at: number, length: number, depth: number, ext: string): string {
  const head = `${ip} ${src}`;
  // Ports go on the addresses, except after IPv6 extension headers, where tcpdump prints them after the headers.
  const ports = (sp: number, dp: number): string => {
    d.out.srcPort = sp;
    d.out.dstPort = dp;
    return ip === 'IP6' && ext !== '' ? `${head} > ${dst}: ${ext}${sp} > ${dp}: ` : `${head}.${sp} > ${dst}.${dp}: ${ext}`;
  };
  const plain = `${head} > ${dst}: ${ext}`;
  switch (proto) {
    case 6: {
      d.out.protocol = 'TCP';
      if (!d.has(at, 4)) return plain + d.truncated('TCP', at, 20);
      const sp = d.u16(at);
      const dp = d.u16(at + 2);
      const line = ports(sp, dp);
      if (!d.has(at, 20)) return line + d.truncated('TCP', at, 20);
      const seq = d.u32(at + 4);
      const ack = d.u32(at + 8);
      const off = (d.u8(at + 12) >> 4) * 4;
      const bits = ((d.u8(at + 12) & 1) << 8) | d.u8(at + 13);
      const win = d.u16(at + 14);
      let flags = '';
      for (const [bit, letter] of TCP_FLAGS) if ((bits & bit) !== 0) flags += letter;
      if (flags === '') flags = 'none';
      d.out.tcpFlags = flags;
      if (off < 20) return `${line}Flags [${flags}], ${d.miss(`bad TCP header length ${off}`)}`;
      const data = Math.max(0, length - off);
      const seqText = data > 0 ? `seq ${seq}:${(seq + data) >>> 0}, ` : (bits & 0x07) !== 0 ? `seq ${seq}, ` : '';
      const ackText = (bits & 0x10) !== 0 ? `ack ${ack}, ` : '';
      return `${line}Flags [${flags}], ${seqText}${ackText}win ${win}, length ${data}`;
    }
    case 17: {
      d.out.protocol = 'UDP';
      if (!d.has(at, 8)) return plain + d.truncated('UDP', at, 8);
      const len = d.u16(at + 4);
      return `${ports(d.u16(at), d.u16(at + 2))}UDP, length ${Math.max(0, len - 8)}`;
    }
    case 33: {
      d.out.protocol = 'DCCP';
      if (!d.has(at, 4)) return plain + d.truncated('DCCP', at, 4);
      return `${ports(d.u16(at), d.u16(at + 2))}${d.miss('DCCP not decoded')}, length ${length}`;
    }
    case 132: {
      d.out.protocol = 'SCTP';
      if (!d.has(at, 12)) return plain + d.truncated('SCTP', at, 12);
      const line = ports(d.u16(at), d.u16(at + 2));
      const chunks: string[] = [];
      let p = at + 12;
      const end = Math.min(d.end, at + length);
      while (p + 4 <= end && chunks.length < 16) {
        const type = d.u8(p);
        chunks.push(`[${SCTP_CHUNKS[type] ?? `chunk type ${type}`}]`);
        const clen = d.u16(p + 2);
        if (clen < 4) break;
        p += (clen + 3) & ~3;
      }
      return `${line}sctp (${chunks.length}) ${chunks.join(' ')}${chunks.length === 0 ? 'no chunks' : ''}`;
    }
    case 1: {
      d.out.protocol = 'ICMP';
      if (!d.has(at, 4)) return plain + d.truncated('ICMP', at, 4);
      const type = d.u8(at);
      const code = d.u8(at + 1);
      let what = ICMP_TYPES[type] ?? `type ${type}`;
      if ((type === 0 || type === 8 || type === 13 || type === 14) && d.has(at, 8)) what += `, id ${d.u16(at + 4)}, seq ${d.u16(at + 6)}`;
      else if (type === 3) what = `${ICMP_UNREACH[code] ?? `code ${code}`} unreachable`;
      return `${plain}ICMP ${what}, length ${length}`;
    }
    case 58: {
      d.out.protocol = 'ICMP6';
      if (!d.has(at, 4)) return plain + d.truncated('ICMP6', at, 4);
      const type = d.u8(at);
      let what = ICMP6_TYPES[type] ?? `type ${type}`;
      if ((type === 128 || type === 129) && d.has(at, 8)) what += `, id ${d.u16(at + 4)}, seq ${d.u16(at + 6)}`;
      else if (type === 135 && d.has(at, 24)) what += `, who has ${d.ipv6(at + 8)}`;
      else if (type === 136 && d.has(at, 24)) what += `, tgt is ${d.ipv6(at + 8)}`;
      return `${plain}ICMP6, ${what}, length ${length}`;
    }
    case 4:
    case 41:
      if (depth >= MAX_NESTING) return `${plain}${d.miss(`IP-in-IP nested deeper than ${MAX_NESTING} not decoded`)}`;
      return plain + (proto === 4 ? ipv4(d, at, depth + 1) : ipv6(d, at, depth + 1));
    default:
      d.out.protocol = protoName(proto);
      return `${plain}${d.miss(`${protoName(proto)} not decoded`)}, length ${length}`;
  }
}

/** The summary of a packet as a capture reader hands it out (the bytes a filter sees). */
export function summarizeCapturePacket(p: CapturePacket): PacketSummary {
  return summarizePacket(p.frame, p.frameOffset, p.frameLength, p.dataLinkType, p.originalLength);
}

/** `HH:MM:SS.uuuuuu TEXT`: the line `TZ=UTC tcpdump -nn` prints for the packet, as VFM decodes it. */
export function summaryLine(p: CapturePacket): string {
  return `${formatTimeOfDay(p.timestampSec, p.timestampNsec)} ${summarizeCapturePacket(p).text}`;
}

function hex2(v: number): string {
  return v.toString(16).padStart(2, '0');
}

/** `HH:MM:SS.uuuuuu` in UTC, as `TZ=UTC tcpdump` prints a packet's time (microseconds, truncated). */
export function formatTimeOfDay(sec: number, nsec: number): string {
  const s = ((sec % 86400) + 86400) % 86400;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}.${String(Math.floor(nsec / 1000)).padStart(6, '0')}`;
}
