// Set tables (INSET/INSET128) on the kernel targets, differentially against the VM: seeded
// random sets of ports, IPv4 addresses and prefixes, IPv6 addresses and prefixes, of 64 and
// 1,000 entries and the largest that fits classic BPF's 4096 instructions, probed with members,
// neighbours and strangers. Classic BPF runs the jump tree in libpcap's bpf_filter and attaches
// with SO_ATTACH_FILTER; eBPF fills the object's hash and LPM-trie maps from the compiler's
// set contents and runs BPF_PROG_TEST_RUN (both skip without gcc/libpcap, or without BPF).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileVflisp } from '../../src/lang/compile.js';
import { assemble } from '../../src/asm/assemble.js';
import { joinImage, makeSetTable } from '../../src/bytecode/sets.js';
import { type VerifiedProgram, verifyProgram } from '../../src/verify/verify.js';
import { CBPF_MAX_INSNS, CBPF_SNAP_ACCEPT, compileCbpf, formatCbpfDecimal } from '../../src/targets/cbpf/index.js';

import { XDP_DROP, XDP_PASS, compileEbpf, rangePrefixes } from '../../src/targets/ebpf/index.js';
import { CompileError } from '../../src/diag/errors.js';
import { ether, ipv4, ipv6, tcp, udp } from '../../src/packet/craft.js';
import { formatIpv4, formatIpv6 } from '../../src/util/inet.js';
import { concat, writePcap } from '../helpers/capture.js';
import { buildOracle, runOracle } from '../helpers/oracle.js';
import { testSeed } from '../helpers/seed.js';
import { rng } from '../../bench/mix.js';
import { vmVerdicts } from '../helpers/target-filters.js';

const seed = testSeed('kernel-target set tables');
const next = rng(seed);
const rnd = (n: number): number => Math.floor(next() * n);
const work = mkdtempSync(join(tmpdir(), 'vfm-sets-targets-'));
const v4bytes = (a: number): number[] => [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255];
const v6bytes = (a: bigint): number[] => Array.from({ length: 16 }, (_, k) => Number((a >> BigInt(120 - 8 * k)) & 0xffn));
const MASK128 = (1n << 128n) - 1n;

/** A kind of set: `pool` entries (VFLisp text) and the packets that probe the first n of them. */
interface Kind {
  readonly name: string;
  readonly field: string;
  readonly items: readonly string[];
  readonly probes: (n: number) => Uint8Array[];
  /** Built straight from bytecode instead of VFLisp. */
  readonly program?: (n: number) => VerifiedProgram;
}

function ports(): Kind {
  const values: number[] = [];
  const seen = new Set<number>();
  while (values.length < 4096) {
    const v = rnd(65536);
    if (!seen.has(v)) values.push(v), seen.add(v);
  }
  return {
    name: 'ports',
    field: 'dst-port',
    items: values.map(String),
    probes: (n) =>
      values.slice(0, n).flatMap((v, k) => {
        const near = [v, (v + 1) & 0xffff, (v + 65535) & 0xffff, rnd(65536)][k % 4];
        return [v, near].map((p, j) => ether(0x0800, ipv4({ proto: (k + j) % 2 === 0 ? 6 : 17 }, (k + j) % 2 === 0 ? tcp(1000, p, 2) : udp(1000, p))));
      }),
  };
}

function v4(prefixes: boolean): Kind {
  const nets: [number, number][] = [];
  const seen = new Set<number>();
  while (nets.length < 4096) {
    const a = ((rnd(224) << 24) | (rnd(256) << 16) | (rnd(256) << 8) | rnd(256)) >>> 0;
    const len = prefixes ? 24 : 32; // VFLisp makes a table of each prefix length with 64 or more
    const net = len === 32 ? a : (a & ~((1 << (32 - len)) - 1)) >>> 0;
    if (seen.has(net >>> 16)) continue; // keep the prefixes apart, so that size n has n entries
    seen.add(net >>> 16);
    nets.push([net, len]);
  }
  return {
    name: prefixes ? 'IPv4 prefixes' : 'IPv4 addresses',
    field: 'src-ip',
    items: nets.map(([net, len]) => (len === 32 ? formatIpv4(net) : `${formatIpv4(net)}/${len}`)),
    probes: (n) =>
      nets.slice(0, n).flatMap(([net, len]) => {
        const size = 2 ** (32 - len);
        const inside = (net + rnd(size)) >>> 0;
        const out = [(net - 1) >>> 0, (net + size) >>> 0, (rnd(1 << 30) * 4) >>> 0][rnd(3)];
        return [inside, out].map((a) => ether(0x0800, ipv4({ proto: 6, src: v4bytes(a) }, tcp(1, 2, 2))));
      }),
  };
}

