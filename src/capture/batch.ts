// Packets in batches: a CaptureReader with `onBatch` hands out every packet of an input chunk
// at once as parallel typed arrays (frame offset and length, record start and length,
// timestamp halves, wire length) over the chunk itself, so a filter runs a whole chunk per
// call and a pass-through writer copies accepted records as slices of it. Frames synthesized
// as Ethernet (SLL, raw IP, NULL, LOOP) are gathered in a batch-owned buffer instead, unless
// the batches carry the stored bytes (programs compiled for the capture's own link type, as a
// tcpdump expression is); every packet of a batch has the same stored link type.

import { NS, nsHalves } from './timestamp.js';
import { type CapturePacket, frameWireLength } from './types.js';

/** Packets per batch at most (a batch is handed out early when full). */
export const MAX_BATCH_PACKETS = 65536;

/**
 * A batch of packets. Packet k's frame is `frameLengths[k]` bytes at `frameOffsets[k]` of
 * `frames`; its stored record is `recordLengths[k]` bytes at `recordStarts[k]` of `records`.
 * Everything is valid only during the `onBatch` call (copy what you keep).
 */
export interface PacketBatch {
  readonly count: number;
  /** Packet number (from 1) of the first packet. */
  readonly firstIndex: number;
  readonly frames: Uint8Array;
  readonly frameOffsets: Uint32Array;
  readonly frameLengths: Uint32Array;
  readonly records: Uint8Array;
  readonly recordStarts: Uint32Array;
  readonly recordLengths: Uint32Array;
  /** Capture timestamp in ns since 1970 as halves (0 unless the reader was asked for them). */
  readonly tsHi: Uint32Array;
  readonly tsLo: Uint32Array;
  /** Length on the wire of each frame (see frameWireLength). */
  readonly wireLengths: Uint32Array;
  /** Link type of the packets as stored (the same for every packet of the batch). */
  readonly linkType: number;
}

/** Collects packets into a PacketBatch and hands it on when full or flushed. */
export class BatchCollector implements PacketBatch {
  count = 0;
  firstIndex = 1;
  linkType = 1;
  frames: Uint8Array = new Uint8Array(0);
  records: Uint8Array = new Uint8Array(0);
  readonly frameOffsets = new Uint32Array(MAX_BATCH_PACKETS);
  readonly frameLengths = new Uint32Array(MAX_BATCH_PACKETS);
  readonly recordStarts = new Uint32Array(MAX_BATCH_PACKETS);
  readonly recordLengths = new Uint32Array(MAX_BATCH_PACKETS);
  readonly tsHi = new Uint32Array(MAX_BATCH_PACKETS);
  readonly tsLo = new Uint32Array(MAX_BATCH_PACKETS);
  readonly wireLengths = new Uint32Array(MAX_BATCH_PACKETS);
  /** Synthesized frames of this batch. */
  private store = new Uint8Array(1 << 16);
  private storeUsed = 0;
  private isStoring = false;

  constructor(
    private readonly onBatch: (batch: PacketBatch) => void,
    readonly wantTimestamps: boolean,
    /** Frames are the stored bytes and wire lengths the recorded ones, for every link type. */
    readonly storedFrames = false,
  ) {}

  /** Hand out the packets collected so far (if any). */
  flush(): void {
    if (this.count === 0) return;
    try {
      this.onBatch(this);
    } finally {
      this.firstIndex += this.count;
      this.count = 0;
      this.storeUsed = 0;
    }
  }

  /** Start or continue a batch whose frames and records are both in `buffer` (the input). */
  useBuffer(buffer: Uint8Array): void {
    // The scan path reads Ethernet pcap records only.
    if (this.count > 0 && (this.isStoring || this.records !== buffer || this.frames !== buffer || this.linkType !== 1)) this.flush();
    this.linkType = 1;
    this.frames = buffer;
    this.records = buffer;
    this.isStoring = false;
  }

  /** Append a packet the reader is delivering (after link-type presentation). */
  add(p: CapturePacket): void {
    if (this.count === MAX_BATCH_PACKETS) this.flush();
    const stored = this.storedFrames || p.frame === p.buffer;
    if (this.count > 0) {
      const same = this.records === p.buffer && this.linkType === p.linkType && (stored ? !this.isStoring && this.frames === p.buffer : this.isStoring);
      if (!same) this.flush();
    }
    const k = this.count;
    this.records = p.buffer;
    this.linkType = p.linkType;
    if (this.storedFrames) {
      this.frames = p.buffer;
      this.isStoring = false;
      this.frameOffsets[k] = p.dataStart;
      this.frameLengths[k] = p.capturedLength;
      this.wireLengths[k] = Math.max(p.capturedLength, p.originalLength);
    } else if (stored) {
      this.frames = p.buffer;
      this.isStoring = false;
      this.frameOffsets[k] = p.frameOffset;
    } else {
      const need = this.storeUsed + p.frameLength;
      if (need > this.store.length) {
        if (k > 0) {
          this.flush();
          return this.add(p);
        }
        this.store = new Uint8Array(Math.max(need, this.store.length * 2));
      }
      this.store.set(p.frame.subarray(p.frameOffset, p.frameOffset + p.frameLength), this.storeUsed);
      this.frames = this.store;
      this.isStoring = true;
      this.frameOffsets[k] = this.storeUsed;
      this.storeUsed += p.frameLength;
    }
    if (!this.storedFrames) {
      this.frameLengths[k] = p.frameLength;
      this.wireLengths[k] = frameWireLength(p);
    }
    this.recordStarts[k] = p.recordStart;
    this.recordLengths[k] = p.recordLength;
    if (this.wantTimestamps) {
      nsHalves(p.timestampSec, p.timestampNsec);
      this.tsHi[k] = NS.hi;
      this.tsLo[k] = NS.lo;
    } else {
      this.tsHi[k] = 0;
      this.tsLo[k] = 0;
    }
    this.count = k + 1;
  }
}
