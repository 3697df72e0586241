// Every VM conformance vector on every tier available in this process, with the tier name in
// the test title. Each run gets a fresh flow table, as in the interpreter's vector test.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyProgram } from '../../src/verify/verify.js';
import { FlowTable } from '../../src/vm/flow-table.js';
import { createFilter, detectTiers } from '../../src/tiers/select.js';
import { loadVmVectors, resultText } from '../helpers/vm-vectors.js';

const tiers = detectTiers().filter((s) => s.available).map((s) => s.tier);

for (const tier of tiers) {
  for (const v of loadVmVectors()) {
    if (v.verifyError !== undefined) continue;
    test(`vector ${v.name} on tier ${tier}`, () => {
      const program = verifyProgram(v.bytes);
      for (const run of v.runs) {
        const flowTable = v.flowTableSize === undefined ? undefined : new FlowTable(v.flowTableSize);
        const filter = createFilter(program, { tier, insnLimit: v.insnLimit, flowTable });
        assert.equal(filter.tier, tier);
        assert.equal(resultText(filter.run(run.packet, v.timestampNs)), run.expected, `packet ${run.packetName}`);
      }
    });
  }
}
