import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaptureReader, detectFormat, readCapture, timestampNs } from '../../src/capture/index.js';
import { SPLIT, splitTimestamp, timestampUnit } from '../../src/capture/timestamp.js';
import { CaptureError } from '../../src/diag/errors.js';
import { concat, etherFrame, readAll, seededRandom, writePcap, writePcapng, type TestPacket } from '../helpers/capture.js';

const PACKETS: TestPacket[] = [
  { data: etherFrame(0x0800, [0x45, 0, 0, 20, 1, 2, 3, 4, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2]), sec: 1_700_000_000, nsec: 123_456_000 },
  { data: etherFrame(0x86dd, new Array(50).fill(0x61)), sec: 1_700_000_001, nsec: 999_999_000, originalLength: 1514 },
  { data: etherFrame(0x0806, new Array(28).fill(1)), sec: 0, nsec: 0 },
  { data: new Uint8Array(0), sec: 5, nsec: 1000 },
];

/** A pcapng block with lengths and padding, in the given byte order. */
function block(type: number, body: readonly number[], le = true): Uint8Array {
  const padded = (body.length + 3) & ~3;
  const length = 12 + padded;
  const out = new Uint8Array(length);
  const v = new DataView(out.buffer);
  v.setUint32(0, type, le);
  v.setUint32(4, length, le);
  out.set(body, 8);
  v.setUint32(length - 4, length, le);
  return out;
}
const le32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
const le16 = (v: number): number[] => [v & 0xff, v >>> 8];
const shb = (): Uint8Array => block(0x0a0d0d0a, [...le32(0x1a2b3c4d), ...le16(1), ...le16(0), ...le32(0xffffffff), ...le32(0xffffffff)]);
const idb = (linkType: number, options: number[] = [], snaplen = 0): Uint8Array => block(1, [...le16(linkType), 0, 0, ...le32(snaplen), ...options]);
const epb = (iface: number, hi: number, lo: number, data: readonly number[], originalLength = data.length): Uint8Array =>
  block(6, [...le32(iface), ...le32(hi), ...le32(lo), ...le32(data.length), ...le32(originalLength), ...data, ...new Array((4 - (data.length % 4)) % 4).fill(0)]);

function assertSamePackets(got: ReturnType<typeof readAll>['packets'], want: readonly TestPacket[], nsecUnit = 1): void {
  assert.equal(got.length, want.length);
  got.forEach((p, k) => {
    assert.deepEqual(p.data, want[k].data, `packet ${k + 1} bytes`);
    assert.equal(p.sec, want[k].sec, `packet ${k + 1} seconds`);
    assert.equal(p.nsec, Math.floor(want[k].nsec / nsecUnit) * nsecUnit, `packet ${k + 1} nanoseconds`);
    assert.equal(p.originalLength, want[k].originalLength ?? want[k].data.length);
  });
}

for (const littleEndian of [true, false]) {
  for (const nanosecond of [false, true]) {
    test(`pcap ${littleEndian ? 'little' : 'big'}-endian ${nanosecond ? 'nanosecond' : 'microsecond'}: packets, times and lengths read back in any chunking`, () => {
      const bytes = writePcap(PACKETS, { littleEndian, nanosecond });
      for (const chunk of [1, 3, 16, 17, 1000, bytes.length]) {
        const r = readAll(bytes, chunk);
        assert.equal(r.error, undefined);
        assert.equal(r.reader.format, 'pcap');
        assertSamePackets(r.packets, PACKETS, nanosecond ? 1 : 1000);
        assert.deepEqual(r.packets.map((p) => p.byteOffset), [24, 24 + 16 + 34, 24 + 16 + 34 + 16 + 64, 24 + 16 + 34 + 16 + 64 + 16 + 42]);
      }
    });
  }
}

test('pcap: the link type field masks off the FCS bits and the snaplen is kept', () => {
  const bytes = writePcap(PACKETS.slice(0, 1), { linkType: 1, snaplen: 96 });
  new DataView(bytes.buffer).setUint32(20, 0x30000001, true);
  const r = readAll(bytes);
  assert.equal(r.packets[0].linkType, 1);
  assert.equal(r.reader.pcap?.snaplen, 96);
});

test('pcap: the modified (0xa1b2cd34) format with 24-byte record headers', () => {
  const header = writePcap([]);
  new DataView(header.buffer).setUint32(0, 0xa1b2cd34, true);
  const data = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 8, 0, 0x45];
  const record = [...le32(7), ...le32(8), ...le32(data.length), ...le32(data.length), ...le32(3), ...le16(0x800), 0, 0, ...data];
  const r = readAll(concat([header, Uint8Array.from(record), Uint8Array.from(record)]), 5);
  assert.equal(r.error, undefined);
  assert.equal(r.packets.length, 2);
  assert.deepEqual(Array.from(r.packets[1].data), data);
  assert.equal(r.packets[1].nsec, 8000);
});

