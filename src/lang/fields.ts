// The VFLisp field table. Every field follows the real headers (VLAN tags, IPv4 options,
// IPv6 extension headers) through the VM's HDR facts and indirect loads. `index` is the C
// original's field number, part of the bytecode ABI because IPV6_EXT carries it. A field
// the packet does not have makes every comparison that reads it false (see `guard`).

/** One precondition of a field: an HDR fact (selector 0-10) or the frame length (`len`). */
export type Requirement =
  | { readonly t: 'atom'; readonly atom: Atom; readonly op: 'ne' | 'eq' | 'ge'; readonly c: number }
  | { readonly t: 'oneof'; readonly atom: Atom; readonly values: readonly number[] }
  /** TCP, UDP or SCTP with at least 4 transport bytes (HDR 9 nonzero). */
  | { readonly t: 'ports' };

/** An HDR selector (0-10) or LEN_ATOM for the frame length. */
export type Atom = number;
export const LEN_ATOM = -1;

/** HDR selectors used by the compiler (see HDR_FIELDS in vm/packet-ops.ts). */
export const SEL = {
  l3: 0,
  etherType: 1,
  vlanTags: 2,
  ipVersion: 3,
  l4: 4,
  l4Proto: 5,
  vlanId: 6,
  fragment: 7,
  l4Bytes: 8,
  portsOffset: 9,
  l3Bytes: 10,
} as const;

/** How a field's value is produced. */
export type FieldAccess =
  /** `HDR sel`: never faults; 0 when absent. */
  | { readonly k: 'hdr'; readonly sel: number }
  | { readonly k: 'len' }
  /** `IPV6_EXT code`: never faults; 0 when absent. */
  | { readonly k: 'ext'; readonly code: number }
  /** Indirect load at the network (`l3`) or transport (`l4`) header. */
  | { readonly k: 'ldx'; readonly base: 'l3' | 'l4'; readonly off: number; readonly width: 1 | 2 | 4 | 8 }
  /** A value whose place depends on the IP version: width bytes at l3+off, plus `add`. */
  | { readonly k: 'byVersion'; readonly v4: VersionedLoad; readonly v6: VersionedLoad }
  /** An IP address: IPv4 (4 bytes at l3+12/16, guard IPv4) or IPv6 (16 bytes at l3+8/24, guard IPv6). */
  | { readonly k: 'addr'; readonly dir: 'src' | 'dst' };

export interface VersionedLoad {
  readonly off: number;
  readonly width: 1 | 2;
  readonly add: number;
}

export type FieldType = 'u64' | 'addr128' | 'addr';

export interface FieldDef {
  readonly name: string;
  /** The largest value the field can have, when its access width does not say (HDR fields). */
  readonly max?: bigint;
  /** Field number of the C original (0-21); later fields have none. */
  readonly index?: number;
  readonly type: FieldType;
  readonly access: FieldAccess;
  /** Conditions under which the packet has this field. */
  readonly guard: readonly Requirement[];
  /** Where the bytes are, for `-a` and the docs. */
  readonly layout: string;
  readonly doc: string;
}

const IP: Requirement = { t: 'atom', atom: SEL.ipVersion, op: 'ne', c: 0 };
const IP4: Requirement = { t: 'atom', atom: SEL.ipVersion, op: 'eq', c: 4 };
const IP6: Requirement = { t: 'atom', atom: SEL.ipVersion, op: 'eq', c: 6 };
export const REQUIRE_IP4 = IP4;
export const REQUIRE_IP6 = IP6;
const UNTAGGED: Requirement = { t: 'atom', atom: SEL.vlanTags, op: 'eq', c: 0 };
const TCP: readonly Requirement[] = [
  { t: 'atom', atom: SEL.l4Proto, op: 'eq', c: 6 },
  { t: 'atom', atom: SEL.l4Bytes, op: 'ge', c: 14 },
];
const icmp = (bytes: number): readonly Requirement[] => [
  { t: 'oneof', atom: SEL.l4Proto, values: [1, 58] },
  { t: 'atom', atom: SEL.l4Bytes, op: 'ge', c: bytes },
];
const ext = (name: string, index: number, doc: string): FieldDef => ({
  name,
  index,
  type: 'u64',
  access: { k: 'ext', code: index },
  guard: [IP6, UNTAGGED],
  layout: `IPV6_EXT ${index}`,
  doc: `${doc} (IPv6 without VLAN tags; from the extension-header walk at offset 14)`,
});

