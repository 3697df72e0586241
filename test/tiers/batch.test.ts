// The batch entry points: runBatch on every tier agrees with exec, the wasm tier's zero-copy
// batch area, and argument checks.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHex } from '../../src/util/bytes.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { TIER_NAMES, WasmFilter, createFilter } from '../../src/tiers/select.js';

// LD16 12; PUSH 0x0800; JNE drop; LD8 23; RET; drop: LD8 100 (faults on short packets); RET
const PROGRAM = '010c00 040008000000000000 140400 001700 17 006400 17';

function packets(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let k = 0; k < 40; k++) {
    const p = new Uint8Array(k % 5 === 4 ? 10 : 60 + k * 3);
    if (p.length > 23) {
      p[12] = k % 3 === 0 ? 0x86 : 0x08;
      p[23] = k;
    }
    out.push(p);
  }
  return out;
}

function pack(list: Uint8Array[]): { data: Uint8Array; offsets: Uint32Array; lengths: Uint32Array } {
  const data = new Uint8Array(list.reduce((n, p) => n + p.length + 1, 0));
  const offsets = new Uint32Array(list.length);
  const lengths = new Uint32Array(list.length);
  let at = 1;
  list.forEach((p, k) => {
    data.set(p, at);
    offsets[k] = at;
    lengths[k] = p.length;
    at += p.length;
  });
  return { data, offsets, lengths };
}

for (const tier of TIER_NAMES) {
  test(`runBatch on tier ${tier} gives the same statuses as exec, and the last packet's value`, () => {
    const f = createFilter(verifyProgram(parseHex(PROGRAM)!), { tier });
    const list = packets();
    const { data, offsets, lengths } = pack(list);
    const verdicts = new Int32Array(list.length);
    f.runBatch(data, offsets, lengths, list.length, verdicts);
    const expected = list.map((p) => f.exec(p));
    assert.deepEqual([...verdicts], expected);
    assert.ok(expected.includes(1) && expected.includes(0) && expected.includes(-1));
    f.runBatch(data, offsets, lengths, 2, verdicts);
    assert.equal(f.valueLo, list[1][23]);
    assert.throws(() => f.runBatch(data, offsets, lengths, list.length + 1, verdicts), RangeError);
    const bad = offsets.slice();
    bad[3] = data.length;
    assert.throws(() => f.runBatch(data, bad, lengths, list.length, verdicts), /outside the/);
  });
}

test('tier wasm: a reserved batch area in module memory runs without copies and survives memory growth', () => {
  const f = createFilter(verifyProgram(parseHex(PROGRAM)!), { tier: 'wasm' });
  assert.ok(f instanceof WasmFilter);
  const list = packets();
  const { data, offsets, lengths } = pack(list);
  const area = f.reserveBatch(data.length, list.length);
  area.data.set(data);
  area.offsets.set(offsets);
  area.lengths.set(lengths);
  f.runBatch(area.data, area.offsets, area.lengths, list.length, area.verdicts);
  const expected = list.map((p) => f.exec(p));
  assert.deepEqual([...area.verdicts], expected);
  // A packet larger than the memory grows it; the area's views follow.
  f.exec(new Uint8Array(300000));
  assert.deepEqual([...area.data.subarray(0, data.length)], [...data]);
  area.verdicts.fill(7);
  f.runBatch(area.data, area.offsets, area.lengths, list.length, area.verdicts);
  assert.deepEqual([...area.verdicts], expected);
});
