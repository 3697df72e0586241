import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NS, nsHalves } from '../../src/capture/timestamp.js';
import { testSeed } from '../helpers/seed.js';

test('nsHalves gives sec * 10^9 + nsec as 64-bit halves, exactly', () => {
  const cases: [number, number][] = [[0, 0], [0, 999_999_999], [1, 0], [1_795_417_200, 123_456_789], [2 ** 32 - 1, 999_999_999], [2 ** 33 - 1, 999_999_999], [65535, 1], [65536, 0]];
  for (const [sec, nsec] of cases) {
    nsHalves(sec, nsec);
    const want = BigInt(sec) * 1_000_000_000n + BigInt(nsec);
    assert.equal((BigInt(NS.hi) << 32n) | BigInt(NS.lo), want, `${sec}.${nsec}`);
  }
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 33 - 1 }), fc.integer({ min: 0, max: 999_999_999 }), (sec, nsec) => {
      nsHalves(sec, nsec);
      assert.ok(NS.lo >= 0 && NS.lo < 2 ** 32 && Number.isInteger(NS.lo));
      return ((BigInt(NS.hi) << 32n) | BigInt(NS.lo)) === BigInt(sec) * 1_000_000_000n + BigInt(nsec);
    }),
    { seed: testSeed('nsHalves'), numRuns: 5000 },
  );
});
