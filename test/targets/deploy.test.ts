// The deployment guides of docs/targets.md, performed: libpcap's pcap_setfilter with the `dd`
// array (test/oracle/setfilter.c), iptables -m bpf with the README's exact recipe, XDP with
// `ip link set dev IF xdp obj f.o sec xdp` and with bpftool. The kernel ones run in a fresh
// network namespace (a veth pair, traffic on 127.0.0.1 only) and skip with the reason when
// not root or the kernel or a tool refuses; SO_ATTACH_FILTER is performed by cbpf.test.ts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileVflisp } from '../../src/lang/compile.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { Interpreter } from '../../src/vm/interpreter.js';
import { EXAMPLES_DIR, REPO_ROOT, TEST_DIR } from '../helpers/paths.js';
import { readAll } from '../helpers/capture.js';

const work = mkdtempSync(join(tmpdir(), 'vfm-deploy-'));
const VFM = join(REPO_ROOT, 'bin', 'vfm.js');
const run = (cmd: string, args: string[], input?: string) => spawnSync(cmd, args, { encoding: 'utf8', input, timeout: 30_000 });

test('libpcap: pcap_setfilter with the dd array accepts what the VM accepts', (t) => {
  const ddPath = join(work, 'filter.dd');
  const filter = join(EXAMPLES_DIR, 'web_filter.vfl');
  const dd = run(process.execPath, [VFM, 'compile', filter, '--target=cbpf', '--format', 'dd']);
  assert.equal(dd.status, 0, dd.stderr);
  writeFileSync(ddPath, dd.stdout);
  const exe = join(work, 'setfilter');
  const gcc = run('gcc', ['-O2', '-Wall', `-DFILTER="${ddPath}"`, '-o', exe, join(TEST_DIR, 'oracle', 'setfilter.c'), '-lpcap']);
  if (gcc.error !== undefined || gcc.status !== 0) {
    t.skip(`cannot build test/oracle/setfilter.c (install gcc and libpcap-dev): ${(gcc.stderr ?? gcc.error?.message ?? '').split('\n')[0]}`);
    return;
  }
  const sample = join(EXAMPLES_DIR, 'sample.pcap');
  const got = run(exe, [sample]);
  assert.equal(got.status, 0, got.stderr);
  const vm = new Interpreter(verifyProgram(compileVflisp(readFileSync(filter, 'utf8')).bytes));
  const { packets } = readAll(new Uint8Array(readFileSync(sample)));
  const accepted = packets.filter((p) => vm.exec(p.data) === 1).length;
  assert.ok(accepted > 0 && accepted < packets.length);
  assert.equal(Number(got.stdout.trim()), accepted);
});

/** A fresh network namespace with lo up, or the reason it cannot be made. */
function namespace(name: string): { exec: (args: string[], input?: string) => ReturnType<typeof run>; close: () => void } | string {
  if (process.getuid?.() !== 0) return 'not root: network namespaces, iptables and XDP need CAP_NET_ADMIN and CAP_BPF';
  const made = run('ip', ['netns', 'add', name]);
  if (made.error !== undefined || made.status !== 0) return `ip netns add failed: ${(made.stderr ?? made.error?.message ?? '').trim()}`;
  const exec = (args: string[], input?: string) => run('ip', ['netns', 'exec', name, ...args], input);
  exec(['ip', 'link', 'set', 'lo', 'up']);
  return { exec, close: () => void run('ip', ['netns', 'del', name]) };
}

/** Inside the namespace: UDP datagrams to 127.0.0.1 ports 9998 and 9999; prints the ports that received one. */
const UDP_PROBE = `
const dgram = require('node:dgram');
const got = [];
for (const port of [9998, 9999]) { const s = dgram.createSocket('udp4'); s.on('message', () => got.push(port)); s.bind(port, '127.0.0.1'); }
setTimeout(() => { const c = dgram.createSocket('udp4'); for (const p of [9998, 9999]) c.send('x', p, '127.0.0.1'); setTimeout(() => { console.log(got.sort().join(' ')); process.exit(0); }, 300); }, 150);
`;
const probe = (exec: (args: string[]) => ReturnType<typeof run>): string => {
  const r = exec([process.execPath, '-e', UDP_PROBE]);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
};

