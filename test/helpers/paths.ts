// Paths for tests, which run from dist/test/...: the repository root, test fixtures, and the
// shared tcpdump capture corpus beside the repository.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above the test file');
    dir = up;
  }
  return dir;
}

export const REPO_ROOT = findRoot();
/** test/ in the source tree (fixtures live there, not in dist/). */
export const TEST_DIR = join(REPO_ROOT, 'test');
export const VECTORS_DIR = join(TEST_DIR, 'vectors');
export const CORPUS_DIR = join(REPO_ROOT, '..', 'shared', 'corpus', 'tcpdump');
export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
/** Why tests that need the shared tcpdump corpus skip (one clear line), or undefined when it is there. */
export const CORPUS_SKIP: string | undefined = existsSync(join(CORPUS_DIR, 'MANIFEST.tsv'))
  ? undefined
  : `the shared tcpdump corpus is not at ${CORPUS_DIR} (needs ../shared beside the repository)`;
