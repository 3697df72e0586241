import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaptureError } from '../../src/diag/errors.js';
import { etherFrame, readAll, seededRandom, writePcap, writePcapng, type TestPacket } from '../helpers/capture.js';

const PACKETS: TestPacket[] = [10, 60, 0, 33, 7].map((n, k) => ({ data: etherFrame(0x0800, new Array(n).fill(k + 1)), sec: k, nsec: k * 1000 }));

/** Byte offsets where each record starts, and the end, from a clean read. */
function recordOffsets(bytes: Uint8Array): number[] {
  const r = readAll(bytes);
  assert.equal(r.error, undefined);
  return [...r.packets.map((p) => p.byteOffset), bytes.length];
}

for (const [name, bytes, headerEnd] of [
  ['pcap', writePcap(PACKETS), 24],
  ['pcap big-endian nanosecond', writePcap(PACKETS, { littleEndian: false, nanosecond: true }), 24],
  ['pcapng', writePcapng(PACKETS), 0],
  ['pcapng big-endian', writePcapng(PACKETS, [1], false), 0],
] as const) {
  test(`${name} truncated at every offset: the good prefix, then an error at the cut unit`, () => {
    const records = recordOffsets(bytes);
    const units = name.startsWith('pcapng') ? [...pcapngBlockStarts(bytes), bytes.length] : [0, headerEnd, ...records];
    for (let cut = 0; cut < bytes.length; cut++) {
      for (const chunk of [cut || 1, 5]) {
        const r = readAll(bytes.subarray(0, cut), chunk);
        const complete = records.filter((s, k) => k < records.length - 1 && records[k + 1] <= cut).length;
        assert.equal(r.packets.length, complete, `cut at ${cut}, chunks of ${chunk}`);
        if (cut > 0 && units.includes(cut)) {
          assert.equal(r.error, undefined, `cut at ${cut}`);
          continue;
        }
        assert.ok(r.error instanceof CaptureError, `cut at ${cut}: an error`);
        if (cut === 0) {
          assert.equal(r.error.code, 'ERR_CAPTURE_FORMAT', 'an empty input is no capture');
          continue;
        }
        // From one byte on, a cut inside the magic is already recognised as a truncated header.
        // The error names the start of the unit that was cut short.
        assert.equal(r.error.code, 'ERR_CAPTURE_TRUNCATED', `cut at ${cut}: ${r.error.message}`);
        assert.equal(r.error.where.byteOffset, Math.max(...units.filter((s) => s <= cut)), `cut at ${cut}: byte offset`);
      }
    }
  });
}

/** Offsets of every pcapng block (little or big endian), walking the lengths. */
function pcapngBlockStarts(bytes: Uint8Array): number[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = v.getUint32(8, true) === 0x1a2b3c4d;
  const out: number[] = [];
  for (let at = 0; at + 8 <= bytes.length; at += v.getUint32(at + 4, le)) out.push(at);
  return out;
}

function expectError(bytes: Uint8Array, code: string, byteOffset: number, goodPackets: number): void {
  for (const chunk of [1, 7, bytes.length]) {
    const r = readAll(bytes, chunk);
    assert.equal(r.packets.length, goodPackets, `chunks of ${chunk}: good packets`);
    assert.equal(r.error?.code, code, `chunks of ${chunk}: ${r.error?.message}`);
    assert.equal(r.error?.where.byteOffset, byteOffset, `chunks of ${chunk}: byte offset`);
  }
}

test('pcap: a huge captured length, a bad version and an unknown magic', () => {
  const huge = writePcap(PACKETS);
  const second = recordOffsets(huge)[1];
  new DataView(huge.buffer).setUint32(second + 8, 0xfffffff0, true);
  expectError(huge, 'ERR_CAPTURE_LENGTH', second + 8, 1);
  const justOver = writePcap(PACKETS);
  new DataView(justOver.buffer).setUint32(second + 8, 262145, true);
  expectError(justOver, 'ERR_CAPTURE_LENGTH', second + 8, 1);
  const version = writePcap(PACKETS);
  version[4] = 3;
  expectError(version, 'ERR_CAPTURE_HEADER', 4, 0);
});

