// Big sets: `(in FIELD v1 ... vN)` compiles to a binary search (codegen's setSearchMin), which
// must accept exactly what the plain chain of equality tests accepts (setSearchMin: Infinity),
// on every tier, for ports, IPv4 and IPv6 addresses, same-length prefixes and mixed lists, on
// packets carrying every member, its neighbours and random values, plus the bench mix. Also:
// the search tree runs O(log N) instructions, and a set too large for one program is a clear
// compile error.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileVflisp } from '../../../src/lang/compile.js';
import { FilterError } from '../../../src/diag/errors.js';
import { createFilter, detectTiers } from '../../../src/tiers/select.js';
import { verifyProgram } from '../../../src/verify/verify.js';
import { ether, ipv4, ipv6, tcp, udp } from '../../../src/packet/craft.js';
import { formatIpv4 } from '../../../src/util/inet.js';
import { BENCH_SEED, makeFrames } from '../../../bench/mix.js';
import { testSeed } from '../../helpers/seed.js';

const seed = testSeed('big sets');
let state = seed >>> 0 || 1;
function rnd(n: number): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) % n;
}

const tiers = detectTiers().filter((t) => t.available).map((t) => t.tier);
const mix = makeFrames(1500, BENCH_SEED);
const mixFrames = Array.from({ length: mix.count }, (_, k) => mix.data.subarray(mix.offsets[k], mix.offsets[k] + mix.lengths[k]));

function ports(n: number): number[] {
  const s = new Set<number>([0, 1, 65535]);
  while (s.size < n) s.add(rnd(65536));
  return [...s].slice(0, n);
}

function addrs4(n: number): number[] {
  const s = new Set<number>();
  while (s.size < n) s.add(((10 << 24) | (rnd(4) << 16) | (rnd(256) << 8) | rnd(256)) >>> 0);
  return [...s];
}

function v4bytes(a: number): number[] {
  return [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255];
}

function agree(text: string, packets: readonly Uint8Array[]): void {
  const search = verifyProgram(compileVflisp(text, '<expr>', { setTableMin: Infinity }).bytes);
  const chain = verifyProgram(compileVflisp(text, '<expr>', { setSearchMin: Infinity, setTableMin: Infinity }).bytes);
  assert.ok(search.insns.length !== chain.insns.length || text.length < 40, 'the search tree differs from the chain');
  for (const tier of tiers) {
    const a = createFilter(search, { tier });
    const b = createFilter(chain, { tier: 'interpreter' });
    let accepted = 0;
    for (const p of packets) {
      const want = b.exec(p);
      assert.equal(a.exec(p), want, `${tier}: ${text.slice(0, 60)}... on a ${p.length}-byte packet`);
      if (want === 1) accepted++;
    }
    assert.ok(accepted > 0 && accepted < packets.length, `the packets must hold members and non-members (${accepted} of ${packets.length})`);
  }
}

for (const n of [10, 100, 1000]) {
  test(`(in dst-port ...) with ${n} ports agrees with the plain chain on every tier`, () => {
    const set = ports(n);
    const probes = set.flatMap((v) => [v, (v + 1) & 0xffff, (v + 65535) & 0xffff]).slice(0, 1500);
    const packets = [...probes.map((v, k) => ether(0x0800, ipv4({ proto: k % 2 === 0 ? 6 : 17 }, k % 2 === 0 ? tcp(1000, v, 2) : udp(1000, v)))), ...mixFrames];
    agree(`(in dst-port ${set.join(' ')})`, packets);
    agree(`(and (= proto 6) (or (= src-port 7) (in dst-port ${set.join(' ')})))`, packets);
  });

  test(`(in src-ip ...) with ${n} IPv4 addresses and /24 prefixes agrees with the plain chain on every tier`, () => {
    const set = addrs4(n);
    const probes = set.flatMap((a) => [a, a + 1, a ^ 0x100]).slice(0, 1500);
    const packets = [...probes.map((a) => ether(0x0800, ipv4({ proto: 6, src: v4bytes(a >>> 0) }, tcp(1, 2, 2)))), ...mixFrames];
    agree(`(in src-ip ${set.map(formatIpv4).join(' ')})`, packets);
    agree(`(not (in src-ip ${set.map((a) => `${formatIpv4((a & 0xffffff00) >>> 0)}/24`).join(' ')} 192.0.2.1))`, packets);
  });
}

test('(in dst-ip ...) with 300 IPv6 addresses agrees with the plain chain on every tier', () => {
  const set = Array.from({ length: 300 }, () => Array.from({ length: 8 }, (_, k) => (k < 2 ? [0x2001, 0xdb8][k] : rnd(3))));
  const text = (w: number[]): string => w.map((x) => x.toString(16)).join(':');
  const bytes = (w: number[]): number[] => w.flatMap((x) => [x >> 8, x & 255]);
  const probes = set.flatMap((w) => [w, [...w.slice(0, 7), (w[7] + 1) & 0xffff]]);
  const packets = [...probes.map((w) => ether(0x86dd, ipv6(17, udp(5, 6), [], undefined, bytes(w)))), ...mixFrames];
  agree(`(in dst-ip ${set.map(text).join(' ')})`, packets);
});

test('a search over N values runs O(log N) instructions: at most 4 per level and one leaf', () => {
  for (const n of [16, 256, 2048]) {
    const set = ports(n);
    const program = verifyProgram(compileVflisp(`(in dst-port ${set.join(' ')})`, '<expr>', { setTableMin: Infinity }).bytes);
    assert.ok(program.maxPathLength !== undefined && program.maxPathLength <= 8 + 4 * Math.ceil(Math.log2(n)) + 4 * 6, `N=${n}: longest path ${program.maxPathLength}`);
  }
});

test('a set too large for one program (64 KiB) is a compile error, not a crash, when set tables are off', () => {
  const set = ports(6000);
  assert.throws(() => compileVflisp(`(in dst-port ${set.join(' ')})`, '<expr>', { setTableMin: Infinity }), (e: unknown) => e instanceof FilterError && /program too large|more than 65536 bytes/.test(e.message));
});
