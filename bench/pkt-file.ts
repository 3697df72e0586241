// The bench's frames on disk: the C original's .pkt format (records of a u16 little-endian
// length and the frame bytes), the one file that the libpcap baseline and every tier's worker
// process read, so all of them filter the very same bytes.

import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { FrameSet } from './mix.js';

const WRITE_CHUNK_BYTES = 1 << 22;

/** Write the first `count` frames of a set as a .pkt file. */
export function writePktFile(path: string, frames: FrameSet, count = frames.count): void {
  const fd = openSync(path, 'w');
  try {
    const chunk = new Uint8Array(WRITE_CHUNK_BYTES);
    let used = 0;
    for (let k = 0; k < count; k++) {
      const len = frames.lengths[k];
      if (used + 2 + len > chunk.length) {
        writeSync(fd, chunk, 0, used);
        used = 0;
      }
      chunk[used] = len & 0xff;
      chunk[used + 1] = len >>> 8;
      chunk.set(frames.data.subarray(frames.offsets[k], frames.offsets[k] + len), used + 2);
      used += 2 + len;
    }
    writeSync(fd, chunk, 0, used);
  } finally {
    closeSync(fd);
  }
}

/**
 * Read a .pkt file back into one buffer with offsets and lengths (the frames stay where they
 * are in the file's bytes, after their length fields).
 * @throws {Error} on a zero length or a record that runs past the end of the file
 */
export function readPktFile(path: string): FrameSet {
  const data = new Uint8Array(readFileSync(path));
  let count = 0;
  for (let at = 0; at + 2 <= data.length; count++) at += 2 + (data[at] | (data[at + 1] << 8));
  const offsets = new Uint32Array(count);
  const lengths = new Uint32Array(count);
  let at = 0;
  for (let k = 0; k < count; k++) {
    const len = data[at] | (data[at + 1] << 8);
    if (len === 0 || at + 2 + len > data.length) throw new Error(`${path}: bad .pkt record at byte offset ${at}`);
    offsets[k] = at + 2;
    lengths[k] = len;
    at += 2 + len;
  }
  return { data, offsets, lengths, count };
}