test('pcap: a snaplen smaller than the records is tolerated, as libpcap and Wireshark do', () => {
  const bytes = writePcap(PACKETS);
  new DataView(bytes.buffer).setUint32(16, 16, true);
  const r = readAll(bytes);
  assert.equal(r.error, undefined);
  assert.equal(r.packets.length, PACKETS.length);
});

test('pcapng: zero, short, unaligned and huge block lengths, a trailer mismatch, an unknown interface', () => {
  const base = writePcapng(PACKETS);
  const starts = pcapngBlockStarts(base);
  const epb2 = starts[3]; // SHB, IDB, EPB 1, EPB 2
  const withLength = (at: number, length: number): Uint8Array => {
    const b = base.slice();
    new DataView(b.buffer).setUint32(at + 4, length, true);
    return b;
  };
  expectError(withLength(epb2, 0), 'ERR_CAPTURE_BLOCK', epb2 + 4, 1);
  expectError(withLength(epb2, 8), 'ERR_CAPTURE_BLOCK', epb2 + 4, 1);
  expectError(withLength(epb2, 30), 'ERR_CAPTURE_BLOCK', epb2 + 4, 1);
  expectError(withLength(epb2, 0x7ffffffc), 'ERR_CAPTURE_BLOCK', epb2 + 4, 1);
  expectError(withLength(0, 20), 'ERR_CAPTURE_BLOCK', 4, 0);
  // A length that fits but disagrees with the trailer.
  const len2 = new DataView(base.buffer).getUint32(epb2 + 4, true);
  const trailer = base.slice();
  new DataView(trailer.buffer).setUint32(epb2 + len2 - 4, len2 + 4, true);
  expectError(trailer, 'ERR_CAPTURE_BLOCK', epb2 + len2 - 4, 1);
  const iface = base.slice();
  new DataView(iface.buffer).setUint32(epb2 + 8, 3, true);
  expectError(iface, 'ERR_CAPTURE_INTERFACE', epb2 + 8, 1);
  const caplen = base.slice();
  new DataView(caplen.buffer).setUint32(epb2 + 20, 1000, true);
  expectError(caplen, 'ERR_CAPTURE_LENGTH', epb2 + 20, 1);
  const bom = base.slice();
  bom[8] = 0;
  expectError(bom, 'ERR_CAPTURE_HEADER', 8, 0);
  const noShb = readAll(base.slice(starts[1]), 3, { format: 'pcapng' });
  assert.equal(noShb.error?.code, 'ERR_CAPTURE_HEADER');
  assert.equal(noShb.error?.where.byteOffset, 0);
  const version = base.slice();
  version[12] = 2;
  expectError(version, 'ERR_CAPTURE_HEADER', 12, 0);
});

test('seeded corruption: only CaptureError escapes, and the reader always finishes', () => {
  const { seed, next } = seededRandom(0xc0ffee);
  const sources = [writePcap(PACKETS), writePcapng(PACKETS), writePcapng(PACKETS, [1, 113], false), Uint8Array.of(4, 0, 1, 2, 3, 4, 9, 0, 1)];
  for (let round = 0; round < 3000; round++) {
    const src = sources[round % sources.length];
    const bytes = src.slice();
    const flips = 1 + Math.floor(next() * 4);
    for (let k = 0; k < flips; k++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
    const cut = next() < 0.3 ? Math.floor(next() * bytes.length) : bytes.length;
    try {
      const r = readAll(bytes.subarray(0, cut), 1 + Math.floor(next() * 40));
      if (r.error !== undefined) assert.ok(typeof r.error.where.byteOffset === 'number' && r.error.where.byteOffset <= cut, `seed ${seed} round ${round}`);
    } catch (e) {
      assert.fail(`seed ${seed} round ${round}: ${(e as Error).stack}`);
    }
  }
});

test('a file that is no capture at all is reported as such, not as a damaged .pkt', () => {
  const text = new TextEncoder().encode('root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n');
  const r = readAll(text, 16);
  assert.equal(r.packets.length, 0);
  assert.ok(r.error instanceof CaptureError);
  assert.equal(r.error.code, 'ERR_CAPTURE_FORMAT');
  assert.match(r.error.message, /^not a pcap, pcapng or \.pkt capture: it looks like text \("root:x:0:0:root:…"\) \(starts with 72 6f 6f 74\)$/);
});
