// eBPF target: the ELF object disassembles with llvm-objdump, libbpf loads it and the kernel
// verifier accepts both programs, and BPF_PROG_TEST_RUN gives the VM's verdicts on every
// packet of the corpus's Ethernet captures (XDP on whole frames, the socket filter with
// --link ip because a socket filter's test run starts at the IP header), flow-table filters
// included. The oracle is a C program built here against libpcap and the libbpf1 runtime.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileEbpf, XDP_DROP, XDP_PASS } from '../../src/targets/ebpf/index.js';
import { assemble } from '../../src/asm/assemble.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { CompileError } from '../../src/diag/errors.js';
import { FlowTable } from '../../src/vm/flow-table.js';
import { parseHex } from '../../src/util/bytes.js';
import { CORPUS_SKIP } from '../helpers/paths.js';
import { buildOracle, etherCaptures, runOracle } from '../helpers/oracle.js';
import { EBPF_FILTER_DIR, loadTargetFilters, vmVerdicts } from '../helpers/target-filters.js';

const work = mkdtempSync(join(tmpdir(), 'vfm-ebpf-'));
const filters = [...loadTargetFilters(), ...loadTargetFilters(EBPF_FILTER_DIR)];
const captures = etherCaptures();
const LIBBPF = '/usr/lib/x86_64-linux-gnu/libbpf.so.1';
const oracle = buildOracle('ebpf-oracle', ['-lpcap', LIBBPF]);
const dump = buildOracle('cbpf-oracle', ['-lpcap']);

/** Why the kernel oracle cannot run here, or undefined when it can. */
function kernelSkip(): string | undefined {
  if (oracle.skip !== undefined) return `${oracle.skip} (also needs ${LIBBPF}: apt install libbpf1)`;
  if (dump.skip !== undefined) return dump.skip;
  const probe = join(work, 'probe.o');
  writeFileSync(probe, compileEbpf(verifyProgram(assemble('PUSH 1\nRET\n').bytes)).elf);
  const r = spawnSync(oracle.path!, [probe], { encoding: 'utf8' });
  if (r.stdout.trim() !== 'loaded') {
    return `the kernel refuses to load BPF programs here (${r.stdout.trim()}; run as root with CAP_BPF); eBPF verdicts not checked`;
  }
  return undefined;
}
const skip = kernelSkip();

test('llvm-objdump disassembles the object: both programs, every instruction', (t) => {
  const f = filters.find((x) => x.name === 'flow-count')!;
  const obj = compileEbpf(f.program);
  const path = join(work, 'objdump.o');
  writeFileSync(path, obj.elf);
  const r = spawnSync('llvm-objdump', ['-dr', path], { encoding: 'utf8' });
  if (r.error !== undefined) {
    t.skip('llvm-objdump is not installed (apt install llvm)');
    return;
  }
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /file format elf64-bpf/);
  assert.match(r.stdout, /<vfm_socket>:/);
  assert.match(r.stdout, /<vfm_xdp>:/);
  assert.match(r.stdout, /R_BPF_64_64\s+vfm_flows/);
  const lines = r.stdout.split('\n').filter((l) => /^\s+\d+:\t/.test(l)).length;
  const slots = obj.socket.insns.length + obj.xdp.insns.length;
  const lddw = [...obj.socket.insns, ...obj.xdp.insns].filter((x) => x.code === 0x18).length;
  assert.equal(lines, slots - lddw, 'one disassembled line per instruction (lddw takes two slots)');
});

test('bpftool reads the map BTF: an LRU hash (type 9) of u64 keys and values', (t) => {
  const f = filters.find((x) => x.name === 'flow-count')!;
  const path = join(work, 'btf.o');
  writeFileSync(path, compileEbpf(f.program, { flowTableSize: 4096 }).elf);
  const r = spawnSync('bpftool', ['btf', 'dump', 'file', path], { encoding: 'utf8' });
  if (r.error !== undefined) {
    t.skip('bpftool is not installed (apt install bpftool)');
    return;
  }
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /ARRAY '\(anon\)' type_id=1 index_type_id=1 nr_elems=9\n/);
  assert.match(r.stdout, /nr_elems=4096/);
  assert.match(r.stdout, /'key' type_id=7 bits_offset=128/);
  assert.match(r.stdout, /INT 'unsigned long long' size=8/);
  assert.match(r.stdout, /DATASEC '\.maps' size=32 vlen=1\n\ttype_id=9 offset=0 size=32 \(VAR 'vfm_flows'\)/);
});

