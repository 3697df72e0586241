// `npm run fuzz`, workers part: random stateful VFLisp filters as .vfl, .vfm and .bin, each
// run by `vfm test --workers 2` against a single-threaded run on a mixed capture. Usage:
//   node dist/scripts/fuzz-workers.js [--count N] [--seed S]
// (defaults: 40 filters; VFM_SEED or a time-based start). A failure prints its seed, the
// filter and the command that reproduces it; the files stay in the printed directory.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkWorkersSeed } from '../test/differential/workers-guard.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { count: { type: 'string' }, seed: { type: 'string' } }, strict: true });
  const count = Number(values.count ?? 40);
  const start = Number(values.seed ?? process.env.VFM_SEED ?? Date.now() % 1_000_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'vfm-fuzz-workers-'));
  process.stdout.write(`fuzzing --workers against single-threaded runs: ${count} filters from seed ${start}\n`);
  const tally: Record<string, number> = {};
  for (let seed = start; seed < start + count; seed++) {
    const r = await checkWorkersSeed(seed, dir);
    if (r.failure !== undefined) {
      process.stdout.write(`FAIL seed ${seed}: ${r.filter}\n  ${r.failure}\n  replay: node dist/scripts/fuzz-workers.js --seed ${seed} --count 1 (files in ${dir})\n`);
      return 1;
    }
    for (const [form, mode] of Object.entries(r.modes)) tally[`${form} ${mode}`] = (tally[`${form} ${mode}`] ?? 0) + 1;
  }
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`ok: ${count} filters, seeds ${start}..${start + count - 1}; ${Object.entries(tally).map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
  return 0;
}

process.exitCode = await main();
