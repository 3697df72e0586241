// pcapng files: blocks of type, total length, body, total length again. A Section Header
// Block (SHB) sets the byte order and starts a new list of interfaces; Interface Description
// Blocks (IDB) give each interface its link type, snaplen and timestamp resolution/offset;
// Enhanced, Simple and obsolete Packet Blocks (EPB, SPB, OPB) carry packets. Other blocks
// are handed on as metadata and otherwise skipped. Every length is checked before use.

import { type TimestampUnit, SPLIT, splitTimestamp, timestampUnit } from './timestamp.js';
import { MAX_BLOCK_BYTES, captureError, maxCapturedLength, truncatedError } from './types.js';
import type { UnitParser, UnitSink } from './unit.js';

export const PCAPNG_SHB = 0x0a0d0d0a;
export const PCAPNG_IDB = 0x00000001;
export const PCAPNG_OPB = 0x00000002;
export const PCAPNG_SPB = 0x00000003;
export const PCAPNG_EPB = 0x00000006;
export const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPT_ENDOFOPT = 0;
const OPT_IF_TSRESOL = 9;
const OPT_IF_TSOFFSET = 14;

/** An interface described by an IDB of the current section. */
export interface PcapngInterface {
  readonly linkType: number;
  readonly snaplen: number;
  readonly tsresol: number;
  /** if_tsoffset: seconds added to every timestamp. */
  readonly tsoffsetSec: number;
  readonly unit: TimestampUnit;
  readonly maxCaplen: number;
}

/** Byte order of a SHB at `off` (12 bytes needed): true little-endian, false big; throws on a bad magic. */
export function shbByteOrder(view: DataView, off: number, byteOffset: number): boolean {
  if (view.getUint32(off + 8, true) === PCAPNG_BYTE_ORDER_MAGIC) return true;
  if (view.getUint32(off + 8, false) === PCAPNG_BYTE_ORDER_MAGIC) return false;
  throw captureError(
    'ERR_CAPTURE_HEADER',
    `pcapng section header has byte-order magic 0x${view.getUint32(off + 8, false).toString(16).padStart(8, '0')}, expected 0x1a2b3c4d in either byte order`,
    byteOffset + 8,
  );
}

const DEFAULT_UNIT = timestampUnit(6);

/**
 * Most interfaces one section may describe. libpcap has no limit but memory; this one keeps the
 * table at a few MiB (a file of 5,000,000 IDBs no longer takes 559 MB): more is ERR_CAPTURE_INTERFACE.
 */
export const MAX_PCAPNG_INTERFACES = 65536;

/** The interfaces of one section in typed arrays (about 20 bytes each), grown by doubling. */
export class InterfaceTable {
  private linkTypes = new Uint16Array(4);
  private snaplens = new Uint32Array(4);
  private tsresols = new Uint8Array(4);
  private tsoffsets = new Float64Array(4);
  /** Timestamp units by if_tsresol value: at most 256 distinct ones. */
  private readonly units: (TimestampUnit | undefined)[] = [];
  length = 0;

  clear(): void {
    this.length = 0;
  }

  add(linkType: number, snaplen: number, tsresol: number, tsoffsetSec: number, byteOffset: number): void {
    if (this.length >= MAX_PCAPNG_INTERFACES) {
      throw captureError('ERR_CAPTURE_INTERFACE', `pcapng section describes more than ${MAX_PCAPNG_INTERFACES} interfaces`, byteOffset);
    }
    if (this.length === this.linkTypes.length) {
      const grow = <T extends Uint16Array | Uint32Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a as never);
        return b;
      };
      this.linkTypes = grow(this.linkTypes, (n) => new Uint16Array(n));
      this.snaplens = grow(this.snaplens, (n) => new Uint32Array(n));
      this.tsresols = grow(this.tsresols, (n) => new Uint8Array(n));
      this.tsoffsets = grow(this.tsoffsets, (n) => new Float64Array(n));
    }
    const i = this.length++;
    this.linkTypes[i] = linkType;
    this.snaplens[i] = snaplen;
    this.tsresols[i] = tsresol;
    this.tsoffsets[i] = tsoffsetSec;
  }

  /** Interface `id` as a fresh object (for callers outside the per-packet path), or undefined. */
  at(id: number): PcapngInterface | undefined {
    if (id >= this.length) return undefined;
    return { linkType: this.linkTypes[id], snaplen: this.snaplens[id], tsresol: this.tsresols[id], tsoffsetSec: this.tsoffsets[id], unit: this.unit(id), maxCaplen: maxCapturedLength(this.linkTypes[id]) };
  }

  /** Fill `into` with interface `id` (no allocation); false when there is no such interface. */
  load(id: number, into: MutableInterface): boolean {
    if (id >= this.length) return false;
    const lt = this.linkTypes[id];
    if (into.linkType !== lt) {
      into.linkType = lt;
      into.maxCaplen = maxCapturedLength(lt);
    }
    into.snaplen = this.snaplens[id];
    into.tsresol = this.tsresols[id];
    into.tsoffsetSec = this.tsoffsets[id];
    into.unit = this.unit(id);
    return true;
  }

  private unit(id: number): TimestampUnit {
    const r = this.tsresols[id];
    let u = this.units[r];
    if (u === undefined) {
      u = r === 6 ? DEFAULT_UNIT : timestampUnit(r);
      this.units[r] = u;
    }
    return u;
  }
}

