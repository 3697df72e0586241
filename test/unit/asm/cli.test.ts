// vfm asm / vfm dis through the CLI: files written or not, messages, exit codes, golden output.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toLegacy } from '../../../src/bytecode/legacy.js';
import { parseHex, toHex } from '../../../src/util/bytes.js';
import { runCli } from '../../helpers/cli.js';
import { assertGolden } from '../../helpers/golden.js';
import { REPO_ROOT } from '../../helpers/paths.js';

// Paths in messages and golden files are relative to the repository root.
process.chdir(REPO_ROOT);
const TMP = mkdtempSync(join(tmpdir(), 'vfm-asm-cli-'));
const tmp = (name: string): string => join(TMP, name);
const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.vfm')).sort();

test('vfm asm writes IN.bin by default and prints one summary line', async () => {
  writeFileSync(tmp('simple.vfm'), readFileSync('examples/simple_filter.vfm'));
  const r = await runCli(['asm', tmp('simple.vfm')]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `${tmp('simple.vfm')}: 35 bytes, 7 instructions -> ${tmp('simple.bin')}\n`);
  assert.equal(r.stderr, '');
  assert.equal(toHex(readFileSync(tmp('simple.bin'))), '010c00040008000000000000130a0004000000000000000017040100000000000000' + '17');
});

test('vfm asm -o - writes the bytes to standard output and the summary to standard error', async () => {
  const r = await runCli(['asm', 'examples/accept_all.vfm', '-o', '-']);
  assert.equal(r.code, 0);
  assert.equal(toHex(r.stdoutBytes), '04010000000000000017');
  assert.equal(r.stderr, 'examples/accept_all.vfm: 10 bytes, 2 instructions -> -\n');
});

test('vfm-asm IN -o OUT (the C tool name) maps to vfm asm', () => {
  const out = execFileSync(process.execPath, ['bin/vfm-asm.js', 'examples/arithmetic_example.vfm', '-o', tmp('arith.bin')], { encoding: 'utf8' });
  assert.equal(out, `examples/arithmetic_example.vfm: 30 bytes, 6 instructions -> ${tmp('arith.bin')}\n`);
  assert.equal(readFileSync(tmp('arith.bin')).length, 30);
});

