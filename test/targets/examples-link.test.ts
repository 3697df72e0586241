// Every example filter with `--link ip` (iptables -m bpf, raw sockets, DLT_RAW): it compiles,
// or it is refused because it really needs link-layer fields (MAC addresses, VLAN tags), with a
// message that says so. One expectation per example, checked one by one; the compiled ones
// give the VM's verdicts through libpcap's bpf_filter on the IP view of the Ethernet corpus.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CBPF_SNAP_ACCEPT, compileCbpf, formatCbpfDecimal } from '../../src/targets/cbpf/index.js';
import { compileEbpf } from '../../src/targets/ebpf/index.js';
import { compileVflisp } from '../../src/lang/compile.js';
import { assemble } from '../../src/asm/assemble.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { CompileError } from '../../src/diag/errors.js';
import { parseHex } from '../../src/util/bytes.js';
import { EXAMPLES_DIR } from '../helpers/paths.js';
import { buildOracle, etherCaptures, runOracle } from '../helpers/oracle.js';
import { vmVerdicts } from '../helpers/target-filters.js';

/** What --link ip does with each example: 'ok', or the kind of link-layer field that makes it refuse. */
const EXPECTED: Record<string, 'ok' | 'vlan' | 'mac'> = {
  'accept_all.vfm': 'ok',
  'arithmetic_demo.vfl': 'ok',
  'arithmetic_example.vfm': 'ok',
  'complex_filter.vfl': 'ok',
  'dns_amplification_filter.vfm': 'ok',
  'ip_filter.vfl': 'ok',
  'ipv6_filter.vfl': 'ok',
  'ipv6_filter.vfm': 'ok',
  'port_range.vfl': 'ok',
  'simple_filter.vfm': 'ok',
  'tcp_filter.vfl': 'ok',
  'tcp_port_filter.vfm': 'ok',
  'tcp_syn_filter.vfl': 'ok',
  'tcp_syn_filter.vfm': 'ok',
  'vlan_filter.vfl': 'vlan',
  'web_filter.vfl': 'ok',
};
const REFUSAL = { vlan: /VLAN (id|tags).*stripped before a --link ip consumer/, mac: /MAC addresses/ } as const;

const examples = readdirSync(EXAMPLES_DIR)
  .filter((f) => f.endsWith('.vfl') || f.endsWith('.vfm'))
  .sort()
  .map((f) => {
    const text = readFileSync(join(EXAMPLES_DIR, f), 'utf8');
    return { name: f, program: verifyProgram(f.endsWith('.vfl') ? compileVflisp(text, f).bytes : assemble(text, f).bytes) };
  });

test('every example has an expectation', () => {
  assert.deepEqual(examples.map((e) => e.name), Object.keys(EXPECTED).sort());
});

for (const { name, program } of examples) {
  const want = EXPECTED[name];
  test(`--link ip: ${name} ${want === 'ok' ? 'compiles' : `is refused (${want})`}`, () => {
    for (const compile of [() => compileCbpf(program, { link: 'ip' }), () => compileEbpf(program, { link: 'ip' })]) {
      if (want === 'ok') {
        compile();
        continue;
      }
      assert.throws(compile, (e: unknown) => e instanceof CompileError && e.code === 'ERR_TARGET_LINK' && REFUSAL[want].test(e.message));
    }
  });
}

const oracle = buildOracle('cbpf-oracle', ['-lpcap']);

test('the examples compiled with --link ip give the VM verdicts through libpcap', { skip: oracle.skip }, (t) => {
  const captures = etherCaptures();
  const packets = runOracle(oracle.path!, ['dump', ...captures])
    .replace(/\n$/, '')
    .split('\n')
    .map((h) => (h === '' ? new Uint8Array(0) : parseHex(h)!));
  const work = mkdtempSync(join(tmpdir(), 'vfm-examples-ip-'));
  let compared = 0;
  for (const { name, program } of examples) {
    if (EXPECTED[name] !== 'ok') continue;
    const path = join(work, `${name}.ddd`);
    writeFileSync(path, formatCbpfDecimal(compileCbpf(program, { link: 'ip' }).insns));
    const got = runOracle(oracle.path!, ['run-ip', path, ...captures]).replace(/\n$/, '').split('\n');
    const vm = vmVerdicts(program, packets, () => CBPF_SNAP_ACCEPT);
    got.forEach((v, n) => {
      if (v === '-') return;
      compared++;
      if (Number(v) !== vm[n]) assert.fail(`${name} packet ${n}: bpf_filter ${v}, VM ${vm[n]}`);
    });
  }
  t.diagnostic(`${compared} verdicts compared`);
});
