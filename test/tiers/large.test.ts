// Large programs: many jump targets switch the js tier from nested labelled blocks to a flat
// switch, and the wasm tier nests thousands of blocks; results must still match the
// interpreter exactly, including the instruction limit on a 12,500-instruction program.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble } from '../../src/asm/assemble.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { TIER_NAMES, createFilter } from '../../src/tiers/select.js';

function chain(n: number, withLoop: boolean): Uint8Array {
  const lines: string[] = withLoop ? ['PUSH 3', 'top:', 'PUSH 1', 'SUB', 'DUP', 'PUSH 0', 'JNE top', 'POP'] : [];
  for (let k = 0; k < n; k++) lines.push(`LD8 ${k % 70}`, `PUSH ${k % 7}`, `JEQ l${k}`, 'PUSH 1', 'POP', `l${k}:`);
  lines.push('LD8 3', 'RET');
  return assemble(lines.join('\n')).bytes;
}

const packets = [new Uint8Array(60).map((_, i) => i % 7), new Uint8Array(80).map((_, i) => (i * 5) % 9), new Uint8Array(30)];

for (const [n, withLoop] of [[300, false], [300, true], [2500, false]] as const) {
  test(`${n} forward branches${withLoop ? ' after a loop' : ''}: every tier equals the interpreter, with and without hitting the limit`, () => {
    const program = verifyProgram(chain(n, withLoop));
    for (const insnLimit of [10000, 20000, 1234]) {
      const expected = packets.map((p) => createFilter(program, { tier: 'interpreter', insnLimit }).run(p));
      for (const tier of TIER_NAMES) {
        const f = createFilter(program, { tier, insnLimit });
        assert.deepEqual(packets.map((p) => f.run(p)), expected, `tier ${tier}, limit ${insnLimit}`);
      }
    }
  });
}