test("iptables -m bpf: the README's recipe, literally, matches what the filter says", (t) => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const recipe = readme.split('\n').find((l) => l.startsWith('iptables -A INPUT -m bpf'));
  assert.ok(recipe !== undefined, 'the README has an iptables -m bpf recipe');
  if (run('iptables', ['--version']).error !== undefined) {
    t.skip('iptables is not installed (Debian package iptables)');
    return;
  }
  const ns = namespace(`vfm-ipt-${process.pid}`);
  if (typeof ns === 'string') {
    t.skip(ns);
    return;
  }
  try {
    // The recipe accepts web traffic; here it drops UDP to port 9999 instead.
    const filter = join(work, 'udp-9999.vfl');
    writeFileSync(filter, '(and (= proto 17) (= dst-port 9999))\n');
    const command = recipe.replace(/\bvfm compile web\.vfl\b/, `'${process.execPath}' '${VFM}' compile '${filter}'`).replace(/-j ACCEPT$/, '-j DROP');
    assert.notEqual(command, recipe);
    const added = ns.exec(['bash', '-c', command]);
    if (added.status !== 0 && /Protocol not supported|No chain|can't initialize|Operation not supported/i.test(added.stderr)) {
      t.skip(`the kernel has no xt_bpf here: ${added.stderr.trim()}`);
      return;
    }
    assert.equal(added.status, 0, `${command}\n${added.stderr}`);
    assert.equal(probe(ns.exec), '9998', 'the datagram to 9999 is dropped, the one to 9998 delivered');
    const counters = ns.exec(['iptables', '-L', 'INPUT', '-v', '-x', '-n']).stdout;
    assert.match(counters, /^\s*1\s+\d+\s+DROP\s.*match bpf/m, counters);
  } finally {
    ns.close();
  }
});

function compileXdp(source: string): string {
  const vfl = join(work, 'xdp.vfl');
  writeFileSync(vfl, source);
  const obj = join(work, 'xdp.o');
  const r = run(process.execPath, [VFM, 'compile', vfl, '--target=ebpf', '-o', obj]);
  assert.equal(r.status, 0, r.stderr);
  return obj;
}

test('XDP: ip link set dev IF xdp obj f.o sec xdp (a veth pair, and lo for the traffic)', (t) => {
  const ns = namespace(`vfm-xdp-${process.pid}`);
  if (typeof ns === 'string') {
    t.skip(ns);
    return;
  }
  try {
    const obj = compileXdp('(not (and (= proto 17) (= dst-port 9999)))\n');
    assert.equal(ns.exec(['ip', 'link', 'add', 'vfm0', 'type', 'veth', 'peer', 'name', 'vfm1']).status, 0);
    const veth = ns.exec(['ip', 'link', 'set', 'dev', 'vfm0', 'xdp', 'obj', obj, 'sec', 'xdp']);
    if (veth.status !== 0) {
      t.skip(`the kernel refuses the XDP program: ${veth.stderr.trim().split('\n')[0]}`);
      return;
    }
    assert.match(ns.exec(['ip', 'link', 'show', 'dev', 'vfm0']).stdout, /prog\/xdp id \d+ name vfm_xdp/);
    // Traffic stays on loopback: the same object in generic mode on lo.
    assert.equal(probe(ns.exec), '9998 9999', 'without the program both arrive');
    const lo = ns.exec(['ip', 'link', 'set', 'dev', 'lo', 'xdpgeneric', 'obj', obj, 'sec', 'xdp']);
    assert.equal(lo.status, 0, lo.stderr);
    assert.equal(probe(ns.exec), '9998', 'XDP drops the datagram to 9999');
    assert.equal(ns.exec(['ip', 'link', 'set', 'dev', 'lo', 'xdpgeneric', 'off']).status, 0);
    assert.equal(probe(ns.exec), '9998 9999');
  } finally {
    ns.close();
  }
});

test('XDP with bpftool: prog loadall, net attach, net detach (a private bpffs)', (t) => {
  if (run('bpftool', ['version']).error !== undefined) {
    t.skip('bpftool is not installed (Debian package bpftool)');
    return;
  }
  const ns = namespace(`vfm-bpftool-${process.pid}`);
  if (typeof ns === 'string') {
    t.skip(ns);
    return;
  }
  try {
    const obj = compileXdp('(not (and (= proto 17) (= dst-port 9999)))\n');
    // A mount namespace of its own: the bpffs and its pins go away with the shell.
    const script = [
      'set -e',
      'd=$(mktemp -d)',
      'mount -t bpf bpf "$d"',
      `bpftool prog loadall '${obj}' "$d/vfm"`,
      'bpftool net attach xdpgeneric pinned "$d/vfm/vfm_xdp" dev lo',
      'bpftool net show dev lo',
      `'${process.execPath}' -e "$PROBE"`,
      'bpftool net detach xdpgeneric dev lo',
      `'${process.execPath}' -e "$PROBE"`,
    ].join('\n');
    const r = spawnSync('ip', ['netns', 'exec', `vfm-bpftool-${process.pid}`, 'unshare', '-m', 'bash', '-c', script], { encoding: 'utf8', env: { ...process.env, PROBE: UDP_PROBE }, timeout: 30_000 });
    if (r.status !== 0 && /mount|unshare/.test(r.stderr)) {
      t.skip(`cannot mount a private bpffs here: ${r.stderr.trim().split('\n')[0]}`);
      return;
    }
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(r.stdout, /lo\(\d+\) generic id \d+/);
    assert.deepEqual(lines.slice(-2), ['9998', '9998 9999'], 'dropped while attached, delivered after detach');
  } finally {
    ns.close();
  }
});
