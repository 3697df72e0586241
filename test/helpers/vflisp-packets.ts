// Hand-built test frames for VFLisp: the four packets of the VFLisp spec section 8 and a small
// builder for Ethernet/VLAN/IPv4/IPv6 frames with TCP, UDP or ICMP.

function bytesOf(...parts: (number | number[] | Uint8Array)[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'number') out.push(p);
    else out.push(...p);
  }
  return new Uint8Array(out);
}

const be16 = (v: number): number[] => [(v >> 8) & 255, v & 255];
const be32 = (v: number): number[] => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
const ZERO_MACS = new Array<number>(12).fill(0);

/** P1: IPv4 TCP SYN 192.168.1.100:1234 -> 8.8.8.8:80, 54 bytes (the -t packet). */
export const P1 = bytesOf(ZERO_MACS, 0x08, 0x00, 0x45, 0, be16(60), be16(0x1234), 0x40, 0, 64, 6, 0, 0, [192, 168, 1, 100], [8, 8, 8, 8], be16(1234), be16(80), be32(1), be32(0), 0x50, 0x02, be16(0x7210), 0, 0, 0, 0);

/** P2: IPv4 UDP DNS response 8.8.8.8:53 -> 192.168.1.100:40000, 614 bytes. */
export const P2 = (() => {
  const p = new Uint8Array(614);
  p.set(bytesOf(ZERO_MACS, 0x08, 0x00, 0x45, 0, be16(600), be16(0xabcd), 0, 0, 58, 17, 0, 0, [8, 8, 8, 8], [192, 168, 1, 100], be16(53), be16(40000), be16(580), 0, 0));
  p.set(bytesOf(be16(0x1234), be16(0x8180), be16(1), be16(2)), 42);
  return p;
})();

/** P3: IPv6 TCP SYN 2001:db8::1:50000 -> 2001:db8::2:443, 74 bytes. */
export const P3 = bytesOf(
  ZERO_MACS, 0x86, 0xdd, 0x60, 0, 0, 0, be16(20), 6, 64,
  [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
  [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2],
  be16(50000), be16(443), be32(1), be32(0), 0x50, 0x02, 0, 0, 0, 0, 0, 0,
);

/** P4: ARP request 192.168.1.100 asks for 192.168.1.1, 42 bytes, unpadded. */
export const P4 = bytesOf(
  [255, 255, 255, 255, 255, 255], [2, 0, 0, 0, 0, 1], 0x08, 0x06,
  be16(1), be16(0x0800), 6, 4, be16(1), [2, 0, 0, 0, 0, 1], [192, 168, 1, 100], [0, 0, 0, 0, 0, 0], [192, 168, 1, 1],
);

export interface FrameSpec {
  /** VLAN ids, outermost first. */
  readonly vlans?: readonly number[];
  readonly ip: 4 | 6;
  readonly src?: readonly number[];
  readonly dst?: readonly number[];
  /** IPv4 options bytes (a multiple of 4). */
  readonly options?: readonly number[];
  /** IPv6 extension headers to insert: [next-header value, bytes] pairs are built as 8-byte hop-by-hop. */
  readonly hopByHop?: boolean;
  readonly ttl?: number;
  readonly proto: number;
  /** Transport header and payload bytes. */
  readonly l4: readonly number[];
  /** IPv4 fragment word (flags and offset). */
  readonly frag?: number;
}

/** Build an Ethernet frame with optional VLAN tags and an IPv4 or IPv6 packet. */
export function buildFrame(s: FrameSpec): Uint8Array {
  const eth: number[] = [0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1];
  for (const id of s.vlans ?? []) eth.push(0x81, 0x00, ...be16(id));
  if (s.ip === 4) {
    const opts = s.options ?? [];
    const ihl = 5 + opts.length / 4;
    const total = ihl * 4 + s.l4.length;
    const hdr = [0x40 | ihl, 0, ...be16(total), 0, 1, ...be16(s.frag ?? 0), s.ttl ?? 64, s.proto, 0, 0, ...(s.src ?? [10, 0, 0, 1]), ...(s.dst ?? [10, 0, 0, 2]), ...opts];
    return bytesOf(eth, 0x08, 0x00, hdr, [...s.l4]);
  }
  const ext = s.hopByHop === true ? [s.proto, 0, 1, 4, 0, 0, 0, 0] : [];
  const next = s.hopByHop === true ? 0 : s.proto;
  const src = s.src ?? [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
  const dst = s.dst ?? [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];
  return bytesOf(eth, 0x86, 0xdd, 0x60, 0, 0, 0, be16(ext.length + s.l4.length), next, s.ttl ?? 64, [...src], [...dst], ext, [...s.l4]);
}

/** A TCP header (20 bytes) with the given ports and flags. */
export function tcp(sport: number, dport: number, flags: number): number[] {
  return [...be16(sport), ...be16(dport), ...be32(1), ...be32(0), 0x50, flags, ...be16(1024), 0, 0, 0, 0];
}

/** A UDP header (8 bytes) plus payload. */
export function udp(sport: number, dport: number, payload: readonly number[] = []): number[] {
  return [...be16(sport), ...be16(dport), ...be16(8 + payload.length), 0, 0, ...payload];
}

/** An ICMP echo header (8 bytes). */
export function icmp(type: number, code: number): number[] {
  return [type, code, 0, 0, 0, 1, 0, 1];
}
