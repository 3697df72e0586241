// The stateful VFLisp forms against a direct model of their documented semantics
// (docs/stateful.md): seeded random packet sequences with random, sometimes repeated or
// backward timestamps, on every available tier with a table large enough for no evictions.
// Also: absent keys touch nothing, key layout, saturation, flow-get/flow-set, key metadata.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileShardKey, compileVflisp } from '../../../src/lang/compile.js';
import { verifyProgram } from '../../../src/verify/verify.js';
import { createFilter, detectTiers, type PacketFilter } from '../../../src/tiers/select.js';
import { FlowTable } from '../../../src/vm/flow-table.js';
import { COUNT_MASK, KEY_ROLE, flowKey, keySeed } from '../../../src/lang/stateful-codegen.js';
import { ether, ipv4, ipv6, tcp, udp, IPV6_SRC } from '../../../src/packet/craft.js';
import { rng } from '../../../bench/mix.js';
import { testSeed } from '../../helpers/seed.js';

const TIERS = detectTiers().filter((s) => s.available).map((s) => s.tier);
const T0 = 1_700_000_000_000_000_000n;
const MS = 1_000_000n;

interface Pkt {
  readonly data: Uint8Array;
  readonly ts: bigint;
  /** src address text (undefined: not IP), dst port (undefined: no ports). */
  readonly src?: string;
  readonly port?: number;
}

function makePackets(seed: number, n: number): Pkt[] {
  const r = rng(seed);
  const int = (k: number): number => Math.floor(r() * k);
  const out: Pkt[] = [];
  let ts = T0;
  for (let i = 0; i < n; i++) {
    const roll = int(10);
    ts += roll === 0 ? -BigInt(int(2000)) * MS : roll === 1 ? 0n : BigInt(int(1500)) * MS; // backward, same, forward
    const port = 20 + int(6);
    const host = 1 + int(4);
    if (roll < 6) {
      const l4 = int(2) === 0 ? tcp(1234, port, 0x02) : udp(1234, port);
      out.push({ data: ether(0x800, ipv4({ src: [10, 0, host, 1], proto: l4.length === 20 ? 6 : 17 }, l4)), ts, src: `4:${host}`, port });
    } else if (roll < 8) {
      const src = Uint8Array.from(IPV6_SRC);
      src[15] = host;
      out.push({ data: ether(0x86dd, ipv6(6, tcp(1234, port, 0x10), [], [...src])), ts, src: `6:${host}`, port });
    } else if (roll < 9) {
      out.push({ data: ether(0x800, ipv4({ src: [10, 0, host, 1], proto: 1 }, new Uint8Array(8))), ts, src: `4:${host}` });
    } else {
      out.push({ data: ether(0x806, new Uint8Array(28)), ts });
    }
  }
  return out;
}

/** The documented semantics, over JS maps. */
class Model {
  private readonly counts = new Map<string, bigint>();
  private readonly windows = new Map<string, { start: bigint; n: bigint }>();
  private readonly markers = new Map<string, bigint>();

  count(key: string | undefined): bigint {
    if (key === undefined) return 0n;
    const n = (this.counts.get(key) ?? 0n) + 1n;
    this.counts.set(key, n);
    return n;
  }

  /** The counter entry after rolling the window at `nowMs`. */
  private rolled(key: string, nowMs: bigint, windowMs: bigint | undefined): { start: bigint; n: bigint } {
    const w = this.windows.get(key) ?? { start: 0n, n: 0n };
    if (windowMs !== undefined && !(w.start + windowMs > nowMs)) return { start: nowMs, n: 0n };
    return w;
  }

  rate(key: string | undefined, ts: bigint, windowMs: bigint): bigint {
    if (key === undefined) return 0n;
    const w = this.rolled(key, ts / MS, windowMs);
    const next = { start: w.start, n: w.n === COUNT_MASK ? w.n : w.n + 1n };
    this.windows.set(key, next);
    return next.n;
  }

