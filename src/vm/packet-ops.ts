// The computed opcodes (HASH5, HASH6, CSUM, PARSE, HDR, IP_VER, IPV6_EXT) over a packet, shared
// by every tier so that they cannot disagree. The packet is `len` bytes of `p` starting at `b`
// (callers pass a whole capture buffer and an offset, so no view is made per packet); every
// offset below and in HDR is relative to the packet start. Bytes past the end of the packet
// read as 0 (the C original over-reads there). 64-bit results go to OUT as two 32-bit halves.

/** Result registers for 64-bit results: high and low 32-bit halves, unsigned. */
export const OUT = { hi: 0, lo: 0 };

const FNV_BASIS_HI = 0xcbf29ce4;
const FNV_BASIS_LO = 0x84222325;
// FNV prime 0x100000001b3: high half 0x100, low half 0x1b3.

function byteAt(p: Uint8Array, b: number, len: number, i: number): number {
  return i < len ? p[b + i] : 0;
}

function le16(p: Uint8Array, b: number, len: number, i: number): number {
  return byteAt(p, b, len, i) | (byteAt(p, b, len, i + 1) << 8);
}

function le32(p: Uint8Array, b: number, len: number, i: number): number {
  return (byteAt(p, b, len, i) | (byteAt(p, b, len, i + 1) << 8) | (byteAt(p, b, len, i + 2) << 16) | (byteAt(p, b, len, i + 3) << 24)) >>> 0;
}

function be16(p: Uint8Array, b: number, len: number, i: number): number {
  return (byteAt(p, b, len, i) << 8) | byteAt(p, b, len, i + 1);
}

/** h = (h ^ (xHi:xLo)) * 0x100000001b3 mod 2^64, on OUT. */
function fold(xHi: number, xLo: number): void {
  const hHi = (OUT.hi ^ xHi) >>> 0;
  const hLo = (OUT.lo ^ xLo) >>> 0;
  const loProduct = hLo * 0x1b3; // < 2^41, exact
  const lo = loProduct >>> 0;
  const carry = Math.floor(loProduct / 4294967296);
  OUT.hi = (carry + (hLo << 8) + Math.imul(hHi, 0x1b3)) >>> 0;
  OUT.lo = lo;
}

/** HASH5 (spec 3.1): FNV-style fold of S, D (LE u32), SP, DP (LE u16) and the protocol byte. */
export function hash5(p: Uint8Array, b: number, len: number): void {
  if (len < 34) {
    OUT.hi = 0;
    OUT.lo = 0;
    return;
  }
  OUT.hi = FNV_BASIS_HI;
  OUT.lo = FNV_BASIS_LO;
  fold(0, le32(p, b, len, 26));
  fold(0, le32(p, b, len, 30));
  fold(0, le16(p, b, len, 34));
  fold(0, le16(p, b, len, 36));
  fold(0, byteAt(p, b, len, 23));
}

/** HASH6 (spec 3.2, variant V): fold the XOR of the addresses as two LE u64, then SP, DP, NH. */
export function hash6(p: Uint8Array, b: number, len: number): void {
  if (len < 54) {
    OUT.hi = 0;
    OUT.lo = 0;
    return;
  }
  OUT.hi = FNV_BASIS_HI;
  OUT.lo = FNV_BASIS_LO;
  for (let half = 0; half < 2; half++) {
    const s = 22 + half * 8;
    const d = 38 + half * 8;
    const lo = (le32(p, b, len, s) ^ le32(p, b, len, d)) >>> 0;
    const hi = (le32(p, b, len, s + 4) ^ le32(p, b, len, d + 4)) >>> 0;
    fold(hi, lo);
  }
  fold(0, le16(p, b, len, 54));
  fold(0, le16(p, b, len, 56));
  fold(0, byteAt(p, b, len, 20));
}

/** IP_VER (spec 3.4): high nibble of byte 14, 0 if the packet is shorter than 15 bytes. */
export function ipVersion(p: Uint8Array, b: number, len: number): number {
  return len < 15 ? 0 : p[b + 14] >> 4;
}

