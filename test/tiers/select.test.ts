// Tier detection, selection, errors and the compiled-code cache, in this (unrestricted) process.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHex } from '../../src/util/bytes.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { UsageError } from '../../src/diag/errors.js';
import { AUTO_ORDER, TIER_NAMES, createFilter, detectTiers, filterCacheStats } from '../../src/tiers/select.js';

const ACCEPT_7 = '04 0700000000000000 17';

test('detectTiers: every tier works in a normal node process, and the answer is cached', () => {
  const tiers = detectTiers();
  assert.deepEqual(tiers.map((s) => s.tier), [...TIER_NAMES]);
  for (const s of tiers) assert.equal(s.available, true, `${s.tier}: ${s.reason}`);
  assert.equal(detectTiers(), tiers);
});

test('createFilter auto picks the first tier of AUTO_ORDER; explicit tiers are honoured', () => {
  const program = verifyProgram(parseHex(ACCEPT_7)!);
  assert.equal(createFilter(program).tier, AUTO_ORDER[0]);
  assert.equal(createFilter(program, { tier: 'auto' }).tier, AUTO_ORDER[0]);
  for (const tier of TIER_NAMES) {
    const f = createFilter(program, { tier });
    assert.equal(f.tier, tier);
    assert.deepEqual(f.run(new Uint8Array(0)), { kind: 'accept', value: 7n });
  }
});

test('createFilter rejects an unknown tier and a bad instruction limit with UsageError', () => {
  const program = verifyProgram(parseHex(ACCEPT_7)!);
  assert.throws(() => createFilter(program, { tier: 'llvm' as never }), (e: unknown) => e instanceof UsageError && e.code === 'ERR_USAGE' && /unknown tier 'llvm'/.test(e.message));
  assert.throws(() => createFilter(program, { insnLimit: -1 }), (e: unknown) => e instanceof UsageError && /instruction limit/.test(e.message));
  assert.throws(() => createFilter(program, { insnLimit: 2 ** 40 }), UsageError);
});

test('loading the same bytecode twice compiles once per tier and codegen options (cache by program hash)', () => {
  // A program no other test uses, so the first createFilter must compile.
  const hex = '04 ef0d000000000000 04 0100000000000000 08 17';
  const before = filterCacheStats();
  const a = createFilter(verifyProgram(parseHex(hex)!), { tier: 'js' });
  const b = createFilter(verifyProgram(parseHex(hex)!), { tier: 'js' });
  const mid = filterCacheStats();
  assert.equal(mid.compiles - before.compiles, 1);
  assert.equal(mid.hits - before.hits, 1);
  assert.notEqual(a, b);
  assert.equal(a.exec(new Uint8Array(0)), 1);
  assert.equal(b.exec(new Uint8Array(0)), 1);
  assert.equal(b.valueLo, 0xdf0);
  // Another tier, or a flow table (different code), compiles again; same options hit again.
  createFilter(verifyProgram(parseHex(hex)!), { tier: 'wasm' });
  createFilter(verifyProgram(parseHex(hex)!), { tier: 'wasm' });
  const after = filterCacheStats();
  assert.equal(after.compiles - mid.compiles, 1);
  assert.equal(after.hits - mid.hits, 1);
});

test('the instruction limit is part of the cache key only when a program can reach it', () => {
  const loop = verifyProgram(parseHex('12 fdff')!);
  const short = createFilter(loop, { tier: 'js', insnLimit: 3 });
  const long = createFilter(loop, { tier: 'js', insnLimit: 5 });
  assert.deepEqual(short.run(new Uint8Array(0)), { kind: 'fault', code: -2, name: 'LIMIT', pc: 0 });
  assert.deepEqual(long.run(new Uint8Array(0)), { kind: 'fault', code: -2, name: 'LIMIT', pc: 0 });
});
