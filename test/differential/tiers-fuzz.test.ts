// Differential fuzzing with a fixed budget: seeded random verified programs on random and
// corpus packets; every tier must equal the interpreter and the reference exactly. The seed
// range starts at VFM_SEED (default 1); `npm run fuzz` runs a longer range.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableTiers, fuzz } from './differential.js';
import { loadCorpusSample } from './corpus-sample.js';
import { testSeed } from '../helpers/seed.js';

const start = testSeed('differential tier fuzz', 1);
const COUNT = 1000;

test(`differential fuzz: ${COUNT} random programs from seed ${start}, tiers ${availableTiers().join(', ')}`, () => {
  const failure = fuzz(start, COUNT, loadCorpusSample(200));
  assert.equal(failure, undefined, failure === undefined ? '' : `seed ${failure.seed} (VFM_SEED=${failure.seed}): ${failure.message}\nprogram: ${failure.program}`);
});
