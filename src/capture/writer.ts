// Capture writers. Output is gathered into 64 KiB chunks handed to a sink (a Node stream, a
// Blob builder); a chunk is never reused after it was handed on. PcapWriter and PcapngWriter
// write new captures; PassThroughWriter copies the input's own header, blocks and the
// records of chosen packets byte for byte, so `vfm filter` keeps the input's format.

import type { MetaKind } from './unit.js';
import { type CapturePacket, LINKTYPE } from './types.js';
import { PCAP_MAGIC_NSEC, PCAP_MAGIC_USEC } from './pcap.js';
import { PCAPNG_BYTE_ORDER_MAGIC, PCAPNG_EPB, PCAPNG_IDB, PCAPNG_SHB } from './pcapng.js';

/** Receives finished output chunks; it may keep them. */
export type ByteSink = (chunk: Uint8Array) => void;

const CHUNK_BYTES = 65536;
/** Runs of accepted records at least this long are passed on as slices when allowed. */
const SHARE_BYTES = 262144;

/** Buffers small writes into chunks for a sink. Multi-byte writes name their byte order. */
export class ChunkedOutput {
  private buf: Uint8Array;
  private view: DataView;
  private len = 0;
  /** Bytes written so far. */
  total = 0;

  constructor(
    private readonly sink: ByteSink,
    private readonly chunkBytes = CHUNK_BYTES,
  ) {
    this.buf = new Uint8Array(chunkBytes);
    this.view = new DataView(this.buf.buffer);
  }

  /** Bytes buffered and not yet handed to the sink. */
  get buffered(): number {
    return this.len;
  }

  private room(n: number): void {
    if (this.len + n > this.buf.length) this.flush();
  }

  u16(v: number, le: boolean): void {
    this.room(2);
    this.view.setUint16(this.len, v, le);
    this.len += 2;
    this.total += 2;
  }

  u32(v: number, le: boolean): void {
    this.room(4);
    this.view.setUint32(this.len, v >>> 0, le);
    this.len += 4;
    this.total += 4;
  }

  zeros(n: number): void {
    this.room(n);
    this.buf.fill(0, this.len, this.len + n);
    this.len += n;
    this.total += n;
  }

  bytes(src: Uint8Array): void {
    if (src.length > this.chunkBytes) {
      this.flush();
      this.sink(src.slice());
    } else {
      this.room(src.length);
      this.buf.set(src, this.len);
      this.len += src.length;
    }
    this.total += src.length;
  }

  /** Hand `src` itself to the sink (after the buffered bytes): the caller never changes it again. */
  shared(src: Uint8Array): void {
    this.flush();
    this.sink(src);
    this.total += src.length;
  }

  /** Hand the buffered bytes to the sink. */
  flush(): void {
    if (this.len === 0) return;
    this.sink(this.buf.subarray(0, this.len));
    this.buf = new Uint8Array(this.chunkBytes);
    this.view = new DataView(this.buf.buffer);
    this.len = 0;
  }
}

/** Halves of sec * unitsPerSec + extra as a 64-bit count, exact for sec < 2^53 and unitsPerSec < 2^32. */
const UNITS = { hi: 0, lo: 0 };
const LIMB = [0, 0, 0, 0];
function toUnits(sec: number, unitsPerSec: number, extra: number): void {
  let carry = extra;
  let rest = sec;
  const limb = LIMB;
  for (let k = 0; k < 4; k++) {
    const v = (rest % 65536) * unitsPerSec + carry;
    limb[k] = v % 65536;
    carry = Math.floor(v / 65536);
    rest = Math.floor(rest / 65536);
  }
  UNITS.lo = (limb[1] * 65536 + limb[0]) >>> 0;
  UNITS.hi = (limb[3] * 65536 + limb[2]) >>> 0;
}

export interface PcapWriterOptions {
  readonly linkType?: number;
  /** Snapshot length in the header; longer packets are cut to it (default 262144). */
  readonly snaplen?: number;
  /** Write nanosecond timestamps (magic 0xa1b23c4d) instead of microseconds. */
  readonly nanosecond?: boolean;
  /** Byte order of the file (default little-endian). */
  readonly littleEndian?: boolean;
}

/** Writes a classic pcap file: the header at construction, then one record per packet. */
export class PcapWriter {
  private readonly out: ChunkedOutput;
  private readonly le: boolean;
  private readonly nanosecond: boolean;
  private readonly snaplen: number;
  packets = 0;

