// The README's Quick start, executed exactly as written (the first `sh` block under the
// heading) in the repository, as a user pastes it right after `npm install && npm start`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.js';

function quickStart(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Quick start\n'));
  const m = /```sh\n([\s\S]*?)```/.exec(section);
  assert.ok(m !== null, 'README has a Quick start with a sh block');
  return m[1];
}

const tcpdump = spawnSync('tcpdump', ['--version'], { encoding: 'utf8' });

test('README Quick start runs as written, every command succeeding', { skip: tcpdump.error !== undefined && 'tcpdump is not installed (the Quick start pipes into it)' }, () => {
  const block = quickStart();
  assert.match(block, /^npx vfm /m);
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    assert.match(line, /^npx vfm /, `every command is run as 'npx vfm': ${line}`);
  }
  const r = spawnSync('bash', ['-euo', 'pipefail', '-c', block], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 300_000 });
  assert.equal(r.status, 0, `exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /=== Test Results ===/);
  assert.match(r.stdout, /=== Statistics ===/);
  assert.match(r.stdout, /^[0-9:.]+ IP6? .* Flags \[S\]/m, 'tcpdump printed the SYN packets vfm filter kept');
  assert.match(r.stdout, /^accept 1$/m);
  assert.match(r.stdout, /ok|verified/i);
});
