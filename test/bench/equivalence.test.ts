// Apples to apples: on the bench's frame mix, every bench filter accepts exactly the packets
// that libpcap's bpf_filter accepts for its tcpdump expression, packet by packet, on every
// available tier. The stateful syn-flood filter is checked against a model built from
// libpcap's SYN classification and the same flow table. Skipped when gcc or libpcap is missing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_SEED, makeFrames, type FrameSet } from '../../bench/mix.js';
import { writePktFile } from '../../bench/pkt-file.js';
import { buildBpfBench, bpfVerdicts } from '../../bench/libpcap.js';
import { type BenchFilter, flowTableFor, loadBenchFilters } from '../../bench/filters.js';
import { createFilter, detectTiers } from '../../src/tiers/select.js';
import { FlowTable } from '../../src/vm/flow-table.js';
import { toHex } from '../../src/util/bytes.js';
import { testSeed } from '../helpers/seed.js';

const FRAMES = 6000;
/** What syn-flood counts: IPv4 TCP first fragments with SYN set and ACK clear. */
const SYN_EXPRESSION = 'ip and tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn';
const SYN_THRESHOLD = 20;

const dir = mkdtempSync(join(tmpdir(), 'vfm-bench-eq-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const build = buildBpfBench(dir);
const skip = 'missing' in build ? `libpcap baseline unavailable: ${build.missing}` : false;
const filters = loadBenchFilters();
const tiers = detectTiers().filter((s) => s.available).map((s) => s.tier);

function frame(frames: FrameSet, k: number): Uint8Array {
  return frames.data.subarray(frames.offsets[k], frames.offsets[k] + frames.lengths[k]);
}

/** Packet-by-packet comparison; the message names the first differing frame. */
function assertSameVerdicts(frames: FrameSet, ours: Uint8Array, theirs: Uint8Array, what: string): void {
  for (let k = 0; k < frames.count; k++) {
    if (ours[k] !== theirs[k]) {
      assert.fail(`${what}: frame ${k} accepted by ${ours[k] === 1 ? 'VFM' : 'libpcap'} only (first 64 bytes): ${toHex(frame(frames, k).subarray(0, 64))}`);
    }
  }
}

function vfmVerdicts(filter: BenchFilter, tier: (typeof tiers)[number], frames: FrameSet): Uint8Array {
  const f = createFilter(filter.program, { tier, flowTable: flowTableFor(filter) });
  const out = new Uint8Array(frames.count);
  for (let k = 0; k < frames.count; k++) out[k] = f.exec(frame(frames, k)) > 0 ? 1 : 0;
  return out;
}

/** syn-flood as a plain model: libpcap says which packets are SYNs, a FlowTable counts them. */
function synFloodModel(isSyn: Uint8Array, frames: FrameSet, slots: number): Uint8Array {
  const table = new FlowTable(slots);
  const out = new Uint8Array(frames.count).fill(1);
  for (let k = 0; k < frames.count; k++) {
    if (isSyn[k] === 0) continue;
    const p = frame(frames, k);
    const src = ((p[26] << 24) | (p[27] << 16) | (p[28] << 8) | p[29]) >>> 0;
    const count = table.lookup(1, src) + 1;
    table.store(1, src, 0, count);
    table.lookup(1, src);
    if (count > SYN_THRESHOLD) out[k] = 0;
  }
  return out;
}

for (const [label, seed] of [['bench seed', BENCH_SEED], ['random seed', testSeed('bench equivalence mix')]] as const) {
  test(`bench filters accept what libpcap accepts on ${FRAMES} frames of the mix (${label} ${seed})`, { skip }, async () => {
    if ('missing' in build) return;
    const frames = makeFrames(FRAMES, seed);
    const pkt = join(dir, `mix-${seed}.pkt`);
    writePktFile(pkt, frames);
    const withExpr = filters.filter((f) => f.tcpdump !== null);
    const theirs = await bpfVerdicts(build.path, pkt, [...withExpr.map((f) => f.tcpdump!), SYN_EXPRESSION]);
    withExpr.forEach((filter, i) => {
      const accepted = theirs[i].reduce((n, v) => n + v, 0);
      if (filter.name !== 'accept-all') assert.ok(accepted > 0 && accepted < FRAMES, `${filter.name}: the mix must hold matches and non-matches, libpcap accepted ${accepted}`);
      for (const tier of tiers) assertSameVerdicts(frames, vfmVerdicts(filter, tier, frames), theirs[i], `${filter.name} on ${tier} vs '${filter.tcpdump}'`);
    });
    const synFlood = filters.find((f) => f.name === 'syn-flood')!;
    const model = synFloodModel(theirs[withExpr.length], frames, synFlood.flowTableSlots);
    const dropped = model.reduce((n, v) => n + 1 - v, 0);
    assert.ok(dropped > 0, 'the mix must make syn-flood drop some SYNs');
    for (const tier of tiers) assertSameVerdicts(frames, vfmVerdicts(synFlood, tier, frames), model, `syn-flood on ${tier} vs the model`);
  });
}

test('every bench filter has a VFM program; all but the stateful one a tcpdump expression', () => {
  const names = filters.map((f) => f.name);
  assert.deepEqual(names, ['accept-all', 'tcp-dst-80', 'dns-amplification', 'web', 'ipv6-dst', 'lisp-tcp-80', 'lisp-web', 'lisp-ipv6-dst', 'syn-flood', 'pcap-tcp-dst-80', 'pcap-web-syn']);
  assert.deepEqual(filters.filter((f) => f.language === 'pcap').map((f) => f.name), ['pcap-tcp-dst-80', 'pcap-web-syn']);
  assert.deepEqual(filters.filter((f) => f.language === 'vflisp').map((f) => f.name), ['lisp-tcp-80', 'lisp-web', 'lisp-ipv6-dst']);
  for (const f of filters) assert.equal(f.tcpdump === null, f.flowTableSlots > 0, f.name);
});