test('kernel verifier + BPF_PROG_TEST_RUN verdicts equal the VM on the Ethernet corpus', { skip: skip ?? CORPUS_SKIP }, (t) => {
  const packets = runOracle(dump.path!, ['dump', ...captures])
    .replace(/\n$/, '')
    .split('\n')
    .map((h) => (h === '' ? new Uint8Array(0) : parseHex(h)!));
  let compared = 0;
  let refused = 0;
  for (const f of filters) {
    // The socket filter's test run starts at the IP header, so it is compiled with --link ip;
    // filters that read MAC addresses cannot be, and only their XDP program runs.
    let obj;
    const runs: ['vfm_xdp' | 'vfm_socket', 'eth' | 'ip'][] = [['vfm_xdp', 'eth']];
    try {
      obj = compileEbpf(f.program, { link: 'ip' });
      runs.push(['vfm_socket', 'ip']);
    } catch (e) {
      assert.ok(e instanceof CompileError && e.code === 'ERR_TARGET_LINK', `${f.name}: ${(e as Error).message}`);
      obj = compileEbpf(f.program);
    }
    const path = join(work, `${f.name}.o`);
    writeFileSync(path, obj.elf);
    for (const [prog, mode] of runs) {
      const got = runOracle(oracle.path!, [path, prog, mode, ...captures]).replace(/\n$/, '').split('\n');
      assert.equal(got.length, packets.length, `${f.name} ${prog}: one verdict per packet (${got[0]})`);
      // The VM runs exactly the frames the kernel ran, in order, so flow tables evolve alike.
      const ran = packets.filter((_, n) => got[n] !== '-' && !got[n].startsWith('E'));
      const ranKernel = got.filter((g) => g !== '-' && !g.startsWith('E')).map(Number);
      refused += got.filter((g) => g.startsWith('E')).length;
      // A VM table of 2^20 slots keeps the corpus's ~300 keys out of each other's probe
      // windows (spec 3.6 quirks); the kernel's 65536-entry LRU map never fills either.
      const table = f.program.usesFlowTable ? new FlowTable(1 << 20) : undefined;
      const want = vmVerdicts(f.program, ran, () => (mode === 'eth' ? XDP_PASS : 0x40000), table);
      for (let n = 0; n < ran.length; n++) {
        const expected = mode === 'eth' ? (want[n] === 0 ? XDP_DROP : XDP_PASS) : want[n];
        if (ranKernel[n] !== expected) assert.fail(`${f.name} ${prog} run ${n} (${ran[n].length} bytes): kernel ${ranKernel[n]}, VM ${expected}`);
      }
      compared += ran.length;
      const accepted = want.filter((v) => v !== 0).length;
      if (mode === 'eth') assert.ok(accepted > 0 && accepted < ran.length, `${f.name}: the corpus both passes and fails the filter (${accepted} accepted)`);
    }
  }
  t.diagnostic(`${compared} verdicts compared, ${refused} frames refused by BPF_PROG_TEST_RUN (size), ${filters.length} filters`);
});

test('what eBPF cannot express is a clear error with the pc', () => {
  const cases: [string, string, number, RegExp][] = [
    ['top:\nLD8 0\nPUSH 1\nJEQ top\nPUSH 0\nRET\n', 'ERR_TARGET_LOOP', 12, /backward jump/],
    ['PUSH 1\nCSUM\nADD\nRET\n', 'ERR_TARGET_UNSUPPORTED', 9, /CSUM/],
    ['IPV6_EXT 1\nRET\n', 'ERR_TARGET_UNSUPPORTED', 0, /IPV6_EXT/],
  ];
  for (const [source, code, pc, message] of cases) {
    try {
      compileEbpf(verifyProgram(assemble(source).bytes));
      assert.fail(`expected an error for ${source}`);
    } catch (e) {
      assert.ok(e instanceof CompileError, String(e));
      assert.equal(e.code, code);
      assert.equal(e.where.pc, pc);
      assert.match(e.message, message);
    }
  }
  const deep = Array.from({ length: 45 }, (_, n) => `LD8 ${n}`).join('\n') + '\n' + 'ADD\n'.repeat(44) + 'RET\n';
  try {
    compileEbpf(verifyProgram(assemble(deep).bytes));
    assert.fail('expected ERR_TARGET_SCRATCH');
  } catch (e) {
    assert.ok(e instanceof CompileError);
    assert.equal(e.code, 'ERR_TARGET_SCRATCH');
    assert.equal(e.where.pc, 44 * 3);
  }
});