/** 802.1Q, 802.1ad and the old QinQ TPID. */
function isVlanTpid(type: number): boolean {
  return type === 0x8100 || type === 0x88a8 || type === 0x9100;
}

/** Header facts found by `locateHeaders`, reused across calls (no allocation). */
export const HDR = {
  /** Offset of the network header (after any VLAN tags); 0 if the frame is too short. */
  l3: 0,
  /** EtherType after the VLAN tags. */
  etherType: 0,
  /** Number of 802.1Q/802.1ad tags skipped. */
  vlanTags: 0,
  /** 4 or 6 when an IP header of that version is present and long enough, else 0. */
  ipVersion: 0,
  /** Offset of the transport header, 0 if none (not IP, truncated, non-first fragment). */
  l4: 0,
  /** IPv4 protocol or the IPv6 next header after extension headers; 0 if not IP. */
  l4Proto: 0,
  /** VLAN id (low 12 bits of the TCI) of the outermost tag; 0 when untagged. */
  vlanId: 0,
  /** 1 when the IP packet is a fragment (IPv4 MF or offset set; an IPv6 fragment header), else 0. */
  fragment: 0,
  /** Bytes from the transport header to the end of the packet; 0 when there is no transport header. */
  l4Bytes: 0,
  /** The transport offset when the protocol carries 16-bit ports (TCP, UDP, SCTP) and 4 bytes are there, else 0. */
  portsOffset: 0,
  /** Bytes from the network header to the end of the packet; 0 when the frame has no network header. */
  l3Bytes: 0,
};

/** Selector values of the HDR opcode, in operand order. */
export const HDR_FIELDS = ['l3', 'etherType', 'vlanTags', 'ipVersion', 'l4', 'l4Proto', 'vlanId', 'fragment', 'l4Bytes', 'portsOffset', 'l3Bytes'] as const;

/** HDR n: the header fact with selector n after `locateHeaders`; 0 for an unknown selector. */
export function headerField(selector: number): number {
  switch (selector) {
    case 0:
      return HDR.l3;
    case 1:
      return HDR.etherType;
    case 2:
      return HDR.vlanTags;
    case 3:
      return HDR.ipVersion;
    case 4:
      return HDR.l4;
    case 5:
      return HDR.l4Proto;
    case 6:
      return HDR.vlanId;
    case 7:
      return HDR.fragment;
    case 8:
      return HDR.l4Bytes;
    case 9:
      return HDR.portsOffset;
    case 10:
      return HDR.l3Bytes;
    default:
      return 0;
  }
}

const IPV6_EXT_HEADERS = new Set([0, 43, 44, 51, 60, 135]);

/**
 * PARSE and HDR walk at most this many IPv6 extension headers; a packet with more has no
 * transport header (offset 0). The bound keeps the walk expressible in loop-free targets
 * (classic BPF); real traffic carries two or three at most.
 */
export const MAX_IPV6_EXT_HEADERS = 8;

/**
 * PARSE, HDR and CSUM skip at most this many VLAN tags; a frame with more has no network
 * header (like a tag with no room for the inner EtherType). The bound keeps the walk loop-free
 * for classic BPF and eBPF, as MAX_IPV6_EXT_HEADERS does; real frames carry one or two tags.
 */
export const MAX_VLAN_TAGS = 8;

/** Length of an IPv6 extension header from its type and length byte (RFC 8200, 4302, 6275). */
function ipv6ExtLength(nextHeader: number, lenByte: number): number {
  if (nextHeader === 44) return 8;
  if (nextHeader === 51) return (lenByte + 2) * 4;
  return (lenByte + 1) * 8;
}

/**
 * Walk Ethernet, VLAN tags, IPv4 (IHL) or IPv6 (extension headers) and fill HDR.
 * Used by PARSE and CSUM, and by the filter language through them. The common frames, untagged
 * IPv4 without options and not a fragment, and untagged IPv6 whose first next header is the
 * transport, take a fast path with the same results as the full walk (`locateHeadersFull`).
 */
