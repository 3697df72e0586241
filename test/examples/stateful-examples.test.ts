// The stateful examples (examples/stateful/): each filter, in VFLisp and in assembly, drops
// exactly the packets its scenario says on every available tier, with capture timestamps fed
// to TSTAMP; the committed captures are what scripts/gen-stateful-captures.ts writes; and
// `vfm test --json --verdicts` gives the same verdicts with its default flow table.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateStatefulCaptures, statefulExamplesDir } from '../../scripts/gen-stateful-captures.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { readAll } from '../helpers/capture.js';
import { runCli } from '../helpers/cli.js';
import { compileVflisp } from '../../src/lang/compile.js';
import { assemble } from '../../src/asm/assemble.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { createFilter, detectTiers } from '../../src/tiers/select.js';
import { FlowTable } from '../../src/vm/flow-table.js';
import { NS, nsHalves } from '../../src/capture/timestamp.js';

const DIR = statefulExamplesDir(REPO_ROOT);
const SCENARIOS = generateStatefulCaptures();
const TIERS = detectTiers().filter((s) => s.available).map((s) => s.tier);

/** How many packets each example drops, and of which kind (the scenario's labels). */
const EXPECTED: Record<string, { dropped: number; labels: Record<string, number> }> = {
  syn_flood: { dropped: 260, labels: { 'attack-syn': 255, 'benign-syn': 5 } },
  port_scan: { dropped: 86, labels: { 'attack-syn': 86 } },
  dns_amplification: { dropped: 121, labels: { 'attack-answer': 121 } },
  rate_limit: { dropped: 300, labels: { heavy: 300 } },
};

function compile(path: string): Uint8Array {
  const text = readFileSync(path, 'utf8');
  return path.endsWith('.vfl') ? compileVflisp(text, path).bytes : assemble(text, path).bytes;
}

test('the committed example captures are what scripts/gen-stateful-captures.ts writes', () => {
  assert.deepEqual(SCENARIOS.map((s) => s.name).sort(), Object.keys(EXPECTED).sort());
  for (const s of SCENARIOS) {
    const committed = new Uint8Array(readFileSync(join(DIR, `${s.name}.pcap`)));
    assert.ok(committed.length < 100_000, `${s.name}.pcap stays small`);
    assert.deepEqual(committed, s.pcap, `${s.name}.pcap; regenerate with: npm run build && node dist/scripts/gen-stateful-captures.js`);
  }
});

for (const s of SCENARIOS) {
  test(`${s.name}: the scenario drops what it says (${s.description})`, () => {
    const want = EXPECTED[s.name];
    assert.equal(s.dropped.length, want.dropped);
    const byLabel: Record<string, number> = {};
    for (const n of s.dropped) byLabel[s.labels[n - 1]] = (byLabel[s.labels[n - 1]] ?? 0) + 1;
    assert.deepEqual(byLabel, want.labels);
  });

  for (const ext of ['vfl', 'vfm']) {
    test(`examples/stateful/${s.name}.${ext} drops exactly packets ${s.dropped.slice(0, 4).join(', ')}, ... on every tier`, () => {
      const program = verifyProgram(compile(join(DIR, `${s.name}.${ext}`)));
      const { packets, error } = readAll(s.pcap);
      assert.equal(error, undefined);
      for (const tier of TIERS) {
        const filter = createFilter(program, { tier, flowTable: new FlowTable(65536) });
        const dropped: number[] = [];
        packets.forEach((p, k) => {
          nsHalves(p.sec, p.nsec);
          const status = filter.exec(p.data, NS.hi, NS.lo);
          assert.ok(status >= 0, `${tier}: packet ${k + 1} faulted (${status})`);
          if (status === 0) dropped.push(k + 1);
        });
        assert.deepEqual(dropped, s.dropped, `tier ${tier}`);
        assert.equal(filter.flowTable!.stats().evictions, 0);
      }
    });
  }

  test(`vfm test --json --verdicts examples/stateful/${s.name}.vfl gives the same drops with its default table`, async () => {
    const r = await runCli(['test', '--json', '--verdicts', join(DIR, `${s.name}.vfl`), join(DIR, `${s.name}.pcap`)]);
    assert.equal(r.code, 0, r.stderr);
    const obj = JSON.parse(r.stdout) as { verdicts: number[]; dropped: number; flowTable: { size: number; evictions: number } };
    const dropped = obj.verdicts.flatMap((v, k) => (v === 0 ? [k + 1] : []));
    assert.deepEqual(dropped, s.dropped);
    assert.equal(obj.flowTable.size, 65536);
  });
}
