// Hand-written exactness cases on every tier (the differential fuzzer covers the rest): the
// first failing instruction is the one reported when bounds checks are folded, the limit
// fault lands on the exact instruction for every limit, and packets longer than 64 KiB do not
// break range-based arithmetic.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble } from '../../src/asm/assemble.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { runReference } from '../../src/vm/reference.js';
import { TIER_NAMES, createFilter } from '../../src/tiers/select.js';

function program(text: string): { bytes: Uint8Array; pcOf: (label: string) => number } {
  const r = assemble(text);
  return { bytes: r.bytes, pcOf: (label) => r.labels.get(label)! };
}

for (const tier of TIER_NAMES) {
  test(`tier ${tier}: with folded bounds checks the first failing instruction faults, after earlier effects`, () => {
    const p = program(`
      LD8 30
      PUSH 0
      div: DIV
      late: LD8 60
      RET`);
    const f = createFilter(verifyProgram(p.bytes), { tier });
    assert.deepEqual(f.run(new Uint8Array(20)), { kind: 'fault', code: -1, name: 'BOUNDS', pc: 0 });
    assert.deepEqual(f.run(new Uint8Array(40)), { kind: 'fault', code: -6, name: 'DIVISION_BY_ZERO', pc: p.pcOf('div') });
    assert.deepEqual(f.run(new Uint8Array(61)), { kind: 'fault', code: -6, name: 'DIVISION_BY_ZERO', pc: p.pcOf('div') });
  });

  test(`tier ${tier}: the limit fault names the exact instruction for every limit from 0 to 40`, () => {
    const p = program(`
      PUSH 3
      top: PUSH 1
      SUB
      DUP
      LD8 5
      POP
      PUSH 0
      JNE top
      RET`);
    const verified = verifyProgram(p.bytes);
    const packet = new Uint8Array(10);
    for (let insnLimit = 0; insnLimit <= 40; insnLimit++) {
      const expected = runReference(p.bytes, packet, { insnLimit });
      assert.deepEqual(createFilter(verified, { tier, insnLimit }).run(packet), expected, `limit ${insnLimit}`);
      // Short packet: the bounds fault at LD8 wins only when the limit allows reaching it.
      const short = new Uint8Array(3);
      assert.deepEqual(createFilter(verified, { tier, insnLimit }).run(short), runReference(p.bytes, short, { insnLimit }), `limit ${insnLimit}, short packet`);
    }
  });

  test(`tier ${tier}: LEN on a 100,000-byte packet is exact in 64-bit arithmetic`, () => {
    const p = program('LEN\nLEN\nMUL\nLEN\nADD\nRET');
    const packet = new Uint8Array(100000);
    assert.deepEqual(createFilter(verifyProgram(p.bytes), { tier }).run(packet), { kind: 'accept', value: 10000000000n + 100000n });
  });
}
