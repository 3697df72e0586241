// Capture format detection from the first bytes, never from a file name: pcap by its magic
// (either byte order, usec/nsec/modified), pcapng by its Section Header Block type and
// byte-order magic, and the header-less `.pkt` only when its first record looks like an
// Ethernet frame (a length of at least 14 and a known EtherType or a fitting 802.3 length), not
// text or a known file type. Returns undefined for "not mine"; throws for "mine but damaged".
// `describeBytes` says what a file that is no capture looks like.

import { pcapByteOrder } from './pcap.js';
import { PCAPNG_SHB, shbByteOrder } from './pcapng.js';
import type { CaptureFormat } from './types.js';

/** Bytes `detectFormat` wants to see to decide (fewer work at the end of input). */
export const DETECT_BYTES = 16;

/** EtherTypes a `.pkt` file's first frame may carry (IEEE registry: the ones met in practice). */
const ETHERTYPES = new Set([
  0x0800, 0x0806, 0x0842, 0x22f0, 0x22f3, 0x6002, 0x6003, 0x6004, 0x8035, 0x809b, 0x80f3, 0x8100, 0x8102, 0x8137, 0x8204, 0x86dd,
  0x8808, 0x8809, 0x8819, 0x8847, 0x8848, 0x8863, 0x8864, 0x887b, 0x888e, 0x8892, 0x889a, 0x88a2, 0x88a4, 0x88a8, 0x88ab, 0x88b5,
  0x88b6, 0x88b8, 0x88b9, 0x88ba, 0x88bf, 0x88cc, 0x88cd, 0x88e1, 0x88e3, 0x88e5, 0x88e7, 0x88f7, 0x88f8, 0x88fb, 0x8902, 0x8906,
  0x8914, 0x8915, 0x891d, 0x892f, 0x893a, 0x9000, 0x9100, 0x9200, 0x9300,
]);

/** Known kinds of file by their first bytes: never read as `.pkt`, and named in the message. */
const FILE_KINDS: readonly (readonly [readonly number[], string])[] = [
  [[0x1f, 0x8b], 'gzip-compressed data (decompress it first)'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed data (decompress it first)'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a], 'xz-compressed data (decompress it first)'],
  [[0x42, 0x5a, 0x68], 'bzip2-compressed data (decompress it first)'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an ELF executable or object file'],
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x00, 0x61, 0x73, 0x6d], 'a WebAssembly module'],
];

const isTextByte = (b: number): boolean => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f) || b >= 0xc2;

/** True when the bytes read as text (ASCII or UTF-8 lead and continuation bytes). */
function looksLikeText(head: Uint8Array): boolean {
  return head.length > 0 && head.every(isTextByte);
}

/** What a file that is not a capture looks like, e.g. `text ("root:x:0:0…")` or `a PNG image`. */
export function describeBytes(head: Uint8Array): string {
  for (const [magic, kind] of FILE_KINDS) {
    if (head.length >= magic.length && magic.every((b, k) => head[k] === b)) return kind;
  }
  if (looksLikeText(head)) {
    // ASCII as is, other bytes as '?': enough to recognise the file.
    const text = String.fromCharCode(...Array.from(head, (b) => (b < 0x80 ? b : 0x3f))).replace(/\s+/g, ' ');
    return `text ("${text}${head.length >= DETECT_BYTES ? '…' : ''}")`;
  }
  if (head.length >= 2 && head[0] === 0 && head[1] === 0) return 'binary data (a .pkt file cannot start with a zero length)';
  return 'binary data that is no Ethernet frame';
}

/** Does a `.pkt` file starting with these bytes begin with a plausible Ethernet frame? */
function plausiblePkt(head: Uint8Array): boolean {
  if (head.length < 2 || (head[0] | head[1]) === 0 || looksLikeText(head)) return false;
  if (head.length < 16) return true; // too short to see the EtherType: let the parser judge the record
  const length = head[0] | (head[1] << 8);
  const etherType = (head[14] << 8) | head[15];
  return length >= 14 && (ETHERTYPES.has(etherType) || (etherType >= 3 && etherType <= 1500 && etherType <= length - 14));
}

/** Magic numbers as stored, both byte orders: pcap usec, nsec and modified; the pcapng SHB type. */
const PARTIAL_MAGICS: readonly (readonly [CaptureFormat, readonly number[]])[] = [
  ...[0xa1b2c3d4, 0xa1b23c4d, 0xa1b2cd34].flatMap((m): [CaptureFormat, number[]][] => {
    const be = [m >>> 24, (m >>> 16) & 0xff, (m >>> 8) & 0xff, m & 0xff];
    return [['pcap', be], ['pcap', [...be].reverse()]];
  }),
  ['pcapng', [0x0a, 0x0d, 0x0d, 0x0a]],
];

/**
 * Detect the format of a capture from its first bytes (at least 16, or the whole input).
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
  for (const [magic] of FILE_KINDS) {
    if (head.length >= magic.length && magic.every((b, k) => head[k] === b)) return undefined;
  }
  // `.pkt` has no magic: accept it when the first record looks like an Ethernet frame.
  return plausiblePkt(head) ? 'pkt' : undefined;
}
