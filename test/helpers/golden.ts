// Golden files: expected CLI output under test/golden/. Run the tests with UPDATE_GOLDEN=1 to
// rewrite them, then review the diff like code.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TEST_DIR } from './paths.js';

export const GOLDEN_DIR = join(TEST_DIR, 'golden');

export function assertGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) assert.fail(`golden file test/golden/${name} is missing: run the tests with UPDATE_GOLDEN=1 and review it`);
  assert.equal(actual, readFileSync(path, 'utf8'), `output differs from test/golden/${name} (UPDATE_GOLDEN=1 rewrites it; review the diff)`);
}
