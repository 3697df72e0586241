// Crafting packets byte by byte, for tests, examples, benchmarks and capture generators:
// Ethernet (with optional 802.1Q tags), IPv4 (options, fragments, correct header checksum),
// IPv6 (extension headers), TCP, UDP, ICMP. Browser-safe; every function returns a new array.

export function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const u16 = (v: number): number[] => [(v >> 8) & 0xff, v & 0xff];
const u32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

export const MAC_A = [0x02, 0, 0, 0, 0, 0x01];
export const MAC_B = [0x02, 0, 0, 0, 0, 0x02];

/** Ethernet II frame; each VLAN id adds an 802.1Q tag (outermost first). */
export function ether(etherType: number, payload: Uint8Array, vlans: number[] = []): Uint8Array {
  const tags = vlans.flatMap((id) => [0x81, 0x00, ...u16(id & 0x0fff)]);
  return concat(MAC_B, MAC_A, tags, u16(etherType), payload);
}

export function checksum16(bytes: Uint8Array | number[]): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i] << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export interface Ipv4Options {
  src?: number[];
  dst?: number[];
  proto: number;
  options?: number[];
  /** Fragment offset in 8-byte units and the MF flag. */
  fragOffset?: number;
  moreFragments?: boolean;
  ttl?: number;
  badChecksum?: boolean;
}

export function ipv4(o: Ipv4Options, payload: Uint8Array): Uint8Array {
  const opts = o.options ?? [];
  const ihl = 5 + Math.ceil(opts.length / 4);
  const padded = [...opts, ...new Array<number>(ihl * 4 - 20 - opts.length).fill(0)];
  const total = ihl * 4 + payload.length;
  const frag = ((o.moreFragments === true ? 0x2000 : 0) | (o.fragOffset ?? 0)) & 0xffff;
  const h = [0x40 | ihl, 0, ...u16(total), 0x12, 0x34, ...u16(frag), o.ttl ?? 64, o.proto, 0, 0, ...(o.src ?? [192, 0, 2, 1]), ...(o.dst ?? [198, 51, 100, 7]), ...padded];
  const c = checksum16(h);
  h[10] = c >> 8;
  h[11] = (c & 0xff) ^ (o.badChecksum === true ? 1 : 0);
  return concat(h, payload);
}

export const IPV6_SRC = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
export const IPV6_DST = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];

/** An extension header: type (its own next-header value) and body bytes after the 2-byte prefix. */
export interface ExtHeader {
  readonly type: number;
  readonly body: number[];
}

/** IPv6 packet; `exts` are chained in order before the upper-layer header `proto`. */
export function ipv6(proto: number, payload: Uint8Array, exts: ExtHeader[] = [], src = IPV6_SRC, dst = IPV6_DST): Uint8Array {
  const chain: number[] = [];
  exts.forEach((e, k) => {
    const next = k + 1 < exts.length ? exts[k + 1].type : proto;
    const bytes = [next, 0, ...e.body];
    if (e.type === 44) bytes[1] = 0;
    else if (e.type === 51) bytes[1] = bytes.length / 4 - 2;
    else bytes[1] = bytes.length / 8 - 1;
    chain.push(...bytes);
  });
  const first = exts.length > 0 ? exts[0].type : proto;
  return concat([0x60, 0, 0, 0, ...u16(chain.length + payload.length), first, 64, ...src, ...dst], chain, payload);
}

export function tcp(srcPort: number, dstPort: number, flags: number, data: number[] = []): Uint8Array {
  return concat([...u16(srcPort), ...u16(dstPort), ...u32(1), ...u32(0), 0x50, flags, ...u16(8192), 0, 0, 0, 0], data);
}

export function udp(srcPort: number, dstPort: number, data: number[] = []): Uint8Array {
  return concat([...u16(srcPort), ...u16(dstPort), ...u16(8 + data.length), 0, 0], data);
}

export function icmp(type: number, code: number): Uint8Array {
  return new Uint8Array([type, code, 0, 0, 0, 0, 0, 0]);
}
