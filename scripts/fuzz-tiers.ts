// `npm run fuzz`: differential fuzzing of every available tier against the interpreter and
// the reference for a longer budget than `npm test`. Usage:
//   node dist/scripts/fuzz-tiers.js [SECONDS] [START_SEED]
// (defaults: 60 seconds; VFM_SEED or a time-based start). Each seed is one random verified
// program with its packets; the first failing seed is printed with the program bytes, so it
// can be replayed (VFM_SEED=<seed> npm test) and turned into a vector.

import { availableTiers, checkCase, makeCase } from '../test/differential/differential.js';
import { loadCorpusSample } from '../test/differential/corpus-sample.js';
import { toHex } from '../src/util/bytes.js';

function main(): number {
  const seconds = Number(process.argv[2] ?? 60);
  const start = Number(process.argv[3] ?? process.env.VFM_SEED ?? Date.now() % 1_000_000_000);
  const tiers = availableTiers();
  const corpus = loadCorpusSample(1000);
  process.stdout.write(`fuzzing tiers ${tiers.join(', ')} for ${seconds} s from seed ${start} (${corpus.length} corpus packets)\n`);
  const deadline = Date.now() + seconds * 1000;
  let seed = start;
  for (; Date.now() < deadline; seed++) {
    const c = makeCase(seed, corpus);
    let message: string | undefined;
    try {
      message = checkCase(c, tiers);
    } catch (e) {
      message = `exception: ${(e as Error).stack ?? String(e)}`;
    }
    if (message !== undefined) {
      process.stdout.write(`FAIL seed ${seed} (replay: VFM_SEED=${seed}): ${message}\nprogram: ${toHex(c.bytes, ' ')}\nlimit ${c.insnLimit}, flow table ${c.tableSize ?? 'none'}\n`);
      return 1;
    }
    if ((seed - start) % 1000 === 999) process.stdout.write(`  ${seed - start + 1} programs ok\n`);
  }
  process.stdout.write(`ok: ${seed - start} programs, seeds ${start}..${seed - 1}\n`);
  return 0;
}

process.exitCode = main();
