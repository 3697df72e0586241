// Classic BPF target: differential tests against libpcap's bpf_filter (a C oracle built
// here with gcc -lpcap) over every packet of the corpus's Ethernet captures, in both link
// modes; the kernel's SO_ATTACH_FILTER on a loopback UDP socket; clear errors for what classic
// BPF cannot express; long jumps through `ja` trampolines.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileCbpf, formatCbpfDecimal, type LinkMode, CBPF_SNAP_ACCEPT } from '../../src/targets/cbpf/index.js';
import { assemble } from '../../src/asm/assemble.js';
import { compileVflisp } from '../../src/lang/compile.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { CompileError } from '../../src/diag/errors.js';
import { parseHex } from '../../src/util/bytes.js';
import { CORPUS_SKIP, EXAMPLES_DIR } from '../helpers/paths.js';
import { buildOracle, etherCaptures, runOracle } from '../helpers/oracle.js';
import { loadTargetFilters, vmVerdicts } from '../helpers/target-filters.js';

const work = mkdtempSync(join(tmpdir(), 'vfm-cbpf-'));
const filters = loadTargetFilters();
const oracle = buildOracle('cbpf-oracle', ['-lpcap']);
const captures = etherCaptures();
/** A few captures for the smaller checks: the corpus's first ones, or the bundled sample without it. */
const someCaptures = (n: number): string[] => (captures.length > 0 ? captures.slice(0, n) : [join(EXAMPLES_DIR, 'sample.pcap')]);

function writeDdd(name: string, text: string): string {
  const path = join(work, `${name}.ddd`);
  writeFileSync(path, text);
  return path;
}

/** IP-level view of a frame for --link ip, or undefined when the frame does not qualify. */
function ipView(frame: Uint8Array): boolean {
  if (frame.length < 15) return false;
  const et = (frame[12] << 8) | frame[13];
  const v = frame[14] >> 4;
  return (et === 0x0800 && v === 4) || (et === 0x86dd && v === 6);
}

test('at least 20 differential filters', () => {
  assert.ok(filters.length >= 20, `${filters.length} filters`);
});

test('classic BPF verdicts equal the VM on the Ethernet corpus (libpcap bpf_filter)', { skip: oracle.skip ?? CORPUS_SKIP }, (t) => {
  const packets = runOracle(oracle.path!, ['dump', ...captures])
    .replace(/\n$/, '')
    .split('\n')
    .map((h) => (h === '' ? new Uint8Array(0) : parseHex(h)!));
  assert.ok(packets.length > 3000, `${packets.length} packets`);
  let compared = 0;
  for (const link of ['ethernet', 'ip'] as LinkMode[]) {
    for (const f of filters) {
      let prog;
      try {
        prog = compileCbpf(f.program, { link });
      } catch (e) {
        // Only MAC-address filters may be refused, and only with --link ip.
        assert.ok(link === 'ip' && e instanceof CompileError && e.code === 'ERR_TARGET_LINK', `${f.name} (${link}): ${(e as Error).message}`);
        continue;
      }
      const path = writeDdd(`${f.name}-${link}`, formatCbpfDecimal(prog.insns));
      const got = runOracle(oracle.path!, [link === 'ip' ? 'run-ip' : 'run', path, ...captures]).replace(/\n$/, '').split('\n');
      assert.equal(got.length, packets.length, `${f.name}: one verdict per packet`);
      const want = vmVerdicts(f.program, packets, () => CBPF_SNAP_ACCEPT);
      const accepted = want.filter((v) => v !== 0).length;
      assert.ok(accepted > 0 && accepted < packets.length, `${f.name}: the corpus both passes and fails the filter (${accepted} accepted)`);
      for (let n = 0; n < packets.length; n++) {
        if (link === 'ip' && !ipView(packets[n])) {
          assert.equal(got[n], '-');
          continue;
        }
        compared++;
        if (Number(got[n]) !== want[n]) {
          assert.fail(`${f.name} (--link ${link}) packet ${n} (${packets[n].length} bytes): bpf_filter ${got[n]}, VM ${want[n]}`);
        }
      }
    }
  }
  t.diagnostic(`${compared} verdicts compared over ${packets.length} packets of ${captures.length} captures`);
});

test('accept mode "value" returns the VM value', { skip: oracle.skip }, () => {
  const f = filters.find((x) => x.name === 'ret-length')!;
  const prog = compileCbpf(f.program, { accept: 'value' });
  const path = writeDdd('ret-length-value', formatCbpfDecimal(prog.insns));
  const got = runOracle(oracle.path!, ['run', path, ...someCaptures(40)]).trim().split('\n').map(Number);
  const packets = runOracle(oracle.path!, ['dump', ...someCaptures(40)]).trim().split('\n').map((h) => parseHex(h)!);
  assert.deepEqual(got, vmVerdicts(f.program, packets, (_hi, lo) => lo));
  assert.ok(got.some((v) => v > 1), 'some IPv4 lengths returned');
});

const so = buildOracle('so-attach', []);

