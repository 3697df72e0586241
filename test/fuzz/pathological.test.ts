// The seeded part of issue 17's standing guard for compilers: pathological sources through
// every front end give a verified program or a FilterError with a small report, never a
// RangeError or a hang. `node dist/scripts/fuzz-robust.js` runs more, and larger, cases.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testSeed } from '../helpers/seed.js';
import { prng } from './capture-mutations.js';
import { SOURCE_COMPILERS, checkSource, pathologicalSource } from './pathological.js';

for (const c of SOURCE_COMPILERS) {
  test(`pathological ${c.name} sources: programs or FilterErrors with small reports`, () => {
    const seed = testSeed(`pathological ${c.name}`);
    const r = prng(seed);
    const runs = c.generators.length * 3;
    for (let i = 0; i < runs; i++) {
      const text = pathologicalSource(c, i, r, 0.25);
      try {
        checkSource(c, text);
      } catch (e) {
        assert.fail(`case ${i} (${text.length} characters: ${JSON.stringify(text.slice(0, 80))}...): ${(e as Error).message}\nreproduce: npm run build && VFM_SEED=${seed} node --test dist/test/fuzz/pathological.test.js`);
      }
    }
  });
}
