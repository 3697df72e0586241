// `vfm lisp` / `vflispc`: the original tool's flags, output formats and exit codes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli.js';
import { compileVflisp } from '../../../src/lang/compile.js';
import { SAMPLE_PACKET } from '../../../src/node/commands/lisp.js';
import { P1 } from '../../helpers/vflisp-packets.js';

const EXPR = '(and (= proto 6) (= dst-port 80))';

test('-e EXPR writes raw bytecode to stdout', async () => {
  const r = await runCli(['lisp', '-e', EXPR]);
  assert.equal(r.code, 0);
  assert.deepEqual(r.stdoutBytes, compileVflisp(EXPR).bytes);
});

test('the built-in -t packet is the spec P1 packet', () => {
  assert.deepEqual(SAMPLE_PACKET, P1);
});

test('-t runs on the sample packet; -v adds the steps and a hex dump', async () => {
  const r = await runCli(['lisp', '-e', EXPR, '-t']);
  assert.equal(r.stdout, 'Testing bytecode with example packet...\nFilter result: ACCEPT (1)\n');
  const d = await runCli(['vflispc', '-e', '(= proto 17)', '-t', '-v']);
  assert.equal(d.code, 0);
  assert.match(d.stdout, /^Parsing expression: \(= proto 17\)\nCompiling to bytecode\.\.\.\nCompilation successful \(\d+ bytes\)\nBytecode verification passed\n/);
  assert.match(d.stdout, /Test packet \(54 bytes\):\n00 00 00 00 00 00 00 00 00 00 00 00 08 00 45 00 \n/);
  assert.match(d.stdout, /Filter executed successfully\nFilter result: DROP \(0\)\n$/);
  const fault = await runCli(['lisp', '-e', '(/ 1 0)', '-t']);
  assert.equal(fault.code, 1);
  assert.match(fault.stderr, /^<expr>:1:6: warning ERR_CHECK_DIV_ZERO: division by the constant 0/);
  assert.match(fault.stderr, /\nError: Filter execution failed: division by zero/);
});

test('-d prints a listing and writes no bytecode, even with -o', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vfl-'));
  try {
    const out = join(dir, 'x.bin');
    const r = await runCli(['lisp', '-e', EXPR, '-d', '-o', out]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Disassembly:\n {4}HDR 5 +; 0000\n {4}PUSH 6 +; 0002\n {4}JNE L0 +; 000b\n/);
    assert.throws(() => readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('FILE -o OUT writes the bytecode and says so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vfl-'));
  try {
    const src = join(dir, 'f.vfl');
    writeFileSync(src, `; a comment\n${EXPR}\n`);
    const out = join(dir, 'f.bin');
    const r = await runCli(['lisp', src, '-o', out]);
    const bytes = compileVflisp(EXPR).bytes;
    assert.equal(r.stdout, `Bytecode written to ${out} (${bytes.length} bytes)\n`);
    assert.deepEqual(new Uint8Array(readFileSync(out)), bytes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('-a prints the syntax tree without compiling', async () => {
  const r = await runCli(['lisp', '-a', '-e', '(= dst-port (+ 0x50 -1))']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'Abstract Syntax Tree:\nLIST: (3 children)\n  SYMBOL: =\n  FIELD: dst-port (l4+2 (2))\n  LIST: (3 children)\n    SYMBOL: +\n    INTEGER: 80\n    INTEGER: -1\n');
  // -a shows the tree even of a program that would not type-check.
  assert.equal((await runCli(['lisp', '-a', '-e', '(+ src-ip6 1)'])).code, 0);
});

test('errors: file:line:col, code, source line and caret; exit 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vfl-'));
  try {
    const src = join(dir, 'filter.vfl');
    writeFileSync(src, '; web\n(and (= proto 6)\n     (= dst-prot 80))\n');
    const r = await runCli(['lisp', src]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `${src}:3:9: error ERR_CHECK_UNKNOWN_FIELD: unknown field 'dst-prot' (did you mean dst-port?)\n       (= dst-prot 80))\n          ^~~~~~~~\n`);
    const run = await runCli(['run', src, '--packet', '00']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /filter\.vfl:3:9: error ERR_CHECK_UNKNOWN_FIELD/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage errors: no input, both -e and a file, unknown option; warnings go to stderr', async () => {
  const none = await runCli(['lisp']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no input/);
  const both = await runCli(['lisp', '-e', '1', 'x.vfl']);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /cannot specify both -e and an input file/);
  assert.equal((await runCli(['lisp', '--bogus'])).code, 2);
  const warn = await runCli(['lisp', '-e', '(> dst-port -1)', '-d']);
  assert.equal(warn.code, 0);
  assert.match(warn.stderr, /<expr>:1:13: warning ERR_CHECK_NEGATIVE: negative literal -1/);
});

test('--help lists every form and field', async () => {
  const r = await runCli(['lisp', '--help']);
  assert.equal(r.code, 0);
  for (const name of ['(range X LO HI)', '(tcp-flag NAME ...)', 'src-ip6', 'icmp-type', 'vlan-id', 'count-by']) assert.ok(r.stdout.includes(name), name);
});

test('docs/vflisp.md documents every field, form and error code of the language', async () => {
  const { readFileSync: read } = await import('node:fs');
  const { REPO_ROOT } = await import('../../helpers/paths.js');
  const { FIELDS } = await import('../../../src/lang/fields.js');
  const { FORMS, RESERVED_FORMS } = await import('../../../src/lang/forms.js');
  const { ERROR_CODES } = await import('../../../src/diag/codes.js');
  const doc = read(join(REPO_ROOT, 'docs', 'vflisp.md'), 'utf8');
  for (const f of FIELDS) assert.ok(doc.includes(`\`${f.name}\``), `field ${f.name}`);
  for (const f of FORMS) assert.ok(doc.includes(`(${f.name.replace('|', '\\|')} `), `form ${f.name}`);
  for (const name of RESERVED_FORMS.keys()) assert.ok(doc.includes(name), name);
  for (const code of Object.keys(ERROR_CODES).filter((c) => /^ERR_(LEX|PARSE|CHECK)_/.test(c))) assert.ok(doc.includes(code), code);
});
