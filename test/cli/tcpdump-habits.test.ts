// tcpdump's habits in `vfm test` and `vfm filter` (in-process, golden messages and exit codes):
// several captures in one run with per-file and total lines (report and JSON), -r FILE, -w FILE,
// -c N on filter (accepted packets, checked by tcpdump), standard input as the default and its
// refusal on a terminal, our own messages for -c -5 and --flow-table -1, --flow-table 0 with a
// stateful filter, -o onto the input, and --json errors on stdout with no banner before an error.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { EXAMPLES_DIR } from '../helpers/paths.js';
import { hasTool, readAll, tempDir } from '../helpers/capture.js';

const SAMPLE = join(EXAMPLES_DIR, 'sample.pcap');
const SYN = join(EXAMPLES_DIR, 'stateful', 'syn_flood.pcap');
const WEB = join(EXAMPLES_DIR, 'web_filter.vfl');
const TCP_SYN = join(EXAMPLES_DIR, 'tcp_syn_filter.vfl');
const t = tempDir();

interface Summary {
  total: number;
  accepted: number;
  dropped: number;
  errors: number;
  files: { file: string; total: number; accepted: number; dropped: number; errors: number; error: { code: string } | null }[];
  error?: { code: string; byteOffset: number };
}

async function summary(args: string[]): Promise<Summary> {
  const r = await runCli(['test', '--json', ...args]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Summary;
}

test('vfm test with several captures: per-file lines and totals that equal separate runs (stateless filter)', async () => {
  const a = await summary([WEB, SAMPLE]);
  const b = await summary([WEB, SYN]);
  const both = await summary([WEB, SAMPLE, SYN]);
  assert.equal(both.total, a.total + b.total);
  assert.equal(both.accepted, a.accepted + b.accepted);
  assert.deepEqual(
    both.files.map((f) => [f.file, f.total, f.accepted, f.dropped, f.errors]),
    [
      [SAMPLE, a.total, a.accepted, a.dropped, a.errors],
      [SYN, b.total, b.accepted, b.dropped, b.errors],
    ],
  );
  const text = await runCli(['test', WEB, SAMPLE, '-r', SYN]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, new RegExp(`^Packets: ${SAMPLE}, ${SYN}$`, 'm'));
  assert.match(text.stdout, new RegExp(`^Total packets: +${a.total + b.total}$`, 'm'));
  assert.ok(
    text.stdout.includes(
      `\n=== Files ===\n${SAMPLE}: ${a.total} packets, ${a.accepted} accepted, ${a.dropped} dropped, 0 errors\n${SYN}: ${b.total} packets, ${b.accepted} accepted, ${b.dropped} dropped, 0 errors\n`,
    ),
    text.stdout,
  );
});

test('vfm test -v over several captures: packet numbers run on, each line with its tcpdump-style decode', async () => {
  const r = await runCli(['test', '-v', WEB, SAMPLE, SYN]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Packet 199: (ACCEPT \(value \d+\)|DROP) +\d\d:\d\d:\d\d\.\d{6} IP6? /m);
  assert.match(r.stdout, /^Packet 200: (ACCEPT \(value \d+\)|DROP) +\d\d:\d\d:\d\d\.\d{6} IP6? .*Flags \[/m);
  assert.equal(r.stdout.match(/^Packet \d+:/gm)?.length, 739);
});

test('vfm test: -c N counts over all captures; a damaged file among several is reported and the others still run', async () => {
  const limited = await summary(['-c', '250', WEB, SAMPLE, SYN]);
  assert.equal(limited.total, 250);
  assert.deepEqual(limited.files.map((f) => f.total), [199, 51]);
  const damaged = t.file('cut.pcap', readFileSync(SAMPLE).subarray(0, 1000));
  const r = await runCli(['test', '--json', WEB, damaged, SAMPLE]);
  assert.equal(r.code, 1);
  const s = JSON.parse(r.stdout) as Summary;
  assert.equal(s.files[0].error?.code, 'ERR_CAPTURE_TRUNCATED');
  assert.equal(s.files[1].total, 199);
  assert.equal(s.error?.code, 'ERR_CAPTURE_TRUNCATED');
  assert.match(r.stderr, /cut\.pcap: byte offset \d+: error ERR_CAPTURE_TRUNCATED/);
});

test('vfm filter: -r FILE, -w FILE and -c N (stop after N accepted packets), checked by tcpdump', async () => {
  const out = join(t.dir, 'syn3.pcap');
  const r = await runCli(['filter', TCP_SYN, '-r', SAMPLE, '-w', out, '-c', '3', '-s']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^vfm filter: \d+ packets read, 3 written, 0 faulted/);
  assert.equal(readAll(new Uint8Array(readFileSync(out))).packets.length, 3);
  if (hasTool('tcpdump')) {
    const lines = execFileSync('tcpdump', ['-nn', '-r', out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n');
    assert.equal(lines.length, 3);
    for (const l of lines) assert.match(l, /Flags \[S\]/);
  }
  const both = await runCli(['filter', TCP_SYN, SAMPLE, '-o', out, '-w', join(t.dir, 'other.pcap')]);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /-o .* and -w .* name two outputs/);
});

test('standard input: the default of test and filter, refused on a terminal with a clear message', async () => {
  const sample = new Uint8Array(readFileSync(SAMPLE));
  const viaStdin = await runCli(['test', '--json', WEB], sample);
  assert.equal(viaStdin.code, 0, viaStdin.stderr);
  assert.equal((JSON.parse(viaStdin.stdout) as Summary).total, 199);
  for (const cmd of ['test', 'filter']) {
    for (const extra of [[], ['-']]) {
      const r = await runCli([cmd, WEB, ...extra, ...(cmd === 'filter' ? ['-o', join(t.dir, 'tty.pcap')] : [])], undefined, { stdinIsTTY: true });
      assert.equal(r.code, 2, `${cmd} ${extra.join(' ')}`);
      assert.equal(r.stdout, '');
      assert.equal(
        r.stderr,
        `error ERR_USAGE: vfm ${cmd} reads the capture from standard input, which is a terminal; give a capture file, -r FILE, -i IFACE, or pipe one in (tcpdump -w - | vfm ${cmd} ...)\n`,
      );
    }
  }
  assert.equal(existsSync(join(t.dir, 'tty.pcap')), false);
});

test('our own messages for -c -5, -c 0, --flow-table -1 and --limit x (exit 2)', async () => {
  const cases: [string[], string][] = [
    [['test', '-c', '-5', WEB, SAMPLE], "error ERR_USAGE: -c takes a number of packets from 1, got '-5'\n"],
    [['test', '--limit', '0', WEB, SAMPLE], "error ERR_USAGE: -c takes a number of packets from 1, got '0'\n"],
    [['filter', '-c', '-5', WEB, SAMPLE], "error ERR_USAGE: -c takes a number of packets from 1, got '-5'\n"],
    [['test', '--flow-table', '-1', WEB, SAMPLE], "error ERR_USAGE: --flow-table takes a number of slots from 0 (no table) to 67108864, got '-1'\n"],
    [['filter', '--flow-table', 'x', WEB, SAMPLE], "error ERR_USAGE: --flow-table takes a number of slots from 0 (no table) to 67108864, got 'x'\n"],
  ];
  for (const [args, stderr] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
    assert.equal(r.stderr, stderr, args.join(' '));
  }
});

test('--flow-table 0 with a stateful filter is refused, naming the instruction', async () => {
  const syn = join(EXAMPLES_DIR, 'stateful', 'syn_flood.vfl');
  for (const cmd of ['test', 'filter']) {
    const r = await runCli([cmd, '--flow-table', '0', syn, SYN, ...(cmd === 'filter' ? ['-o', join(t.dir, 'ft0.pcap')] : [])]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^error ERR_USAGE: the filter keeps per-flow state \(FLOW_[A-Z_]+ at pc \d+\), but --flow-table 0 gives it no flow table: every lookup would miss/);
  }
  // a stateless filter still runs without a table
  assert.equal((await runCli(['test', '--flow-table', '0', WEB, SAMPLE])).code, 0);
});

test('vfm filter refuses to write its output over its input capture', async () => {
  const copy = t.file('copy.pcap', readFileSync(SAMPLE));
  for (const args of [['-o', copy], ['-w', copy], ['-o', join(t.dir, '.', 'copy.pcap')]]) {
    const r = await runCli(['filter', WEB, copy, ...args]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error ERR_USAGE: output '.*copy\.pcap' is the input capture; writing it would destroy the input, give another name with -o\n$/);
  }
  assert.deepEqual(new Uint8Array(readFileSync(copy)), new Uint8Array(readFileSync(SAMPLE)));
});

test('--json: an error that stops the run is JSON on stdout too, and no report banner comes before it', async () => {
  const bad = t.file('bad.vfl', '(= dst-prot 80)\n');
  const cases: [string[], string, number][] = [
    [['test', '--json', WEB, join(t.dir, 'missing.pcap')], 'ERR_IO', 2],
    [['test', '--json', bad, SAMPLE], 'ERR_CHECK_UNKNOWN_FIELD', 1],
    [['test', '--json', '--bogus', WEB, SAMPLE], 'ERR_USAGE', 2],
  ];
  for (const [args, code, exit] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, exit, args.join(' '));
    const obj = JSON.parse(r.stdout) as { error: { code: string; message: string; line?: number; column?: number } };
    assert.equal(obj.error.code, code);
    assert.ok(obj.error.message.length > 0);
    assert.ok(r.stderr.includes(`error ${code}`), r.stderr);
  }
  const located = JSON.parse((await runCli(['test', '--json', bad, SAMPLE])).stdout) as { error: { file: string; line: number; column: number } };
  assert.deepEqual([located.error.file, located.error.line, located.error.column], [bad, 1, 4]);
  // the text report prints nothing on stdout before an error that stops the run
  const text = await runCli(['test', WEB, join(t.dir, 'missing.pcap')]);
  assert.equal(text.code, 2);
  assert.equal(text.stdout, '');
});

test('writing the README example filter output with -w to a new file leaves only that file', async () => {
  const out = join(t.dir, 'web-w.pcap');
  writeFileSync(out, 'x');
  const r = await runCli(['filter', WEB, SAMPLE, '-w', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(readAll(new Uint8Array(readFileSync(out))).packets.length > 0);
});
