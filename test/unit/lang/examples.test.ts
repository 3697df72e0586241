// Every examples/*.vfl compiles, verifies and does what its comment says on crafted packets;
// `vfm run` accepts the files directly.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileVflisp } from '../../../src/lang/compile.js';
import { verifyProgram } from '../../../src/verify/verify.js';
import { createFilter } from '../../../src/tiers/select.js';
import { toHex } from '../../../src/util/bytes.js';
import { EXAMPLES_DIR } from '../../helpers/paths.js';
import { runCli } from '../../helpers/cli.js';
import { P1, P2, P3, P4, buildFrame, icmp, tcp, udp } from '../../helpers/vflisp-packets.js';

const v6 = (last: number): number[] => [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, last];
const SYN = 0x02;
const SYNACK = 0x12;

// [example, description, frame, accepted?]
const CASES: Record<string, [string, Uint8Array, boolean][]> = {
  tcp_filter: [
    ['IPv4 TCP', P1, true],
    ['IPv6 TCP', P3, true],
    ['IPv4 TCP with options in a VLAN', buildFrame({ ip: 4, vlans: [7], options: [1, 1, 1, 0], proto: 6, l4: tcp(1, 2, SYN) }), true],
    ['IPv6 TCP after a hop-by-hop header', buildFrame({ ip: 6, hopByHop: true, proto: 6, l4: tcp(1, 2, SYN) }), true],
    ['UDP', P2, false],
    ['ARP', P4, false],
  ],
  web_filter: [
    ['TCP to 80', P1, true],
    ['IPv6 TCP to 443', P3, true],
    ['TCP to 8080', buildFrame({ ip: 4, proto: 6, l4: tcp(5000, 8080, SYN) }), false],
    ['UDP to 443 (QUIC)', buildFrame({ ip: 4, proto: 17, l4: udp(5000, 443) }), false],
    ['TCP from 80', buildFrame({ ip: 4, proto: 6, l4: tcp(80, 5000, SYNACK) }), false],
  ],
  port_range: [
    ['UDP to 1000', buildFrame({ ip: 4, proto: 17, l4: udp(1, 1000) }), true],
    ['TCP to 2000', buildFrame({ ip: 4, proto: 6, l4: tcp(1, 2000, SYN) }), true],
    ['SCTP to 1500', buildFrame({ ip: 4, proto: 132, l4: [0, 1, 5, 220, 0, 0, 0, 0, 0, 0, 0, 0] }), true],
    ['TCP to 2001', buildFrame({ ip: 4, proto: 6, l4: tcp(1, 2001, SYN) }), false],
    ['TCP to 999', buildFrame({ ip: 4, proto: 6, l4: tcp(1, 999, SYN) }), false],
    ['non-first fragment', buildFrame({ ip: 4, proto: 17, frag: 0x0010, l4: udp(1, 1500) }), false],
    ['ICMP', buildFrame({ ip: 4, proto: 1, l4: icmp(8, 0) }), false],
  ],
  ip_filter: [
    ['from 192.168.1.100', P1, true],
    ['from 10.200.3.4', buildFrame({ ip: 4, src: [10, 200, 3, 4], proto: 17, l4: udp(1, 2) }), true],
    ['from 192.168.2.1', buildFrame({ ip: 4, src: [192, 168, 2, 1], proto: 17, l4: udp(1, 2) }), false],
    ['from 8.8.8.8', P2, false],
    ['ARP from 192.168.1.100', P4, false],
  ],
  tcp_syn_filter: [
    ['SYN', P1, true],
    ['IPv6 SYN', P3, true],
    ['SYN-ACK', buildFrame({ ip: 4, proto: 6, l4: tcp(80, 1234, SYNACK) }), false],
    ['UDP', P2, false],
    ['ARP', P4, false],
  ],
  complex_filter: [
    ['SSH from 10.1.2.3', buildFrame({ ip: 4, src: [10, 1, 2, 3], proto: 6, l4: tcp(40000, 22, SYN) }), true],
    ['SSH from 10.2.0.1', buildFrame({ ip: 4, src: [10, 2, 0, 1], proto: 6, l4: tcp(40000, 22, SYN) }), false],
    ['HTTPS from anywhere (IPv6)', P3, true],
    ['HTTP', P1, false],
    ['UDP to 443', buildFrame({ ip: 4, proto: 17, l4: udp(1, 443) }), false],
  ],
  arithmetic_demo: [
    ['TCP to 80, 40-byte datagram', buildFrame({ ip: 4, proto: 6, l4: tcp(1, 80, SYN) }), false],
    ['UDP to 40000, 600-byte datagram', P2, true],
    ['UDP to 40000, 28-byte datagram', buildFrame({ ip: 4, proto: 17, l4: udp(1, 40000) }), false],
    ['TCP to 8080 with payload', buildFrame({ ip: 4, proto: 6, l4: [...tcp(1, 8080, 0x18), ...new Array<number>(30).fill(0)] }), true],
    ['IPv6 TCP to 443', P3, false],
  ],
  ipv6_filter: [
    ['2001:db8::1 -> 2001:db8::2', P3, true],
    ['2001:db8::1 -> 2001:db8::53', buildFrame({ ip: 6, dst: v6(0x53), proto: 6, l4: tcp(1, 53, SYN) }), false],
    ['fe80::1 echo request', buildFrame({ ip: 6, src: [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], proto: 58, l4: icmp(128, 0) }), true],
    ['fe80::1 echo reply', buildFrame({ ip: 6, src: [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], proto: 58, l4: icmp(129, 0) }), false],
    ['IPv4', P1, false],
  ],
  vlan_filter: [
    ['DNS query in VLAN 100', buildFrame({ ip: 4, vlans: [100], proto: 17, l4: udp(5353, 53) }), true],
    ['QinQ: outer tag 100, inner tag 7', buildFrame({ ip: 4, vlans: [100, 7], proto: 17, l4: udp(5353, 53) }), true],
    ['IPv6 DNS query in VLAN 100', buildFrame({ ip: 6, vlans: [100], proto: 17, l4: udp(5353, 53) }), true],
    ['DNS query in VLAN 200', buildFrame({ ip: 4, vlans: [200], proto: 17, l4: udp(5353, 53) }), false],
    ['untagged DNS query', buildFrame({ ip: 4, proto: 17, l4: udp(5353, 53) }), false],
    ['TCP DNS in VLAN 100', buildFrame({ ip: 4, vlans: [100], proto: 6, l4: tcp(5353, 53, SYN) }), false],
  ],
};