  constructor(sink: ByteSink, options: PcapWriterOptions = {}) {
    this.out = new ChunkedOutput(sink);
    this.le = options.littleEndian ?? true;
    this.nanosecond = options.nanosecond ?? false;
    this.snaplen = options.snaplen ?? 262144;
    const o = this.out;
    o.u32(this.nanosecond ? PCAP_MAGIC_NSEC : PCAP_MAGIC_USEC, this.le);
    o.u16(2, this.le);
    o.u16(4, this.le);
    o.u32(0, this.le); // thiszone
    o.u32(0, this.le); // sigfigs
    o.u32(this.snaplen, this.le);
    o.u32(options.linkType ?? LINKTYPE.ETHERNET, this.le);
  }

  /** Append a packet; `originalLength` defaults to the packet's length. */
  writePacket(data: Uint8Array, timestampSec = 0, timestampNsec = 0, originalLength = data.length): void {
    const caplen = Math.min(data.length, this.snaplen);
    const o = this.out;
    o.u32(timestampSec, this.le);
    o.u32(this.nanosecond ? timestampNsec : Math.floor(timestampNsec / 1000), this.le);
    o.u32(caplen, this.le);
    o.u32(Math.max(originalLength, caplen), this.le);
    o.bytes(caplen === data.length ? data : data.subarray(0, caplen));
    this.packets++;
  }

  /** Flush buffered output to the sink (call at the end). */
  flush(): void {
    this.out.flush();
  }
}

export interface PcapngInterfaceOptions {
  readonly linkType?: number;
  readonly snaplen?: number;
  /** if_tsresol: decimal digits of the timestamp unit, 0..9 (default 9, nanoseconds). */
  readonly tsresolDigits?: number;
  /** if_name option, when given. */
  readonly name?: string;
}

/** Writes a pcapng file: a section header at construction, interfaces, then Enhanced Packet Blocks. */
export class PcapngWriter {
  private readonly out: ChunkedOutput;
  private readonly le: boolean;
  private readonly unitsPerSec: number[] = [];
  private readonly nsPerUnit: number[] = [];
  private readonly snaplens: number[] = [];
  packets = 0;

  constructor(sink: ByteSink, options: { readonly littleEndian?: boolean; readonly application?: string } = {}) {
    this.out = new ChunkedOutput(sink);
    this.le = options.littleEndian ?? true;
    const appl = encodeUtf8(options.application ?? 'vfm');
    const optBytes = 4 + pad4(appl.length) + 4;
    const length = 28 + optBytes;
    const o = this.out;
    o.u32(PCAPNG_SHB, this.le);
    o.u32(length, this.le);
    o.u32(PCAPNG_BYTE_ORDER_MAGIC, this.le);
    o.u16(1, this.le);
    o.u16(0, this.le);
    o.u32(0xffffffff, this.le); // section length: not specified (-1)
    o.u32(0xffffffff, this.le);
    this.option(4, appl); // shb_userappl
    this.option(0, new Uint8Array(0));
    o.u32(length, this.le);
  }

  /** Describe an interface; returns its id for `writePacket`. */
  addInterface(options: PcapngInterfaceOptions = {}): number {
    const digits = options.tsresolDigits ?? 9;
    if (!Number.isInteger(digits) || digits < 0 || digits > 9) throw new RangeError(`tsresolDigits must be 0..9, got ${digits}`);
    const name = options.name === undefined ? undefined : encodeUtf8(options.name);
    const optBytes = 8 + (name === undefined ? 0 : 4 + pad4(name.length)) + 4;
    const length = 20 + optBytes;
    const snaplen = options.snaplen ?? 0;
    const o = this.out;
    o.u32(PCAPNG_IDB, this.le);
    o.u32(length, this.le);
    o.u16(options.linkType ?? LINKTYPE.ETHERNET, this.le);
    o.u16(0, this.le);
    o.u32(snaplen, this.le);
    if (name !== undefined) this.option(2, name); // if_name
    this.option(9, Uint8Array.of(digits)); // if_tsresol
    this.option(0, new Uint8Array(0));
    o.u32(length, this.le);
    this.unitsPerSec.push(10 ** digits);
    this.nsPerUnit.push(10 ** (9 - digits));
    this.snaplens.push(snaplen);
    return this.unitsPerSec.length - 1;
  }

