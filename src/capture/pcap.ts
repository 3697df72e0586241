// Classic libpcap files: a 24-byte file header (magic in either byte order, microsecond
// 0xa1b2c3d4, nanosecond 0xa1b23c4d, or the 24-byte-record "modified" 0xa1b2cd34), then
// records of ts_sec, ts_frac, caplen, origlen and the captured bytes. The link-type field's
// upper bits carry FCS information (libpcap LT_LINKTYPE) and are masked off.

import { captureError, maxCapturedLength, truncatedError } from './types.js';
import type { UnitParser, UnitSink } from './unit.js';

export const PCAP_MAGIC_USEC = 0xa1b2c3d4;
export const PCAP_MAGIC_NSEC = 0xa1b23c4d;
export const PCAP_MAGIC_MODIFIED = 0xa1b2cd34;
export const PCAP_HEADER_BYTES = 24;
const LT_LINKTYPE_MASK = 0x03ffffff;

/** The byte order of a pcap magic at `off`: true little-endian, false big-endian, undefined not pcap. */
export function pcapByteOrder(view: DataView, off: number): boolean | undefined {
  const le = view.getUint32(off, true);
  if (le === PCAP_MAGIC_USEC || le === PCAP_MAGIC_NSEC || le === PCAP_MAGIC_MODIFIED) return true;
  const be = view.getUint32(off, false);
  if (be === PCAP_MAGIC_USEC || be === PCAP_MAGIC_NSEC || be === PCAP_MAGIC_MODIFIED) return false;
  return undefined;
}

/** libpcap's rule (sf-pcap.c): which versions store len before caplen. */
function lengthsSwapped(major: number, minor: number): 'no' | 'yes' | 'maybe' {
  if (major === 543 || (major === 2 && minor < 3)) return 'yes';
  return major === 2 && minor === 3 ? 'maybe' : 'no';
}

export class PcapParser implements UnitParser {
  private hasHeader = false;
  private le = true;
  private nsPerFrac = 1000;
  private recordHeaderBytes = 16;
  linkType = 1;
  snaplen = 0;
  isNanosecond = false;
  private maxCaplen = 262144;

  /**
   * Whether records hold caplen and len the other way round, as libpcap decides from the
   * version: files before 2.3 (and DG/UX's 543.0) put len first; in 2.3 files either order
   * occurs, so the fields are swapped when caplen > len. 'no' for 2.4, the only order written today.
   */
  lengthsSwapped: 'no' | 'yes' | 'maybe' = 'no';

  constructor(private readonly sink: UnitSink) {}

  /** The captured length of the record at `off`, with libpcap's swap for old versions. */
  private caplenAt(view: DataView, off: number): number {
    const a = view.getUint32(off + 8, this.le);
    if (this.lengthsSwapped === 'no') return a;
    const b = view.getUint32(off + 12, this.le);
    return this.lengthsSwapped === 'yes' || a > b ? b : a;
  }

  /** The original (wire) length of the record at `off`. */
  private origlenAt(view: DataView, off: number): number {
    const a = view.getUint32(off + 8, this.le);
    const b = view.getUint32(off + 12, this.le);
    return this.lengthsSwapped === 'yes' || a > b ? a : b;
  }

  get littleEndian(): boolean {
    return this.le;
  }

  unitLength(_bytes: Uint8Array, view: DataView, off: number, avail: number, byteOffset: number): number {
    if (!this.hasHeader) {
      if (avail < PCAP_HEADER_BYTES) return PCAP_HEADER_BYTES;
      const le = pcapByteOrder(view, off);
      if (le === undefined) throw captureError('ERR_CAPTURE_HEADER', `not a pcap file: magic 0x${view.getUint32(off, false).toString(16).padStart(8, '0')}`, byteOffset);
      const major = view.getUint16(off + 4, le);
      const minor = view.getUint16(off + 6, le);
      if (major < 2) throw captureError('ERR_CAPTURE_HEADER', `archaic pcap version ${major}.${minor} (libpcap reads 2.0 to 2.4, and 543.0)`, byteOffset + 4);
      if (!((major === 2 && minor <= 4) || (major === 543 && minor === 0))) {
        throw captureError('ERR_CAPTURE_HEADER', `unsupported pcap version ${major}.${minor} (libpcap reads 2.0 to 2.4, and 543.0)`, byteOffset + 4);
      }
      return PCAP_HEADER_BYTES;
    }
    if (avail < this.recordHeaderBytes) return this.recordHeaderBytes;
    const caplen = this.caplenAt(view, off);
    if (caplen > this.maxCaplen) {
      throw captureError('ERR_CAPTURE_LENGTH', `pcap record claims ${caplen} captured bytes, more than the maximum ${this.maxCaplen}`, byteOffset + 8);
    }
    return this.recordHeaderBytes + caplen;
  }

  handleUnit(bytes: Uint8Array, view: DataView, off: number, length: number, byteOffset: number): void {
    if (!this.hasHeader) {
      const le = pcapByteOrder(view, off) === true;
      const magic = view.getUint32(off, le);
      this.le = le;
      this.isNanosecond = magic === PCAP_MAGIC_NSEC;
      this.nsPerFrac = this.isNanosecond ? 1 : 1000;
      this.recordHeaderBytes = magic === PCAP_MAGIC_MODIFIED ? 24 : 16;
      this.lengthsSwapped = lengthsSwapped(view.getUint16(off + 4, le), view.getUint16(off + 6, le));
      this.snaplen = view.getUint32(off + 16, le);
      this.linkType = view.getUint32(off + 20, le) & LT_LINKTYPE_MASK;
      this.maxCaplen = maxCapturedLength(this.linkType);
      this.hasHeader = true;
      this.sink.linkTypeSeen(this.linkType);
      this.sink.meta(bytes, off, length, 'pcap-header', byteOffset);
      return;
    }
    const p = this.sink.packet;
    const le = this.le;
    p.timestampSec = view.getUint32(off, le);
    const frac = view.getUint32(off + 4, le) * this.nsPerFrac;
    // A fraction of a second of 1e9 ns or more is out of range; carry it into the seconds.
    if (frac >= 1_000_000_000) {
      p.timestampSec += Math.floor(frac / 1_000_000_000);
      p.timestampNsec = frac % 1_000_000_000;
    } else {
      p.timestampNsec = frac;
    }
    p.capturedLength = length - this.recordHeaderBytes;
    p.originalLength = this.lengthsSwapped === 'no' ? view.getUint32(off + 12, le) : this.origlenAt(view, off);
    p.linkType = this.linkType;
    p.interfaceId = 0;
    p.byteOffset = byteOffset;
    p.buffer = bytes;
    p.recordStart = off;
    p.recordLength = length;
    p.dataStart = off + this.recordHeaderBytes;
    this.sink.deliver();
  }

  finish(bytes: Uint8Array, view: DataView, leftover: number, byteOffset: number): void {
    if (leftover === 0) {
      if (!this.hasHeader) throw truncatedError('pcap file header', PCAP_HEADER_BYTES, 0, byteOffset);
      return;
    }
    const needed = this.unitLength(bytes, view, 0, leftover, byteOffset);
    const what = !this.hasHeader ? 'pcap file header' : leftover < this.recordHeaderBytes ? 'pcap record header' : 'pcap record';
    throw truncatedError(what, needed, leftover, byteOffset);
  }
}
