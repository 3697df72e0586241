// Child-process script for the fallback tests (run under `node --jitless` or
// `node --disallow-code-generation-from-strings`): reports detectTiers(), the tier 'auto'
// picks, what an explicit request for each tier does, and how many vector runs disagree
// with their expected results on every available tier. Prints one JSON object.

import { verifyProgram } from '../../src/verify/verify.js';
import { FlowTable } from '../../src/vm/flow-table.js';
import { FilterError } from '../../src/diag/errors.js';
import { TIER_NAMES, createFilter, detectTiers } from '../../src/tiers/select.js';
import { loadVmVectors, resultText } from '../helpers/vm-vectors.js';

const accept = verifyProgram(new Uint8Array([0x04, 1, 0, 0, 0, 0, 0, 0, 0, 0x17]));
const explicit: Record<string, string> = {};
for (const tier of TIER_NAMES) {
  try {
    explicit[tier] = `ok ${createFilter(accept, { tier }).tier}`;
  } catch (e) {
    explicit[tier] = e instanceof FilterError ? `${e.code}: ${e.message}` : `unexpected ${String(e)}`;
  }
}
let runs = 0;
const mismatches: string[] = [];
for (const status of detectTiers()) {
  if (!status.available) continue;
  for (const v of loadVmVectors()) {
    if (v.verifyError !== undefined) continue;
    const program = verifyProgram(v.bytes);
    for (const run of v.runs) {
      const flowTable = v.flowTableSize === undefined ? undefined : new FlowTable(v.flowTableSize);
      const got = resultText(createFilter(program, { tier: status.tier, insnLimit: v.insnLimit, flowTable }).run(run.packet, v.timestampNs, v.wireLength));
      runs++;
      if (got !== run.expected) mismatches.push(`${status.tier} ${v.name} ${run.packetName}: ${got} != ${run.expected}`);
    }
  }
}
process.stdout.write(JSON.stringify({ detected: detectTiers(), auto: createFilter(accept).tier, explicit, runs, mismatches }) + '\n');
