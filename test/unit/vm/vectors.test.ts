// Every VM conformance vector on the reference semantics and the interpreter tier.
// (Other tiers run the same vectors in test/tiers/.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyProgram } from '../../../src/verify/verify.js';
import { VerifyError } from '../../../src/diag/errors.js';
import { runReference } from '../../../src/vm/reference.js';
import { Interpreter } from '../../../src/vm/interpreter.js';
import { FlowTable } from '../../../src/vm/flow-table.js';
import { loadVmVectors, resultText } from '../../helpers/vm-vectors.js';

for (const v of loadVmVectors()) {
  test(`vector ${v.name}: verifier`, () => {
    if (v.verifyError === undefined) {
      assert.doesNotThrow(() => verifyProgram(v.bytes));
    } else {
      assert.throws(
        () => verifyProgram(v.bytes),
        (e: unknown) => e instanceof VerifyError && e.code === v.verifyError!.code && e.where.pc === v.verifyError!.pc,
      );
    }
  });
  for (const run of v.runs) {
    const table = () => (v.flowTableSize === undefined ? undefined : new FlowTable(v.flowTableSize));
    test(`vector ${v.name} on ${run.packetName}: reference`, () => {
      assert.equal(resultText(runReference(v.bytes, run.packet, { flowTable: table(), insnLimit: v.insnLimit, timestampNs: v.timestampNs, wireLength: v.wireLength })), run.expected);
    });
    if (v.verifyError === undefined) {
      test(`vector ${v.name} on ${run.packetName}: interpreter`, () => {
        const vm = new Interpreter(verifyProgram(v.bytes), { flowTable: table(), insnLimit: v.insnLimit });
        assert.equal(resultText(vm.run(run.packet, v.timestampNs, v.wireLength)), run.expected);
      });
    }
  }
}