for (const littleEndian of [true, false]) {
  test(`pcapng ${littleEndian ? 'little' : 'big'}-endian: two interfaces, two sections, per-interface link types`, () => {
    const sll = Uint8Array.from([0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0, 0x08, 0x00, 0x45, 0, 0, 20]);
    const first = writePcapng(
      [
        { ...PACKETS[0], interfaceId: 0 },
        { data: sll, sec: 1_700_000_002, nsec: 5, interfaceId: 1 },
      ],
      [1, 113],
      littleEndian,
    );
    const second = writePcapng([{ ...PACKETS[1], interfaceId: 0 }], [1], !littleEndian);
    const r = readAll(concat([first, second]), 13);
    assert.equal(r.error, undefined);
    assert.equal(r.reader.format, 'pcapng');
    assert.equal(r.packets.length, 3);
    assert.deepEqual(r.packets.map((p) => [p.linkType, p.interfaceId, p.dataLinkType]), [[1, 0, 1], [113, 1, 1], [1, 0, 1]]);
    assert.deepEqual(r.packets[0].data, PACKETS[0].data);
    assert.equal(r.packets[1].nsec, 5);
    assert.deepEqual(r.packets[1].stored, sll);
    assert.deepEqual(Array.from(r.packets[1].data), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00, 0x45, 0, 0, 20]);
    assert.deepEqual(r.packets[2].data, PACKETS[1].data);
    assert.equal(r.packets[2].originalLength, 1514);
    assert.equal(r.reader.pcapng?.sections, 2);
    assert.deepEqual(r.reader.linkTypes, [1, 113]);
  });
}

test('pcapng: default microsecond resolution, if_tsresol (decimal and binary) and if_tsoffset', () => {
  const tsresol = (v: number): number[] => [...le16(9), ...le16(1), v, 0, 0, 0];
  const tsoffset = (sec: number): number[] => [...le16(14), ...le16(8), ...le32(sec), ...le32(0)];
  const bytes = concat([
    shb(),
    idb(1),
    idb(1, [...tsresol(3), ...tsoffset(1000), 0, 0, 0, 0]),
    idb(1, [...tsresol(0x80 | 10)]),
    idb(1, [...tsresol(12)]),
    epb(0, 0x00060000, 0x12345678, [1, 2, 3]),
    epb(1, 0, 1234567, [4]),
    epb(2, 0, 3 * 1024 + 512, [5]),
    epb(3, 0x000f4240, 0x00000007, [6]),
  ]);
  const r = readAll(bytes, 7);
  assert.equal(r.error, undefined);
  const us = 0x00060000 * 2 ** 32 + 0x12345678;
  assert.deepEqual(r.packets.map((p) => [p.sec, p.nsec]), [
    [Math.floor(us / 1e6), (us % 1e6) * 1000],
    [1234 + 1000, 567_000_000],
    [3, 500_000_000],
    [Number(((0x000f4240n << 32n) | 7n) / 10n ** 12n), Number(((((0x000f4240n << 32n) | 7n) % 10n ** 12n) * 10n ** 9n) / 10n ** 12n)],
  ]);
});

test('pcapng: simple packet blocks, obsolete packet blocks, and unknown blocks skipped', () => {
  const data = [9, 8, 7, 6, 5];
  const spb = block(3, [...le32(data.length), ...data, 0, 0, 0]);
  const opb = block(2, [...le16(0), ...le16(0), ...le32(0), ...le32(2_000_000), ...le32(data.length), ...le32(60), ...data, 0, 0, 0]);
  const custom = block(0x00000bad, [1, 2, 3, 4, 5, 6, 7, 8]);
  const isb = block(5, [...le32(0), ...le32(0), ...le32(0)]);
  const bytes = concat([shb(), custom, idb(1, [], 4), spb, isb, opb, custom]);
  const metas: string[] = [];
  const r = readAll(bytes, 9, { onMeta: (_b, kind) => metas.push(kind) });
  assert.equal(r.error, undefined);
  assert.equal(r.packets.length, 2);
  assert.deepEqual(Array.from(r.packets[0].data), [9, 8, 7, 6], 'an SPB is cut to the interface snaplen');
  assert.equal(r.packets[0].originalLength, 5);
  assert.deepEqual(Array.from(r.packets[1].data), data);
  assert.equal(r.packets[1].sec, 2);
  assert.equal(r.packets[1].originalLength, 60);
  assert.deepEqual(metas, ['pcapng-shb', 'pcapng-other', 'pcapng-idb', 'pcapng-other', 'pcapng-other']);
});

