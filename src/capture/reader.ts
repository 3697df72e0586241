// The streaming capture reader. Bytes arrive in chunks of any size (`feed`, then `end`);
// complete units are parsed straight out of the chunk, and only a unit that straddles two
// chunks is copied into a pending buffer, which grows to the largest unit seen (bounded by
// the format's length limits). Packets go to a callback as one reused record whose `data` is
// a view. The first error is sticky: every good packet before it has been delivered.

import { CaptureError } from '../diag/errors.js';
import { BatchCollector, MAX_BATCH_PACKETS, type PacketBatch } from './batch.js';
import { DETECT_BYTES, describeBytes, detectFormat } from './detect.js';
import { LinkPresenter, isPresentedAsEthernet } from './link.js';
import { PcapParser } from './pcap.js';
import { PcapngParser } from './pcapng.js';
import { PktParser } from './pkt.js';
import { type CaptureFormat, type CapturePacket, captureError, linkTypeName, newPacketRecord } from './types.js';
import type { MetaKind, UnitParser, UnitSink } from './unit.js';

export interface CaptureReaderOptions {
  /** Called for every packet with the reused record (valid only during the call). */
  onPacket?(packet: CapturePacket): void;
  /**
   * Instead of `onPacket`: called with the packets of each input chunk together (valid only
   * during the call); every packet of a chunk is handed out before `feed` returns.
   */
  onBatch?(batch: PacketBatch): void;
  /** With `onBatch`: fill in the timestamp halves (default false: zeros). */
  batchTimestamps?: boolean;
  /**
   * With `onBatch`: batch frames are the stored bytes of every link type, not the Ethernet
   * presentation (for programs compiled for the capture's own link type: tcpdump expressions).
   */
  batchStored?: boolean;
  /** Called with every unit that is not a packet (valid only during the call). */
  onMeta?(bytes: Uint8Array, kind: MetaKind, byteOffset: number): void;
  /** Called once per capture when it holds packets of a link type passed through as stored. */
  onWarning?(message: string): void;
  /** Format to read; 'auto' (default) detects it from the first bytes. */
  format?: CaptureFormat | 'auto';
  /** Stop after delivering this many packets (default: no limit). */
  maxPackets?: number;
}

export class CaptureReader implements UnitSink {
  readonly packet: CapturePacket = newPacketRecord();
  /** The format being read, once known. */
  format: CaptureFormat | undefined;
  /** Packets delivered so far. */
  packets = 0;
  /** Bytes consumed as complete units so far. */
  byteOffset = 0;
  /** The sticky error, once the input proved damaged. */
  error: CaptureError | undefined;
  /** Link types in use, in order of appearance. */
  readonly linkTypes: number[] = [];
  private readonly linkTypeSet = new Set<number>();
  private parser: UnitParser | undefined;
  private pending = new Uint8Array(4096);
  private pendingView = new DataView(this.pending.buffer);
  private pendingBytes = 0;
  private isStopped = false;
  private isEnded = false;
  private hasWarned = false;
  private readonly presenter = new LinkPresenter();
  private readonly maxPackets: number;
  private readonly batch: BatchCollector | undefined;

  constructor(private readonly options: CaptureReaderOptions) {
    this.maxPackets = options.maxPackets ?? Infinity;
    if (options.onBatch !== undefined) this.batch = new BatchCollector(options.onBatch, options.batchTimestamps === true, options.batchStored === true);
    else if (options.onPacket === undefined) throw new TypeError('CaptureReader needs onPacket or onBatch');
    const format = options.format ?? 'auto';
    if (format !== 'auto') this.useFormat(format);
  }

  /** pcap details (byte order, link type, snaplen) once the file header was read. */
  get pcap(): PcapParser | undefined {
    return this.parser instanceof PcapParser ? this.parser : undefined;
  }

  get pcapng(): PcapngParser | undefined {
    return this.parser instanceof PcapngParser ? this.parser : undefined;
  }

  /** Stop delivering packets (e.g. after a packet limit); later input is ignored. */
  stop(): void {
    this.isStopped = true;
  }

  get stopped(): boolean {
    return this.isStopped;
  }

  /**
   * Parse a chunk of input, delivering every complete packet in it.
   * @throws {CaptureError} when the input is damaged (and on every later call)
   */
  feed(chunk: Uint8Array): void {
    if (this.error !== undefined) throw this.error;
    if (this.isStopped || chunk.length === 0) return;
    try {
      this.process(chunk);
    } catch (e) {
      if (e instanceof CaptureError) {
        this.error = e;
        this.batch?.flush();
      }
      throw e;
    }
    this.batch?.flush();
  }

  /**
   * Signal the end of input.
   * @throws {CaptureError} when the input ends inside a unit or was damaged
   */
  end(): void {
    if (this.error !== undefined) throw this.error;
    if (this.isEnded || this.isStopped) return;
    this.isEnded = true;
    try {
      if (this.parser === undefined) {
        // Fewer bytes than detection wants: decide on what there is, then parse it.
        const head = this.pending.slice(0, this.pendingBytes);
        this.pendingBytes = 0;
        this.detect(head, true);
        this.process(head);
      }
      if (!this.isStopped) this.parser!.finish(this.pending, this.pendingView, this.pendingBytes, this.byteOffset);
    } catch (e) {
      if (e instanceof CaptureError) {
        this.error = e;
        this.batch?.flush();
      }
      throw e;
    }
    this.batch?.flush();
  }

  deliver(): void {
    const p = this.packet;
    this.presenter.present(p);
    if (!this.hasWarned && !isPresentedAsEthernet(p.linkType)) {
      this.hasWarned = true;
      this.options.onWarning?.(
        `capture holds packets of link type ${p.linkType} (${linkTypeName(p.linkType)}), which filters see as stored, not as Ethernet`,
      );
    }
    p.index = ++this.packets;
    if (this.batch !== undefined) this.batch.add(p);
    else this.options.onPacket!(p);
    if (this.packets >= this.maxPackets) this.isStopped = true;
  }

