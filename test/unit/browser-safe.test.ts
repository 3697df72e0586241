// The core (everything outside src/node/) must run in browsers: no node:* imports, no Node
// globals. The build also type-checks the core without Node's types (tsconfig.core.json);
// this test keeps the rule visible and covers imports of Node built-ins by bare name.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { builtinModules } from 'node:module';
import { REPO_ROOT } from '../helpers/paths.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node' && dir.endsWith('src') ? [] : sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

test('core sources import no Node built-ins and use no Node globals', () => {
  const files = sources(join(REPO_ROOT, 'src'));
  assert.ok(files.length > 50);
  const builtins = new Set(builtinModules);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const where = relative(REPO_ROOT, file);
    for (const m of text.matchAll(/from '([^']+)'/g)) {
      const spec = m[1];
      assert.ok(!spec.startsWith('node:') && !builtins.has(spec), `${where} imports ${spec}`);
      assert.ok(spec.startsWith('.'), `${where} imports the package ${spec}: the core has no runtime dependencies`);
    }
    assert.ok(!/(?<![.\w])(process\.|Buffer[.(]|require\(|__dirname\b)/.test(text), `${where} uses a Node global`);
  }
});
