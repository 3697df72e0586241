// VFLisp diagnostics: codes, positions (line:col), every error at once, suggestions, and the
// rendered form with the source line and a caret.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileVflisp } from '../../../src/lang/compile.js';
import { ErrorList, type FilterError, formatError } from '../../../src/diag/errors.js';

function errorsOf(src: string, name = 'f.vfl'): FilterError[] {
  try {
    compileVflisp(src, name);
  } catch (e) {
    assert.ok(e instanceof ErrorList, `expected an ErrorList, got ${String(e)}`);
    return [...e.errors];
  }
  assert.fail(`${src} compiled`);
}

function brief(e: FilterError): string {
  const pos = e.where.source!.position(e.where.span!.start);
  return `${pos.line}:${pos.col} ${e.code}`;
}

test('unknown field: position, suggestion, source line and caret', () => {
  const errs = errorsOf('; web traffic\n(and (= proto 6)\n     (= dst-prot 80))');
  assert.equal(errs.length, 1);
  assert.equal(
    formatError(errs[0]),
    "f.vfl:3:9: error ERR_CHECK_UNKNOWN_FIELD: unknown field 'dst-prot' (did you mean dst-port?)\n       (= dst-prot 80))\n          ^~~~~~~~",
  );
});

test('the checker reports every error in source order', () => {
  const errs = errorsOf('(and (= dst-prot 80)\n (adn 1 2)\n (= src-ip6 5)\n (= src-ip 10.1.0.0/8)\n (rate-by src-ip 5us)\n (not 1 2)\n (> src-ip 10.0.0.0/8)\n ())');
  assert.deepEqual(errs.map(brief), [
    '1:9 ERR_CHECK_UNKNOWN_FIELD',
    '2:3 ERR_CHECK_UNKNOWN_FUNCTION',
    '3:13 ERR_CHECK_TYPE',
    '4:12 ERR_CHECK_CIDR',
    '5:18 ERR_CHECK_WINDOW',
    '6:2 ERR_CHECK_ARITY',
    '7:12 ERR_CHECK_CIDR',
    '8:2 ERR_CHECK_EMPTY_CALL',
  ]);
  assert.match(errs[1].message, /did you mean and\?/);
  assert.match(errs[3].message, /did you mean 10\.0\.0\.0\/8\?/);
  assert.match(errs[4].message, /shorter than the 1 ms resolution/);
  assert.match(errs[5].message, /not takes 1 argument, got 2/);
});

test('stateful forms check their windows and arguments', () => {
  const cases: [string, string][] = [
    ['(rate-by src-ip)', '1:1 ERR_CHECK_ARITY'],
    ['(rate-by src-ip fast)', '1:17 ERR_CHECK_WINDOW'],
    ['(rate-by src-ip 0)', '1:17 ERR_CHECK_WINDOW'],
    ['(distinct-by src-ip)', '1:1 ERR_CHECK_ARITY'],
    ['(count-by dst-prot)', '1:11 ERR_CHECK_UNKNOWN_FIELD'],
    ['(flow-get src-ip6)', '1:11 ERR_CHECK_TYPE'],
    ['(count-by)', '1:1 ERR_CHECK_ARITY'],
  ];
  for (const [text, want] of cases) assert.deepEqual(errorsOf(text).map(brief), [want], text);
});

test('lexer and parser errors have positions', () => {
  const cases: [string, string[]][] = [
    ['', ['1:1 ERR_PARSE_EOF']],
    ['; only a comment', ['1:17 ERR_PARSE_EOF']],
    ['(= proto 6', ['1:1 ERR_PARSE_EOF']],
    ['(= proto 6))', ['1:12 ERR_PARSE_CLOSE']],
    [')', ['1:1 ERR_PARSE_CLOSE']],
    ['(= proto 6) (= proto 17)', ['1:13 ERR_PARSE_TRAILING']],
    ['(= proto 99999999999999999999)', ['1:10 ERR_LEX_INT_RANGE']],
    ['(= src-ip 1.2.3.256)', ['1:11 ERR_LEX_ADDRESS']],
    ['(= src-ip 10.0.0.0/33)', ['1:11 ERR_LEX_ADDRESS']],
    ['(= src-ip6 2001:db8:::1)', ['1:12 ERR_LEX_ADDRESS']],
    ['(+ 1 2proto)', ['1:6 ERR_LEX_TOKEN']],
    ['(= 1.2 #x)', ['1:4 ERR_LEX_ADDRESS', '1:8 ERR_LEX_TOKEN']],
  ];
  for (const [src, want] of cases) assert.deepEqual(errorsOf(src).map(brief), want, src);
});

test('type errors: 128-bit values in 64-bit places', () => {
  const cases: [string, string][] = [
    ['src-ip6', 'ERR_CHECK_TYPE'],
    ['::1', 'ERR_CHECK_TYPE'],
    ['(+ src-ip6 1)', 'ERR_CHECK_TYPE'],
    ['(= src-ip6 5)', 'ERR_CHECK_TYPE'],
    ['(= src-ip4 2001:db8::/32)', 'ERR_CHECK_TYPE'],
    ['(if (= proto 6) src-ip6 1)', 'ERR_CHECK_TYPE'],
    ['(and src-ip6 1)', 'ERR_CHECK_TYPE'],
    ['(5 1 2)', 'ERR_CHECK_HEAD'],
    ['(proto 1)', 'ERR_CHECK_UNKNOWN_FUNCTION'],
    ['(= and 1)', 'ERR_CHECK_UNKNOWN_FIELD'],
    ['(u16 proto)', 'ERR_CHECK_CONST'],
    ['(u16 l5 2)', 'ERR_CHECK_TYPE'],
    ['(tcp-flag syn ak)', 'ERR_CHECK_TYPE'],
    ['(= 10.0.0.0/8 10.0.0.0/8)', 'ERR_CHECK_CIDR'],
    ['(+ 10.0.0.0/8 1)', 'ERR_CHECK_CIDR'],
  ];
  for (const [src, code] of cases) assert.equal(errorsOf(src)[0].code, code, src);
  assert.match(errorsOf('(tcp-flag syn ak)')[0].message, /did you mean ack\?/);
});

test('a negative literal in an ordering comparison is a warning, not an error', () => {
  const c = compileVflisp('(> dst-port -1)');
  assert.equal(c.warnings.length, 1);
  assert.equal(c.warnings[0].code, 'ERR_CHECK_NEGATIVE');
  // = with -1 has no sign problem, but dst-port never reaches 2^64-1: a range warning instead
  assert.deepEqual(compileVflisp('(= dst-port -1)').warnings.map((w) => w.code), ['ERR_CHECK_RANGE']);
});

test('nesting limits: deep lists and deep stacks are errors with positions, not crashes', () => {
  const deep = '('.repeat(1001) + ')'.repeat(1001);
  assert.equal(errorsOf(deep)[0].code, 'ERR_PARSE_DEPTH');
  let src = '0';
  for (let i = 0; i < 255; i++) src = `(+ dst-port ${src})`;
  const [e] = errorsOf(src);
  assert.equal(e.code, 'ERR_COMPILE_STACK');
  assert.ok(e.where.span !== undefined);
  // 200 levels still fit.
  let ok = '0';
  for (let i = 0; i < 200; i++) ok = `(+ dst-port ${ok})`;
  compileVflisp(ok);
});
