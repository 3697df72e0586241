// The stateful examples (examples/stateful/) as eBPF: each compiles to an XDP program and a
// socket filter that the kernel verifier accepts (TSTAMP through bpf_ktime_get_boot_ns, the
// flow table as an LRU hash map), and BPF_PROG_TEST_RUN gives the VM's verdicts packet by
// packet on the example's attack capture. Capture time (the VM) and arrival time (the kernel)
// differ, so the run uses the example with every window widened to an hour: the whole
// capture falls in one window for the VM, and the test run in one window for the kernel, so
// time changes no verdict and the floods are still caught.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileVflisp } from '../../src/lang/compile.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { compileEbpf } from '../../src/targets/ebpf/index.js';
import { XDP_DROP, XDP_PASS } from '../../src/targets/ebpf/lower.js';
import { Interpreter } from '../../src/vm/interpreter.js';
import { FlowTable } from '../../src/vm/flow-table.js';
import { NS, nsHalves } from '../../src/capture/timestamp.js';
import { EXAMPLES_DIR } from '../helpers/paths.js';
import { readAll } from '../helpers/capture.js';
import { buildOracle, runOracle } from '../helpers/oracle.js';

const DIR = join(EXAMPLES_DIR, 'stateful');
const EXAMPLES = readdirSync(DIR).filter((f) => f.endsWith('.vfl')).sort();
const oracle = buildOracle('ebpf-oracle', ['-lpcap', '/usr/lib/x86_64-linux-gnu/libbpf.so.1']);
const work = mkdtempSync(join(tmpdir(), 'vfm-stateful-ebpf-'));

/** The example with every window (1s, 5m, ...) widened to one hour. */
const widened = (source: string): string => source.replace(/\b\d+(ms|s|m)\b(?=\))/g, '1h');

function kernelSkip(): string | undefined {
  if (oracle.skip !== undefined) return oracle.skip;
  const probe = join(work, 'probe.o');
  writeFileSync(probe, compileEbpf(verifyProgram(compileVflisp('(<= (rate-by src-ip 1s) 100)').bytes)).elf);
  const r = spawnSync(oracle.path!, [probe], { encoding: 'utf8' });
  return r.stdout.trim() === 'loaded' ? undefined : `the kernel refuses to load BPF programs here (${(r.stdout + r.stderr).trim().split('\n')[0]}); run as root`;
}
const skip = kernelSkip();

test('the four stateful examples are there, and each has a window to widen', () => {
  assert.deepEqual(EXAMPLES, ['dns_amplification.vfl', 'port_scan.vfl', 'rate_limit.vfl', 'syn_flood.vfl']);
  for (const f of EXAMPLES) {
    const source = readFileSync(join(DIR, f), 'utf8');
    if (f !== 'dns_amplification.vfl') assert.notEqual(widened(source), source, f);
  }
});

for (const file of EXAMPLES) {
  const name = file.replace(/\.vfl$/, '');
  test(`${file}: XDP and socket filter load through the kernel verifier; XDP verdicts equal the VM's on ${name}.pcap`, { skip }, (t) => {
    const source = readFileSync(join(DIR, file), 'utf8');
    // As written: both programs load (libbpf creates the LRU map, the verifier checks both).
    const original = compileEbpf(verifyProgram(compileVflisp(source, file).bytes), { link: 'ip', flowTableSize: 4096 });
    assert.equal(original.flowTableSize, 4096);
    const path = join(work, `${name}.o`);
    writeFileSync(path, original.elf);
    assert.equal(runOracle(oracle.path!, [path]).trim(), 'loaded');

    const program = verifyProgram(compileVflisp(widened(source), file).bytes);
    const wide = join(work, `${name}-wide.o`);
    writeFileSync(wide, compileEbpf(program, { link: 'ip' }).elf);
    const capture = join(DIR, `${name}.pcap`);
    const got = runOracle(oracle.path!, [wide, 'vfm_xdp', 'eth', capture]).trimEnd().split('\n');
    const { packets, error } = readAll(new Uint8Array(readFileSync(capture)));
    assert.equal(error, undefined);
    assert.equal(got.length, packets.length, 'one kernel verdict per packet');
    const vm = new Interpreter(program, { flowTable: new FlowTable(65536) });
    let dropped = 0;
    packets.forEach((p, n) => {
      nsHalves(p.sec, p.nsec);
      const want = vm.exec(p.data, NS.hi, NS.lo) === 1 ? XDP_PASS : XDP_DROP;
      if (want === XDP_DROP) dropped++;
      assert.equal(Number(got[n]), want, `packet ${n + 1}: kernel ${got[n]}, VM ${want}`);
    });
    assert.ok(dropped > 0 && dropped < packets.length, `the attack is caught and the rest passes (${dropped} of ${packets.length} dropped)`);
    t.diagnostic(`${packets.length} verdicts equal, ${dropped} dropped`);
  });
}
