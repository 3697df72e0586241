// The header walk's fast paths against the full walk: packet-ops' locateHeaders (fast paths for
// untagged IPv4/IPv6) and the walk the js tier inlines (header-walk.ts, plus its per-frame fast
// copies) must give exactly the facts of locateHeadersFull on every frame: every packet of
// every classic pcap of the shared corpus, the bench mix, and seeded mutations of them (cut
// short, header bytes changed, VLAN tags stacked). Every tier runs a program that folds all
// HDR selectors into its return value, and must return the full walk's value.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assemble } from '../../src/asm/assemble.js';
import { HDR, HDR_FIELDS, IPV6_NOT_TRANSPORT, locateHeaders, locateHeadersFull } from '../../src/vm/packet-ops.js';
import { headerWalkLocals, headerWalkSource } from '../../src/tiers/js/header-walk.js';
import { createFilter, detectTiers } from '../../src/tiers/select.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { toHex } from '../../src/util/bytes.js';
import { BENCH_SEED, makeFrames } from '../../bench/mix.js';
import { CORPUS_DIR } from '../helpers/paths.js';
import { pcapRecords } from '../helpers/pcap-records.js';
import { testSeed } from '../helpers/seed.js';

function corpusFrames(): Uint8Array[] {
  if (!existsSync(CORPUS_DIR)) return [];
  const out: Uint8Array[] = [];
  for (const f of readdirSync(CORPUS_DIR).filter((n) => n.endsWith('.pcap')).sort()) out.push(...pcapRecords(new Uint8Array(readFileSync(join(CORPUS_DIR, f)))));
  return out;
}

function mixFrames(): Uint8Array[] {
  const m = makeFrames(3000, BENCH_SEED);
  return Array.from({ length: m.count }, (_, k) => m.data.subarray(m.offsets[k], m.offsets[k] + m.lengths[k]));
}

/** Seeded variants of real frames that reach every branch of the walks. */
function mutations(frames: readonly Uint8Array[], seed: number, count: number): Uint8Array[] {
  let s = seed >>> 0 || 1;
  const rnd = (n: number): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
  const out: Uint8Array[] = [];
  const interesting = [0x00, 0x06, 0x08, 0x11, 0x2b, 0x2c, 0x3a, 0x3b, 0x40, 0x45, 0x46, 0x4f, 0x60, 0x81, 0x86, 0x88, 0x91, 0xa8, 0xdd, 0xff];
  for (let k = 0; k < count && frames.length > 0; k++) {
    const base = frames[rnd(frames.length)];
    let f = Uint8Array.from(base);
    const kind = rnd(4);
    if (kind === 0) f = f.subarray(0, rnd(Math.min(f.length, 80) + 1));
    else if (kind === 1) {
      for (let j = rnd(3) + 1; j > 0; j--) f[rnd(Math.min(f.length, 64)) | 0] = interesting[rnd(interesting.length)];
    } else if (kind === 2 && f.length >= 14) {
      // one or more VLAN tags in front of the EtherType
      const tags = rnd(3) + 1;
      const g = new Uint8Array(f.length + 4 * tags);
      g.set(f.subarray(0, 12));
      for (let t = 0; t < tags; t++) g.set([[0x81, 0x00], [0x88, 0xa8], [0x91, 0x00]][rnd(3)].concat([rnd(256), rnd(256)]), 12 + 4 * t);
      g.set(f.subarray(12), 12 + 4 * tags);
      f = g;
    } else {
      // exactly at the fast paths' length limits
      f = f.subarray(0, [33, 34, 35, 37, 38, 53, 54, 55, 57, 58][rnd(10)]);
    }
    out.push(f);
  }
  return out;
}

const seed = testSeed('header walk mutations');
const frames = [...corpusFrames(), ...mixFrames()];
const all = [...frames, ...mutations(frames, seed, 20000)];

function facts(): number[] {
  return HDR_FIELDS.map((name) => HDR[name]);
}

function fullFacts(p: Uint8Array): number[] {
  locateHeadersFull(p, 0, p.length);
  return facts();
}

test(`locateHeaders' fast paths give the full walk's facts on ${all.length} frames (corpus ${frames.length > 3000 ? 'included' : 'missing: mix only'})`, () => {
  for (const p of all) {
    const want = fullFacts(p);
    locateHeaders(p, 0, p.length);
    assert.deepEqual(facts(), want, `frame ${toHex(p.subarray(0, 64))}`);
  }
});

test('the header walk the js tier inlines gives the full walk\'s facts on every frame', { skip: detectTiers().find((t) => t.tier === 'js')?.available === true ? false : 'js tier unavailable here' }, () => {
  const names = HDR_FIELDS.map((_, s) => `f${s}`);
  const body = `let ${headerWalkLocals().join(', ')};\n${headerWalkSource('locateHeaders(p, b, len)')}\nreturn [${names.join(', ')}];`;
  const walk = new Function('HDR', 'IPV6_NOT_TRANSPORT', 'locateHeaders', `return function (p, b, len) { ${body} };`)(HDR, IPV6_NOT_TRANSPORT, locateHeaders) as (p: Uint8Array, b: number, len: number) => number[];
  for (const p of all) {
    const want = fullFacts(p);
    // at an offset inside a larger buffer too, as capture batches call it
    const padded = new Uint8Array(p.length + 7);
    padded.set(p, 5);
    assert.deepEqual(walk(p, 0, p.length), want, `frame ${toHex(p.subarray(0, 64))}`);
    assert.deepEqual(walk(padded, 5, p.length), want, `frame at offset 5: ${toHex(p.subarray(0, 64))}`);
  }
});

// v = (((f0 * 131 + f1) * 131 + f2) ... ) mod 2^64 over every selector: one value says all.
const FOLD = verifyProgram(
  assemble(
    HDR_FIELDS.map((_, s) => (s === 0 ? 'HDR 0' : `PUSH 131\nMUL\nHDR ${s}\nADD`)).join('\n') + '\nRET',
    'fold.vfm',
  ).bytes,
);

function foldOf(f: readonly number[]): bigint {
  let v = 0n;
  f.forEach((x, s) => (v = s === 0 ? BigInt(x) : BigInt.asUintN(64, v * 131n + BigInt(x))));
  return v;
}

for (const status of detectTiers().filter((t) => t.available)) {
  test(`tier ${status.tier}: a program reading every HDR selector returns the full walk's facts on every frame`, () => {
    const filter = createFilter(FOLD, { tier: status.tier });
    for (const p of all) {
      const want = foldOf(fullFacts(p));
      const status = filter.exec(p);
      assert.equal(status, want === 0n ? 0 : 1, `frame ${toHex(p.subarray(0, 64))}`);
      assert.equal((BigInt(filter.valueHi) << 32n) | BigInt(filter.valueLo), want, `frame ${toHex(p.subarray(0, 64))}`);
    }
  });
}