export function locateHeaders(p: Uint8Array, b: number, len: number): void {
  if (len > 34 && p[b + 12] === 0x08 && p[b + 13] === 0x00 && p[b + 14] === 0x45 && (p[b + 20] & 0x3f) === 0 && p[b + 21] === 0) {
    const proto = p[b + 23];
    setFast(0x0800, 4, proto, 34, len);
    return;
  }
  if (len > 54 && p[b + 12] === 0x86 && p[b + 13] === 0xdd && p[b + 14] >> 4 === 6) {
    const next = p[b + 20];
    if (IPV6_NOT_TRANSPORT[next] === 0) {
      setFast(0x86dd, 6, next, 54, len);
      return;
    }
  }
  locateHeadersFull(p, b, len);
}

/** 1 for the IPv6 extension header types the walk skips and for 59 (no next header): not a transport header. */
export const IPV6_NOT_TRANSPORT = new Uint8Array(256);
for (const t of [0, 43, 44, 51, 60, 135, 59]) IPV6_NOT_TRANSPORT[t] = 1;

/** The facts of an untagged IP frame whose transport header starts at `l4` (< len), not a fragment. */
function setFast(etherType: number, version: number, proto: number, l4: number, len: number): void {
  HDR.l3 = 14;
  HDR.etherType = etherType;
  HDR.vlanTags = 0;
  HDR.ipVersion = version;
  HDR.l4 = l4;
  HDR.l4Proto = proto;
  HDR.vlanId = 0;
  HDR.fragment = 0;
  const l4Bytes = len - l4;
  HDR.l4Bytes = l4Bytes;
  HDR.portsOffset = (proto === 6 || proto === 17 || proto === 132) && l4Bytes >= 4 ? l4 : 0;
  HDR.l3Bytes = len - 14;
}

/** The full header walk behind `locateHeaders`, for every frame (exported for tests). */
export function locateHeadersFull(p: Uint8Array, b: number, len: number): void {
  HDR.l3 = 0;
  HDR.etherType = 0;
  HDR.vlanTags = 0;
  HDR.ipVersion = 0;
  HDR.l4 = 0;
  HDR.l4Proto = 0;
  HDR.vlanId = 0;
  HDR.fragment = 0;
  HDR.l4Bytes = 0;
  HDR.portsOffset = 0;
  HDR.l3Bytes = 0;
  if (len < 14) return;
  findHeaders(p, b, len);
  if (HDR.l3 !== 0) HDR.l3Bytes = len - HDR.l3;
  if (HDR.l4 !== 0) {
    HDR.l4Bytes = len - HDR.l4;
    const proto = HDR.l4Proto;
    if ((proto === 6 || proto === 17 || proto === 132) && HDR.l4Bytes >= 4) HDR.portsOffset = HDR.l4;
  }
}

/** The walk behind `locateHeaders`: fills l3, EtherType, VLAN, IP version, l4, l4Proto, fragment. */
function findHeaders(p: Uint8Array, b: number, len: number): void {
  let off = 12;
  let type = (p[b + 12] << 8) | p[b + 13];
  while (isVlanTpid(type) && off + 6 <= len && HDR.vlanTags < MAX_VLAN_TAGS) {
    if (HDR.vlanTags === 0) HDR.vlanId = ((p[b + off + 2] << 8) | p[b + off + 3]) & 0x0fff;
    off += 4;
    type = (p[b + off] << 8) | p[b + off + 1];
    HDR.vlanTags++;
  }
  if (isVlanTpid(type)) return; // a tag with no room for the inner EtherType, or a ninth tag
  const l3 = off + 2;
  HDR.l3 = l3;
  HDR.etherType = type;
  if (type === 0x0800) {
    if (l3 + 20 > len || p[b + l3] >> 4 !== 4) return;
    const ihlBytes = (p[b + l3] & 0x0f) * 4;
    if (ihlBytes < 20 || l3 + ihlBytes > len) return;
    HDR.ipVersion = 4;
    HDR.l4Proto = p[b + l3 + 9];
    const fragWord = (p[b + l3 + 6] << 8) | p[b + l3 + 7];
    const fragOffset = fragWord & 0x1fff;
    if ((fragWord & 0x3fff) !== 0) HDR.fragment = 1;
    // A non-first fragment carries no transport header; the end of the packet holds none either.
    if (fragOffset === 0 && l3 + ihlBytes < len) HDR.l4 = l3 + ihlBytes;
  } else if (type === 0x86dd) {
    if (l3 + 40 > len || p[b + l3] >> 4 !== 6) return;
    HDR.ipVersion = 6;
    let next = p[b + l3 + 6];
    let at = l3 + 40;
    let firstFragment = true;
    let walked = 0;
    while (IPV6_EXT_HEADERS.has(next) && at + 8 <= len && walked < MAX_IPV6_EXT_HEADERS) {
      walked++;
      const extLen = ipv6ExtLength(next, p[b + at + 1]);
      if (at + extLen > len) break;
      if (next === 44) {
        HDR.fragment = 1;
        if ((((p[b + at + 2] << 8) | p[b + at + 3]) & 0xfff8) !== 0) firstFragment = false;
      }
      next = p[b + at];
      at += extLen;
    }
    HDR.l4Proto = next;
    if (!IPV6_EXT_HEADERS.has(next) && next !== 59 && firstFragment && at < len) HDR.l4 = at;
  }
}