function v6(prefixes: boolean): Kind {
  const nets: [bigint, number][] = [];
  const seen = new Set<bigint>();
  while (nets.length < 4096) {
    const a = (0x20010db8n << 96n) | (BigInt(rnd(1 << 16)) << 80n) | (BigInt(rnd(1 << 30)) << 40n) | BigInt(rnd(1 << 30));
    const len = prefixes ? 48 : 128;
    const host = (1n << BigInt(128 - len)) - 1n;
    const net = a & ~host & MASK128;
    if (seen.has(net >> 80n)) continue;
    seen.add(net >> 80n);
    nets.push([net, len]);
  }
  return {
    name: prefixes ? 'IPv6 prefixes' : 'IPv6 addresses',
    field: 'dst-ip',
    items: nets.map(([net, len]) => (len === 128 ? formatIpv6(net) : `${formatIpv6(net)}/${len}`)),
    probes: (n) =>
      nets.slice(0, n).flatMap(([net, len]) => {
        const host = (1n << BigInt(128 - len)) - 1n;
        const inside = net | (host & BigInt(rnd(1 << 30)));
        const out = [net - 1n, (net | host) + 1n, net ^ (1n << 100n)][rnd(3)] & MASK128;
        return [inside, out].map((a) => ether(0x86dd, ipv6(17, udp(5, 6), [], undefined, v6bytes(a))));
      }),
  };
}

/**
 * Interval tables straight from bytecode (VFLisp makes one table of masked values for each
 * prefix length): IPv4 source ranges in a 64-bit table, IPv6 destination ranges in a 128-bit one.
 */
function ranges(wide: boolean): Kind {
  const spans: [bigint, bigint][] = [];
  const top = wide ? (0x20010db8n << 96n) : 0n;
  let at = top | BigInt(rnd(1 << 20));
  while (spans.length < 4096) {
    // IPv4: 4096 ranges of at most 2^16 addresses and gaps below 2^12 stay under 2^32.
    const width = BigInt([1, 2, 255, 256, 4096, 65536, 1000][rnd(7)]) << (wide ? BigInt(rnd(80)) : 0n);
    spans.push([at, at + width - 1n]);
    at += width + 1n + BigInt(rnd(1 << 12)) * (wide ? 1n << BigInt(rnd(90)) : 1n);
  }
  const load = wide ? 'LD128 38\nINSET128 0\nRET\n' : 'LD32 26\nINSET 0\nRET\n';
  return {
    name: wide ? 'IPv6 ranges' : 'IPv4 ranges',
    field: '',
    items: [],
    program: (n) => verifyProgram(joinImage(assemble(load).bytes, [makeSetTable(wide, spans.slice(0, n))])),
    probes: (n) =>
      spans.slice(0, n).flatMap(([lo, hi]) =>
        [lo, hi, lo - 1n, hi + 1n, lo + (hi - lo) / 2n].map((a) =>
          wide ? ether(0x86dd, ipv6(17, udp(5, 6), [], undefined, v6bytes(a & MASK128))) : ether(0x0800, ipv4({ proto: 6, src: v4bytes(Number(a & 0xffffffffn)) }, tcp(1, 2, 2))),
        ),
      ),
  };
}

const KINDS: Kind[] = [ports(), v4(false), v4(true), v6(false), v6(true), ranges(false), ranges(true)];

function program(kind: Kind, n: number): VerifiedProgram {
  if (kind.program !== undefined) return kind.program(n);
  const p = verifyProgram(compileVflisp(`(in ${kind.field} ${kind.items.slice(0, n).join(' ')})`).bytes);
  assert.equal(p.tables.length, 1, 'the set went to a table');
  return p;
}

/** Compiles for classic BPF, or undefined when the set is too big (ERR_TARGET_TOO_LARGE). */
function tryCbpf(p: VerifiedProgram): ReturnType<typeof compileCbpf> | undefined {
  try {
    return compileCbpf(p);
  } catch (e) {
    if (e instanceof CompileError && e.code === 'ERR_TARGET_TOO_LARGE') return undefined;
    throw e;
  }
}

/**
 * The largest n whose set fits classic BPF: interpolated from the program sizes (they grow
 * about linearly with n), then confirmed by n fitting and n + 1 not.
 */
function largestFitting(kind: Kind): number {
  const size = (n: number): number | undefined => tryCbpf(program(kind, n))?.insns.length;
  let lo = 64;
  let sLo = size(lo)!;
  const slope = (size(256)! - sLo) / 192;
  let hi = 4097;
  while (hi - lo > 1) {
    let g = lo + Math.max(1, Math.floor((CBPF_MAX_INSNS - sLo) / slope));
    if (g >= hi || hi - lo < 8) g = (lo + hi) >>> 1;
    const s = size(g);
    if (s === undefined) hi = g;
    else [lo, sLo] = [g, s];
  }
  return lo;
}

