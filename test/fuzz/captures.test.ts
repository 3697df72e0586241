// Captures read what libpcap reads (issue 17): old pcap versions with caplen and len swapped,
// a first pcapng section header whose trailing length differs, version rules, a bounded
// pcapng interface table; then the standing guard: seeded mutated captures read whole and in
// chunks must agree, and agree with libpcap (packet count and wire lengths) where gcc and
// libpcap-dev are installed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaptureReader } from '../../src/capture/index.js';
import { MAX_PCAPNG_INTERFACES } from '../../src/capture/pcapng.js';
import { readAll, tempDir } from '../helpers/capture.js';
import { EXAMPLES_DIR } from '../helpers/paths.js';
import { testSeed } from '../helpers/seed.js';
import { captureCases, compareCaptures, libpcapRead, swapLengths } from './capture-mutations.js';

const le32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
const le16 = (v: number): number[] => [v & 0xff, v >>> 8];

function pcapFile(major: number, minor: number, records: [number, number][]): Uint8Array {
  const out = [...le32(0xa1b2c3d4), ...le16(major), ...le16(minor), ...le32(0), ...le32(0), ...le32(65535), ...le32(1)];
  for (const [a, b] of records) out.push(...le32(1), ...le32(0), ...le32(a), ...le32(b), ...new Array<number>(Math.min(a, b)).fill(0));
  return Uint8Array.from(out);
}

function block(type: number, body: number[], trailer?: number): number[] {
  const len = 12 + body.length;
  return [...le32(type), ...le32(len), ...body, ...le32(trailer ?? len)];
}
const shb = (minor = 0, trailer?: number, major = 1): number[] => block(0x0a0d0d0a, [...le32(0x1a2b3c4d), ...le16(major), ...le16(minor), ...le32(0xffffffff), ...le32(0xffffffff)], trailer);
const idb = (linkType = 1): number[] => block(1, [...le16(linkType), 0, 0, ...le32(65535)]);
const epb = (trailer?: number): number[] => block(6, [...le32(0), ...le32(0), ...le32(1), ...le32(60), ...le32(60), ...new Array<number>(60).fill(0)], trailer);

/** Our count and wire lengths, the error code, and libpcap's (or undefined without the oracle). */
function both(bytes: Uint8Array, dir: ReturnType<typeof tempDir>, name: string): { ours: number[]; code?: string; libpcap?: number[] | 'open-error' } {
  const r = readAll(bytes);
  const lib = libpcapRead([dir.file(name, bytes)]);
  return { ours: r.packets.map((p) => p.originalLength), code: r.error?.code, libpcap: lib.results?.[0] };
}

test('pcap 2.0-2.2 and 543.0 store len before caplen; 2.3 either way; 2.4 as written today (as libpcap)', () => {
  const dir = tempDir();
  // Records whose first length field is 100 and second 60.
  const swappedLayout: [number, number][] = [[100, 60], [100, 60]];
  for (const [major, minor, expectSwap] of [[2, 0, true], [2, 1, true], [2, 2, true], [2, 3, true], [543, 0, true]] as const) {
    const r = readAll(pcapFile(major, minor, swappedLayout));
    assert.equal(r.error, undefined, `${major}.${minor}`);
    assert.deepEqual(r.packets.map((p) => [p.capturedLength, p.originalLength]), expectSwap ? [[60, 100], [60, 100]] : [], `${major}.${minor}`);
    const lib = both(pcapFile(major, minor, swappedLayout), dir, `v${major}.${minor}.pcap`).libpcap;
    if (lib !== undefined) assert.deepEqual(lib, [100, 100], `libpcap ${major}.${minor}`);
  }
  // 2.3 with caplen <= len is not swapped; 2.2 is swapped whatever the values.
  const normal: [number, number][] = [[60, 100]];
  assert.deepEqual(readAll(pcapFile(2, 3, normal)).packets.map((p) => [p.capturedLength, p.originalLength]), [[60, 100]]);
  assert.deepEqual(readAll(pcapFile(2, 4, normal)).packets.map((p) => [p.capturedLength, p.originalLength]), [[60, 100]]);
  // A real file converted to the old layout reads the same as the original.
  const sample = new Uint8Array(readFileSync(join(EXAMPLES_DIR, 'sample.pcap')));
  const old = swapLengths(sample);
  new DataView(old.buffer).setUint16(6, 2, true);
  const a = readAll(sample).packets;
  const b = readAll(old, 997).packets;
  assert.equal(b.length, a.length);
  assert.deepEqual(b.map((p) => [p.capturedLength, p.originalLength]), a.map((p) => [p.capturedLength, p.originalLength]));
});