test('the kernel accepts every program with SO_ATTACH_FILTER (loopback UDP socket)', { skip: so.skip }, () => {
  const paths: string[] = [];
  for (const f of filters) {
    for (const link of ['ethernet', 'ip'] as LinkMode[]) {
      try {
        paths.push(writeDdd(`${f.name}-${link}-k`, formatCbpfDecimal(compileCbpf(f.program, { link }).insns)));
      } catch {
        // refused with --link ip: covered above
      }
    }
  }
  // A block that ends in `ret` before a jump target: the kernel's linear scratch-memory check
  // needs the words zeroed up front (regression).
  paths.push(writeDdd('ret-before-target', formatCbpfDecimal(compileCbpf(verifyProgram(assemble('LD8 0\nPUSH 1\nJEQ P\nLD8 1\nLD8 2\nPUSH 3\nJEQ T\nRET\nP:\nPUSH 0\nRET\nT:\nRET\n').bytes)).insns)));
  const out = runOracle(so.path!, paths).trim().split('\n');
  assert.deepEqual(out, paths.map(() => 'ok'));
  const accept = writeDdd('accept', formatCbpfDecimal(compileCbpf(verifyProgram(assemble('PUSH 1\nRET\n').bytes)).insns));
  const reject = writeDdd('reject', formatCbpfDecimal(compileCbpf(verifyProgram(assemble('PUSH 0\nRET\n').bytes)).insns));
  assert.deepEqual(runOracle(so.path!, ['--deliver', accept, reject]).trim().split('\n'), ['delivered', 'filtered']);
});

function compileError(source: string, options = {}): CompileError {
  try {
    compileCbpf(verifyProgram(assemble(source).bytes), options);
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
  assert.fail('expected a CompileError');
}

test('what classic BPF cannot express is a clear error with the pc', () => {
  const cases: [string, string, number, RegExp, object?][] = [
    ['HASH5\nRET\n', 'ERR_TARGET_UNSUPPORTED', 0, /HASH5.*32 bits/],
    ['PUSH 1\nFLOW_LOAD\nRET\n', 'ERR_TARGET_UNSUPPORTED', 9, /flow table/],
    ['CSUM\nRET\n', 'ERR_TARGET_UNSUPPORTED', 0, /CSUM/],
    ['TSTAMP\nRET\n', 'ERR_TARGET_UNSUPPORTED', 0, /timestamp/],
    ['top:\nLD8 0\nPUSH 1\nJEQ top\nPUSH 0\nRET\n', 'ERR_TARGET_LOOP', 12, /backward jump from pc 12 to 0/],
    ['LD32 0\nLD32 4\nMUL\nPUSH 1\nGT\nRET\n', 'ERR_TARGET_WIDE', 6, /MUL may exceed 32 bits/],
    ['LD64 0\nPUSH 3\nDIV\nRET\n', 'ERR_TARGET_WIDE', 12, /dividend of DIV/],
    ['LD8 0\nLD8 4\nSHL\nPUSH 255\nAND\nRET\n', 'ERR_TARGET_SHIFT', 6, /run-time amount/],
    ['LD64 6\nRET\n', 'ERR_TARGET_LINK', 0, /MAC addresses/, { link: 'ip' }],
    ['LD64 0\nRET\n', 'ERR_TARGET_WIDE', 3, /returned value/, { accept: 'value' }],
    ['LD8 14\nLDX8 2\nRET\n', 'ERR_TARGET_LINK', 3, /Ethernet header/, { link: 'ip' }],
  ];
  for (const [source, code, pc, message, options] of cases) {
    const e = compileError(source, options);
    assert.equal(e.code, code, source);
    assert.equal(e.where.pc, pc, source);
    assert.match(e.message, message, source);
  }
});

test('more live stack values than 16 scratch words is ERR_TARGET_SCRATCH', () => {
  // Computed values (a packet byte plus a constant): unlike plain loads, they cannot be reloaded from the packet.
  const values = Array.from({ length: 17 }, (_, n) => `LD8 ${n}\nPUSH ${n + 1}\nADD`).join('\n');
  const e = compileError(`${values}\n${'XOR\n'.repeat(16)}RET\n`);
  assert.equal(e.code, 'ERR_TARGET_SCRATCH');
  assert.ok(e.where.pc! >= 16 * 13 && e.where.pc! < 17 * 13, `pc ${e.where.pc} is in the 17th value`);
});

test('conditional jumps beyond 255 instructions go through ja trampolines', { skip: oracle.skip }, () => {
  // A compare jumps over a long middle (a sum of 100 packet bytes) to the end.
  const lines = ['LD8 14', 'PUSH 0x45', 'JNE far', 'PUSH 0'];
  for (let n = 0; n < 100; n++) lines.push(`LD8 ${15 + (n % 40)}`, 'ADD');
  lines.push('POP');
  lines.push('LD16 12', 'PUSH 0x0800', 'EQ', 'RET', 'far:', 'LD16 12', 'PUSH 0x86DD', 'EQ', 'RET');
  const program = verifyProgram(assemble(lines.join('\n')).bytes);
  const prog = compileCbpf(program);
  assert.ok(prog.insns.length > 256);
  assert.ok(prog.insns.some((x, n) => x.code === 0x05 && n > 0 && (prog.insns[n - 1].code & 0x07) === 0x05), 'a ja after a conditional');
  const path = writeDdd('far', formatCbpfDecimal(prog.insns));
  const sample = someCaptures(60);
  const got = runOracle(oracle.path!, ['run', path, ...sample]).trim().split('\n').map(Number);
  const packets = runOracle(oracle.path!, ['dump', ...sample]).trim().split('\n').map((h) => parseHex(h)!);
  assert.deepEqual(got, vmVerdicts(program, packets, () => CBPF_SNAP_ACCEPT));
});
