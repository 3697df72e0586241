// Every VM conformance vector on every tier available in this process, with the tier name in
// the test title. Each run gets a fresh flow table, as in the interpreter's vector test.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyProgram } from '../../src/verify/verify.js';
import { FlowTable } from '../../src/vm/flow-table.js';
import { createFilter, detectTiers } from '../../src/tiers/select.js';
import { loadVmVectors, resultText } from '../helpers/vm-vectors.js';
import { makeResult } from '../../src/vm/result.js';
import { toBigInt } from '../../src/vm/halves.js';

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
        assert.equal(resultText(filter.run(run.packet, v.timestampNs, v.wireLength)), run.expected, `packet ${run.packetName}`);
      }
    });
  }
}

// The same vectors through execAt: the packet sits inside a larger buffer between bytes of
// 0xee, so a load one byte past the packet must fault rather than read its neighbour.
for (const tier of tiers) {
  for (const v of loadVmVectors()) {
    if (v.verifyError === undefined) {
      test(`vector ${v.name} on tier ${tier} via execAt inside a shared buffer`, () => {
        const program = verifyProgram(v.bytes);
        for (const run of v.runs) {
          const flowTable = v.flowTableSize === undefined ? undefined : new FlowTable(v.flowTableSize);
          const filter = createFilter(program, { tier, insnLimit: v.insnLimit, flowTable });
          const before = 37;
          const buffer = new Uint8Array(before + run.packet.length + 64).fill(0xee);
          buffer.set(run.packet, before);
          const ts = BigInt.asUintN(64, v.timestampNs);
          const status = filter.execAt(buffer, before, run.packet.length, Number(ts >> 32n), Number(ts & 0xffffffffn), v.wireLength);
          const result = makeResult(status, toBigInt(filter.valueHi, filter.valueLo), filter.faultPc);
          assert.equal(resultText(result), run.expected, `packet ${run.packetName}`);
        }
      });
    }
  }
}