export const FIELDS: readonly FieldDef[] = [
  { name: 'proto', index: 0, type: 'u64', max: 255n, access: { k: 'hdr', sel: SEL.l4Proto }, guard: [IP], layout: 'HDR 5', doc: 'IPv4 protocol, or the IPv6 next header after the extension headers' },
  { name: 'src-ip', index: 1, type: 'addr', access: { k: 'addr', dir: 'src' }, guard: [], layout: 'l3+12 (4) | l3+8 (16)', doc: 'source address; IPv4 or IPv6 as chosen by the other operand (IPv4 by default)' },
  { name: 'dst-ip', index: 2, type: 'addr', access: { k: 'addr', dir: 'dst' }, guard: [], layout: 'l3+16 (4) | l3+24 (16)', doc: 'destination address; IPv4 or IPv6 as chosen by the other operand (IPv4 by default)' },
  { name: 'src-port', index: 3, type: 'u64', access: { k: 'ldx', base: 'l4', off: 0, width: 2 }, guard: [{ t: 'ports' }], layout: 'l4+0 (2)', doc: 'TCP, UDP or SCTP source port (first fragment only)' },
  { name: 'dst-port', index: 4, type: 'u64', access: { k: 'ldx', base: 'l4', off: 2, width: 2 }, guard: [{ t: 'ports' }], layout: 'l4+2 (2)', doc: 'TCP, UDP or SCTP destination port (first fragment only)' },
  { name: 'ethertype', index: 5, type: 'u64', max: 65535n, access: { k: 'hdr', sel: SEL.etherType }, guard: [{ t: 'atom', atom: SEL.l3, op: 'ne', c: 0 }], layout: 'HDR 1', doc: 'EtherType after any 802.1Q/802.1ad tags' },
  { name: 'ip-len', index: 6, type: 'u64', access: { k: 'byVersion', v4: { off: 2, width: 2, add: 0 }, v6: { off: 4, width: 2, add: 40 } }, guard: [IP], layout: 'l3+2 (2) | l3+4 (2) + 40', doc: 'IPv4 total length; for IPv6 the payload length + 40 (the whole datagram)' },
  { name: 'tcp-flags', index: 7, type: 'u64', access: { k: 'ldx', base: 'l4', off: 13, width: 1 }, guard: TCP, layout: 'l4+13 (1)', doc: 'TCP flags byte (CWR ECE URG ACK PSH RST SYN FIN), TCP only' },
  { name: 'ip-version', index: 8, type: 'u64', access: { k: 'hdr', sel: SEL.ipVersion }, guard: [], layout: 'HDR 3', doc: '4 or 6 for a valid IP header, 0 for anything else (always present)' },
  { name: 'src-ip4', index: 9, type: 'u64', access: { k: 'ldx', base: 'l3', off: 12, width: 4 }, guard: [IP4], layout: 'l3+12 (4)', doc: 'IPv4 source address' },
  { name: 'dst-ip4', index: 10, type: 'u64', access: { k: 'ldx', base: 'l3', off: 16, width: 4 }, guard: [IP4], layout: 'l3+16 (4)', doc: 'IPv4 destination address' },
  { name: 'src-ip6', index: 11, type: 'addr128', access: { k: 'addr', dir: 'src' }, guard: [IP6], layout: 'l3+8 (16)', doc: 'IPv6 source address (128-bit)' },
  { name: 'dst-ip6', index: 12, type: 'addr128', access: { k: 'addr', dir: 'dst' }, guard: [IP6], layout: 'l3+24 (16)', doc: 'IPv6 destination address (128-bit)' },
  { name: 'next-hdr', index: 13, type: 'u64', access: { k: 'ldx', base: 'l3', off: 6, width: 1 }, guard: [IP6], layout: 'l3+6 (1)', doc: 'IPv6 Next Header of the fixed header' },
  { name: 'hop-limit', index: 14, type: 'u64', access: { k: 'ldx', base: 'l3', off: 7, width: 1 }, guard: [IP6], layout: 'l3+7 (1)', doc: 'IPv6 Hop Limit' },
  ext('has-ext-hdr', 15, '1 if at least one extension header'),
  ext('ext-hdr-count', 16, 'number of extension headers'),
  ext('ext-hdr-len', 17, 'total bytes of extension headers'),
  ext('final-proto', 18, 'Next Header after the last extension header'),
  ext('frag-id', 19, 'Fragment header identification, 0 if none'),
  ext('frag-offset', 20, 'Fragment offset in 8-byte units'),
  ext('frag-flags', 21, 'low 3 bits of the fragment word (M flag = 1)'),
  // ---- additions (no C field number) ----
  { name: 'len', type: 'u64', access: { k: 'len' }, guard: [], layout: 'LEN', doc: 'frame length in bytes (always present)' },
  { name: 'ttl', type: 'u64', access: { k: 'byVersion', v4: { off: 8, width: 1, add: 0 }, v6: { off: 7, width: 1, add: 0 } }, guard: [IP], layout: 'l3+8 (1) | l3+7 (1)', doc: 'IPv4 TTL or IPv6 Hop Limit' },
  { name: 'icmp-type', type: 'u64', access: { k: 'ldx', base: 'l4', off: 0, width: 1 }, guard: icmp(1), layout: 'l4+0 (1)', doc: 'ICMP or ICMPv6 type' },
  { name: 'icmp-code', type: 'u64', access: { k: 'ldx', base: 'l4', off: 1, width: 1 }, guard: icmp(2), layout: 'l4+1 (1)', doc: 'ICMP or ICMPv6 code' },
  { name: 'vlan-id', type: 'u64', max: 4095n, access: { k: 'hdr', sel: SEL.vlanId }, guard: [{ t: 'atom', atom: SEL.vlanTags, op: 'ne', c: 0 }], layout: 'HDR 6', doc: 'VLAN id (12 bits) of the outermost 802.1Q/802.1ad tag; tagged frames only' },
  { name: 'vlan-tags', type: 'u64', access: { k: 'hdr', sel: SEL.vlanTags }, guard: [], layout: 'HDR 2', doc: 'number of VLAN tags (always present, 0 when untagged)' },
  { name: 'ip-frag', type: 'u64', access: { k: 'hdr', sel: SEL.fragment }, guard: [IP], layout: 'HDR 7', doc: '1 if the IP packet is a fragment (IPv4 MF or offset, IPv6 fragment header), else 0' },
];

const BY_NAME = new Map(FIELDS.map((f) => [f.name, f]));

/** The largest value of a field: from its load width (plus the IPv6 `add`), or its `max`; undefined when unbounded. */
export function fieldMax(f: FieldDef): bigint | undefined {
  const ones = (bytes: number): bigint => (1n << BigInt(8 * bytes)) - 1n;
  const a = f.access;
  if (a.k === 'ldx') return a.width < 8 ? ones(a.width) : undefined;
  if (a.k === 'byVersion') {
    const v4 = ones(a.v4.width) + BigInt(a.v4.add);
    const v6 = ones(a.v6.width) + BigInt(a.v6.add);
    return v4 > v6 ? v4 : v6;
  }
  return f.max;
}

export function fieldByName(name: string): FieldDef | undefined {
  return BY_NAME.get(name);
}

/** True for fields read through HDR or LEN: they never fault and read 0 when the packet lacks them. */
export function isSoftField(f: FieldDef): boolean {
  return f.access.k === 'hdr' || f.access.k === 'len';
}