test('every example file has test cases', () => {
  const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.vfl')).map((f) => f.slice(0, -4)).sort();
  assert.deepEqual(files, Object.keys(CASES).sort());
});

for (const [name, cases] of Object.entries(CASES)) {
  test(`examples/${name}.vfl does what its comment says`, () => {
    const text = readFileSync(join(EXAMPLES_DIR, `${name}.vfl`), 'utf8');
    assert.match(text, /^; /, 'starts with a comment');
    const filter = createFilter(verifyProgram(compileVflisp(text, `${name}.vfl`).bytes));
    for (const [what, frame, accepted] of cases) {
      const r = filter.run(frame);
      assert.notEqual(r.kind, 'fault', `${what}: fault`);
      assert.equal(r.kind === 'accept', accepted, `${name}: ${what} (${toHex(frame)})`);
    }
  });
}

test('vfm run and vfm verify take .vfl files', async () => {
  const file = join(EXAMPLES_DIR, 'web_filter.vfl');
  const ok = await runCli(['run', file, '--packet', toHex(P1)]);
  assert.equal(ok.stdout, 'accept 1\n');
  const drop = await runCli(['run', file, '--packet', toHex(P4)]);
  assert.equal(drop.stdout, 'drop\n');
  const v = await runCli(['verify', file]);
  assert.equal(v.code, 0);
  assert.match(v.stdout, /valid/);
});

/** A classic little-endian pcap file (Ethernet) holding `frames`. */
function pcapOf(frames: readonly Uint8Array[]): Uint8Array {
  const parts: number[] = [];
  const u32 = (v: number): void => void parts.push(v & 255, (v >>> 8) & 255, (v >>> 16) & 255, v >>> 24);
  const u16 = (v: number): void => void parts.push(v & 255, v >>> 8);
  u32(0xa1b2c3d4);
  u16(2);
  u16(4);
  u32(0);
  u32(0);
  u32(65535);
  u32(1);
  for (const f of frames) {
    u32(0);
    u32(0);
    u32(f.length);
    u32(f.length);
    parts.push(...f);
  }
  return new Uint8Array(parts);
}

test('vfm test runs a .vfl filter over a capture', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vfl-'));
  try {
    const cap = join(dir, 'four.pcap');
    writeFileSync(cap, pcapOf([P1, P2, P3, P4]));
    const r = await runCli(['test', join(EXAMPLES_DIR, 'tcp_filter.vfl'), cap]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Total packets: +4\n/);
    assert.match(r.stdout, /Accepted: +2 /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