type MutableInterface = { -readonly [K in keyof PcapngInterface]: PcapngInterface[K] };

export class PcapngParser implements UnitParser {
  private le = true;
  private inSection = false;
  /** Interfaces of the current section, by id. */
  readonly interfaces = new InterfaceTable();
  /** The interface of the packet being read (reused). */
  private readonly current: MutableInterface = { linkType: -1, snaplen: 0, tsresol: 6, tsoffsetSec: 0, unit: DEFAULT_UNIT, maxCaplen: 0 };
  sections = 0;

  constructor(private readonly sink: UnitSink) {}

  unitLength(_bytes: Uint8Array, view: DataView, off: number, avail: number, byteOffset: number): number {
    if (avail < 8) return 8;
    const typeLe = view.getUint32(off, true);
    let le = this.le;
    let minLength = 12;
    if (typeLe === PCAPNG_SHB) {
      if (avail < 12) return 12;
      le = shbByteOrder(view, off, byteOffset);
      minLength = 28;
    } else if (!this.inSection) {
      throw captureError('ERR_CAPTURE_HEADER', `pcapng block of type 0x${typeLe.toString(16)} before any section header block`, byteOffset);
    }
    const length = view.getUint32(off + 4, le);
    if (length < minLength || length % 4 !== 0 || length > MAX_BLOCK_BYTES) {
      const why = length < minLength ? `shorter than the minimum ${minLength}` : length % 4 !== 0 ? 'not a multiple of 4' : `larger than the maximum ${MAX_BLOCK_BYTES}`;
      throw captureError('ERR_CAPTURE_BLOCK', `pcapng block of type 0x${view.getUint32(off, le).toString(16)} has total length ${length}, ${why}`, byteOffset + 4);
    }
    return length;
  }

  handleUnit(bytes: Uint8Array, view: DataView, off: number, length: number, byteOffset: number): void {
    let le = this.le;
    const isShb = view.getUint32(off, true) === PCAPNG_SHB;
    if (isShb) le = shbByteOrder(view, off, byteOffset);
    // libpcap reads the file's first SHB without looking at its trailing length (and checks the
    // trailer of every later block): so do we.
    const firstShb = isShb && this.sections === 0;
    const trailer = view.getUint32(off + length - 4, le);
    if (trailer !== length && !firstShb) {
      throw captureError('ERR_CAPTURE_BLOCK', `pcapng block length ${length} does not match its trailing copy ${trailer}`, byteOffset + length - 4);
    }
    if (isShb) {
      const major = view.getUint16(off + 12, le);
      const minor = view.getUint16(off + 14, le);
      // As libpcap: the first section must be 1.0 or 1.2 (1.1 and 1.3+ were never defined);
      // later sections are checked for the major version only.
      if (major !== 1 || (firstShb && minor !== 0 && minor !== 2)) {
        throw captureError('ERR_CAPTURE_HEADER', `unsupported pcapng version ${major}.${minor} (libpcap reads 1.0 and 1.2)`, byteOffset + 12);
      }
      this.le = le;
      this.inSection = true;
      this.interfaces.clear();
      this.sections++;
      this.sink.meta(bytes, off, length, 'pcapng-shb', byteOffset);
      return;
    }
    const type = view.getUint32(off, le);
    const bodyBytes = length - 12;
    switch (type) {
      case PCAPNG_IDB:
        this.addInterface(view, off, length, byteOffset);
        this.sink.meta(bytes, off, length, 'pcapng-idb', byteOffset);
        return;
      case PCAPNG_EPB:
      case PCAPNG_OPB: {
        if (bodyBytes < 20) throw captureError('ERR_CAPTURE_BLOCK', `pcapng packet block body of ${bodyBytes} bytes is shorter than its 20-byte header`, byteOffset);
        const id = type === PCAPNG_EPB ? view.getUint32(off + 8, le) : view.getUint16(off + 8, le);
        const iface = this.interfaceAt(id, byteOffset + 8);
        const caplen = view.getUint32(off + 20, le);
        if (caplen > bodyBytes - 20) {
          throw captureError('ERR_CAPTURE_LENGTH', `pcapng packet claims ${caplen} captured bytes but its block holds ${bodyBytes - 20}`, byteOffset + 20);
        }
        if (caplen > iface.maxCaplen) {
          throw captureError('ERR_CAPTURE_LENGTH', `pcapng packet claims ${caplen} captured bytes, more than the maximum ${iface.maxCaplen}`, byteOffset + 20);
        }
        splitTimestamp(view.getUint32(off + 12, le), view.getUint32(off + 16, le), iface.unit);
        this.emit(bytes, off, length, byteOffset, id, iface, off + 28, caplen, view.getUint32(off + 24, le));
        return;
      }
      case PCAPNG_SPB: {
        if (bodyBytes < 4) throw captureError('ERR_CAPTURE_BLOCK', `pcapng simple packet block body of ${bodyBytes} bytes is shorter than its 4-byte header`, byteOffset);
        const iface = this.interfaceAt(0, byteOffset);
        const originalLength = view.getUint32(off + 8, le);
        let caplen = Math.min(originalLength, bodyBytes - 4);
        if (iface.snaplen !== 0 && caplen > iface.snaplen) caplen = iface.snaplen;
        if (caplen > iface.maxCaplen) {
          throw captureError('ERR_CAPTURE_LENGTH', `pcapng simple packet holds ${caplen} bytes, more than the maximum ${iface.maxCaplen}`, byteOffset + 8);
        }
        SPLIT.sec = 0;
        SPLIT.nsec = 0;
        this.emit(bytes, off, length, byteOffset, 0, iface, off + 12, caplen, originalLength);
        return;
      }
      default:
        this.sink.meta(bytes, off, length, 'pcapng-other', byteOffset);
    }
  }

