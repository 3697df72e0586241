import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { COMMANDS_DOC_URL, renderCommandsDoc } from '../../scripts/gen-cli-doc.js';
import { COMMANDS } from '../../src/node/commands/index.js';

test('docs/commands.md is generated from the command option tables and up to date', () => {
  const doc = renderCommandsDoc();
  for (const cmd of COMMANDS) assert.ok(doc.includes(`## vfm ${cmd.name}\n`), `${cmd.name} missing`);
  let onDisk = '';
  try {
    onDisk = readFileSync(COMMANDS_DOC_URL, 'utf8');
  } catch {
    assert.fail('docs/commands.md is missing: run `npm run gen:docs`');
  }
  assert.ok(onDisk === doc, 'docs/commands.md is out of date with the command option tables: run `npm run gen:docs` and commit the result');
});
