// Building the C oracles of test/oracle/ with gcc into a temporary directory, once per test
// process. When gcc or a library is missing the caller gets a reason to skip with.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DIR, CORPUS_DIR, CORPUS_SKIP } from './paths.js';

const built = new Map<string, { path?: string; skip?: string }>();
let dir: string | undefined;

/** Compile test/oracle/NAME.c with the given linker flags; `skip` explains a failure. */
export function buildOracle(name: string, flags: string[]): { path?: string; skip?: string } {
  const known = built.get(name);
  if (known !== undefined) return known;
  dir ??= mkdtempSync(join(tmpdir(), 'vfm-oracle-'));
  const out = join(dir, name);
  const r = spawnSync('gcc', ['-O2', '-Wall', '-o', out, join(TEST_DIR, 'oracle', `${name}.c`), ...flags], { encoding: 'utf8' });
  const result =
    r.error !== undefined
      ? { skip: `gcc is not installed (${r.error.message}); install gcc and libpcap-dev to run the ${name} oracle` }
      : r.status !== 0
        ? { skip: `cannot build the ${name} oracle (install gcc and libpcap-dev): ${r.stderr.trim().split('\n').slice(0, 3).join(' | ')}` }
        : { path: out };
  built.set(name, result);
  return result;
}

/** Run an oracle and return its standard output (throws on a non-zero exit). */
export function runOracle(path: string, args: string[], input?: string): string {
  return execFileSync(path, args, { encoding: 'utf8', maxBuffer: 1 << 28, input });
}

/** The Ethernet captures of the shared corpus (MANIFEST.tsv, link type `ether`), sorted; none without the corpus (see CORPUS_SKIP). */
export function etherCaptures(): string[] {
  if (CORPUS_SKIP !== undefined) return [];
  const manifest = readFileSync(join(CORPUS_DIR, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  return manifest
    .map((l) => l.split('\t'))
    .filter((f) => f[2] === 'ether')
    .map((f) => join(CORPUS_DIR, f[0]))
    .sort();
}
