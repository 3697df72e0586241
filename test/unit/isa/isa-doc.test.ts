import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ISA_DOC_URL, renderIsaDoc } from '../../../scripts/gen-isa-doc.js';
import { OPCODES, mnemonic } from '../../../src/isa/index.js';

test('docs/isa.md is generated from the opcode table and up to date', () => {
  const doc = renderIsaDoc();
  for (const op of OPCODES) assert.ok(doc.includes(`| \`${mnemonic(op)}\` |`), `${op.name} missing from the generated table`);
  let onDisk = '';
  try {
    onDisk = readFileSync(ISA_DOC_URL, 'utf8');
  } catch {
    assert.fail('docs/isa.md is missing: run `npm run gen:isa`');
  }
  assert.ok(onDisk === doc, 'docs/isa.md is out of date with src/isa/opcodes.ts: run `npm run gen:isa` and commit the result');
});