test('.pkt: the C original\'s five test packets, a dangling byte, and a zero length', () => {
  const rec = (edit: (b: Uint8Array) => void): Uint8Array => {
    const b = new Uint8Array(74);
    b.set([0x08, 0x00], 12);
    b[14] = 0x45;
    b[23] = 0x06;
    b.set([0xc0, 0xa8, 0x01, 0x64, 0x0a, 0, 0, 1, 0x04, 0xd2, 0x00, 0x50], 26);
    b[47] = 0x02;
    edit(b);
    return concat([Uint8Array.of(74, 0), b]);
  };
  const file = concat([rec(() => {}), rec((b) => ((b[23] = 0x11), (b[47] = 0))), rec((b) => (b[29] = 0x65)), rec((b) => ((b[29] = 0x65), (b[47] = 0x10))), rec((b) => ((b[29] = 0x65), (b[23] = 1), (b[47] = 0)))]);
  assert.equal(file.length, 380);
  const r = readAll(file, 11);
  assert.equal(r.error, undefined);
  assert.equal(r.reader.format, 'pkt');
  assert.deepEqual(r.packets.map((p) => p.data[23]), [6, 17, 6, 6, 1]);
  assert.equal(readAll(concat([file, Uint8Array.of(5)])).packets.length, 5, 'a single dangling byte ends cleanly');
  const zero = readAll(concat([file, Uint8Array.of(0, 0, 1)]));
  assert.equal(zero.packets.length, 5);
  assert.equal(zero.error?.code, 'ERR_CAPTURE_LENGTH');
  assert.equal(zero.error?.where.byteOffset, 380);
  const short = readAll(concat([file, Uint8Array.of(10, 0, 1, 2)]));
  assert.equal(short.error?.code, 'ERR_CAPTURE_TRUNCATED');
  assert.equal(short.error?.where.byteOffset, 380);
});

test('detectFormat: magic numbers, not mine, and mine but damaged', () => {
  assert.equal(detectFormat(writePcap([])), 'pcap');
  assert.equal(detectFormat(writePcap([], { littleEndian: false, nanosecond: true })), 'pcap');
  assert.equal(detectFormat(writePcapng([])), 'pcapng');
  assert.equal(detectFormat(writePcapng([], [1], false)), 'pcapng');
  assert.equal(detectFormat(Uint8Array.of(74, 0, 1, 2)), 'pkt');
  assert.equal(detectFormat(Uint8Array.of(0x1f, 0x8b, 8, 0)), undefined, 'gzip');
  assert.equal(detectFormat(Uint8Array.of(0, 0, 1, 2)), undefined);
  assert.equal(detectFormat(new Uint8Array(0)), undefined);
  const bad = writePcapng([]);
  bad[8] = 0x99;
  assert.throws(() => detectFormat(bad), (e: unknown) => e instanceof CaptureError && e.code === 'ERR_CAPTURE_HEADER' && e.where.byteOffset === 8);
  const r = readAll(Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  assert.equal(r.error?.code, 'ERR_CAPTURE_FORMAT');
  assert.match(r.error!.message, /starts with 1f 8b 08 00/);
  assert.equal(readAll(new Uint8Array(0)).error?.code, 'ERR_CAPTURE_FORMAT');
  assert.equal(readAll(new Uint8Array(0), 1, { format: 'pkt' }).error, undefined);
});

test('link types: SLL, SLL2, raw IP, NULL and LOOP are presented as Ethernet; stored bytes stay original', () => {
  const ip4 = [0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8];
  const ip6 = [0x60, 0, 0, 0, 0, 0, 59, 64, ...new Array(32).fill(0)];
  const sll = (proto: number, payload: number[]): number[] => [0, 4, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, proto >> 8, proto & 0xff, ...payload];
  const sll2 = (proto: number, payload: number[]): number[] => [proto >> 8, proto & 0xff, 0, 0, 0, 0, 0, 3, 0, 1, 4, 6, 1, 2, 3, 4, 5, 6, 0, 0, ...payload];
  const cases: [string, number, number[], number, number[]][] = [
    ['SLL IPv4', 113, sll(0x0800, ip4), 0x0800, ip4],
    ['SLL 802.1Q', 113, sll(0x8100, [0, 100, 0x08, 0x00, ...ip4]), 0x8100, [0, 100, 0x08, 0x00, ...ip4]],
    ['SLL2 IPv6', 276, sll2(0x86dd, ip6), 0x86dd, ip6],
    ['RAW v4', 101, ip4, 0x0800, ip4],
    ['RAW v6', 101, ip6, 0x86dd, ip6],
    ['DLT_RAW 12', 12, ip4, 0x0800, ip4],
    ['DLT_RAW 14', 14, ip6, 0x86dd, ip6],
    ['IPV4', 228, ip4, 0x0800, ip4],
    ['IPV6', 229, ip6, 0x86dd, ip6],
    ['NULL AF_INET little-endian', 0, [2, 0, 0, 0, ...ip4], 0x0800, ip4],
    ['NULL AF_INET big-endian', 0, [0, 0, 0, 2, ...ip4], 0x0800, ip4],
    ['NULL AF_INET6 (BSD 24)', 0, [24, 0, 0, 0, ...ip6], 0x86dd, ip6],
    ['NULL AF_INET6 (Darwin 30)', 0, [30, 0, 0, 0, ...ip6], 0x86dd, ip6],
    ['LOOP AF_INET6 (FreeBSD 28)', 108, [0, 0, 0, 28, ...ip6], 0x86dd, ip6],
    ['SLL truncated header', 113, [0, 4, 0, 1], 0, []],
  ];
  for (const [name, linkType, stored, etherType, payload] of cases) {
    const r = readAll(writePcap([{ data: Uint8Array.from(stored), sec: 1, nsec: 0 }], { linkType }));
    assert.equal(r.error, undefined, name);
    assert.deepEqual(r.warnings, [], name);
    const p = r.packets[0];
    assert.equal(p.dataLinkType, 1, name);
    assert.equal(p.linkType, linkType, name);
    assert.deepEqual(Array.from(p.data), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, etherType >> 8, etherType & 0xff, ...payload], name);
    assert.deepEqual(Array.from(p.stored), stored, name);
  }
});

