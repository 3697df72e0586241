// The batch reader (CaptureReader onBatch, the fast path of `vfm test` and `vfm filter`) hands
// out exactly the packets of the per-packet reader: the same frames, stored records,
// timestamps and wire lengths, in order, whatever the chunk sizes, with metadata units in
// place, the packet limit and the error after the good packets. Checked on crafted captures
// (pcap of several flavours, SLL, pcapng with mixed interfaces) and on every corpus capture.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CaptureReader } from '../../src/capture/reader.js';
import { frameWireLength, recordBytes } from '../../src/capture/types.js';
import { NS, nsHalves } from '../../src/capture/timestamp.js';
import { PcapWriter, PcapngWriter } from '../../src/capture/writer.js';
import { LINKTYPE } from '../../src/capture/types.js';
import { CORPUS_DIR, EXAMPLES_DIR } from '../helpers/paths.js';
import { concat } from '../helpers/capture.js';
import { rng } from '../../bench/mix.js';

interface Seen {
  readonly lines: string[];
  error: string | undefined;
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

function readBoth(bytes: Uint8Array, chunk: number, maxPackets?: number): { one: Seen; batch: Seen } {
  const one: Seen = { lines: [], error: undefined };
  const batch: Seen = { lines: [], error: undefined };
  const r1 = new CaptureReader({
    maxPackets,
    onPacket: (p) => {
      nsHalves(p.timestampSec, p.timestampNsec);
      one.lines.push(`${p.index} ${hex(p.data)} ${hex(recordBytes(p))} ${NS.hi}:${NS.lo} ${frameWireLength(p)}`);
    },
    onMeta: (m, kind) => one.lines.push(`meta ${kind} ${hex(m)}`),
  });
  const r2 = new CaptureReader({
    maxPackets,
    batchTimestamps: true,
    onBatch: (b) => {
      for (let k = 0; k < b.count; k++) {
        const frame = b.frames.subarray(b.frameOffsets[k], b.frameOffsets[k] + b.frameLengths[k]);
        const rec = b.records.subarray(b.recordStarts[k], b.recordStarts[k] + b.recordLengths[k]);
        batch.lines.push(`${b.firstIndex + k} ${hex(frame)} ${hex(rec)} ${b.tsHi[k]}:${b.tsLo[k]} ${b.wireLengths[k]}`);
      }
    },
    onMeta: (m, kind) => batch.lines.push(`meta ${kind} ${hex(m)}`),
  });
  for (const [r, seen] of [[r1, one], [r2, batch]] as const) {
    try {
      for (let at = 0; at < bytes.length && !r.stopped; at += chunk) r.feed(bytes.subarray(at, at + chunk));
      r.end();
    } catch (e) {
      seen.error = (e as Error).message;
    }
  }
  return { one, batch };
}

function check(name: string, bytes: Uint8Array, chunks: readonly number[], maxPackets?: number): void {
  for (const chunk of chunks) {
    const { one, batch } = readBoth(bytes, chunk, maxPackets);
    assert.equal(batch.lines.length, one.lines.length, `${name}, chunks of ${chunk}: units`);
    for (let k = 0; k < one.lines.length; k++) if (batch.lines[k] !== one.lines[k]) assert.fail(`${name}, chunks of ${chunk}: unit ${k} differs`);
    assert.equal(batch.error, one.error, `${name}, chunks of ${chunk}: error`);
  }
}

function frames(seed: number, count: number): Uint8Array[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => Uint8Array.from({ length: 14 + Math.floor(r() * 300) }, () => Math.floor(r() * 256)));
}

function pcap(options: ConstructorParameters<typeof PcapWriter>[1], data: Uint8Array[]): Uint8Array {
  const out: Uint8Array[] = [];
  const w = new PcapWriter((c) => out.push(c.slice()), options);
  data.forEach((f, k) => w.writePacket(f, 1_700_000_000 + k, k * 1_234_567 % 1_000_000_000, f.length + (k % 3) * 100));
  w.flush();
  return concat(out);
}

test('batch reader equals the per-packet reader on crafted pcap and pcapng captures', () => {
  const data = frames(5, 400);
  const cases: [string, Uint8Array][] = [
    ['pcap usec', pcap({}, data)],
    ['pcap nsec big-endian, snaplen 100', pcap({ nanosecond: true, littleEndian: false, snaplen: 100 }, data)],
    ['pcap SLL (synthesized Ethernet)', pcap({ linkType: LINKTYPE.LINUX_SLL }, data)],
    ['pcap raw IP', pcap({ linkType: LINKTYPE.RAW }, data)],
  ];
  const out: Uint8Array[] = [];
  const ng = new PcapngWriter((c) => out.push(c.slice()));
  const eth = ng.addInterface({ linkType: LINKTYPE.ETHERNET, tsresolDigits: 6 });
  const raw = ng.addInterface({ linkType: LINKTYPE.RAW });
  data.forEach((f, k) => {
    if (k === 200) ng.addInterface({ linkType: LINKTYPE.LINUX_SLL2 });
    ng.writePacket(k >= 200 && k % 5 === 0 ? 2 : k % 3 === 0 ? raw : eth, f, 1_700_000_000 + k, k * 1000, f.length + 4);
  });
  ng.flush();
  cases.push(['pcapng, three interfaces', concat(out)]);
  for (const [name, bytes] of cases) {
    check(name, bytes, [bytes.length, 1, 7, 333, 4096, 65536]);
    check(`${name}, limit 123`, bytes, [bytes.length, 1000], 123);
    check(`${name}, truncated`, bytes.subarray(0, bytes.length - 50), [bytes.length, 100]);
    const damaged = bytes.slice();
    damaged.fill(0xff, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 16);
    check(`${name}, damaged`, damaged, [damaged.length, 500]);
  }
});

test('batch reader equals the per-packet reader on the examples and every corpus capture', { skip: !existsSync(CORPUS_DIR) && 'corpus not present (../shared/corpus/tcpdump)' }, () => {
  const files = [join(EXAMPLES_DIR, 'sample.pcap'), ...readdirSync(join(EXAMPLES_DIR, 'stateful')).filter((f) => f.endsWith('.pcap')).map((f) => join(EXAMPLES_DIR, 'stateful', f))];
  for (const f of readdirSync(CORPUS_DIR)) if (/\.(pcap|pcapng)$/.test(f)) files.push(join(CORPUS_DIR, f));
  let n = 0;
  for (const path of files) {
    const bytes = new Uint8Array(readFileSync(path));
    check(path, bytes, [1 << 20, 777]);
    n++;
  }
  assert.ok(n > 100, `${n} captures`);
});
