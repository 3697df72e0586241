// Classic libpcap files: a 24-byte file header (magic in either byte order, microsecond
// 0xa1b2c3d4, nanosecond 0xa1b23c4d, or the 24-byte-record "modified" 0xa1b2cd34), then
// records of ts_sec, ts_frac, caplen, origlen and the captured bytes. The link-type field's
// upper bits carry FCS information (libpcap LT_LINKTYPE) and are masked off.

import { type BatchCollector, MAX_BATCH_PACKETS } from './batch.js';
import { NS, nsHalves } from './timestamp.js';
import { LINKTYPE, captureError, maxCapturedLength, truncatedError } from './types.js';
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
  /** Bytes of each record header (16, or 24 in the "modified" format). */
  recordHeaderBytes = 16;
  linkType = 1;
  snaplen = 0;
  isNanosecond = false;
  /** Largest captured length accepted for this link type. */
  maxCaplen = 262144;

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

  /** True once the header was read and records are Ethernet frames (presented as stored). */
  get canScan(): boolean {
    // The scan reads caplen at +8: files of old versions (lengths swapped) take the unit path.
    return this.hasHeader && this.linkType === LINKTYPE.ETHERNET && this.lengthsSwapped === 'no';
  }

  /**
   * The batch fast path: parse the complete records from `pos` (below `end`) of `bytes`
   * straight into `batch`, at most `limit` of them, until the batch is full. Stops before an
   * incomplete record or one the unit path must reject. Call only when `canScan`, after
   * `batch.useBuffer(bytes)`.
   * @returns the position after the last record taken
   */
  scanRecords(bytes: Uint8Array, view: DataView, pos: number, end: number, batch: BatchCollector, limit: number): number {
    const le = this.le;
    const rh = this.recordHeaderBytes;
    const max = this.maxCaplen;
    const nsPerFrac = this.nsPerFrac;
    const wantTs = batch.wantTimestamps;
    const { frameOffsets, frameLengths, recordStarts, recordLengths, wireLengths, tsHi, tsLo } = batch;
    let k = batch.count;
    const stop = Math.min(MAX_BATCH_PACKETS, k + limit);
    while (k < stop && pos + rh <= end) {
      const caplen = view.getUint32(pos + 8, le);
      const length = rh + caplen;
      if (caplen > max || pos + length > end) break;
      const orig = view.getUint32(pos + 12, le);
      frameOffsets[k] = pos + rh;
      frameLengths[k] = caplen;
      recordStarts[k] = pos;
      recordLengths[k] = length;
      wireLengths[k] = orig > caplen ? orig : caplen;
      if (wantTs) {
        let sec = view.getUint32(pos, le);
        let frac = view.getUint32(pos + 4, le) * nsPerFrac;
        if (frac >= 1_000_000_000) {
          sec += Math.floor(frac / 1_000_000_000);
          frac %= 1_000_000_000;
        }
        nsHalves(sec, frac);
        tsHi[k] = NS.hi;
        tsLo[k] = NS.lo;
      }
      k++;
      pos += length;
    }
    batch.count = k;
    return pos;
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

/** Records in a row that must look valid before `findPcapRecord` trusts a position. */
const RESYNC_CHAIN = 8;

/**
 * Find where a pcap record starts, at or after `from` in `bytes` (a window of the file whose
 * first byte is at file offset `windowStart`; `fileEnd` is the file's size): the first position
 * where RESYNC_CHAIN records in a row (or every record up to the end of the file) have a
 * captured length of at most `maxCaplen`, an original length at least as large, a fraction
 * of a second in range and lie end to end. A heuristic: callers must confirm the position
 * (range splitting compares it with where the previous range's records end).
 * @returns the file offset, or -1 when none was found in the window
 */
export function findPcapRecord(
  bytes: Uint8Array,
  windowStart: number,
  from: number,
  fileEnd: number,
  header: {
    readonly littleEndian: boolean;
    readonly recordHeaderBytes: number;
    readonly maxCaplen: number;
    readonly isNanosecond: boolean;
    /** libpcap's length order for the file's version (PcapParser.lengthsSwapped). */
    readonly lengthsSwapped: 'no' | 'yes' | 'maybe';
  },
): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = header.littleEndian;
  const rh = header.recordHeaderBytes;
  const fracLimit = header.isNanosecond ? 1_000_000_000 : 1_000_000;
  const windowEnd = windowStart + bytes.length;
  for (let p = from; p + rh <= windowEnd; p++) {
    let q = p;
    let ok = 0;
    for (; ok < RESYNC_CHAIN; ok++) {
      if (q === fileEnd) break;
      if (q + rh > windowEnd) {
        ok = -1;
        break;
      }
      const at = q - windowStart;
      const a = view.getUint32(at + 8, le);
      const b = view.getUint32(at + 12, le);
      // Files before 2.3 store len first; 2.3 files hold either order (the smaller is caplen).
      const swapped = header.lengthsSwapped === 'yes' || (header.lengthsSwapped === 'maybe' && a > b);
      const caplen = swapped ? b : a;
      const orig = swapped ? a : b;
      if (caplen > header.maxCaplen || orig < caplen || view.getUint32(at + 4, le) >= fracLimit || q + rh + caplen > fileEnd) {
        ok = -1;
        break;
      }
      q += rh + caplen;
    }
    if (ok === RESYNC_CHAIN || (ok >= 0 && q === fileEnd)) return p;
  }
  return -1;
}