test('on assembler errors every error is printed and no file is written', async () => {
  const r = await runCli(['asm', 'test/vectors/asm-bad/many_errors.vfm', '-o', tmp('never.bin')]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(existsSync(tmp('never.bin')), false);
  assertGolden('asm-many-errors.txt', r.stderr);
});

test('a program the verifier rejects is not written, unless --no-verify', async () => {
  const r = await runCli(['asm', 'test/vectors/asm/tcp_port_filter.vfm', '-o', tmp('port.bin')]);
  assert.equal(r.code, 1);
  assert.equal(existsSync(tmp('port.bin')), false);
  assertGolden('asm-verify-error.txt', r.stderr);
  const n = await runCli(['asm', '--no-verify', 'test/vectors/asm/tcp_port_filter.vfm', '-o', tmp('port.bin')]);
  assert.equal(n.code, 0, n.stderr);
  assert.equal(n.stdout, `test/vectors/asm/tcp_port_filter.vfm: 78 bytes, 16 instructions -> ${tmp('port.bin')} (not verified)\n`);
  const want = parseHex(readFileSync('test/vectors/asm/tcp_port_filter.hex', 'utf8'))!;
  assert.equal(toHex(readFileSync(tmp('port.bin'))), toHex(want));
});

test('vfm verify and vfm run read .vfm sources', async () => {
  const v = await runCli(['verify', 'test/vectors/asm/tcp_port_filter.vfm']);
  assert.equal(v.code, 1);
  assert.match(v.stderr, /error ERR_VERIFY_MERGE: stack depth differs where paths merge at pc 68/);
  const ok = await runCli(['verify', 'examples/tcp_port_filter.vfm']);
  assert.equal(ok.code, 0, ok.stderr);
  const syn = '000000000000 000000000000 0800 4500000000000000 0006 0000 c0a80164 0a000001 04d201bb 00000000 00000000 0002';
  const run = await runCli(['run', 'examples/tcp_port_filter.vfm', '--packet', syn]);
  assert.equal(run.stdout, 'accept 1\n');
  const bad = await runCli(['run', 'test/vectors/asm-bad/many_errors.vfm', '--packet', '00']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /many_errors\.vfm:3:14: error ERR_ASM_RANGE/);
});

test('vfm asm usage errors: arguments, empty source, overwriting the input', async () => {
  assert.equal((await runCli(['asm'])).code, 2);
  assert.equal((await runCli(['asm', 'a.vfm', 'b.vfm'])).code, 2);
  const same = await runCli(['asm', 'examples/accept_all.vfm', '-o', 'examples/accept_all.vfm']);
  assert.equal(same.code, 2);
  assert.match(same.stderr, /would overwrite the input/);
  writeFileSync(tmp('empty.vfm'), '; nothing here\n');
  const empty = await runCli(['asm', tmp('empty.vfm')]);
  assert.equal(empty.code, 1);
  assert.equal(empty.stderr, `${tmp('empty.vfm')}: error ERR_ASM_EMPTY: empty program: the source has no instructions\n`);
  assert.equal(existsSync(tmp('empty.bin')), false);
  const missing = await runCli(['asm', tmp('missing.vfm')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /ERR_IO: cannot read .*missing\.vfm': no such file/);
});

test('vfm dis output of every example (golden), plain and with -a -x, and it re-assembles', async () => {
  for (const f of EXAMPLES) {
    const bin = tmp(f.replace(/\.vfm$/, '.bin'));
    assert.equal((await runCli(['asm', `examples/${f}`, '-o', bin])).code, 0);
    const plain = await runCli(['dis', bin]);
    const ax = await runCli(['dis', '-a', '-x', bin]);
    assert.equal(plain.code + ax.code, 0);
    assertGolden(`dis-${f.replace(/\.vfm$/, '.txt')}`, `$ vfm dis ${f.replace(/\.vfm$/, '.bin')}\n${plain.stdout}\n$ vfm dis -a -x ${f.replace(/\.vfm$/, '.bin')}\n${ax.stdout}`);
    writeFileSync(tmp('again.vfm'), ax.stdout);
    assert.equal((await runCli(['asm', tmp('again.vfm'), '-o', tmp('again.bin')])).code, 0);
    assert.deepEqual(readFileSync(tmp('again.bin')), readFileSync(bin), f);
  }
});

test('vfm dis --compat prints the C vfm-dis output (golden)', async () => {
  for (const f of ['simple_filter', 'ipv6_filter']) {
    const bin = tmp(`${f}.bin`);
    await runCli(['asm', `examples/${f}.vfm`, '-o', bin]);
    const r = await runCli(['dis', '--compat', '-a', '-x', '-v', bin]);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, `Loaded program: ${readFileSync(bin).length} bytes from '${bin}'\nDisassembly complete\n`);
    assertGolden(`dis-compat-${f}.txt`, r.stdout);
  }
});

test('vfm dis --legacy reads the original numbering; OUT as a second argument or -o', async () => {
  const current = parseHex(readFileSync('test/vectors/asm/simple_filter.hex', 'utf8'))!;
  writeFileSync(tmp('legacy.bin'), toLegacy(current));
  writeFileSync(tmp('current.bin'), current);
  const want = (await runCli(['dis', tmp('current.bin')])).stdout;
  assert.equal((await runCli(['dis', '--legacy', tmp('legacy.bin')])).stdout, want);
  assert.notEqual((await runCli(['dis', tmp('legacy.bin')])).stdout, want);
  assert.equal((await runCli(['dis', tmp('current.bin'), tmp('out1.vfm')])).code, 0);
  assert.equal((await runCli(['dis', tmp('current.bin'), '-o', tmp('out2.vfm')])).code, 0);
  assert.equal(readFileSync(tmp('out1.vfm'), 'utf8'), want);
  assert.equal(readFileSync(tmp('out2.vfm'), 'utf8'), want);
  writeFileSync(tmp('empty.bin'), new Uint8Array(0));
  const empty = await runCli(['dis', tmp('empty.bin')]);
  assert.equal(empty.code, 1);
  assert.match(empty.stderr, /ERR_DECODE_EMPTY/);
  const badLegacy = await runCli(['dis', '--legacy', tmp('ipv6_filter.bin')]);
  assert.equal(badLegacy.code, 1);
  assert.equal((await runCli(['dis', 'a', 'b', 'c'])).code, 2);
});
