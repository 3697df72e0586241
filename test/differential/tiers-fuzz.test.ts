// Differential fuzzing with a fixed budget: seeded random verified programs on random and
// corpus packets; every tier must equal the interpreter and the reference exactly. The seed
// range starts at VFM_SEED (default 1); `npm run fuzz` runs a longer range.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPCODES } from '../../src/isa/opcodes.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { Interpreter } from '../../src/vm/interpreter.js';
import { availableTiers, fuzz, makeCase } from './differential.js';
import { loadCorpusSample } from './corpus-sample.js';
import { testSeed } from '../helpers/seed.js';

const start = testSeed('differential tier fuzz', 1);
const COUNT = 1000;

test(`differential fuzz: ${COUNT} random programs from seed ${start}, tiers ${availableTiers().join(', ')}`, () => {
  const failure = fuzz(start, COUNT, loadCorpusSample(200));
  assert.equal(failure, undefined, failure === undefined ? '' : `seed ${failure.seed} (VFM_SEED=${failure.seed}): ${failure.message}\nprogram: ${failure.program}`);
});

test('the fuzz budget covers every live opcode, loops, flow tables, limits and every run-time fault', () => {
  const seen = new Set<string>();
  let loops = 0;
  let tables = 0;
  const outcomes = new Set<string>();
  for (let seed = start; seed < start + COUNT; seed++) {
    const c = makeCase(seed, []);
    const program = verifyProgram(c.bytes);
    for (const insn of program.insns) seen.add(insn.op.name);
    if (program.hasBackwardJumps) loops++;
    if (c.tableSize !== undefined) tables++;
    const vm = new Interpreter(program, { insnLimit: c.insnLimit });
    for (const p of c.packets) {
      const r = vm.run(p);
      outcomes.add(r.kind === 'fault' ? r.name : r.kind);
    }
  }
  assert.deepEqual([...outcomes].sort(), ['BOUNDS', 'DIVISION_BY_ZERO', 'LIMIT', 'accept', 'drop']);
  const live = OPCODES.filter((o) => (o as { reserved?: boolean }).reserved !== true).map((o) => o.name);
  assert.deepEqual(live.filter((name) => !seen.has(name)), []);
  assert.ok(loops > COUNT / 10 && tables > COUNT / 10, `${loops} programs with loops, ${tables} with flow tables`);
});
