// Issue 17: an internal error anywhere in the CLI is a test failure. Every command is run on a
// pool of bad inputs (missing, empty, random, damaged, pathological files; bad option values);
// runCli (test/helpers/cli.ts) fails on an exception (exit 70) or any exit code but 0, 1, 2, or
// a stack trace on stderr. This test adds: bounded error output, and exit 2 for missing files.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../../src/node/commands/index.js';
import { compileVflisp } from '../../src/lang/compile.js';
import { SOURCE_COMPILERS } from '../../src/node/load-filter.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/capture.js';
import { EXAMPLES_DIR } from '../helpers/paths.js';
import { prng, mutate } from '../fuzz/capture-mutations.js';

const MAX_STDERR = 64 * 1024;

function pools(): { filters: string[]; captures: string[]; good: { filter: string; capture: string }; missing: string; out: string; scratch: string } {
  const d = tempDir();
  const r = prng(17);
  const sample = new Uint8Array(readFileSync(join(EXAMPLES_DIR, 'sample.pcap')));
  const random = Uint8Array.from({ length: 3000 }, () => Math.floor(r() * 256));
  let deep = 'dst-port';
  for (let i = 0; i < 5000; i++) deep = `(+ 1 ${deep})`;
  const dir = join(d.dir, 'a-directory');
  mkdirSync(dir);
  const filters = [
    d.file('good.vfl', '(and (= proto 6) (count-by src-ip))'),
    d.file('bad.vfl', '(= dst-prot 80)'),
    d.file('deep.vfl', deep),
    d.file('wide.vfl', `(> (+ ${'len '.repeat(5000)}) 0)`),
    d.file('huge-line.vfl', `(or ${'(= dst-port 80) '.repeat(60_000)}(= dst-prot 1))`),
    d.file('many-errors.vfl', `(and ${'(= dst-prot 80) '.repeat(5000)})`),
    d.file('unclosed.vfl', '('.repeat(20000)),
    d.file('good.vfm', readFileSync(join(EXAMPLES_DIR, 'tcp_port_filter.vfm'))),
    d.file('bad.vfm', 'FROB 1\nPUSH 12ab\n'.repeat(3000)),
    d.file('huge.vfm', 'PUSH 1\nPOP\n'.repeat(8000) + 'PUSH 1\nRET\n'),
    d.file('good.bin', compileVflisp('(= proto 17)').bytes),
    d.file('random.bin', random.subarray(0, 200)),
    d.file('empty.bin', new Uint8Array(0)),
    d.file('empty.vfl', ''),
    dir,
    // Every source language the CLI knows, by extension (a new front end is swept too).
    ...[...SOURCE_COMPILERS.keys()].flatMap((ext) => [
      d.file(`unbalanced${ext}`, '('.repeat(20000)),
      d.file(`random${ext}`, random.subarray(0, 500)),
      d.file(`long-line${ext}`, `${'x '.repeat(100_000)}`),
    ]),
  ];
  const captures = [
    join(EXAMPLES_DIR, 'sample.pcap'),
    d.file('truncated.pcap', sample.subarray(0, 5000)),
    d.file('mutated-1.pcap', mutate(sample.subarray(0, 4000), r)),
    d.file('mutated-2.pcap', mutate(sample.subarray(0, 4000), r)),
    d.file('random.pcap', random),
    d.file('empty.pcap', new Uint8Array(0)),
    dir,
  ];
  return { filters, captures, good: { filter: filters[0], capture: captures[0] }, missing: join(d.dir, 'does-not-exist'), out: join(d.dir, 'out.pcap'), scratch: d.dir };
}

/** The positional argument lists to try for a command, from its usage line. */
function argLists(usage: string, p: ReturnType<typeof pools>): string[][] {
  const lists: string[][] = [[], [p.missing], [p.missing, p.missing]];
  const takesCapture = /CAPTURE/.test(usage) && /FILTER/.test(usage);
  const onlyCapture = /CAPTURE/.test(usage) && !/FILTER/.test(usage);
  if (onlyCapture) for (const c of p.captures) lists.push([c]);
  else for (const f of p.filters) lists.push(takesCapture ? [f, p.good.capture] : [f]);
  if (takesCapture) for (const c of p.captures) lists.push([p.good.filter, c]);
  return lists;
}

/** Extra arguments a command needs to get past usage checks to the real work. */
function required(name: string, p: ReturnType<typeof pools>): string[] {
  if (name === 'run') return ['--packet', '00000000000000000000000008004500001c0000000040060000c0a80001c0a80002'];
  if (name === 'compile') return ['--target=cbpf'];
  if (name === 'filter') return ['-o', p.out];
  return [];
}

test('every command on bad inputs exits 0, 1 or 2 with a short message, never an internal error', async () => {
  const p = pools();
  let runs = 0;
  for (const cmd of COMMANDS) {
    if (cmd.name === 'demo') continue; // no inputs: covered by its own test
    for (const args of argLists(cmd.usage, p)) {
      const argv = [cmd.name, ...args, ...required(cmd.name, p)];
      const r = await runCli(argv);
      runs++;
      assert.ok(r.stderr.length < MAX_STDERR, `'vfm ${argv.join(' ')}' printed ${r.stderr.length} bytes on stderr`);
      if (args[0] === p.missing) assert.equal(r.code, 2, `'vfm ${argv.join(' ')}': a missing file is exit 2\n${r.stderr}`);
    }
    // Each option with a value nobody accepts, on otherwise good inputs.
    for (const [opt, spec] of Object.entries(cmd.options)) {
      const base = argLists(cmd.usage, p)[3] ?? [];
      // Values of path options go to the temporary directory, never into the working directory.
      const v = (x: string): string => (/OUT|FILE|DIR/.test(spec.arg ?? '') ? join(p.scratch, x) : x);
      const value = spec.type === 'string' ? [v('nonsense-value')] : [];
      for (const extra of [[`--${opt}`, ...value], [`--${opt}`, ...(spec.type === 'string' ? [v('-1')] : [])], [`--${opt}=${v('99999999999999999999')}`]]) {
        const argv = [cmd.name, ...base, ...required(cmd.name, p), ...extra];
        const r = await runCli(argv);
        runs++;
        assert.ok(r.stderr.length < MAX_STDERR, `'vfm ${argv.join(' ')}' printed ${r.stderr.length} bytes on stderr`);
      }
    }
  }
  for (const expr of ['(', ')', '', 'x'.repeat(200_000), `${'(not '.repeat(3000)}len${')'.repeat(3000)}`]) {
    await runCli(['lisp', '-e', expr]);
    runs++;
  }
  assert.ok(runs > 200, `${runs} runs`);
});
