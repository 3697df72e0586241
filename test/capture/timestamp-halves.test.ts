// timestampHalves: (sec, nsec) to the halves of sec * 10^9 + nsec, exact for every sec < 2^32.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TS_HALVES, timestampHalves } from '../../src/capture/timestamp.js';
import { seededRandom } from '../helpers/capture.js';

test('timestampHalves is exact against bigint arithmetic (edges and seeded random values)', () => {
  const { seed, next } = seededRandom(7);
  const cases: [number, number][] = [[0, 0], [0, 999_999_999], [1, 0], [4, 294_967_295], [4, 294_967_296], [1_700_000_000, 123_456_789], [2 ** 32 - 1, 999_999_999], [2 ** 31, 1]];
  for (let k = 0; k < 2000; k++) cases.push([Math.floor(next() * 2 ** 32), Math.floor(next() * 1e9)]);
  for (const [sec, nsec] of cases) {
    const want = BigInt(sec) * 1_000_000_000n + BigInt(nsec);
    timestampHalves(sec, nsec);
    assert.equal((BigInt(TS_HALVES.hi) << 32n) | BigInt(TS_HALVES.lo), want, `seed ${seed}: ${sec}.${nsec}`);
  }
});