  distinct(key: string | undefined, value: number | undefined, ts: bigint, windowMs: bigint | undefined): bigint {
    if (key === undefined || value === undefined) return 0n;
    const w = this.rolled(key, ts / MS, windowMs);
    const mk = `${key}|${value}`;
    if (this.markers.get(mk) === w.start + 1n) return w.n;
    this.markers.set(mk, w.start + 1n);
    const next = { start: w.start, n: w.n + 1n };
    this.windows.set(key, next);
    return next.n;
  }
}

function runAll(f: PacketFilter, pkts: readonly Pkt[]): bigint[] {
  return pkts.map((p) => {
    const r = f.run(p.data, p.ts);
    assert.notEqual(r.kind, 'fault');
    return r.kind === 'accept' ? r.value : 0n;
  });
}

const CASES: { text: string; model: (m: Model, p: Pkt) => bigint }[] = [
  { text: '(count-by src-ip)', model: (m, p) => m.count(p.src) },
  { text: '(count-by src-ip dst-port)', model: (m, p) => m.count(p.src === undefined || p.port === undefined ? undefined : `${p.src}/${p.port}`) },
  { text: '(rate-by src-ip 3s)', model: (m, p) => m.rate(p.src, p.ts, 3000n) },
  { text: '(rate-by src-ip 2500ms)', model: (m, p) => m.rate(p.src, p.ts, 2500n) },
  { text: '(distinct-by src-ip dst-port)', model: (m, p) => m.distinct(p.src, p.port, p.ts, undefined) },
  { text: '(distinct-by src-ip dst-port 4s)', model: (m, p) => m.distinct(p.src, p.port, p.ts, 4000n) },
];

for (const c of CASES) {
  test(`${c.text} follows its documented semantics on every tier`, () => {
    const seed = testSeed(c.text);
    const pkts = makePackets(seed, 400);
    const m = new Model();
    const want = pkts.map((p) => c.model(m, p));
    const program = verifyProgram(compileVflisp(c.text).bytes);
    for (const tier of TIERS) {
      const f = createFilter(program, { tier, flowTable: new FlowTable(4096) });
      assert.deepEqual(runAll(f, pkts), want, `tier ${tier}`);
      assert.equal(f.flowTable!.stats().evictions, 0);
    }
  });
}

test('a packet without the key fields gets 0 and leaves the table untouched', () => {
  const arp = ether(0x806, new Uint8Array(28));
  const icmpOnly = ether(0x800, ipv4({ proto: 1 }, new Uint8Array(8)));
  for (const text of ['(count-by src-ip)', '(rate-by dst-port 1s)', '(distinct-by src-ip dst-port 5m)']) {
    for (const tier of TIERS) {
      const f = createFilter(verifyProgram(compileVflisp(text).bytes), { tier, flowTable: new FlowTable(64) });
      const packets = text.includes('port') ? [arp, icmpOnly] : [arp];
      for (const p of packets) assert.deepEqual(f.run(p, T0), { kind: 'drop' }, `${text} on ${tier}`);
      const s = f.flowTable!.stats();
      assert.equal(s.lookups + s.stores, 0, `${text} on ${tier}`);
    }
  }
});

test('count-by stores under the documented key: seed of the form site, part values, bit 63 set', () => {
  const f = createFilter(verifyProgram(compileVflisp('(and (count-by dst-port) (count-by src-ip4 dst-port))').bytes), { flowTable: new FlowTable(1024) });
  f.run(ether(0x800, ipv4({ src: [192, 0, 2, 9], proto: 17 }, udp(5, 53))), T0);
  const k1 = flowKey(keySeed(1, KEY_ROLE.counter), [{ v: 53n, wide: false }]);
  const k2 = flowKey(keySeed(2, KEY_ROLE.counter), [{ v: 0xc0000209n, wide: false }, { v: 53n, wide: false }]);
  for (const k of [k1, k2]) {
    assert.ok(k >= 1n << 63n);
    assert.equal(f.flowTable!.lookup(Number(k >> 32n), Number(k & 0xffffffffn)), 1);
  }
});

