// The C original's `.pkt` packet files (spec 7): no header, records of a u16 little-endian
// length (1..65535) and that many Ethernet bytes. End of input at a record boundary, or with
// one dangling byte, is a clean end (as in the C tester); a zero length is an error.

import { captureError, truncatedError } from './types.js';
import type { UnitParser, UnitSink } from './unit.js';

export class PktParser implements UnitParser {
  /** Records delivered; an input whose very first record is bad is reported as "not a capture". */
  private records = 0;

  constructor(private readonly sink: UnitSink) {}

  unitLength(_bytes: Uint8Array, view: DataView, off: number, avail: number, byteOffset: number): number {
    if (avail < 2) return 2;
    const length = view.getUint16(off, true);
    if (length === 0) throw captureError('ERR_CAPTURE_LENGTH', 'invalid .pkt packet length: 0', byteOffset);
    return 2 + length;
  }

  handleUnit(bytes: Uint8Array, _view: DataView, off: number, length: number, byteOffset: number): void {
    const p = this.sink.packet;
    p.timestampSec = 0;
    p.timestampNsec = 0;
    p.capturedLength = length - 2;
    p.originalLength = length - 2;
    p.linkType = 1;
    p.interfaceId = 0;
    p.byteOffset = byteOffset;
    p.buffer = bytes;
    p.recordStart = off;
    p.recordLength = length;
    p.dataStart = off + 2;
    this.records++;
    this.sink.deliver();
  }

  finish(bytes: Uint8Array, view: DataView, leftover: number, byteOffset: number): void {
    if (leftover <= 1) return;
    const needed = this.unitLength(bytes, view, 0, leftover, byteOffset);
    if (this.records === 0) {
      // `.pkt` has no magic, so a file that is no capture at all ends up here.
      throw captureError(
        'ERR_CAPTURE_FORMAT',
        `not a capture file: no pcap or pcapng magic, and read as a .pkt file its first record needs ${needed} bytes where ${leftover} remain`,
        byteOffset,
      );
    }
    throw truncatedError('.pkt record', needed, leftover, byteOffset);
  }
}
