// An ErrorList's message is its first error's text (with the count of the rest), so a library
// caller that prints `e.message` sees what went wrong, not "1 error".

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorList, FilterError } from '../../../src/diag/errors.js';
import { assemble } from '../../../src/asm/assemble.js';
import { compileVflisp } from '../../../src/lang/compile.js';

test('ErrorList.message carries the first error\'s text', () => {
  const one = new ErrorList([new FilterError('ERR_USAGE', 'first problem')]);
  assert.equal(one.message, 'first problem');
  const three = new ErrorList([new FilterError('ERR_USAGE', 'first problem'), new FilterError('ERR_USAGE', 'b'), new FilterError('ERR_USAGE', 'c')]);
  assert.equal(three.message, 'first problem (and 2 more errors)');
  assert.equal(three.code, 'ERR_USAGE');
});

test('from the assembler and the VFLisp compiler', () => {
  assert.throws(() => assemble('PUSH 1\nFROB\nRET\n', 'x.vfm'), (e: unknown) => e instanceof ErrorList && /FROB/i.test(e.message) && !/^\d+ errors?$/.test(e.message));
  assert.throws(() => compileVflisp('(= dst-prot 80)', 'x.vfl'), (e: unknown) => e instanceof FilterError && /dst-prot/.test(e.message));
});
