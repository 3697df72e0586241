// man/vfm.1 and `vfm completion bash|zsh|fish` are generated from the command option tables:
// the man page on disk is up to date (like docs/commands.md), names every option, is installed
// through package.json's `man` field and formats without groff warnings; the completion scripts
// parse in their shells and bash's completes commands, options and option values.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAN_PAGE_URL, renderMan } from '../../scripts/gen-cli-doc.js';
import { COMMANDS } from '../../src/node/commands/index.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'vfm-man-'));
const has = (tool: string): boolean => spawnSync(tool, ['--version'], { stdio: 'ignore' }).error === undefined;

test('man/vfm.1 is generated from the option tables, up to date, and installed by package.json', () => {
  const man = renderMan();
  let onDisk = '';
  try {
    onDisk = readFileSync(MAN_PAGE_URL, 'utf8');
  } catch {
    assert.fail('man/vfm.1 is missing: run `npm run gen:docs`');
  }
  assert.ok(onDisk === man, 'man/vfm.1 is out of date with the command option tables: run `npm run gen:docs` and commit the result');
  for (const cmd of COMMANDS) {
    assert.ok(man.includes(`.SS "vfm ${cmd.name}`), cmd.name);
    for (const name of Object.keys(cmd.options)) assert.ok(man.includes(`\\-\\-${name.replace(/-/g, '\\-')}\\fR`), `${cmd.name} --${name}`);
  }
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { man: string[]; files: string[] };
  assert.deepEqual(pkg.man, ['./man/vfm.1']);
  assert.ok(pkg.files.includes('man'));
});

test('the man page formats without warnings (groff -man -ww)', { skip: !has('groff') && 'groff is not installed' }, () => {
  const r = spawnSync('groff', ['-man', '-ww', '-z', join(REPO_ROOT, 'man', 'vfm.1')], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.equal(r.stderr, '');
  const text = spawnSync('groff', ['-man', '-Tutf8', '-P-c', join(REPO_ROOT, 'man', 'vfm.1')], { encoding: 'utf8' }).stdout.replace(/.\x08/g, '');
  assert.match(text, /vfm filter FILTER \[CAPTURE\|-\] \[-o OUT\|-\]/);
  assert.match(text, /-i, --interface IFACE/);
});

/** COMPREPLY of bash's completion for the words typed so far (the last one being completed). */
function bashComplete(script: string, words: string[]): string[] {
  const file = join(work, 'vfm.bash');
  writeFileSync(file, script);
  const arr = words.map((w) => `'${w}'`).join(' ');
  const r = spawnSync('bash', ['-c', `source ${file}; COMP_WORDS=(${arr}); COMP_CWORD=${words.length - 1}; _vfm; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8', cwd: work });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter((l) => l !== '');
}

test('vfm completion bash: commands, options and their values', { skip: !has('bash') && 'bash is not installed' }, async () => {
  const r = await runCli(['completion', 'bash']);
  assert.equal(r.code, 0);
  assert.equal(spawnSync('bash', ['-n'], { input: r.stdout }).status, 0);
  assert.ok(bashComplete(r.stdout, ['vfm', 'te']).includes('test'));
  assert.deepEqual(bashComplete(r.stdout, ['vfm', 'co']).sort(), ['compile', 'completion']);
  assert.ok(bashComplete(r.stdout, ['vfm', 'test', '--ti']).includes('--tier'));
  assert.deepEqual(bashComplete(r.stdout, ['vfm', 'test', '--tier', '']), ['auto', 'wasm', 'js', 'closure', 'interpreter']);
  assert.deepEqual(bashComplete(r.stdout, ['vfm', 'compile', '-t', '']), ['cbpf', 'ebpf']);
  assert.ok(bashComplete(r.stdout, ['vfm', 'filter', '-i', '']).includes('lo'));
  writeFileSync(join(work, 'web.vfl'), '1\n');
  assert.deepEqual(bashComplete(r.stdout, ['vfm', 'test', 'we']), ['web.vfl']);
});

test('vfm completion zsh and fish: scripts their shells parse', async () => {
  for (const shell of ['zsh', 'fish']) {
    const r = await runCli(['completion', shell]);
    assert.equal(r.code, 0);
    assert.ok(r.stdout.includes(shell === 'fish' ? '-l flow-table' : '--flow-table'), shell);
    if (!has(shell)) {
      process.stdout.write(`# skipped: ${shell} is not installed; its completion script was not parsed\n`);
      continue;
    }
    const file = join(work, `vfm.${shell}`);
    writeFileSync(file, r.stdout);
    const p = spawnSync(shell, ['-n', file], { encoding: 'utf8' });
    assert.equal(p.status, 0, `${shell}: ${p.stderr}`);
  }
  if (has('fish')) {
    const file = join(work, 'vfm.fish');
    writeFileSync(file, (await runCli(['completion', 'fish'])).stdout);
    const r = spawnSync('fish', ['-c', `source ${file}; complete -C 'vfm test --tier '`], { encoding: 'utf8' });
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.split('\t')[0]).sort(), ['auto', 'closure', 'interpreter', 'js', 'wasm']);
  }
});

test('vfm completion without a known shell is a usage error', async () => {
  const r = await runCli(['completion', 'tcsh']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, "error ERR_USAGE: completion takes one shell: bash, zsh, fish; got 'tcsh'\n");
});
