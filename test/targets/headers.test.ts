// The header walk (PARSE, HDR) on both targets, on crafted frames at its edges: 0-9 VLAN tags,
// tags without room, IPv4 options and fragments, IPv6 with 0-9 extension headers, AH lengths,
// fragment headers, truncation at every interesting length. Every HDR selector is returned
// (masked to 20 bits, plus 1 so that 0 is visible) through libpcap's bpf_filter and the kernel's test runs.

import { test } from 'node:test';
import { CompileError } from '../../src/diag/errors.js';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PcapWriter } from '../../src/capture/writer.js';
import { ether, ipv4, ipv6, tcp, udp } from '../../src/packet/craft.js';
import { assemble } from '../../src/asm/assemble.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { compileCbpf, formatCbpfDecimal, type LinkMode } from '../../src/targets/cbpf/index.js';
import { compileEbpf } from '../../src/targets/ebpf/index.js';
import { buildOracle, runOracle } from '../helpers/oracle.js';
import { vmVerdicts } from '../helpers/target-filters.js';

const work = mkdtempSync(join(tmpdir(), 'vfm-headers-'));
const cbpfOracle = buildOracle('cbpf-oracle', ['-lpcap']);
const ebpfOracle = buildOracle('ebpf-oracle', ['-lpcap', '/usr/lib/x86_64-linux-gnu/libbpf.so.1']);

function frames(): Uint8Array[] {
  const out: Uint8Array[] = [];
  const seg = tcp(1234, 80, 0x02, [1, 2, 3, 4]);
  for (let tags = 0; tags <= 9; tags++) {
    const f = ether(0x0800, ipv4({ proto: 6 }, seg), Array.from({ length: tags }, (_, k) => 100 + k));
    out.push(f);
    for (const cut of [12 + 4 * tags, 14 + 4 * tags, 15 + 4 * tags, 33 + 4 * tags, 34 + 4 * tags]) out.push(f.subarray(0, cut));
  }
  out.push(ether(0x0800, ipv4({ proto: 17, options: [1, 1, 1, 1, 1, 1, 1, 0] }, udp(53, 5353, [9]))));
  out.push(ether(0x0800, ipv4({ proto: 17, fragOffset: 0, moreFragments: true }, udp(1, 2))));
  out.push(ether(0x0800, ipv4({ proto: 17, fragOffset: 3 }, udp(1, 2))));
  const opt = { type: 60, body: [1, 4, 0, 0, 0, 0] };
  for (let n = 0; n <= 9; n++) {
    const f = ether(0x86dd, ipv6(6, seg, new Array(n).fill(opt)));
    out.push(f, f.subarray(0, 54 + 8 * n), f.subarray(0, 53 + 8 * n));
  }
  out.push(ether(0x86dd, ipv6(17, udp(7, 8), [{ type: 51, body: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }])));
  out.push(ether(0x86dd, ipv6(17, udp(7, 8), [{ type: 44, body: [0x00, 0x01, 0, 0, 0, 7] }])));
  out.push(ether(0x86dd, ipv6(17, udp(7, 8), [{ type: 44, body: [0x00, 0x09, 0, 0, 0, 7] }])));
  out.push(ether(0x86dd, ipv6(59, new Uint8Array(0))));
  out.push(ether(0x86dd, ipv6(58, new Uint8Array([128, 0, 0, 0])), [5]));
  out.push(ether(0x0806, new Uint8Array(28)));
  out.push(ether(0x88a8, new Uint8Array([0, 5, 0x81, 0x00, 0, 6, 0x08, 0x00, ...ipv4({ proto: 6 }, seg)])));
  return out;
}

function writeCapture(packets: readonly Uint8Array[]): string {
  const chunks: Uint8Array[] = [];
  const w = new PcapWriter((c) => chunks.push(c.slice()));
  for (const p of packets) w.writePacket(p);
  w.flush();
  const path = join(work, 'walk.pcap');
  writeFileSync(path, Buffer.concat(chunks));
  return path;
}

/** vlan-tags and vlan-id: refused with --link ip (the tags are gone by then). */
const VLAN_SELECTORS = new Set([2, 6]);

/** HDR n + 1, or PARSE + 1 for n = -1. */
const selectorProgram = (n: number): string => `${n < 0 ? 'PARSE' : `HDR ${n}`}\nPUSH 0xFFFFF\nAND\nPUSH 1\nADD\nRET\n`;

test('HDR selectors 0-11 and PARSE through libpcap equal the VM, both link modes', { skip: cbpfOracle.skip }, () => {
  const packets = frames();
  const capture = writeCapture(packets);
  for (let n = -1; n <= 11; n++) {
    const program = verifyProgram(assemble(selectorProgram(n)).bytes);
    const want = vmVerdicts(program, packets, (_hi, lo) => lo);
    for (const link of ['ethernet', 'ip'] as LinkMode[]) {
      if (link === 'ip' && VLAN_SELECTORS.has(n)) {
        assert.throws(() => compileCbpf(program, { link }), (e: unknown) => e instanceof CompileError && e.code === 'ERR_TARGET_LINK' && /VLAN/.test(e.message));
        continue;
      }
      const path = join(work, `hdr${n}-${link}.ddd`);
      writeFileSync(path, formatCbpfDecimal(compileCbpf(program, { link, accept: 'value' }).insns));
      const got = runOracle(cbpfOracle.path!, [link === 'ip' ? 'run-ip' : 'run', path, capture]).trim().split('\n');
      got.forEach((v, k) => {
        if (v === '-') return;
        assert.equal(Number(v), want[k], `selector ${n} --link ${link} frame ${k} (${packets[k].length} bytes)`);
      });
    }
  }
});

test('HDR selectors through the kernel (XDP and socket test runs) equal the VM', { skip: ebpfOracle.skip }, (t) => {
  const packets = frames().filter((p) => p.length >= 14);
  const capture = writeCapture(packets);
  const probe = join(work, 'probe.o');
  writeFileSync(probe, compileEbpf(verifyProgram(assemble('PUSH 1\nRET\n').bytes)).elf);
  if (spawnSync(ebpfOracle.path!, [probe], { encoding: 'utf8' }).stdout.trim() !== 'loaded') {
    t.skip('the kernel refuses to load BPF programs here');
    return;
  }
  for (let n = -1; n <= 11; n++) {
    const program = verifyProgram(assemble(selectorProgram(n)).bytes);
    const want = vmVerdicts(program, packets, (_hi, lo) => lo);
    const path = join(work, `hdr${n}.o`);
    // VLAN selectors are refused for the --link ip socket filter; XDP sees them.
    const vlan = VLAN_SELECTORS.has(n);
    writeFileSync(path, compileEbpf(program, { link: vlan ? 'ethernet' : 'ip', accept: 'value' }).elf);
    const xdp = runOracle(ebpfOracle.path!, [path, 'vfm_xdp', 'eth', capture]).trim().split('\n');
    xdp.forEach((v, k) => assert.equal(Number(v), want[k] === 0 ? 1 : 2, `XDP selector ${n} frame ${k}`));
    if (vlan) continue;
    const sock = runOracle(ebpfOracle.path!, [path, 'vfm_socket', 'ip', capture]).trim().split('\n');
    sock.forEach((v, k) => {
      if (v !== '-' && !v.startsWith('E')) assert.equal(Number(v), want[k], `socket selector ${n} frame ${k}`);
    });
  }
});
