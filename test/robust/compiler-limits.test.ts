// Regression tests for issue 17: pathological VFLisp sources give a program or a FilterError
// (never a RangeError, a hang or exponential work), within the documented limits of
// src/diag/limits.ts (MAX_NESTING levels, 65536 bytes of code, MAX_CODEGEN_STEPS).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { compileVflisp } from '../../src/lang/compile.js';
import { ErrorList, FilterError, formatError, formatErrors } from '../../src/diag/errors.js';
import { MAX_LISTED_ERRORS, MAX_NESTING, guardCompile } from '../../src/diag/limits.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { Interpreter } from '../../src/vm/interpreter.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { NESTING_SHAPES, nested } from './compiler-limits-shapes.js';

/** Codes a deep but well-formed expression may legitimately end with. */
const LIMIT_CODES = new Set(['ERR_COMPILE_STACK', 'ERR_COMPILE_TOO_LARGE', 'ERR_CHECK_CONST', 'ERR_CHECK_TYPE']);

function outcome(src: string): string {
  try {
    verifyProgram(compileVflisp(src).bytes);
    return 'ok';
  } catch (e) {
    assert.ok(e instanceof FilterError, `not a FilterError: ${(e as Error).stack}`);
    return e instanceof ErrorList ? e.errors[0].code : e.code;
  }
}

test(`every form nested ${MAX_NESTING} deep compiles or is a limit error; one more level is ERR_PARSE_DEPTH`, () => {
  for (const [name, shape] of Object.entries(NESTING_SHAPES)) {
    // A shape may put a list beside X (and, or): MAX_NESTING - 1 wraps reach MAX_NESTING levels.
    const got = outcome(nested(shape, MAX_NESTING - 1));
    assert.ok(got === 'ok' || LIMIT_CODES.has(got), `${name} at ${MAX_NESTING}: ${got}`);
    assert.equal(outcome(nested(shape, MAX_NESTING + 1)), 'ERR_PARSE_DEPTH', name);
  }
});

test('the nesting limit holds with 45% of the default JavaScript stack (node --stack-size=450)', () => {
  const script = join(REPO_ROOT, 'dist', 'test', 'robust', 'nesting-child.js');
  const r = spawnSync(process.execPath, ['--stack-size=450', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^all shapes ok/m);
});

test('issue 17: (> (+ len len ... x5000) 0) compiles (it overflowed the stack in treeGuards) and computes the sum', () => {
  const c = compileVflisp(`(> (+ ${'len '.repeat(5000)}) 0)`);
  verifyProgram(c.bytes);
  const v = compileVflisp(`(+ ${'len '.repeat(5000)})`);
  const r = new Interpreter(verifyProgram(v.bytes)).run(new Uint8Array(60));
  assert.equal(r.kind, 'accept');
  assert.equal((r as { value: bigint }).value, 300000n);
});

test('issue 17: (+ 1 (+ 1 ...)) 920 deep is ERR_PARSE_DEPTH, not a RangeError from the checker', () => {
  let s = 'len';
  for (let i = 0; i < 920; i++) s = `(+ 1 ${s})`;
  assert.equal(outcome(s), 'ERR_PARSE_DEPTH');
});

test('shared subexpressions do not make work exponential: nested count-by, in and range stay fast', () => {
  for (const name of ['count-by', 'in', 'range', 'distinct-by']) {
    const t0 = process.hrtime.bigint();
    const got = outcome(nested(NESTING_SHAPES[name], 40));
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    assert.ok(got === 'ok' || LIMIT_CODES.has(got), `${name}: ${got}`);
    // Not a timing assertion on speed: 2^40 steps would never finish; this bounds a hang.
    assert.ok(ms < 60_000, `${name} took ${ms} ms`);
  }
});

test('a compiler that runs out of stack throws a FilterError (ERR_COMPILE_LIMIT), never a RangeError', () => {
  // Find how deep this function can recurse, then compile with a little headroom left: the
  // compiler overflows, and the guard at its entry must still turn that into a FilterError.
  const src = nested(NESTING_SHAPES.and, 200);
  let max = 0;
  let seen: unknown;
  const dive = (n: number, at: number): void => {
    max = n;
    if (n < at) {
      dive(n + 1, at);
      return;
    }
    try {
      compileVflisp(src);
      seen = 'compiled';
    } catch (e) {
      seen = e;
    }
  };
  try {
    dive(0, Infinity);
  } catch {
    // the stack is full at depth `max`
  }
  dive(0, max - 2000);
  if (seen === 'compiled') return; // an engine with more headroom: nothing to check
  assert.ok(seen instanceof ErrorList, `got ${String(seen)}`);
  assert.equal(seen.errors[0].code, 'ERR_COMPILE_LIMIT');
  assert.throws(() => guardCompile('x', undefined, undefined, () => { throw new TypeError('bug'); }), TypeError);
});

test('issue 17: one error in a 10 MB one-line filter prints a window around the caret, not the line', () => {
  const src = `(and ${'(= dst-port 80) '.repeat(700_000)}(= dst-prot 1))`;
  assert.ok(src.length > 10_000_000);
  let err: unknown;
  try {
    compileVflisp(src, 'big.vfl');
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof ErrorList);
  const text = formatErrors(err, MAX_LISTED_ERRORS).join('\n');
  assert.ok(text.length < 1000, `${text.length} bytes`);
  assert.match(text, /big\.vfl:1:11200009: error ERR_CHECK_UNKNOWN_FIELD: unknown field 'dst-prot' \(did you mean dst-port\?\)/);
  const [, line, caret] = formatError(err.errors[0]).split('\n');
  assert.ok(line.startsWith('  ...') && line.includes('(= dst-port 80)'), line);
  assert.equal(line.slice(caret.indexOf('^'), caret.indexOf('^') + 8), 'dst-prot');
  assert.match(caret, /^ +\^~{7}$/);
});

test('issue 17: a million errors list the first ones and "... and N more errors"', () => {
  const n = 100_000;
  let err: unknown;
  try {
    compileVflisp(`(and ${'(= dst-prot 80) '.repeat(n)})`, 'many.vfl');
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof ErrorList);
  assert.equal(err.errors.length, n);
  const lines = formatErrors(err, MAX_LISTED_ERRORS);
  assert.equal(lines.length, MAX_LISTED_ERRORS + 1);
  assert.equal(lines[MAX_LISTED_ERRORS], `... and ${n - MAX_LISTED_ERRORS} more errors`);
  // A huge token in a message is cut in the middle.
  const huge = formatError(new FilterError('ERR_CHECK_UNKNOWN_FIELD', `unknown field '${'x'.repeat(1_000_000)}'`));
  assert.ok(huge.length < 1000);
});
