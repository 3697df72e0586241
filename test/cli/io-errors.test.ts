// Every I/O error is a FilterError ERR_IO with exit 2 and one line, never a stack trace or
// exit 70: reads of missing files and directories, writes to a full disk (/dev/full, a full
// tmpfs), to standard output on a full disk, and into a missing directory. A file given with
// -o appears only when complete: a failed write leaves neither a partial file nor a temporary one,
// and a file already there keeps its old content.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSync, closeSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES_DIR } from '../helpers/paths.js';
import { VFM_BIN, hasStackTrace, spawnVfm } from '../helpers/spawn-cli.js';
import { runCli } from '../helpers/cli.js';

const SAMPLE = join(EXAMPLES_DIR, 'sample.pcap');
const WEB = join(EXAMPLES_DIR, 'web_filter.vfl');
const work = mkdtempSync(join(tmpdir(), 'vfm-io-'));

/** Run with standard output on /dev/full. */
function toDevFull(args: string[]) {
  const fd = openSync('/dev/full', 'w');
  try {
    return spawnVfm(args, { stdio: ['ignore', fd, 'pipe'] });
  } finally {
    closeSync(fd);
  }
}

const FULL_STDOUT = /^error ERR_IO: cannot write standard output: no space left on device\n$/;

test('standard output on a full disk: ERR_IO, exit 2, one line, for reports, captures, bytecode and help', { skip: !existsSync('/dev/full') && 'no /dev/full' }, () => {
  for (const args of [
    ['test', WEB, SAMPLE],
    ['test', '--json', WEB, SAMPLE],
    ['filter', WEB, SAMPLE, '-o', '-'],
    ['lisp', '-e', '(= proto 6)', '-o', '-'],
    ['dis', join(EXAMPLES_DIR, 'tcp_syn_filter.vfm')],
    ['compile', WEB, '--target=cbpf'],
    ['test', '--help'],
    ['--help'],
  ]) {
    const r = toDevFull(args);
    assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code}\n${r.stderr}`);
    assert.match(r.stderr, FULL_STDOUT, args.join(' '));
  }
});

test('-o /dev/full: ERR_IO naming the file, exit 2', { skip: !existsSync('/dev/full') && 'no /dev/full' }, () => {
  for (const args of [
    ['filter', WEB, SAMPLE, '-o', '/dev/full'],
    ['lisp', '-e', '(= proto 6)', '-o', '/dev/full'],
    ['asm', join(EXAMPLES_DIR, 'accept_all.vfm'), '-o', '/dev/full'],
  ]) {
    const r = spawnVfm(args);
    assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code}\n${r.stderr}`);
    assert.equal(r.stderr, "/dev/full: error ERR_IO: cannot write '/dev/full': no space left on device\n", args.join(' '));
  }
});

test('unreadable inputs and unwritable outputs: ERR_IO, exit 2, no stack trace', async () => {
  const cases: [string[], RegExp][] = [
    [['demo', '--examples', '/nonexistent'], /^\/nonexistent: error ERR_IO: cannot read '\/nonexistent': no such file or directory\n$/],
    [['test', WEB, join(work, 'missing.pcap')], /error ERR_IO: cannot read '.*missing\.pcap': no such file or directory\n$/],
    [['test', WEB, work], /error ERR_IO: cannot read '.*': is a directory\n$/],
    [['filter', WEB, SAMPLE, '-o', join(work, 'no', 'such', 'dir', 'out.pcap')], /error ERR_IO: cannot write '.*out\.pcap': no such file or directory\n$/],
    [['filter', WEB, SAMPLE, '-o', work], /error ERR_IO: cannot write '.*': is a directory\n$/],
    [['lisp', '-e', '1', '-o', join(work, 'nodir', 'x.bin')], /error ERR_IO: cannot write '.*x\.bin': no such file or directory\n$/],
  ];
  for (const [args, expected] of cases) {
    const r = spawnVfm(args);
    assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code}\n${r.stderr}`);
    assert.match(r.stderr, expected, args.join(' '));
    assert.ok(!hasStackTrace(r.stderr), r.stderr);
  }
  // in-process too, as the library's callers see it
  const r = await runCli(['demo', '--examples', '/nonexistent']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /ERR_IO/);
});

test('-o FILE is written through a temporary file: on success only the file, on failure the old file untouched', async () => {
  const dir = mkdtempSync(join(work, 'out-'));
  const out = join(dir, 'web.pcap');
  writeFileSync(out, 'old content');
  const ok = await runCli(['filter', WEB, SAMPLE, '-o', out]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(readdirSync(dir), ['web.pcap']);
  assert.equal(readFileSync(out).readUInt32LE(0), 0xa1b2c3d4);
  // a filter that fails to load: nothing is opened, the old file stays
  writeFileSync(out, 'old content');
  const bad = await runCli(['filter', join(dir, 'missing.vfl'), SAMPLE, '-o', out]);
  assert.equal(bad.code, 2);
  assert.equal(readFileSync(out, 'utf8'), 'old content');
  assert.deepEqual(readdirSync(dir), ['web.pcap']);
});

/** Root can mount a 16 KiB tmpfs in a private mount namespace: a disk that fills up mid-write. */
function fullDiskSkip(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root to mount a small tmpfs in a mount namespace';
  const r = spawnSync('unshare', ['-m', 'sh', '-c', `mount -t tmpfs -o size=16k tmpfs ${work} && echo mounted`], { encoding: 'utf8' });
  return r.stdout.trim() === 'mounted' ? undefined : `cannot mount a tmpfs in a mount namespace (${(r.stderr || String(r.error)).trim()})`;
}

test('a disk that fills up during vfm filter -o FILE or vfm asm -o: ERR_IO, exit 2, no partial or temporary file, the old file kept', { skip: fullDiskSkip() }, () => {
  const dir = mkdtempSync(join(work, 'full-'));
  // 32 KB of accepted packets into 16 KiB; then a bytecode file after the disk is filled up.
  const script = [
    `mount -t tmpfs -o size=16k tmpfs ${dir}`,
    `printf 'old content' > ${dir}/out.pcap`,
    `${process.execPath} ${VFM_BIN} filter ${join(EXAMPLES_DIR, 'accept_all.vfm')} ${SAMPLE} -o ${dir}/out.pcap; echo "rc=$?"`,
    `echo "files: $(ls -A ${dir} | tr '\\n' ' ')"; echo "old: $(cat ${dir}/out.pcap)"`,
    `rm ${dir}/out.pcap; head -c 65536 /dev/zero > ${dir}/filler 2>/dev/null`,
    `${process.execPath} ${VFM_BIN} lisp -e '(= proto 6)' -o ${dir}/web.bin; echo "rc=$?"`,
    `echo "files: $(ls -A ${dir} | tr '\\n' ' ')"`,
  ].join('\n');
  const r = spawnSync('unshare', ['-m', 'sh', '-c', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(
    r.stdout,
    ['rc=2', 'files: out.pcap ', 'old: old content', 'rc=2', 'files: filler ', ''].join('\n'),
    r.stderr,
  );
  assert.match(r.stderr, new RegExp(`^${dir}/out\\.pcap: error ERR_IO: cannot write '${dir}/out\\.pcap': no space left on device\n`));
  assert.match(r.stderr, /web\.bin': no space left on device\n$/);
  assert.ok(!hasStackTrace(r.stderr), r.stderr);
});
