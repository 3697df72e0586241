// The bench's frame mix: deterministic, 60-1514 bytes, every traffic kind present, and the
// .pkt files the tiers and libpcap read hold exactly those frames.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_FLOOD_SOURCES, BENCH_SEED, makeFrames } from '../../bench/mix.js';
import { readPktFile, writePktFile } from '../../bench/pkt-file.js';
import { testSeed } from '../helpers/seed.js';

test('the mix is the same for the same seed and differs for another', () => {
  const a = makeFrames(500, BENCH_SEED);
  const b = makeFrames(500, BENCH_SEED);
  assert.deepEqual(a.data, b.data);
  assert.deepEqual(a.lengths, b.lengths);
  assert.notDeepEqual(makeFrames(500, BENCH_SEED + 1).data, a.data);
});

test('frames are 60-1514 bytes and cover every kind of traffic', () => {
  const seed = testSeed('bench mix kinds');
  const f = makeFrames(4000, seed);
  const seen = new Map<string, number>();
  const count = (kind: string): void => void seen.set(kind, (seen.get(kind) ?? 0) + 1);
  for (let k = 0; k < f.count; k++) {
    const p = f.data.subarray(f.offsets[k], f.offsets[k] + f.lengths[k]);
    assert.ok(p.length >= 60 && p.length <= 1514, `frame ${k} has ${p.length} bytes`);
    const type = (p[12] << 8) | p[13];
    if (type === 0x8100) count('vlan');
    else if (type === 0x0806) count('arp');
    else if (type === 0x86dd) count(`ipv6-${p[20]}`);
    else if (type === 0x0800) {
      count(`ipv4-${p[23]}`);
      if ((p[14] & 15) > 5) count('ipv4-options');
      if ((((p[20] << 8) | p[21]) & 0x1fff) !== 0) count('ipv4-later-fragment');
      if (BENCH_FLOOD_SOURCES.some((s) => s.every((b, i) => p[26 + i] === b))) count('syn-flood');
    } else assert.fail(`frame ${k} has EtherType 0x${type.toString(16)}`);
  }
  for (const kind of ['vlan', 'arp', 'ipv6-6', 'ipv6-17', 'ipv6-58', 'ipv4-1', 'ipv4-6', 'ipv4-17', 'ipv4-options', 'ipv4-later-fragment', 'syn-flood']) {
    assert.ok((seen.get(kind) ?? 0) > 10, `${kind}: ${seen.get(kind) ?? 0} frames`);
  }
});

test('a .pkt file holds the frames byte for byte, also a prefix of them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vfm-bench-pkt-'));
  try {
    const f = makeFrames(300, BENCH_SEED);
    writePktFile(join(dir, 'all.pkt'), f);
    writePktFile(join(dir, 'some.pkt'), f, 7);
    const all = readPktFile(join(dir, 'all.pkt'));
    assert.equal(all.count, 300);
    for (let k = 0; k < f.count; k++) {
      assert.deepEqual(all.data.subarray(all.offsets[k], all.offsets[k] + all.lengths[k]), f.data.subarray(f.offsets[k], f.offsets[k] + f.lengths[k]));
    }
    assert.deepEqual([...readPktFile(join(dir, 'some.pkt')).lengths], [...f.lengths.subarray(0, 7)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
