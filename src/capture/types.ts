// Shapes shared by the capture readers and writers: the formats, the link-type numbers we
// know by name (tcpdump.org LINKTYPE_* values), the per-packet record handed to callers and
// the limits that keep a damaged file from making a reader buffer without bound.

import { CaptureError } from '../diag/errors.js';

export type CaptureFormat = 'pcap' | 'pcapng' | 'pkt';

/** LINKTYPE_* numbers (as stored in files) that VFM treats specially. */
export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  /** DLT_RAW on most platforms, as written by old libpcap (maps to raw IP). */
  DLT_RAW_12: 12,
  /** DLT_RAW on OpenBSD and BSD/OS (maps to raw IP). */
  DLT_RAW_14: 14,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  DBUS: 231,
  LINUX_SLL2: 276,
} as const;

/** Names tcpdump prints for the link types above (`-L` style), for reports. */
export const LINKTYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'NULL',
  1: 'EN10MB',
  12: 'RAW',
  14: 'RAW',
  101: 'RAW',
  105: 'IEEE802_11',
  108: 'LOOP',
  113: 'LINUX_SLL',
  127: 'IEEE802_11_RADIO',
  228: 'IPV4',
  229: 'IPV6',
  276: 'LINUX_SLL2',
};

export function linkTypeName(linkType: number): string {
  return LINKTYPE_NAMES[linkType] ?? `linktype ${linkType}`;
}

/** Largest captured length accepted for a packet (libpcap's and Wireshark's 262144, D-Bus 128 MiB). */
export function maxCapturedLength(linkType: number): number {
  return linkType === LINKTYPE.DBUS ? 128 * 1024 * 1024 : 262144;
}

/** Largest pcapng block accepted (Wireshark's limit is of the same order). */
export const MAX_BLOCK_BYTES = 16 * 1024 * 1024 + 4096;

/**
 * One packet as a reader hands it out. The reader reuses this object for every packet: its
 * fields and `data` are valid only during the callback (copy what you keep).
 */
export interface CapturePacket {
  /**
   * The bytes a filter sees are the `frameLength` bytes at `frameOffset` of `frame`: the
   * captured bytes in the input buffer, or for link types presented as Ethernet (SLL, SLL2,
   * raw IP, NULL, LOOP) a reused scratch buffer holding a synthesized 14-byte Ethernet header
   * followed by the network-layer bytes. Hot paths pass these three to `filter.execAt`, so no
   * view is made per packet.
   */
  frame: Uint8Array;
  frameOffset: number;
  frameLength: number;
  /** The same bytes as a view (made on each access: convenient, but not for hot paths). */
  readonly data: Uint8Array;
  /** Link type of `data`: 1 (Ethernet) when synthesized, else `linkType`. */
  dataLinkType: number;
  /** Link type of the packet as stored in the capture. */
  linkType: number;
  /** Captured (stored) length as recorded, before any Ethernet synthesis. */
  capturedLength: number;
  /** Length of the packet on the wire. */
  originalLength: number;
  /** Whole seconds since 1970 (pcapng if_tsoffset applied). */
  timestampSec: number;
  /** Nanoseconds within the second, 0..999999999. */
  timestampNsec: number;
  /** pcapng interface id (0 for pcap and .pkt). */
  interfaceId: number;
  /** Packet number in the capture, from 1. */
  index: number;
  /** Byte offset of the record (pcap record header, pcapng block, .pkt length) in the input. */
  byteOffset: number;
  /** Buffer holding the record while the callback runs, and where in it the record and the stored bytes are. */
  buffer: Uint8Array;
  recordStart: number;
  recordLength: number;
  dataStart: number;
}

/** The whole stored record (header, bytes, padding, options) of a packet, for pass-through writers. */
export function recordBytes(p: CapturePacket): Uint8Array {
  return p.buffer.subarray(p.recordStart, p.recordStart + p.recordLength);
}

/** The packet bytes exactly as stored (without a synthesized Ethernet header). */
export function storedBytes(p: CapturePacket): Uint8Array {
  return p.buffer.subarray(p.dataStart, p.dataStart + p.capturedLength);
}

/**
 * Wire length of the frame a filter sees (WIRELEN): the record's original length, shifted by
 * the same amount as the frame when an Ethernet header was synthesized, so that
 * wire length - frame length is always the number of bytes the capture left out.
 */
export function frameWireLength(p: CapturePacket): number {
  return Math.max(p.frameLength, p.originalLength + p.frameLength - p.capturedLength);
}

/** Wire length of the stored bytes (a program compiled for the capture's own link type sees them). */
export function storedWireLength(p: CapturePacket): number {
  return Math.max(p.capturedLength, p.originalLength);
}

/** Timestamp of a packet in nanoseconds since 1970. */
export function timestampNs(p: CapturePacket): bigint {
  return BigInt(p.timestampSec) * 1_000_000_000n + BigInt(p.timestampNsec);
}

class PacketRecord implements CapturePacket {
  frame = new Uint8Array(0);
  frameOffset = 0;
  frameLength = 0;
  dataLinkType = 1;
  linkType = 1;
  capturedLength = 0;
  originalLength = 0;
  timestampSec = 0;
  timestampNsec = 0;
  interfaceId = 0;
  index = 0;
  byteOffset = 0;
  buffer = new Uint8Array(0);
  recordStart = 0;
  recordLength = 0;
  dataStart = 0;

  get data(): Uint8Array {
    return this.frame.subarray(this.frameOffset, this.frameOffset + this.frameLength);
  }
}

export function newPacketRecord(): CapturePacket {
  return new PacketRecord();
}

/** A CaptureError positioned at a byte offset of the input. */
export function captureError(code: string, message: string, byteOffset: number): CaptureError {
  return new CaptureError(code, message, { byteOffset });
}

/** The error for input that ends inside a unit: `what` needs `needed` bytes, `leftover` remain. */
export function truncatedError(what: string, needed: number, leftover: number, byteOffset: number): CaptureError {
  return captureError('ERR_CAPTURE_TRUNCATED', `truncated ${what}: needs ${needed} bytes, only ${leftover} remain`, byteOffset);
}
