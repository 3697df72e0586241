// The benchmark's packets: a deterministic mix of realistic Ethernet frames (60-1514 bytes;
// IPv4/IPv6 TCP and UDP, DNS queries and large responses, ICMP/ICMPv6, ARP, 802.1Q tags, IPv4
// options and later fragments, and a SYN flood from a few sources), generated from a fixed
// seed so every run and every tool (the tiers, libpcap) sees the same bytes.

import { ether, icmp, ipv4, ipv6, tcp, udp } from '../src/packet/craft.js';

/** mulberry32: a small, fast, seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of the mix every bench run uses (hot frames are its first few thousand frames). */
export const BENCH_SEED = 1;

/** The IPv6 destination the `ipv6-dst` filter looks for (2001:db8::80). */
export const BENCH_IPV6_DST = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80];

const TCP_PORTS = [80, 80, 80, 443, 443, 22, 8080, 25, 3306];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

/** Payload filler so the frame reaches `frameBytes` (at least the headers). */
function filler(headerBytes: number, frameBytes: number): number[] {
  return new Array<number>(Math.max(0, frameBytes - headerBytes)).fill(0x61);
}

/** A frame size: bimodal like real traffic (small ACKs and queries, full-size data). */
function frameSize(r: () => number): number {
  const x = r();
  if (x < 0.45) return 60 + Math.floor(r() * 40);
  if (x < 0.7) return 100 + Math.floor(r() * 500);
  return 1000 + Math.floor(r() * 515);
}

/** Sources of the SYN flood in the mix (10.66.0.1-4), all aimed at 10.0.0.80 port 80. */
export const BENCH_FLOOD_SOURCES = [1, 2, 3, 4].map((k) => [10, 66, 0, k]);
const FLOOD_TARGET = [10, 0, 0, 80];

function addr4(r: () => number): number[] {
  return [10, Math.floor(r() * 256), Math.floor(r() * 256), 1 + Math.floor(r() * 254)];
}

function addr6(r: () => number): number[] {
  const a = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (let k = 8; k < 16; k++) a[k] = Math.floor(r() * 256);
  return a;
}

/**
 * IPv4 header fields beyond protocol and addresses: 8% of headers carry options (IHL 6 or 7,
 * so fixed-offset port tests would be wrong) and 3% are later fragments (fragment offset > 0:
 * the bytes where a port would be are payload).
 */
function ipv4Extras(r: () => number): { options: number[]; fragOffset: number; moreFragments: boolean } {
  const x = r();
  const options = x < 0.05 ? [1, 1, 1, 0] : x < 0.08 ? [1, 1, 1, 1, 1, 1, 1, 0] : [];
  const isLater = r() < 0.03;
  return { options, fragOffset: isLater ? 1 + Math.floor(r() * 180) : 0, moreFragments: isLater && r() < 0.5 };
}

function ipv4Frame(r: () => number, proto: number, src: number[], dst: number[], transport: (optionBytes: number) => Uint8Array): Uint8Array {
  const extras = ipv4Extras(r);
  return ether(0x0800, ipv4({ proto, src, dst, ...extras }, transport(extras.options.length)));
}

/** One frame of the mix. */
export function makeFrame(r: () => number): Uint8Array {
  const kind = r();
  const size = frameSize(r);
  if (kind < 0.04) {
    // SYN flood: minimum-size SYNs from a few sources to one web server
    return ipv4Frame(r, 6, pick(r, BENCH_FLOOD_SOURCES), FLOOD_TARGET, (o) => tcp(1024 + Math.floor(r() * 60000), 80, 0x02, filler(54 + o, 60)));
  }
  if (kind < 0.42) {
    // IPv4 TCP
    const flags = pick(r, [0x02, 0x12, 0x10, 0x18, 0x10, 0x11]);
    const dport = r() < 0.5 ? pick(r, TCP_PORTS) : 1024 + Math.floor(r() * 60000);
    const sport = dport < 1024 ? 1024 + Math.floor(r() * 60000) : pick(r, TCP_PORTS);
    return ipv4Frame(r, 6, addr4(r), addr4(r), (o) => tcp(sport, dport, flags, filler(54 + o, size)));
  }
  if (kind < 0.62) {
    // DNS: queries to 53 are small, responses from 53 are sometimes large (amplification)
    if (r() < 0.5) return ipv4Frame(r, 17, addr4(r), addr4(r), () => udp(1024 + Math.floor(r() * 60000), 53, filler(42, 60 + Math.floor(r() * 40))));
    const big = r() < 0.4 ? 600 + Math.floor(r() * 900) : 80 + Math.floor(r() * 300);
    return ipv4Frame(r, 17, addr4(r), addr4(r), (o) => udp(53, 1024 + Math.floor(r() * 60000), filler(42 + o, big)));
  }
  if (kind < 0.72) {
    // other IPv4 UDP
    return ipv4Frame(r, 17, addr4(r), addr4(r), (o) => udp(1024 + Math.floor(r() * 60000), pick(r, [123, 443, 5353, 4789]), filler(42 + o, size)));
  }
  if (kind < 0.86) {
    // IPv6 TCP/UDP; some to the watched destination
    const dst = r() < 0.2 ? BENCH_IPV6_DST : addr6(r);
    if (r() < 0.7) return ether(0x86dd, ipv6(6, tcp(1024 + Math.floor(r() * 60000), pick(r, TCP_PORTS), pick(r, [0x02, 0x10, 0x18]), filler(74, size)), [], addr6(r), dst));
    return ether(0x86dd, ipv6(17, udp(1024 + Math.floor(r() * 60000), 53, filler(62, size)), [], addr6(r), dst));
  }
  if (kind < 0.91) {
    // ICMP echo and ICMPv6 echo
    if (r() < 0.6) return ether(0x0800, ipv4({ proto: 1, src: addr4(r), dst: addr4(r) }, new Uint8Array([...icmp(8, 0), ...filler(42, size)])));
    return ether(0x86dd, ipv6(58, new Uint8Array([...icmp(128, 0), ...filler(62, size)]), [], addr6(r), addr6(r)));
  }
  if (kind < 0.95) {
    // ARP request, padded to the 60-byte minimum
    const arp = [0, 1, 8, 0, 6, 4, 0, 1, 2, 0, 0, 0, 0, 1, ...addr4(r), 0, 0, 0, 0, 0, 0, ...addr4(r), ...new Array<number>(18).fill(0)];
    return ether(0x0806, new Uint8Array(arp));
  }
  // 802.1Q-tagged IPv4 TCP
  return ether(0x0800, ipv4({ proto: 6, src: addr4(r), dst: addr4(r) }, tcp(1024 + Math.floor(r() * 60000), pick(r, TCP_PORTS), 0x10, filler(58, size))), [100 + Math.floor(r() * 10)]);
}

/** `count` frames from `seed`, packed into one buffer with their offsets and lengths. */
export interface FrameSet {
  readonly data: Uint8Array;
  readonly offsets: Uint32Array;
  readonly lengths: Uint32Array;
  readonly count: number;
}

export function makeFrames(count: number, seed: number): FrameSet {
  const r = rng(seed);
  const frames: Uint8Array[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    const f = makeFrame(r);
    frames.push(f);
    total += f.length;
  }
  const data = new Uint8Array(total);
  const offsets = new Uint32Array(count);
  const lengths = new Uint32Array(count);
  let at = 0;
  frames.forEach((f, i) => {
    data.set(f, at);
    offsets[i] = at;
    lengths[i] = f.length;
    at += f.length;
  });
  return { data, offsets, lengths, count };
}
