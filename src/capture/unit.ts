// The contract between the chunk assembler (reader.ts) and the per-format parsers. A capture
// is a sequence of self-delimiting units (file header, record, block). A parser tells how
// long the next unit is from its first bytes, then handles the complete unit; it reports
// packets by filling the reader's reused record and calling `deliver`.

import type { CapturePacket } from './types.js';

export interface UnitSink {
  /** The reused record; parsers fill every field except `data`, `dataLinkType` and `index`. */
  readonly packet: CapturePacket;
  /** Hand `packet` to the caller (after link-type presentation). */
  deliver(): void;
  /** A unit that is not a packet (pcap file header, pcapng SHB/IDB/other block). */
  meta(bytes: Uint8Array, start: number, length: number, kind: MetaKind, byteOffset: number): void;
  /** A new link type came into use (pcap header, pcapng IDB). */
  linkTypeSeen(linkType: number): void;
}

export type MetaKind = 'pcap-header' | 'pcapng-shb' | 'pcapng-idb' | 'pcapng-other';

export interface UnitParser {
  /**
   * Length of the unit starting at `off`, given `avail` bytes there. Returns a number larger
   * than `avail` when more bytes are needed (the header length while the header is
   * incomplete, else the whole unit's length). Validates the header.
   * @throws {CaptureError} when the header is malformed
   */
  unitLength(bytes: Uint8Array, view: DataView, off: number, avail: number, byteOffset: number): number;
  /** Handle a complete unit of `length` bytes. @throws {CaptureError} when its body is malformed */
  handleUnit(bytes: Uint8Array, view: DataView, off: number, length: number, byteOffset: number): void;
  /**
   * End of input with `leftover` bytes of an incomplete unit starting at `byteOffset`
   * (`leftover` may be 0). @throws {CaptureError} unless that is a clean end
   */
  finish(bytes: Uint8Array, view: DataView, leftover: number, byteOffset: number): void;
}
