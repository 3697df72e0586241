// `vfm test --workers N` with a stateless filter over a pcap file splits the file into byte
// ranges that the workers read themselves (parallel-range.ts). The verdicts, counts and faults
// equal a single-threaded run for any number of workers, for records that straddle range
// boundaries, payloads that look like record headers, and damaged files (which fall back to a
// single-threaded run and report the same error).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';
import { tempDir, concat } from '../helpers/capture.js';
import { PcapWriter } from '../../src/capture/writer.js';
import { rng } from '../../bench/mix.js';
import { makeFrame } from '../../bench/mix.js';

interface Json {
  total: number;
  accepted: number;
  dropped: number;
  errors: number;
  faults: Record<string, number>;
  verdicts: number[];
  workers?: { count: number; shard: string; packets: number[] };
  error?: { code: string; byteOffset: number };
}

async function run(args: string[]): Promise<{ code: number; obj: Json; stderr: string }> {
  const r = await runCli(['test', '--json', '--verdicts', ...args]);
  return { code: r.code, obj: JSON.parse(r.stdout) as Json, stderr: r.stderr };
}

const t = tempDir();
// A stateless filter that accepts, drops and faults: IPv4 TCP to port 80 accepts; byte 200 of
// short frames is out of bounds.
const filter = t.file('f.vfm', 'LD16 12\nPUSH 0x800\nJNE other\nLD8 23\nPUSH 6\nJNE drop\nRET 1\nother: LD8 200\nRET\ndrop: RET 0\n');

function capture(seed: number, count: number, tweak?: (frame: Uint8Array, k: number) => Uint8Array): Uint8Array {
  const r = rng(seed);
  const out: Uint8Array[] = [];
  const w = new PcapWriter((c) => out.push(c.slice()), { nanosecond: seed % 2 === 0 });
  for (let k = 0; k < count; k++) {
    const f = makeFrame(r);
    w.writePacket(tweak === undefined ? f : tweak(f, k), 1_767_225_600 + k, k * 1000);
  }
  w.flush();
  return concat(out);
}

test('byte ranges on 2, 3 and 7 workers give the single-threaded verdicts', async () => {
  const path = t.file('mix.pcap', capture(1, 6000));
  const single = (await run([filter, path])).obj;
  assert.ok(single.accepted > 0 && single.dropped > 0 && single.errors > 0);
  for (const n of [2, 3, 7]) {
    const { code, obj, stderr } = await run(['--workers', String(n), filter, path]);
    assert.equal(code, 0);
    assert.equal(stderr, '');
    assert.equal(obj.workers?.count, n);
    assert.match(obj.workers!.shard, /byte ranges/);
    assert.equal(obj.workers!.packets.reduce((a, b) => a + b, 0), single.total);
    assert.ok(obj.workers!.packets.every((p) => p > 0), obj.workers!.packets.join(' + '));
    assert.deepEqual(obj.verdicts, single.verdicts);
    assert.deepEqual([obj.total, obj.accepted, obj.dropped, obj.errors, obj.faults], [single.total, single.accepted, single.dropped, single.errors, single.faults]);
  }
});

test('payloads full of fake record headers and a few huge records still split exactly', async () => {
  // Every payload repeats a plausible 16-byte record header, so resynchronisation may land
  // inside a packet; the check against the previous range must catch it.
  const fake = new Uint8Array(16);
  new DataView(fake.buffer).setUint32(8, 40, true);
  new DataView(fake.buffer).setUint32(12, 40, true);
  const path = t.file('fake.pcap', capture(2, 3000, (f, k) => {
    const big = k % 500 === 7 ? 60000 : f.length;
    const g = new Uint8Array(big);
    g.set(f.subarray(0, Math.min(f.length, 34)));
    for (let at = 40; at + 16 <= big; at += 56) g.set(fake, at);
    return g;
  }));
  const single = (await run([filter, path])).obj;
  for (const n of [2, 5]) {
    const { obj } = await run(['--workers', String(n), filter, path]);
    assert.deepEqual(obj.verdicts, single.verdicts, `${n} workers`);
    assert.equal(obj.total, single.total);
  }
});

test('a damaged or truncated file falls back to one thread with the same report and error', async () => {
  const bytes = capture(3, 4000);
  const truncated = t.file('cut.pcap', bytes.subarray(0, bytes.length - 100));
  const damaged = bytes.slice();
  const view = new DataView(damaged.buffer);
  let at = 24;
  while (at < bytes.length * 0.7) at += 16 + view.getUint32(at + 8, true);
  view.setUint32(at + 8, 0xffffffff, true); // a record claiming 4 GiB, in the second range
  const broken = t.file('broken.pcap', damaged);
  for (const path of [truncated, broken]) {
    const single = await run([filter, path]);
    const multi = await run(['--workers', '2', filter, path]);
    assert.equal(single.code, 1);
    assert.equal(multi.code, 1);
    assert.deepEqual(multi.obj.error, single.obj.error);
    assert.deepEqual(multi.obj.verdicts, single.obj.verdicts);
  }
});

/**
 * The capture of `seed` rewritten as an old pcap file: version 2.`minor`, records cut to a
 * 200-byte snapshot, and (as libpcap reads such files) the original length stored before the
 * captured length for versions before 2.3. Version 2.3 files store either order.
 */
function oldVersion(seed: number, count: number, minor: number): Uint8Array {
  const src = capture(seed, count);
  const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
  const parts: Uint8Array[] = [src.slice(0, 24)];
  new DataView(parts[0].buffer).setUint16(6, minor, true);
  new DataView(parts[0].buffer).setUint32(16, 200, true);
  for (let at = 24, k = 0; at < src.length; k++) {
    const caplen = view.getUint32(at + 8, true);
    const kept = Math.min(caplen, 200);
    const rec = new Uint8Array(16 + kept);
    rec.set(src.subarray(at, at + 16 + kept));
    const lenFirst = minor < 3 || k % 2 === 0;
    new DataView(rec.buffer).setUint32(8, lenFirst ? caplen : kept, true);
    new DataView(rec.buffer).setUint32(12, lenFirst ? kept : caplen, true);
    parts.push(rec);
    at += 16 + caplen;
  }
  return concat(parts);
}

test('pcap files before 2.4 (len stored before caplen) split by byte ranges too', async () => {
  for (const minor of [2, 3]) {
    const path = t.file(`old-2.${minor}.pcap`, oldVersion(4 + minor, 5000, minor));
    const single = (await run([filter, path])).obj;
    assert.ok(single.total === 5000 && single.accepted > 0 && single.dropped > 0, `2.${minor}`);
    const { code, obj, stderr } = await run(['--workers', '2', filter, path]);
    assert.equal(code, 0);
    assert.equal(stderr, '', `2.${minor}`);
    assert.match(obj.workers!.shard, /byte ranges/, `2.${minor}`);
    assert.deepEqual(obj.verdicts, single.verdicts, `2.${minor}`);
    assert.deepEqual([obj.total, obj.accepted, obj.dropped, obj.errors], [single.total, single.accepted, single.dropped, single.errors]);
  }
});
