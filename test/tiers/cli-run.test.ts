// `vfm run --tier NAME` and `-v` (prints the tier that ran).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { AUTO_ORDER, TIER_NAMES } from '../../src/tiers/select.js';

const FILTER = join(REPO_ROOT, 'examples', 'simple_filter.vfm');
const IPV4 = '000000000000 000000000000 0800 45';

for (const tier of TIER_NAMES) {
  test(`vfm run --tier ${tier} -v runs on tier ${tier}, prints it, and gives the interpreter's results`, async () => {
    const ok = await runCli(['run', FILTER, '--packet', IPV4, '--tier', tier, '-v']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, 'accept 1\n');
    assert.equal(ok.stderr, `tier ${tier}\n`);
    const short = await runCli(['run', FILTER, '--packet', '00 01', '--tier', tier]);
    assert.equal(short.code, 1);
    assert.equal(short.stdout, 'fault BOUNDS (-1) at pc 0\n');
    assert.equal(short.stderr, '');
  });
}

test('vfm run without --tier uses auto; a bad tier name is a usage error', async () => {
  const auto = await runCli(['run', FILTER, '--packet', IPV4, '-v']);
  assert.equal(auto.stderr, `tier ${AUTO_ORDER[0]}\n`);
  const bad = await runCli(['run', FILTER, '--packet', IPV4, '--tier', 'gpu']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--tier takes auto, wasm, js, closure, interpreter; got 'gpu'/);
});