test('rate-by saturates at 2^22-1 in a window and reports the count bits only', () => {
  for (const tier of TIERS) {
    const table = new FlowTable(64);
    const key = flowKey(keySeed(1, KEY_ROLE.counter), [{ v: 0x0a000001n, wide: false }]);
    const start = T0 / MS;
    const entry = (start << 22n) | (COUNT_MASK - 1n);
    table.store(Number(key >> 32n), Number(key & 0xffffffffn), Number(entry >> 32n), Number(entry & 0xffffffffn));
    const f = createFilter(verifyProgram(compileVflisp('(rate-by src-ip4 1h)').bytes), { tier, flowTable: table });
    const p = ether(0x800, ipv4({ src: [10, 0, 0, 1], proto: 6 }, tcp(1, 2, 2)));
    assert.equal(f.run(p, T0 + 1n).kind === 'accept' && f.valueLo, Number(COUNT_MASK));
    assert.equal(f.run(p, T0 + 2n).kind === 'accept' && f.valueLo, Number(COUNT_MASK), tier);
    assert.equal(f.run(p, T0 + 3_600_000n * MS).kind === 'accept' && f.valueLo, 1, 'a new window');
  }
});

test('without timestamps (all 0) rate-by never leaves its first window', () => {
  const f = createFilter(verifyProgram(compileVflisp('(rate-by src-ip 1s)').bytes), { flowTable: new FlowTable(64) });
  const p = ether(0x800, ipv4({ proto: 6 }, tcp(1, 2, 2)));
  assert.deepEqual([1, 2, 3].map(() => f.run(p).kind === 'accept' && f.valueLo), [1, 2, 3]);
});

test('flow-set stores and returns its value; flow-get reads it back', () => {
  for (const tier of TIERS) {
    const table = new FlowTable(64);
    const set = createFilter(verifyProgram(compileVflisp('(flow-set (+ dst-port 1000) (* src-port 2))').bytes), { tier, flowTable: table });
    const get = createFilter(verifyProgram(compileVflisp('(flow-get (+ dst-port 1000))').bytes), { tier, flowTable: table });
    const p = ether(0x800, ipv4({ proto: 17 }, udp(21, 53)));
    assert.deepEqual(set.run(p), { kind: 'accept', value: 42n });
    assert.deepEqual(get.run(p), { kind: 'accept', value: 42n });
    assert.equal(table.lookup(0, 1053), 42);
  }
});

test('flow-key hashes its parts in order (0 when one is absent); flow-set stores nothing under key 0', () => {
  for (const tier of TIERS) {
    const table = new FlowTable(64);
    const query = createFilter(verifyProgram(compileVflisp('(flow-set (flow-key src-ip src-port dst-ip) 7)').bytes), { tier, flowTable: table });
    const answer = createFilter(verifyProgram(compileVflisp('(flow-get (flow-key dst-ip dst-port src-ip))').bytes), { tier, flowTable: table });
    const q = ether(0x800, ipv4({ src: [10, 0, 0, 1], dst: [10, 0, 0, 53], proto: 17 }, udp(4000, 53)));
    const a = ether(0x800, ipv4({ src: [10, 0, 0, 53], dst: [10, 0, 0, 1], proto: 17 }, udp(53, 4000)));
    const other = ether(0x800, ipv4({ src: [10, 0, 0, 53], dst: [10, 0, 0, 2], proto: 17 }, udp(53, 4000)));
    assert.deepEqual(answer.run(a), { kind: 'drop' });
    assert.deepEqual(query.run(q), { kind: 'accept', value: 7n });
    assert.deepEqual(answer.run(a), { kind: 'accept', value: 7n }, tier);
    assert.deepEqual(answer.run(other), { kind: 'drop' });
    const k = flowKey(keySeed(0, KEY_ROLE.user), [{ v: 0x0a000001n, wide: false }, { v: 4000n, wide: false }, { v: 0x0a000035n, wide: false }]);
    assert.equal(table.lookup(Number(k >> 32n), Number(k & 0xffffffffn)), 7);
    const stores = table.stats().stores;
    assert.deepEqual(query.run(ether(0x806, new Uint8Array(28))), { kind: 'accept', value: 7n }, 'no ports: key 0');
    assert.equal(table.stats().stores, stores, 'nothing stored under key 0');
  }
  const info = compileVflisp('(if (= dst-port 53) (flow-set (flow-key src-ip src-port dst-ip (u16 l4 8)) 1) (flow-get (flow-key dst-ip dst-port src-ip (u16 l4 8))))').flowKeys;
  assert.deepEqual(info.uses.map((u) => u.keys), [['src-ip', 'src-port', 'dst-ip', '(u16 l4 8)'], ['dst-ip', 'dst-port', 'src-ip', '(u16 l4 8)']]);
  assert.deepEqual(info.common, ['(u16 l4 8)'], 'flow keys match by position: only the DNS id is common');
  assert.deepEqual(compileVflisp('(+ (flow-get (flow-key src-ip dst-port)) (count-by dst-port src-ip))').flowKeys.common, ['src-ip', 'dst-port']);
  assert.deepEqual(compileVflisp('(+ (flow-get (flow-key src-ip dst-port)) (flow-get (flow-key dst-port src-ip)))').flowKeys.common, []);
});