const cbpf = buildOracle('cbpf-oracle', ['-lpcap']);
const so = buildOracle('so-attach', []);

test('classic BPF: set jump trees agree with the VM in bpf_filter on every probe; the kernel attaches them', { skip: cbpf.skip }, (t) => {
  const attach: string[] = [];
  for (const kind of KINDS) {
    const largest = largestFitting(kind);
    assert.ok(largest >= 300, `${kind.name}: at least 300 entries fit (${largest})`);
    // One more than the largest is a clear error naming the limit.
    if (largest < 4096) {
      assert.throws(() => compileCbpf(program(kind, largest + 1)), (e: unknown) => e instanceof CompileError && e.code === 'ERR_TARGET_TOO_LARGE' && e.message.includes(String(CBPF_MAX_INSNS)));
    }
    for (const n of [64, 1000, largest]) {
      if (n > largest) {
        t.diagnostic(`${kind.name}: ${n} entries do not fit classic BPF (largest ${largest})`);
        continue;
      }
      const p = program(kind, n);
      const prog = compileCbpf(p);
      const packets = kind.probes(n);
      const capture = join(work, `cbpf-${kind.name.replace(' ', '-')}-${n}.pcap`);
      writeFileSync(capture, writePcap(packets.map((data, k) => ({ data, sec: k, nsec: 0 }))));
      const path = join(work, `cbpf-${kind.name.replace(' ', '-')}-${n}.ddd`);
      writeFileSync(path, formatCbpfDecimal(prog.insns));
      attach.push(path);
      const got = runOracle(cbpf.path!, ['run', path, capture]).trimEnd().split('\n').map(Number);
      const want = vmVerdicts(p, packets, () => CBPF_SNAP_ACCEPT);
      const accepted = want.filter((v) => v !== 0).length;
      assert.ok(accepted > 0 && accepted < packets.length, `${kind.name} ${n}: members and non-members (${accepted} of ${packets.length})`);
      for (let k = 0; k < packets.length; k++) if (got[k] !== want[k]) assert.fail(`${kind.name}, ${n} entries, packet ${k}: bpf_filter ${got[k]}, VM ${want[k]} (seed ${seed})`);
      t.diagnostic(`${kind.name}: ${n} entries, ${prog.insns.length} instructions, ${packets.length} verdicts equal`);
    }
    t.diagnostic(`${kind.name}: largest set that fits classic BPF ${largest}`);
  }
  if (so.skip === undefined) assert.deepEqual(runOracle(so.path!, attach).trim().split('\n'), attach.map(() => 'ok'));
});

test('classic BPF: a set past the instruction limit is ERR_TARGET_TOO_LARGE naming the limit, also for 100,000 entries', () => {
  const items = Array.from({ length: 100000 }, (_, k) => formatIpv4(((10 << 24) | (k * 3)) >>> 0));
  const p = verifyProgram(compileVflisp(`(in src-ip ${items.join(' ')})`).bytes);
  assert.throws(
    () => compileCbpf(p),
    (e: unknown) => e instanceof CompileError && e.code === 'ERR_TARGET_TOO_LARGE' && /set table 0 .*100000.*4096/.test(e.message) && e.where.pc !== undefined,
  );
});

const LIBBPF = '/usr/lib/x86_64-linux-gnu/libbpf.so.1';
const ebpf = buildOracle('ebpf-oracle', ['-lpcap', LIBBPF]);

function kernelSkip(): string | undefined {
  if (ebpf.skip !== undefined) return `${ebpf.skip} (also needs ${LIBBPF}: apt install libbpf1)`;
  const probe = join(work, 'probe.o');
  writeFileSync(probe, compileEbpf(program(KINDS[0], 64)).elf);
  const r = spawnSync(ebpf.path!, [probe], { encoding: 'utf8' });
  return r.stdout.trim() === 'loaded' ? undefined : `the kernel refuses to load BPF programs here (${r.stdout.trim()}; run as root with CAP_BPF); eBPF verdicts not checked`;
}
const skip = kernelSkip();

/** Verdicts of both programs of the object, with its set maps filled from `sets`. */
function kernelVerdicts(obj: ReturnType<typeof compileEbpf>, name: string, capture: string, prog: 'vfm_xdp' | 'vfm_socket'): string[] {
  const path = join(work, `${name}.o`);
  writeFileSync(path, obj.elf);
  const fills = obj.sets.map((m) => {
    const file = join(work, `${name}-${m.name}.keys`);
    writeFileSync(file, concat(m.keys));
    return `fill=${m.name}:${file}`;
  });
  return runOracle(ebpf.path!, [path, ...fills, prog, prog === 'vfm_xdp' ? 'eth' : 'ip', capture]).trimEnd().split('\n');
}

