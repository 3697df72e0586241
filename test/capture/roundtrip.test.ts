// Round trips: captures we write read back identically and are read by tcpdump and tshark
// with the same packet count; files written by `tcpdump -w` and `editcap -F pcapng` read
// the same packets as their source; the pass-through writer reproduces its input.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaptureReader } from '../../src/capture/reader.js';
import { PassThroughWriter } from '../../src/capture/writer.js';
import { EXAMPLES_DIR } from '../helpers/paths.js';
import { hasTool, concat, readAll, seededRandom, tempDir, writePcap, writePcapng, type TestPacket } from '../helpers/capture.js';

const HAS_TCPDUMP = hasTool('tcpdump');
const HAS_TSHARK = hasTool('tshark');
const HAS_EDITCAP = hasTool('editcap');

function randomPackets(count: number, seedFallback: number): { seed: number; packets: TestPacket[] } {
  const { seed, next } = seededRandom(seedFallback);
  const packets: TestPacket[] = [];
  for (let k = 0; k < count; k++) {
    const length = 14 + Math.floor(next() * 1500);
    const data = Uint8Array.from({ length }, () => Math.floor(next() * 256));
    packets.push({ data, sec: 1_600_000_000 + k, nsec: Math.floor(next() * 1e9), originalLength: length + (k % 3 === 0 ? 100 : 0), interfaceId: k % 2 });
  }
  return { seed, packets };
}

function tcpdumpCount(path: string): number {
  const out = execFileSync('tcpdump', ['--count', '-r', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const m = /^(\d+) packets?/m.exec(out);
  assert.ok(m !== null, `tcpdump --count printed '${out}'`);
  return Number(m[1]);
}

function tsharkCount(path: string): number {
  const out = execFileSync('tshark', ['-n', '-r', path, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 26 });
  return out.split('\n').filter((l) => l.length > 0).length;
}

const SAMPLE = join(EXAMPLES_DIR, 'sample.pcap');

for (const [name, write, nsecUnit] of [
  ['pcap microsecond', (p: TestPacket[]) => writePcap(p), 1000],
  ['pcap nanosecond big-endian', (p: TestPacket[]) => writePcap(p, { nanosecond: true, littleEndian: false }), 1],
  ['pcapng two interfaces', (p: TestPacket[]) => writePcapng(p, [1, 1]), 1],
  ['pcapng big-endian', (p: TestPacket[]) => writePcapng(p, [1, 1], false), 1],
] as const) {
  test(`${name}: what we write reads back identically and tcpdump/tshark count the same`, () => {
    const { seed, packets } = randomPackets(120, 0x40d7);
    const bytes = write(packets);
    const r = readAll(bytes, 1000);
    assert.equal(r.error, undefined, `seed ${seed}`);
    assert.equal(r.packets.length, packets.length);
    r.packets.forEach((p, k) => {
      assert.deepEqual(p.data, packets[k].data, `seed ${seed} packet ${k + 1}`);
      assert.equal(p.sec, packets[k].sec);
      assert.equal(p.nsec, Math.floor(packets[k].nsec / nsecUnit) * nsecUnit);
      assert.equal(p.originalLength, packets[k].originalLength);
      if (name.startsWith('pcapng')) assert.equal(p.interfaceId, packets[k].interfaceId);
    });
    const t = tempDir();
    const path = t.file(`out.${name.startsWith('pcapng') ? 'pcapng' : 'pcap'}`, bytes);
    if (HAS_TCPDUMP) assert.equal(tcpdumpCount(path), packets.length, 'tcpdump count');
    if (HAS_TSHARK) assert.equal(tsharkCount(path), packets.length, 'tshark count');
  });
}

test('files written by tcpdump -w and editcap -F pcapng read the same packets as their source', { skip: !(HAS_TCPDUMP && HAS_EDITCAP) && 'tcpdump or editcap missing' }, () => {
  const original = readAll(new Uint8Array(readFileSync(SAMPLE)));
  assert.ok(original.packets.length > 150);
  const t = tempDir();
  const viaTcpdump = join(t.dir, 'tcpdump.pcap');
  execFileSync('tcpdump', ['-r', SAMPLE, '-w', viaTcpdump], { stdio: 'ignore' });
  const viaEditcap = join(t.dir, 'editcap.pcapng');
  execFileSync('editcap', ['-F', 'pcapng', SAMPLE, viaEditcap], { stdio: 'ignore' });
  const viaEditcapNs = join(t.dir, 'editcap-ns.pcap');
  execFileSync('editcap', ['-F', 'nsecpcap', SAMPLE, viaEditcapNs], { stdio: 'ignore' });
  for (const path of [viaTcpdump, viaEditcap, viaEditcapNs]) {
    const r = readAll(new Uint8Array(readFileSync(path)), 777);
    assert.equal(r.error, undefined, path);
    assert.equal(r.packets.length, original.packets.length, path);
    r.packets.forEach((p, k) => {
      const o = original.packets[k];
      assert.deepEqual(p.data, o.data, `${path} packet ${k + 1}`);
      assert.deepEqual([p.sec, p.nsec, p.originalLength, p.linkType], [o.sec, o.nsec, o.originalLength, o.linkType], `${path} packet ${k + 1}`);
    });
  }
});

test('the pass-through writer reproduces pcap and pcapng inputs when every packet is kept, and a subset stays valid', () => {
  const { packets } = randomPackets(40, 0x9a55);
  const pcapng = writePcapng(packets, [1, 1]);
  for (const input of [writePcap(packets), pcapng, new Uint8Array(readFileSync(SAMPLE))]) {
    const copy = (keep: (index: number) => boolean): Uint8Array => {
      const chunks: Uint8Array[] = [];
      const w = new PassThroughWriter((c) => chunks.push(c));
      const reader = new CaptureReader({ onPacket: (p) => keep(p.index) && w.writePacket(p), onMeta: w.writeMeta });
      for (let at = 0; at < input.length; at += 333) reader.feed(input.subarray(at, at + 333));
      reader.end();
      w.flush();
      return concat(chunks);
    };
    assert.deepEqual(copy(() => true), input);
    const odd = readAll(copy((k) => k % 2 === 1));
    const all = readAll(input);
    assert.equal(odd.error, undefined);
    assert.deepEqual(odd.packets.map((p) => p.data), all.packets.filter((_, k) => k % 2 === 0).map((p) => p.data));
  }
});