test('a stateful form as a condition is true when its value is nonzero', () => {
  const f = createFilter(verifyProgram(compileVflisp('(if (count-by src-ip) 7 9)').bytes), { flowTable: new FlowTable(64) });
  assert.deepEqual(f.run(ether(0x800, ipv4({ proto: 6 }, tcp(1, 2, 2)))), { kind: 'accept', value: 7n });
  assert.deepEqual(f.run(ether(0x806, new Uint8Array(28))), { kind: 'accept', value: 9n });
});

test('the compile result reports the key parts of every stateful form and the ones they share', () => {
  const a = compileVflisp('(and (> (count-by src-ip dst-port) 3) (> (rate-by src-ip 1s) 10) (distinct-by src-ip dst-port 5m))').flowKeys;
  assert.equal(a.stateful, true);
  assert.deepEqual(a.uses.map((u) => [u.form, u.keys]), [['count-by', ['src-ip', 'dst-port']], ['rate-by', ['src-ip']], ['distinct-by', ['src-ip']]]);
  assert.deepEqual(a.common, ['src-ip']);
  assert.ok(a.shardProgram !== undefined);
  const b = compileVflisp('(or (count-by src-ip) (count-by dst-ip))').flowKeys;
  assert.deepEqual(b.common, []);
  assert.equal(b.shardProgram, undefined);
  const c = compileVflisp('(= dst-port 80)').flowKeys;
  assert.equal(c.stateful, false);
  assert.deepEqual(compileVflisp('(count-by (& src-ip 0xffffff00) src-ip6)').flowKeys.common, ['(& src-ip4 4294967040)', 'src-ip6']);
});

test('compileShardKey: equal parts give equal keys, absent parts 0, either IP family', () => {
  const { bytes, keys } = compileShardKey(['src-ip']);
  assert.deepEqual(keys, ['src-ip']);
  const f = createFilter(verifyProgram(bytes));
  const key = (p: Uint8Array): bigint => {
    const r = f.run(p);
    return r.kind === 'accept' ? r.value : 0n;
  };
  const a1 = key(ether(0x800, ipv4({ src: [10, 1, 2, 3], proto: 6 }, tcp(1, 80, 2))));
  const a2 = key(ether(0x800, ipv4({ src: [10, 1, 2, 3], dst: [1, 1, 1, 1], proto: 17 }, udp(9, 53))));
  const b = key(ether(0x800, ipv4({ src: [10, 1, 2, 4], proto: 6 }, tcp(1, 80, 2))));
  const v6 = key(ether(0x86dd, ipv6(6, tcp(1, 80, 2))));
  assert.equal(a1, a2);
  assert.notEqual(a1, b);
  assert.ok(v6 !== 0n && v6 !== a1);
  assert.equal(key(ether(0x806, new Uint8Array(28))), 0n);
});
