// pcap-filter in the CLI (-e, -F, --lisp, --lang, content detection, vfm dis -e, vfm compile
// -e for cBPF) and embedded in VFLisp as (pcap "EXPR"): the same verdicts as the library's
// compilePcapFilter on the sample capture.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePcapFilter } from '../../src/pcap/index.js';
import { compileVflisp } from '../../src/lang/compile.js';
import { createFilter } from '../../src/tiers/select.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { readCapture } from '../../src/capture/reader.js';
import { readFileSync } from 'node:fs';
import { runCli } from '../helpers/cli.js';
import { EXAMPLES_DIR } from '../helpers/paths.js';

const SAMPLE = join(EXAMPLES_DIR, 'sample.pcap');
/** The sample capture's frames with their wire lengths. */
function sampleFrames(): { data: Uint8Array; originalLength: number; index: number }[] {
  const out: { data: Uint8Array; originalLength: number; index: number }[] = [];
  readCapture(new Uint8Array(readFileSync(SAMPLE)), (p) => out.push({ data: p.data.slice(), originalLength: p.originalLength, index: p.index }));
  return out;
}

const EXPRS = ['tcp dst port 80', 'udp', 'ip6', 'icmp or arp', 'vlan and udp', 'tcp[tcpflags] & tcp-syn != 0', 'greater 100', 'not ip'];

test('vfm test -e, -F and a tcpdump expression file (by content) count what compilePcapFilter accepts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vfm-pcap-cli-'));
  const frames = sampleFrames();
  for (const expr of EXPRS) {
    const f = createFilter(compilePcapFilter(expr).program);
    const want = frames.filter((p) => f.exec(p.data, 0, 0, p.originalLength) > 0).length;
    const viaE = await runCli(['test', '--json', '-e', expr, SAMPLE]);
    assert.equal(viaE.code, 0, viaE.stderr);
    assert.equal(JSON.parse(viaE.stdout).accepted, want, `-e ${expr}`);
    const file = join(dir, 'f.txt');
    writeFileSync(file, expr + '\n');
    const viaF = await runCli(['test', '--json', '-F', file, SAMPLE]);
    assert.equal(JSON.parse(viaF.stdout).accepted, want, `-F ${expr}`);
    const byContent = await runCli(['test', '--json', file, SAMPLE]);
    assert.equal(JSON.parse(byContent.stdout).accepted, want, `content ${expr}`);
  }
});

test('filter files are recognised by content; --lang forces; errors show a caret', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vfm-pcap-cli-'));
  const lisp = join(dir, 'lisp.txt');
  writeFileSync(lisp, '; web\n(= dst-port 80)\n');
  const asm = join(dir, 'prog.asm');
  writeFileSync(asm, 'LD16 12\nPUSH 0x800\nEQ\nRET\n');
  const pcap = join(dir, 'expr.filter');
  writeFileSync(pcap, 'ip and udp');
  for (const f of [lisp, asm, pcap]) assert.equal((await runCli(['verify', '-q', f])).code, 0, f);
  assert.notEqual((await runCli(['verify', '--lang', 'pcap', lisp])).code, 0);
  const bad = await runCli(['verify', '-e', 'tcp port 80 and']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /ERR_PCAP_SYNTAX[\s\S]*\^/);
  const two = await runCli(['verify', '-e', 'tcp', '--lisp', '(= ip-version 4)']);
  assert.equal(two.code, 2);
  assert.equal((await runCli(['verify', '--lisp', '(= dst-port 80)'])).code, 0);
});

test('vfm dis -e shows VFM code; vfm compile -e --target=cbpf --format ddd is tcpdump -ddd shaped', async () => {
  const dis = await runCli(['dis', '-e', 'tcp dst port 80']);
  assert.equal(dis.code, 0, dis.stderr);
  assert.match(dis.stdout, /LD16 12/);
  const ddd = await runCli(['compile', '-e', 'tcp dst port 80', '--target=cbpf', '--format', 'ddd']);
  assert.equal(ddd.code, 0, ddd.stderr);
  const lines = ddd.stdout.trim().split('\n');
  assert.equal(Number(lines[0]), lines.length - 1);
  assert.ok(lines.slice(1).every((l) => /^\d+ \d+ \d+ \d+$/.test(l)));
  assert.match(lines[lines.length - 2], /^6 0 0 262144$/);
});

test('VFLisp (pcap "EXPR") gives the verdicts of the tcpdump expression, and composes', () => {
  const frames = sampleFrames();
  for (const expr of EXPRS) {
    const a = createFilter(compilePcapFilter(expr).program);
    const b = createFilter(verifyProgram(compileVflisp(`(pcap "${expr}")`).bytes));
    const c = createFilter(verifyProgram(compileVflisp(`(and (pcap "${expr}") (= ip-version 4))`).bytes));
    for (const p of frames) {
      const va = a.exec(p.data, 0, 0, p.originalLength) > 0;
      assert.equal(b.exec(p.data, 0, 0, p.originalLength) > 0, va, `${expr} packet ${p.index}`);
      if (!va) assert.equal(c.exec(p.data, 0, 0, p.originalLength) > 0, false);
    }
  }
  assert.throws(() => compileVflisp('(pcap "tcp port")'), /in the tcpdump expression/);
});