test('eBPF: set maps (hash, LPM trie) filled from the compiler agree with the VM under BPF_PROG_TEST_RUN, XDP and socket filter', { skip }, (t) => {
  for (const kind of KINDS) {
    // Ranges split into many prefixes each (up to 2 a bit): fewer of them keep the test quick;
    // the 100,000-address test below covers a big map.
    for (const n of kind.program === undefined ? [64, 1000] : [64, 300]) {
      const p = program(kind, n);
      const packets = kind.probes(n);
      const name = `ebpf-${kind.name.replace(' ', '-')}-${n}`;
      const capture = join(work, `${name}.pcap`);
      writeFileSync(capture, writePcap(packets.map((data, k) => ({ data, sec: k, nsec: 0 }))));
      const want = vmVerdicts(p, packets, () => 1);
      const accepted = want.filter((v) => v !== 0).length;
      assert.ok(accepted > 0 && accepted < packets.length, `${kind.name} ${n}: members and non-members (${accepted} of ${packets.length})`);
      const xdp = kernelVerdicts(compileEbpf(p), name, capture, 'vfm_xdp');
      const sock = kernelVerdicts(compileEbpf(p, { link: 'ip' }), `${name}-ip`, capture, 'vfm_socket');
      assert.equal(xdp.length, packets.length, `${kind.name} ${n}: ${xdp[0]}`);
      for (let k = 0; k < packets.length; k++) {
        const x = Number(xdp[k]);
        if (x !== (want[k] === 0 ? XDP_DROP : XDP_PASS)) assert.fail(`${kind.name}, ${n} entries, packet ${k}: XDP ${xdp[k]}, VM ${want[k]} (seed ${seed})`);
        if ((Number(sock[k]) !== 0 ? 1 : 0) !== want[k]) assert.fail(`${kind.name}, ${n} entries, packet ${k}: socket filter ${sock[k]}, VM ${want[k]} (seed ${seed})`);
      }
      t.diagnostic(`${kind.name}: ${n} entries, ${compileEbpf(p).sets.map((m) => `${m.name} ${m.type === 11 ? 'LPM trie' : 'hash'} of ${m.keys.length}`).join(', ')}: ${packets.length} verdicts equal twice`);
    }
  }
});

test('eBPF: a 100,000-address blocklist is one hash map; the program stays small', { skip }, () => {
  const members: number[] = [];
  for (let k = 0; k < 100000; k++) members.push(((10 << 24) | (k * 7)) >>> 0);
  const p = verifyProgram(compileVflisp(`(in src-ip ${members.map(formatIpv4).join(' ')})`).bytes);
  const obj = compileEbpf(p);
  assert.equal(obj.sets.length, 1);
  assert.equal(obj.sets[0].keys.length, 100000);
  const small = compileEbpf(verifyProgram(compileVflisp(`(in src-ip ${members.slice(0, 64).map(formatIpv4).join(' ')})`).bytes));
  assert.equal(obj.xdp.insns.length, small.xdp.insns.length, 'the same code as for 64 addresses: only the map grows');
  const packets = [...members.slice(0, 500), ...Array.from({ length: 500 }, () => ((10 << 24) | rnd(1 << 20)) >>> 0)].map((a) => ether(0x0800, ipv4({ proto: 6, src: v4bytes(a) }, tcp(1, 2, 2))));
  const capture = join(work, 'blocklist.pcap');
  writeFileSync(capture, writePcap(packets.map((data, k) => ({ data, sec: k, nsec: 0 }))));
  const got = kernelVerdicts(obj, 'blocklist', capture, 'vfm_xdp').map(Number);
  assert.deepEqual(got, vmVerdicts(p, packets, () => XDP_PASS).map((v) => (v === 0 ? XDP_DROP : v)));
});

test('eBPF: intervals split into the fewest prefixes', () => {
  assert.deepEqual(rangePrefixes(0n, 255n, 32), [[0n, 24]]);
  assert.deepEqual(rangePrefixes(1n, 6n, 8), [[1n, 8], [2n, 7], [4n, 7], [6n, 8]]);
  assert.deepEqual(rangePrefixes(0n, (1n << 64n) - 1n, 64), [[0n, 0]]);
  for (let k = 0; k < 200; k++) {
    const lo = BigInt(rnd(1 << 30));
    const hi = lo + BigInt(rnd(1 << 20));
    const ps = rangePrefixes(lo, hi, 32);
    let at = lo;
    for (const [a, len] of ps) {
      assert.equal(a, at);
      at += 1n << BigInt(32 - len);
    }
    assert.equal(at, hi + 1n);
    assert.ok(ps.length <= 62);
  }
});
