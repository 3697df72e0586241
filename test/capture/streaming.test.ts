// Streaming: a multi-gigabyte capture, generated on the fly as views of one cyclic buffer
// (never stored), goes through the reader and the interpreter in 1 MiB chunks whose
// boundaries cut records anywhere. Memory must stay bounded: RSS grows by a few MB at most.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaptureReader } from '../../src/capture/reader.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { Interpreter } from '../../src/vm/interpreter.js';
import { concat, etherFrame, ipv4Filter, writePcap, writePcapng, type TestPacket } from '../helpers/capture.js';

const CHUNK_BYTES = 1 << 20;

/** Packets of many sizes; every third is IPv4 (accepted by ipv4Filter). */
function templatePackets(): TestPacket[] {
  const out: TestPacket[] = [];
  for (let k = 0; k < 97; k++) out.push({ data: etherFrame(k % 3 === 0 ? 0x0800 : 0x86dd, new Array((k * 151) % 1500).fill(k)), sec: k, nsec: 0 });
  return out;
}

function streamThrough(header: Uint8Array, records: Uint8Array, totalBytes: number, recordsPerTemplate: number): void {
  // A buffer holding the template often enough that any chunk is one view of it.
  const copies = Math.ceil((CHUNK_BYTES + records.length) / records.length) + 1;
  const cyclic = concat(new Array<Uint8Array>(copies).fill(records));
  const repeats = Math.floor((totalBytes - header.length) / records.length);
  const streamBytes = repeats * records.length;
  const vm = new Interpreter(verifyProgram(ipv4Filter()));
  let accepted = 0;
  let packets = 0;
  const reader = new CaptureReader({
    onPacket: (p) => {
      packets++;
      if (vm.execAt(p.frame, p.frameOffset, p.frameLength) === 1) accepted++;
    },
  });
  reader.feed(header);
  const rssAtStart = process.memoryUsage().rss;
  let rssMax = rssAtStart;
  for (let pos = 0; pos < streamBytes; pos += CHUNK_BYTES) {
    const n = Math.min(CHUNK_BYTES, streamBytes - pos);
    const at = pos % records.length;
    reader.feed(cyclic.subarray(at, at + n));
    if ((pos & 0x3ffffff) === 0) rssMax = Math.max(rssMax, process.memoryUsage().rss);
  }
  reader.end();
  rssMax = Math.max(rssMax, process.memoryUsage().rss);
  assert.equal(packets, repeats * recordsPerTemplate);
  assert.equal(accepted, repeats * Math.ceil(recordsPerTemplate / 3));
  const growthMb = (rssMax - rssAtStart) / 1e6;
  assert.ok(growthMb < 64, `RSS grew by ${growthMb.toFixed(1)} MB while streaming ${(streamBytes / 1e9).toFixed(2)} GB`);
}

test('a 3 GB pcap stream goes through reader and interpreter with bounded memory', () => {
  const template = templatePackets();
  const file = writePcap(template);
  streamThrough(file.subarray(0, 24), file.subarray(24), 3e9, template.length);
});

test('a 1 GB pcapng stream goes through reader and interpreter with bounded memory', () => {
  const template = templatePackets();
  const header = writePcapng([]);
  const file = writePcapng(template);
  streamThrough(header, file.subarray(header.length), 1e9, template.length);
});