/** PARSE: offset of the transport header, 0 if there is none. */
export function transportOffset(p: Uint8Array, b: number, len: number): number {
  locateHeaders(p, b, len);
  return HDR.l4;
}

/** CSUM: 1 if the packet is IPv4 (VLAN-aware) and its header checksum is correct, else 0. */
export function ipv4ChecksumOk(p: Uint8Array, b: number, len: number): number {
  locateHeaders(p, b, len);
  if (HDR.ipVersion !== 4) return 0;
  const start = HDR.l3;
  const end = start + (p[b + start] & 0x0f) * 4;
  let sum = 0;
  for (let i = start; i < end; i += 2) sum += (p[b + i] << 8) | p[b + i + 1];
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum === 0xffff ? 1 : 0;
}

/**
 * IPV6_EXT (spec 3.5): extension-header facts of an IPv6 packet at the fixed offset 14.
 * Field codes: 15 has, 16 count, 17 total length, 18 final next header, 19 fragment id,
 * 20 fragment offset, 21 fragment flags; 3 and 4 read BE16 at 34 and 36 (a C quirk kept for
 * binary compatibility); every other code, and every code on a non-IPv6 packet, gives 0.
 * Mobility headers (135) use the RFC 6275 length (C used `len+8`).
 */
export function ipv6ExtField(p: Uint8Array, b: number, len: number, field: number): number {
  if (len < 54 || p[b + 14] >> 4 !== 6) return 0;
  let next = p[b + 20];
  let off = 40;
  let has = 0;
  let count = 0;
  let total = 0;
  let final = next;
  let fragId = 0;
  let fragOff = 0;
  let fragFlags = 0;
  while (off < len - 14) {
    if (!IPV6_EXT_HEADERS.has(next)) break;
    const at = 14 + off;
    if (at + 2 > len) break;
    const lenByte = p[b + at + 1];
    const hdrLen = ipv6ExtLength(next, lenByte);
    if (next === 44) {
      // Fragment fields are recorded before the length check (spec D9).
      const word = be16(p, b, len, at + 2);
      fragOff = (word >> 3) & 0x1fff;
      fragFlags = word & 7;
      fragId = ((be16(p, b, len, at + 4) << 16) | be16(p, b, len, at + 6)) >>> 0;
    }
    if (hdrLen === 0 || off + hdrLen > len - 14) break;
    has = 1;
    count = (count + 1) & 0xff;
    total = (total + hdrLen) & 0xffff;
    next = p[b + at];
    off += hdrLen;
    final = next;
  }
  switch (field) {
    case 3:
      return be16(p, b, len, 34);
    case 4:
      return be16(p, b, len, 36);
    case 15:
      return has;
    case 16:
      return count;
    case 17:
      return total;
    case 18:
      return final;
    case 19:
      return fragId;
    case 20:
      return fragOff;
    case 21:
      return fragFlags;
    default:
      return 0;
  }
}
