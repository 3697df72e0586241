// Never silent, never misleading (golden messages and exit codes): a file that is no capture
// is not read as `.pkt` and the message says what it looks like; `vfm run --packet-file` on a
// capture runs each packet; binary output refuses a terminal (asm, lisp -o -); VFLisp values a
// field can never reach and divisions by the constant 0 are warnings with a position, shown by
// every command that loads the filter.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { EXAMPLES_DIR } from '../helpers/paths.js';
import { tempDir } from '../helpers/capture.js';
import { testSeed } from '../helpers/seed.js';
import { Rng } from '../differential/generator.js';

const SAMPLE = join(EXAMPLES_DIR, 'sample.pcap');
const WEB = join(EXAMPLES_DIR, 'web_filter.vfl');
const t = tempDir();

test('a file that is no capture is not read as .pkt packets; the message says what it looks like', async () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['notes.txt', new TextEncoder().encode('hello, this is a text file\nwith two lines\n'), /it looks like text \("hello, this is a…"\) \(starts with 68 65 6c 6c\)/],
    ['node.bin', new Uint8Array(readFileSync(process.execPath).subarray(0, 4096)), /it looks like an ELF executable or object file \(starts with 7f 45 4c 46\)/],
    ['img.png', Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(40).fill(7)), /it looks like a PNG image/],
    ['cap.pcap.gz', Uint8Array.of(0x1f, 0x8b, 8, 0, ...new Array(40).fill(1)), /it looks like gzip-compressed data \(decompress it first\)/],
  ];
  for (const [name, bytes, message] of cases) {
    const r = await runCli(['test', '--json', WEB, t.file(name, bytes)]);
    assert.equal(r.code, 1, name);
    const obj = JSON.parse(r.stdout) as { total: number; error: { code: string; message: string } };
    assert.equal(obj.total, 0, `${name}: no packets made up`);
    assert.equal(obj.error.code, 'ERR_CAPTURE_FORMAT', name);
    assert.match(obj.error.message, /^not a pcap, pcapng or \.pkt capture: it looks like /, name);
    assert.match(r.stderr, message, name);
  }
  // seeded random files: never read as packets unless their first record looks like an Ethernet frame
  const seed = testSeed('random files as captures');
  const rng = new Rng(seed);
  let refused = 0;
  for (let n = 0; n < 40; n++) {
    const bytes = Uint8Array.from({ length: 64 + (rng.next() % 2000) }, () => rng.next() & 0xff);
    const r = await runCli(['test', '--json', WEB, t.file(`random-${n}.bin`, bytes)]);
    const obj = JSON.parse(r.stdout) as { format: string | null; error?: { code: string } };
    if (obj.format === null) refused++;
    else {
      assert.equal(obj.format, 'pkt', `seed ${seed} file ${n}`);
      const etherType = (bytes[14] << 8) | bytes[15];
      assert.ok((bytes[0] | (bytes[1] << 8)) >= 14, `seed ${seed} file ${n}: first record shorter than an Ethernet header`);
      assert.ok(etherType <= 1500 || [0x0800, 0x86dd, 0x0806, 0x8100, 0x88a8].includes(etherType) || etherType >= 0x2000, `seed ${seed} file ${n}`);
    }
  }
  assert.ok(refused >= 36, `seed ${seed}: only ${refused} of 40 random files refused`);
  // the C original's .pkt records (74-byte IPv4 frames) are still recognised
  const rec = new Uint8Array(76);
  rec[0] = 74;
  rec[14] = 0x08;
  rec[16] = 0x45;
  const pkt = await runCli(['test', '--json', WEB, t.file('c.pkt', rec)]);
  assert.equal((JSON.parse(pkt.stdout) as { format: string; total: number }).format, 'pkt');
});

