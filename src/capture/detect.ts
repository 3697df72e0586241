// Capture format detection from the first bytes, never from a file name: pcap by its magic
// (either byte order, usec/nsec/modified), pcapng by its Section Header Block type and
// byte-order magic, and the header-less `.pkt` as the fallback when its first record length
// is plausible. Returns undefined for "not mine"; throws for "mine but damaged".

import { pcapByteOrder } from './pcap.js';
import { PCAPNG_SHB, shbByteOrder } from './pcapng.js';
import type { CaptureFormat } from './types.js';

/** Bytes `detectFormat` wants to see to decide (fewer work at the end of input). */
export const DETECT_BYTES = 12;

/** Compressed-file magics: such input is reported as "not a capture", never read as `.pkt`. */
const COMPRESSED_MAGICS: readonly (readonly number[])[] = [
  [0x1f, 0x8b], // gzip
  [0x28, 0xb5, 0x2f, 0xfd], // zstd
  [0xfd, 0x37, 0x7a, 0x58, 0x5a], // xz
  [0x42, 0x5a, 0x68], // bzip2
];

/** Magic numbers as stored, both byte orders: pcap usec, nsec and modified; the pcapng SHB type. */
const PARTIAL_MAGICS: readonly (readonly [CaptureFormat, readonly number[]])[] = [
  ...[0xa1b2c3d4, 0xa1b23c4d, 0xa1b2cd34].flatMap((m): [CaptureFormat, number[]][] => {
    const be = [m >>> 24, (m >>> 16) & 0xff, (m >>> 8) & 0xff, m & 0xff];
    return [['pcap', be], ['pcap', [...be].reverse()]];
  }),
  ['pcapng', [0x0a, 0x0d, 0x0d, 0x0a]],
];

/**
 * Detect the format of a capture from its first bytes (at least 12, or the whole input).
 * @returns the format, or undefined when the bytes are none of pcap, pcapng and `.pkt`
 * @throws {CaptureError} when the bytes are a pcapng section header with a bad byte-order magic
 */
export function detectFormat(head: Uint8Array): CaptureFormat | undefined {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (head.length >= 4) {
    if (pcapByteOrder(view, 0) !== undefined) return 'pcap';
    if (view.getUint32(0, true) === PCAPNG_SHB) {
      if (head.length >= 12) shbByteOrder(view, 0, 0);
      return 'pcapng';
    }
  }
  if (head.length < 4) {
    // A file cut inside its magic number: let the parser report the truncated header.
    for (const [format, magic] of PARTIAL_MAGICS) {
      if (head.length > 0 && head.every((b, k) => magic[k] === b)) return format;
    }
  }
  for (const magic of COMPRESSED_MAGICS) {
    if (head.length >= magic.length && magic.every((b, k) => head[k] === b)) return undefined;
  }
  // `.pkt` has no magic: accept it when the first record has a nonzero length.
  if (head.length >= 2 && (head[0] | head[1]) !== 0) return 'pkt';
  return undefined;
}