  /** Append a packet on interface `interfaceId`; longer packets are cut to its snaplen. */
  writePacket(interfaceId: number, data: Uint8Array, timestampSec = 0, timestampNsec = 0, originalLength = data.length): void {
    const perSec = this.unitsPerSec[interfaceId];
    if (perSec === undefined) throw new RangeError(`interface ${interfaceId} was not added`);
    const snaplen = this.snaplens[interfaceId];
    const caplen = snaplen !== 0 ? Math.min(data.length, snaplen) : data.length;
    const length = 32 + pad4(caplen);
    toUnits(timestampSec, perSec, Math.floor(timestampNsec / this.nsPerUnit[interfaceId]));
    const o = this.out;
    o.u32(PCAPNG_EPB, this.le);
    o.u32(length, this.le);
    o.u32(interfaceId, this.le);
    o.u32(UNITS.hi, this.le);
    o.u32(UNITS.lo, this.le);
    o.u32(caplen, this.le);
    o.u32(Math.max(originalLength, caplen), this.le);
    o.bytes(caplen === data.length ? data : data.subarray(0, caplen));
    o.zeros(pad4(caplen) - caplen);
    o.u32(length, this.le);
    this.packets++;
  }

  flush(): void {
    this.out.flush();
  }

  private option(code: number, value: Uint8Array): void {
    this.out.u16(code, this.le);
    this.out.u16(value.length, this.le);
    this.out.bytes(value);
    this.out.zeros(pad4(value.length) - value.length);
  }
}

/** UTF-8 bytes of a string (the core has no TextEncoder type without the DOM library). */
function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

/**
 * Copies a capture's own structure: every non-packet unit (pcap header, pcapng section,
 * interface and other blocks) and the records of the packets passed to `writePacket`, byte
 * for byte. A pcapng section length is rewritten to -1 (unknown), since packets were left out.
 */
export class PassThroughWriter {
  private readonly out: ChunkedOutput;
  packets = 0;

  /**
   * @param chunkBytes size of the output chunks handed to the sink (default 64 KiB)
   * @param share with `writeBatch`: asked before a long run of accepted records goes to the
   *   sink as a slice of the input instead of a copy; returning true promises that the input
   *   buffer stays as it is. Without it (or on false), records are copied
   */
  constructor(
    sink: ByteSink,
    options: { readonly chunkBytes?: number; readonly share?: () => boolean } = {},
  ) {
    this.out = new ChunkedOutput(sink, options.chunkBytes);
    this.share = options.share;
  }

  private readonly share: (() => boolean) | undefined;

  /** Bytes buffered and not yet handed to the sink. */
  get buffered(): number {
    return this.out.buffered;
  }

  /** Bytes written so far. */
  get bytesWritten(): number {
    return this.out.total;
  }

  /** Pass as `onMeta` to the reader. */
  readonly writeMeta = (bytes: Uint8Array, kind: MetaKind): void => {
    if (kind === 'pcapng-shb' && bytes.length >= 24) {
      const copy = bytes.slice();
      copy.fill(0xff, 16, 24);
      this.out.bytes(copy);
      return;
    }
    this.out.bytes(bytes);
  };

  /** Copy the stored record of the packet the reader is delivering. */
  writePacket(p: CapturePacket): void {
    this.out.bytes(p.buffer.subarray(p.recordStart, p.recordStart + p.recordLength));
    this.packets++;
  }

  /**
   * Write the records of a batch whose status is positive (accepted), in order: adjacent
   * records go out as one run, copied, or as a slice of `records` when the run is long and
   * sharing was allowed.
   */
  writeBatch(records: Uint8Array, starts: Uint32Array, lengths: Uint32Array, statuses: Int32Array, count: number): void {
    let runStart = -1;
    let runEnd = -1;
    let accepted = 0;
    for (let k = 0; k < count; k++) {
      if (statuses[k] <= 0) continue;
      accepted++;
      const start = starts[k];
      if (start === runEnd) {
        runEnd += lengths[k];
        continue;
      }
      if (runStart >= 0) this.run(records, runStart, runEnd);
      runStart = start;
      runEnd = start + lengths[k];
    }
    if (runStart >= 0) this.run(records, runStart, runEnd);
    this.packets += accepted;
  }

  private run(records: Uint8Array, start: number, end: number): void {
    if (end - start >= SHARE_BYTES && this.share !== undefined && this.share()) {
      this.out.shared(records.subarray(start, end));
    } else {
      this.out.bytes(records.subarray(start, end));
    }
  }

  flush(): void {
    this.out.flush();
  }
}
