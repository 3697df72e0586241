// Seeded fuzzing of the verifier and the machines with random and mutated bytecode: only
// typed errors may come out (VerifyError from the verifier, fault results from runs), never
// an uncaught exception or a hang, and a verified program runs identically on the
// interpreter and the reference semantics.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkProgram } from '../../src/verify/verify.js';
import { runReference } from '../../src/vm/reference.js';
import { Interpreter } from '../../src/vm/interpreter.js';
import { FlowTable } from '../../src/vm/flow-table.js';
import { resultText, loadVmVectors } from '../helpers/vm-vectors.js';
import { NAMED_PACKETS } from '../helpers/packets.js';
import { testSeed } from '../helpers/seed.js';

const PACKETS = Object.values(NAMED_PACKETS);
const BASES = loadVmVectors().map((v) => v.bytes);

function exercise(bytes: Uint8Array, packet: Uint8Array): void {
  const checked = checkProgram(bytes); // throws only on a bug: VerifyError is returned
  const ref = runReference(bytes, packet, { insnLimit: 2000, flowTable: new FlowTable(16) });
  assert.ok(['accept', 'drop', 'fault'].includes(ref.kind));
  if (checked.ok) {
    const fast = new Interpreter(checked.program, { insnLimit: 2000, flowTable: new FlowTable(16) }).run(packet);
    assert.equal(resultText(fast), resultText(ref), 'interpreter differs from the reference');
    // A verified program never faults with a stack or program error.
    if (fast.kind === 'fault') assert.ok(['BOUNDS', 'LIMIT', 'DIVISION_BY_ZERO'].includes(fast.name), fast.name);
  }
}

test('random bytecode: only typed errors and faults, never an exception', () => {
  const seed = testSeed('random bytecode');
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 0, maxLength: 80 }), fc.constantFrom(...PACKETS), (bytes, packet) => exercise(bytes, packet)),
    { seed, numRuns: 4000 },
  );
});

test('random bytecode from live opcodes only: verified programs agree on both machines', () => {
  const seed = testSeed('live-opcode bytecode');
  // bias towards valid opcodes so more programs verify
  const opcode = fc.oneof(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 16, max: 59 }), fc.integer({ min: 65, max: 71 }));
  const body = fc.array(fc.tuple(opcode, fc.uint8Array({ minLength: 16, maxLength: 16 })), { maxLength: 12 });
  fc.assert(
    fc.property(body, fc.constantFrom(...PACKETS), (insns, packet) => {
      const parts: number[] = [];
      for (const [op, operand] of insns) {
        parts.push(op);
        // operand bytes are cut to the right size by the decoder; keep small offsets likely
        parts.push(...Array.from(operand.subarray(0, 2)).map((b, k) => (k === 1 ? b & 1 : b)), ...operand.subarray(2));
      }
      exercise(new Uint8Array(parts), packet);
    }),
    { seed, numRuns: 3000 },
  );
});

test('mutated conformance programs: only typed errors and faults, agreement when verified', () => {
  const seed = testSeed('mutated bytecode');
  const mutation = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 });
  fc.assert(
    fc.property(fc.constantFrom(...BASES), mutation, fc.constantFrom(...PACKETS), fc.boolean(), (base, edits, packet, truncate) => {
      const bytes = new Uint8Array(base);
      for (const [at, v] of edits) bytes[at % bytes.length] = v;
      exercise(truncate ? bytes.subarray(0, Math.max(0, bytes.length - 1 - (edits[0][0] % 4))) : bytes, packet);
    }),
    { seed, numRuns: 4000 },
  );
});