test('pcap versions libpcap does not read are header errors: 1.x archaic, 2.5 and later unsupported', () => {
  for (const [major, minor, word] of [[1, 0, 'archaic'], [0, 9, 'archaic'], [2, 5, 'unsupported'], [3, 0, 'unsupported'], [543, 1, 'unsupported']] as const) {
    const r = readAll(pcapFile(major, minor, [[60, 60]]));
    assert.equal(r.packets.length, 0);
    assert.equal(r.error?.code, 'ERR_CAPTURE_HEADER', `${major}.${minor}`);
    assert.match(r.error!.message, new RegExp(`${word} pcap version ${major}\\.${minor}`));
  }
});

test('pcapng: the first section header\'s trailing length is not checked (libpcap), later blocks\' are', () => {
  const dir = tempDir();
  const cases: [string, number[], number, string | undefined][] = [
    ['first SHB trailer differs', [...shb(0, 99), ...idb(), ...epb(), ...epb()], 2, undefined],
    ['second SHB trailer differs', [...shb(), ...idb(), ...epb(), ...shb(0, 99), ...idb(), ...epb()], 1, 'ERR_CAPTURE_BLOCK'],
    ['EPB trailer differs', [...shb(), ...idb(), ...epb(99), ...epb()], 0, 'ERR_CAPTURE_BLOCK'],
    ['version 1.2', [...shb(2), ...idb(), ...epb()], 1, undefined],
    ['version 1.1', [...shb(1), ...idb(), ...epb()], 0, 'ERR_CAPTURE_HEADER'],
    ['version 1.3', [...shb(3), ...idb(), ...epb()], 0, 'ERR_CAPTURE_HEADER'],
    ['later section 1.3', [...shb(), ...idb(), ...epb(), ...shb(3), ...idb(), ...epb()], 2, undefined],
    ['later section 2.0', [...shb(), ...idb(), ...epb(), ...shb(0, undefined, 2), ...idb(), ...epb()], 1, 'ERR_CAPTURE_HEADER'],
  ];
  for (const [name, bytes, count, code] of cases) {
    const r = both(Uint8Array.from(bytes), dir, `${name.replace(/ /g, '-')}.pcapng`);
    assert.equal(r.ours.length, count, name);
    assert.equal(r.code, code, name);
    if (r.libpcap !== undefined) assert.equal(r.libpcap === 'open-error' ? 0 : r.libpcap.length, count, `libpcap: ${name}`);
  }
});

test(`pcapng: at most ${MAX_PCAPNG_INTERFACES} interfaces per section, in a compact table (5,000,000 IDBs took 559 MB)`, () => {
  const one = idb();
  const build = (sections: number, perSection: number): Uint8Array => {
    const s = shb();
    const out = new Uint8Array(sections * (s.length + perSection * one.length));
    let at = 0;
    for (let k = 0; k < sections; k++) {
      out.set(s, at);
      at += s.length;
      for (let i = 0; i < perSection; i++, at += one.length) out.set(one, at);
    }
    return out;
  };
  const over = readAll(build(1, MAX_PCAPNG_INTERFACES + 1));
  assert.equal(over.error?.code, 'ERR_CAPTURE_INTERFACE');
  assert.match(over.error!.message, new RegExp(`more than ${MAX_PCAPNG_INTERFACES} interfaces`));
  assert.equal(over.error!.where.byteOffset, 28 + MAX_PCAPNG_INTERFACES * one.length);
  // 2,000,000 IDBs in sections of 50,000 (a 1 MB chunk fed 40 times): the heap stays small.
  const chunk = build(1, 50_000);
  let packets = 0;
  const reader = new CaptureReader({ onPacket: () => void packets++ });
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = 0;
  for (let i = 0; i < 40; i++) {
    reader.feed(chunk);
    peak = Math.max(peak, process.memoryUsage().heapUsed - before);
  }
  reader.end();
  assert.equal(packets, 0);
  assert.ok(peak < 64 * 1024 * 1024, `heap grew by ${peak} bytes over 2,000,000 interface blocks`);
});

test('mutated captures: whole and chunked reads agree, and agree with libpcap (count and wire lengths)', (t) => {
  const seed = testSeed('mutated captures');
  const dir = tempDir();
  const cases = captureCases(seed, 700);
  const r = compareCaptures(seed, cases, dir.dir);
  if (r.problem !== undefined) {
    assert.fail(`${r.problem}\nreproduce: npm run build && VFM_SEED=${seed} node --test dist/test/fuzz/captures.test.js (or node dist/scripts/fuzz-robust.js 60 ${seed})`);
  }
  if (r.skip !== undefined) t.diagnostic(`libpcap comparison skipped: ${r.skip}`);
  else t.diagnostic(`${r.compared} of ${cases.length} mutated captures compared with libpcap`);
});
