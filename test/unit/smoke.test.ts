import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHex, runReference, verifyProgram, Interpreter } from '../../src/index.js';

test('push 1; ret accepts with value 1 on the reference and the interpreter', () => {
  const bytes = parseHex('04 0100000000000000 17')!;
  const r = runReference(bytes, new Uint8Array(60));
  assert.deepEqual(r, { kind: 'accept', value: 1n });
  assert.deepEqual(new Interpreter(verifyProgram(bytes)).run(new Uint8Array(60)), { kind: 'accept', value: 1n });
});