test('vfm run --packet-file on a capture runs each packet, a line each; a raw file is one packet', async () => {
  const r = await runCli(['run', WEB, '--packet-file', SAMPLE]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 199);
  lines.forEach((l, k) => assert.match(l, new RegExp(`^packet ${k + 1}: (accept \\d+|drop)$`)));
  const json = JSON.parse((await runCli(['test', '--json', '--verdicts', WEB, SAMPLE])).stdout) as { verdicts: number[] };
  assert.deepEqual(lines.map((l) => (l.includes('accept') ? 1 : 0)), json.verdicts);
  const raw = t.file('one.raw', new Uint8Array(60));
  const one = await runCli(['run', WEB, '--packet-file', raw]);
  assert.equal(one.stdout, 'drop\n');
  const damaged = t.file('cut.pcap', readFileSync(SAMPLE).subarray(0, 500));
  const cut = await runCli(['run', WEB, '--packet-file', damaged]);
  assert.equal(cut.code, 1);
  assert.match(cut.stderr, /cut\.pcap: byte offset \d+: error ERR_CAPTURE_TRUNCATED/);
  assert.ok(cut.stdout.startsWith('packet 1: '));
});

test('binary bytecode is never written to a terminal: vfm asm -o - and vfm lisp -o -', async () => {
  const asm = await runCli(['asm', join(EXAMPLES_DIR, 'accept_all.vfm'), '-o', '-'], undefined, { stdoutIsTTY: true });
  assert.equal(asm.code, 2);
  assert.equal(asm.stdout, '');
  assert.equal(asm.stderr, 'error ERR_USAGE: not writing binary bytecode to a terminal: use -o FILE, or pipe it (vfm asm IN.vfm -o - | vfm dis -)\n');
  for (const extra of [[], ['-o', '-']]) {
    const lisp = await runCli(['lisp', '-e', '(= proto 6)', ...extra], undefined, { stdoutIsTTY: true });
    assert.equal(lisp.code, 2);
    assert.equal(lisp.stdout, '');
    assert.equal(lisp.stderr, 'error ERR_USAGE: not writing binary bytecode to a terminal: use -o FILE, -d to list it, or redirect standard output\n');
  }
  // to a pipe the bytes flow, and lisp -o - writes only the bytecode
  const piped = await runCli(['lisp', '-e', '(= proto 6)', '-o', '-']);
  assert.equal(piped.code, 0);
  assert.equal(piped.stdout.includes("Bytecode written"), false);
  assert.ok(piped.stdoutBytes.length > 8 && piped.stdoutBytes.length < 64, `${piped.stdoutBytes.length} bytes`);
});

test('VFLisp: a constant a field never reaches and a division by the constant 0 are warnings with a position', async () => {
  const out = await runCli(['lisp', '-e', '(or (= dst-port 70000) (> (/ src-port 0) 1) (= proto 256))', '-o', join(t.dir, 'w.bin')]);
  assert.equal(out.code, 0);
  assert.equal(
    out.stderr,
    [
      '<expr>:1:17: warning ERR_CHECK_RANGE: dst-port is at most 65535, so comparing it with 70000 using = is always false',
      '  (or (= dst-port 70000) (> (/ src-port 0) 1) (= proto 256))',
      '                  ^~~~~',
      '<expr>:1:39: warning ERR_CHECK_DIV_ZERO: division by the constant 0: the filter faults (DIVISION_BY_ZERO) on every packet that reaches it',
      '  (or (= dst-port 70000) (> (/ src-port 0) 1) (= proto 256))',
      '                                        ^',
      '<expr>:1:54: warning ERR_CHECK_RANGE: proto is at most 255, so comparing it with 256 using = is always false',
      '  (or (= dst-port 70000) (> (/ src-port 0) 1) (= proto 256))',
      '                                                       ^~~',
      '',
    ].join('\n'),
  );
  // every command that loads a .vfl shows them too (here vfm test, over the sample)
  const file = t.file('range.vfl', '(= vlan-id 5000)\n');
  const r = await runCli(['test', '--json', file, SAMPLE]);
  assert.equal(r.code, 0);
  assert.match(r.stderr, /range\.vfl:1:12: warning ERR_CHECK_RANGE: vlan-id is at most 4095, so comparing it with 5000 using = is always false/);
  assert.equal((JSON.parse(r.stdout) as { accepted: number }).accepted, 0);
  // in range: no warning
  assert.equal((await runCli(['lisp', '-e', '(and (= dst-port 65535) (< ttl 255) (/ len 2))', '-d'])).stderr, '');
});