test('link types: another link type passes through as stored with one warning per capture', () => {
  const packets = [1, 2, 3].map((k) => ({ data: Uint8Array.of(k, k, k), sec: k, nsec: 0 }));
  const r = readAll(writePcap(packets, { linkType: 105 }));
  assert.equal(r.packets.length, 3);
  assert.deepEqual(r.packets.map((p) => [p.dataLinkType, Array.from(p.data)]), [[105, [1, 1, 1]], [105, [2, 2, 2]], [105, [3, 3, 3]]]);
  assert.equal(r.warnings.length, 1);
  assert.match(r.warnings[0], /link type 105 \(IEEE802_11\)/);
});

test('the reader hands out one reused record, and maxPackets stops early', () => {
  const seen = new Set<object>();
  const reader = readCapture(writePcap(PACKETS), (p) => seen.add(p), { maxPackets: 2 });
  assert.equal(reader.packets, 2);
  assert.equal(seen.size, 1);
  const times: bigint[] = [];
  readCapture(writePcap(PACKETS, { nanosecond: true }), (p) => times.push(timestampNs(p)));
  assert.equal(times[1], 1_700_000_001_999_999_000n);
});

test('splitTimestamp agrees with bigint arithmetic on boundary and random values', () => {
  const { seed, next } = seededRandom(0x7157);
  const resolutions = [0, 1, 3, 6, 9, 0x80, 0x80 | 10, 0x80 | 20, 0x80 | 32, 12];
  const values: [number, number][] = [[0, 0], [0xffffffff, 0xffffffff], [0x7fffffff, 0xffffffff], [0x80000000, 0], [0, 0xffffffff], [1, 0]];
  for (let k = 0; k < 200; k++) values.push([Math.floor(next() * 2 ** 32), Math.floor(next() * 2 ** 32)]);
  for (const res of resolutions) {
    const unit = timestampUnit(res);
    const per = unit.unitsPerSecBig;
    for (const [hi, lo] of values) {
      const v = (BigInt(hi) << 32n) | BigInt(lo);
      splitTimestamp(hi, lo, unit);
      const sec = v / per;
      assert.equal(SPLIT.sec, Number(sec), `seed ${seed} res ${res} value ${v}`);
      assert.equal(SPLIT.nsec, Number(((v % per) * 1_000_000_000n) / per), `seed ${seed} res ${res} value ${v}`);
    }
  }
});

test('feed after an error rethrows the same sticky error', () => {
  const reader = new CaptureReader({ onPacket() {} });
  const bytes = writePcap(PACKETS);
  new DataView(bytes.buffer).setUint32(24 + 8, 0x7fffffff, true);
  assert.throws(() => reader.feed(bytes), (e: unknown) => e instanceof CaptureError && e.code === 'ERR_CAPTURE_LENGTH' && e.where.byteOffset === 32);
  const first = reader.error;
  assert.throws(() => reader.feed(new Uint8Array(4)), (e: unknown) => e === first);
  assert.throws(() => reader.end(), (e: unknown) => e === first);
});
