// `vfm compile`: golden `--format d` listings for the differential filters, the other
// formats, the eBPF object and listing, and the errors (exit 1 with file, pc and code).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { assertGolden } from '../helpers/golden.js';
import { EBPF_FILTER_DIR, TARGET_FILTER_DIR } from '../helpers/target-filters.js';
import { parseCbpfDecimal } from '../../src/targets/cbpf/index.js';

const work = mkdtempSync(join(tmpdir(), 'vfm-compile-'));

test('--format d matches the golden listings', async () => {
  const names = readdirSync(TARGET_FILTER_DIR).filter((f) => f.endsWith('.vfm') || f.endsWith('.vfl'));
  assert.ok(names.length >= 20);
  for (const f of names) {
    const r = await runCli(['compile', join(TARGET_FILTER_DIR, f), '--target=cbpf', '--format', 'd']);
    assert.equal(r.code, 0, r.stderr);
    assertGolden(`targets/${f.replace(/\.vf[ml]$/, '.d')}`, r.stdout);
  }
  const ip = await runCli(['compile', join(TARGET_FILTER_DIR, 'tcp-syn.vfm'), '--target=cbpf', '--format=d', '--link=ip']);
  assertGolden('targets/tcp-syn.ip.d', ip.stdout);
});

test('ddd, dd and json describe the same instructions', async () => {
  const path = join(TARGET_FILTER_DIR, 'tcp-syn.vfm');
  const ddd = await runCli(['compile', path, '--target=cbpf']);
  const insns = parseCbpfDecimal(ddd.stdout);
  assert.ok(Array.isArray(insns), String(insns));
  assert.deepEqual(insns[0], { code: 0x28, jt: 0, jf: 0, k: 12 });
  const dd = await runCli(['compile', path, '--target=cbpf', '--format=dd']);
  assert.equal(dd.stdout.split('\n')[0], '{ 0x28, 0, 0, 0x0000000c },');
  assert.equal(dd.stdout.trim().split('\n').length, insns.length);
  const json = JSON.parse((await runCli(['compile', path, '--target=cbpf', '--format=json'])).stdout);
  assert.equal(json.target, 'cbpf');
  assert.deepEqual(json.insns, insns);
  // What iptables -m bpf --bytecode takes: the ddd lines joined with commas.
  assert.deepEqual(parseCbpfDecimal(ddd.stdout.trim().split('\n').join(',')), insns);
});

test('ebpf: ELF object to a file, listing golden', async () => {
  const out = join(work, 'flow.o');
  const r = await runCli(['compile', join(EBPF_FILTER_DIR, 'flow-count.vfm'), '--target=ebpf', '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  const elf = readFileSync(out);
  assert.deepEqual([...elf.subarray(0, 4)], [0x7f, 0x45, 0x4c, 0x46]);
  assert.equal(elf.readUInt16LE(18), 247, 'EM_BPF');
  const listing = await runCli(['compile', join(EBPF_FILTER_DIR, 'flow-count.vfm'), '--target=ebpf', '--format=listing']);
  assertGolden('targets/flow-count.ebpf.txt', listing.stdout);
});

test('errors: what the target cannot express, bad usage', async () => {
  const src = join(work, 'hash.vfm');
  writeFileSync(src, 'PUSH 1\nHASH5\nRET\n');
  const r = await runCli(['compile', src, '--target=cbpf']);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /hash\.vfm: pc 9: error ERR_TARGET_UNSUPPORTED: HASH5 is not expressible in classic BPF/);
  const mac = await runCli(['compile', join(TARGET_FILTER_DIR, 'mac-broadcast.vfm'), '--target=cbpf', '--link=ip']);
  assert.equal(mac.code, 1);
  assert.match(mac.stderr, /pc 0: error ERR_TARGET_LINK: load of 4 bytes at offset 4 reads the Ethernet MAC addresses/);
  assert.equal((await runCli(['compile', src])).code, 2);
  assert.equal((await runCli(['compile', src, '--target=cbpf', '--format=elf'])).code, 2);
  assert.equal((await runCli(['compile', src, '--target=ebpf', '--link=ppp'])).code, 2);
});