  finish(bytes: Uint8Array, view: DataView, leftover: number, byteOffset: number): void {
    if (leftover === 0) return;
    const needed = this.unitLength(bytes, view, 0, leftover, byteOffset);
    throw truncatedError(leftover < 12 ? 'pcapng block header' : 'pcapng block', needed, leftover, byteOffset);
  }

  private interfaceAt(id: number, byteOffset: number): PcapngInterface {
    if (!this.interfaces.load(id, this.current)) {
      throw captureError('ERR_CAPTURE_INTERFACE', `pcapng packet for interface ${id}, but the section describes ${this.interfaces.length}`, byteOffset);
    }
    return this.current;
  }

  private emit(bytes: Uint8Array, off: number, length: number, byteOffset: number, id: number, iface: PcapngInterface, dataStart: number, caplen: number, originalLength: number): void {
    const p = this.sink.packet;
    p.timestampSec = SPLIT.sec + iface.tsoffsetSec;
    p.timestampNsec = SPLIT.nsec;
    p.capturedLength = caplen;
    p.originalLength = originalLength;
    p.linkType = iface.linkType;
    p.interfaceId = id;
    p.byteOffset = byteOffset;
    p.buffer = bytes;
    p.recordStart = off;
    p.recordLength = length;
    p.dataStart = dataStart;
    this.sink.deliver();
  }

  private addInterface(view: DataView, off: number, length: number, byteOffset: number): void {
    const le = this.le;
    if (length < 20) throw captureError('ERR_CAPTURE_BLOCK', `pcapng interface description block of ${length} bytes is shorter than 20`, byteOffset);
    const linkType = view.getUint16(off + 8, le);
    const snaplen = view.getUint32(off + 12, le);
    let tsresol = 6;
    let tsoffsetSec = 0;
    // Options: code u16, length u16, value padded to 4 bytes, up to the trailing length.
    const end = off + length - 4;
    let at = off + 16;
    while (at + 4 <= end) {
      const code = view.getUint16(at, le);
      const optLength = view.getUint16(at + 2, le);
      if (code === OPT_ENDOFOPT) break;
      const value = at + 4;
      if (value + optLength > end) {
        throw captureError('ERR_CAPTURE_BLOCK', `pcapng interface option ${code} of ${optLength} bytes runs past the end of its block`, byteOffset + (at - off));
      }
      if (code === OPT_IF_TSRESOL && optLength >= 1) tsresol = view.getUint8(value);
      if (code === OPT_IF_TSOFFSET && optLength >= 8) {
        const hi = view.getInt32(le ? value + 4 : value, le);
        const lo = view.getUint32(le ? value : value + 4, le);
        tsoffsetSec = hi * 4294967296 + lo;
      }
      at = value + ((optLength + 3) & ~3);
    }
    this.interfaces.add(linkType, snaplen, tsresol, tsoffsetSec, byteOffset);
    this.sink.linkTypeSeen(linkType);
  }
}