  meta(bytes: Uint8Array, start: number, length: number, kind: MetaKind, byteOffset: number): void {
    // Packets before this unit go first, so writers keep the input's order.
    this.batch?.flush();
    this.options.onMeta?.(bytes.subarray(start, start + length), kind, byteOffset);
  }

  linkTypeSeen(linkType: number): void {
    if (this.linkTypeSet.has(linkType)) return;
    this.linkTypeSet.add(linkType);
    this.linkTypes.push(linkType);
  }

  private useFormat(format: CaptureFormat): void {
    this.format = format;
    this.parser = format === 'pcap' ? new PcapParser(this) : format === 'pcapng' ? new PcapngParser(this) : new PktParser(this);
  }

  private detect(head: Uint8Array, isWhole: boolean): void {
    if (head.length === 0) throw captureError('ERR_CAPTURE_FORMAT', 'empty input: not a pcap, pcapng or .pkt capture', 0);
    const format = detectFormat(head);
    if (format === undefined) {
      const shown = Array.from(head.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
      throw captureError('ERR_CAPTURE_FORMAT', `not a pcap, pcapng or .pkt capture: it looks like ${describeBytes(head)} (starts with ${shown}${isWhole && head.length < 4 ? ', then ends' : ''})`, 0);
    }
    this.useFormat(format);
  }

  private process(chunk: Uint8Array): void {
    let pos = 0;
    if (this.parser === undefined) {
      // Gather the first bytes for format detection.
      const take = Math.min(DETECT_BYTES - this.pendingBytes, chunk.length);
      this.pending.set(chunk.subarray(0, take), this.pendingBytes);
      this.pendingBytes += take;
      pos = take;
      if (this.pendingBytes < DETECT_BYTES) return;
      this.detect(this.pending.subarray(0, this.pendingBytes), false);
    }
    const parser = this.parser!;
    // Complete the unit that straddles the previous chunk boundary, copying only its bytes.
    while (this.pendingBytes > 0) {
      const need = parser.unitLength(this.pending, this.pendingView, 0, this.pendingBytes, this.byteOffset);
      if (need > this.pendingBytes) {
        if (pos === chunk.length) return;
        if (need > this.pending.length) this.growPending(need);
        const take = Math.min(need - this.pendingBytes, chunk.length - pos);
        this.pending.set(chunk.subarray(pos, pos + take), this.pendingBytes);
        this.pendingBytes += take;
        pos += take;
        continue;
      }
      parser.handleUnit(this.pending, this.pendingView, 0, need, this.byteOffset);
      // The pending buffer is reused right away: hand out a packet read from it now.
      this.batch?.flush();
      this.byteOffset += need;
      // Detection may have gathered more than one unit (a short first `.pkt` record): keep the rest.
      this.pending.copyWithin(0, need, this.pendingBytes);
      this.pendingBytes -= need;
      if (this.isStopped) return;
    }
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const n = chunk.length;
    const batch = this.batch;
    while (pos < n) {
      if (batch !== undefined && parser instanceof PcapParser && parser.canScan) {
        // The fast path: whole runs of complete records straight into the batch.
        if (batch.count === MAX_BATCH_PACKETS) batch.flush();
        batch.useBuffer(chunk);
        const before = batch.count;
        const next = parser.scanRecords(chunk, view, pos, n, batch, this.maxPackets - this.packets);
        if (next !== pos) {
          this.packets += batch.count - before;
          this.byteOffset += next - pos;
          pos = next;
          if (this.packets >= this.maxPackets) this.isStopped = true;
          if (this.isStopped) return;
          continue;
        }
      }
      const avail = n - pos;
      const need = parser.unitLength(chunk, view, pos, avail, this.byteOffset);
      if (need > avail) {
        if (need > this.pending.length) this.growPending(need);
        this.pending.set(chunk.subarray(pos), 0);
        this.pendingBytes = avail;
        return;
      }
      parser.handleUnit(chunk, view, pos, need, this.byteOffset);
      this.byteOffset += need;
      pos += need;
      if (this.isStopped) return;
    }
  }

  private growPending(need: number): void {
    let size = this.pending.length;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.pending.subarray(0, this.pendingBytes));
    this.pending = next;
    this.pendingView = new DataView(next.buffer);
  }
}

/**
 * Read a whole capture held in memory, calling `onPacket` for each packet.
 * @throws {CaptureError} after delivering every good packet, when the capture is damaged
 */
export function readCapture(bytes: Uint8Array, onPacket: (p: CapturePacket) => void, options: Omit<CaptureReaderOptions, 'onPacket'> = {}): CaptureReader {
  const reader = new CaptureReader({ ...options, onPacket });
  reader.feed(bytes);
  reader.end();
  return reader;
}

/**
 * Read a capture from an async sequence of chunks (a Node stream, a fetch body reader).
 * @throws {CaptureError} after delivering every good packet, when the capture is damaged
 */
export async function readCaptureStream(
  chunks: AsyncIterable<Uint8Array>,
  onPacket: (p: CapturePacket) => void,
  options: Omit<CaptureReaderOptions, 'onPacket'> = {},
): Promise<CaptureReader> {
  const reader = new CaptureReader({ ...options, onPacket });
  for await (const chunk of chunks) {
    reader.feed(chunk);
    if (reader.stopped) break;
  }
  reader.end();
  return reader;
}

/** Convenience for tests and small tools: copies of every packet's presented bytes. */
export function collectPackets(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  readCapture(bytes, (p) => out.push(p.data.slice()));
  return out;
}
