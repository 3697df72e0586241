// Presenting packets to filters. Filters are written against Ethernet frames, so link types
// whose network-layer type is known (Linux cooked SLL and SLL2, raw IPv4/IPv6, BSD NULL and
// LOOP) get an equivalent 14-byte Ethernet header: zero MAC addresses and the right EtherType,
// followed by the network-layer bytes, built in one reused scratch buffer. Ethernet and every
// other link type are presented as stored. See docs/captures.md.

import { LINKTYPE } from './types.js';
import type { CapturePacket } from './types.js';

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERNET_HEADER_BYTES = 14;

/** True when packets of `linkType` are presented as Ethernet (natively or synthesized). */
export function isPresentedAsEthernet(linkType: number): boolean {
  switch (linkType) {
    case LINKTYPE.ETHERNET:
    case LINKTYPE.LINUX_SLL:
    case LINKTYPE.LINUX_SLL2:
    case LINKTYPE.RAW:
    case LINKTYPE.DLT_RAW_12:
    case LINKTYPE.DLT_RAW_14:
    case LINKTYPE.IPV4:
    case LINKTYPE.IPV6:
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP:
      return true;
    default:
      return false;
  }
}

/** EtherType for a BSD address family (AF_INET, and AF_INET6 of Linux, Windows, BSDs, FreeBSD, Darwin). */
function etherTypeOfFamily(family: number): number {
  if (family === 2) return ETHERTYPE_IPV4;
  if (family === 10 || family === 23 || family === 24 || family === 28 || family === 30) return ETHERTYPE_IPV6;
  return 0;
}

/** EtherType for a raw IP packet from its version nibble (0 when it is neither 4 nor 6). */
function etherTypeOfIp(bytes: Uint8Array, at: number, caplen: number): number {
  if (caplen < 1) return 0;
  const version = bytes[at] >> 4;
  return version === 4 ? ETHERTYPE_IPV4 : version === 6 ? ETHERTYPE_IPV6 : 0;
}

export class LinkPresenter {
  private scratch = new Uint8Array(65536 + ETHERNET_HEADER_BYTES);

  /** Set the frame fields and `p.dataLinkType` for the packet the parser just filled in. */
  present(p: CapturePacket): void {
    const bytes = p.buffer;
    const at = p.dataStart;
    const caplen = p.capturedLength;
    let headerBytes: number;
    let etherType: number;
    switch (p.linkType) {
      case LINKTYPE.LINUX_SLL:
        // packet type, ARPHRD type, address length, 8 address bytes, protocol (EtherType)
        headerBytes = 16;
        etherType = caplen >= 16 ? (bytes[at + 14] << 8) | bytes[at + 15] : 0;
        break;
      case LINKTYPE.LINUX_SLL2:
        // protocol (EtherType), reserved, interface index, ARPHRD type, packet type, address length, 8 address bytes
        headerBytes = 20;
        etherType = caplen >= 2 ? (bytes[at] << 8) | bytes[at + 1] : 0;
        break;
      case LINKTYPE.RAW:
      case LINKTYPE.DLT_RAW_12:
      case LINKTYPE.DLT_RAW_14:
        headerBytes = 0;
        etherType = etherTypeOfIp(bytes, at, caplen);
        break;
      case LINKTYPE.IPV4:
        headerBytes = 0;
        etherType = ETHERTYPE_IPV4;
        break;
      case LINKTYPE.IPV6:
        headerBytes = 0;
        etherType = ETHERTYPE_IPV6;
        break;
      case LINKTYPE.NULL: {
        // The family is in the capturing host's byte order; like libpcap, a value with bits
        // above 16 set was written by a host of the other byte order.
        headerBytes = 4;
        if (caplen < 4) {
          etherType = 0;
          break;
        }
        let family = (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
        if ((family & 0xffff0000) !== 0) family = ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
        etherType = etherTypeOfFamily(family);
        break;
      }
      case LINKTYPE.LOOP:
        headerBytes = 4;
        etherType = caplen >= 4 ? etherTypeOfFamily(((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0) : 0;
        break;
      default:
        p.dataLinkType = p.linkType;
        p.frame = bytes;
        p.frameOffset = at;
        p.frameLength = caplen;
        return;
    }
    const payload = caplen > headerBytes ? caplen - headerBytes : 0;
    const total = ETHERNET_HEADER_BYTES + payload;
    if (total > this.scratch.length) this.scratch = new Uint8Array(total);
    const s = this.scratch;
    // Destination and source MAC addresses are zero; the scratch buffer keeps them zero.
    s[12] = etherType >> 8;
    s[13] = etherType & 0xff;
    const from = at + headerBytes;
    for (let k = 0; k < payload; k++) s[ETHERNET_HEADER_BYTES + k] = bytes[from + k];
    p.dataLinkType = LINKTYPE.ETHERNET;
    p.frame = s;
    p.frameOffset = 0;
    p.frameLength = total;
  }
}
