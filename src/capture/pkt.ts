// The C original's `.pkt` packet files (spec 7): no header, records of a u16 little-endian
// length (1..65535) and that many Ethernet bytes. End of input at a record boundary, or with
// one dangling byte, is a clean end (as in the C tester); a zero length is an error.

import { captureError, truncatedError } from './types.js';
import type { UnitParser, UnitSink } from './unit.js';

export class PktParser implements UnitParser {
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
    this.sink.deliver();
  }

  finish(bytes: Uint8Array, view: DataView, leftover: number, byteOffset: number): void {
    if (leftover <= 1) return;
    throw truncatedError('.pkt record', this.unitLength(bytes, view, 0, leftover, byteOffset), leftover, byteOffset);
  }
}
