import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateSampleCapture, samplePath } from '../../scripts/gen-sample-capture.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { readAll } from '../helpers/capture.js';

test('scripts/gen-sample-capture reproduces the committed examples/sample.pcap byte for byte', () => {
  const committed = new Uint8Array(readFileSync(samplePath(REPO_ROOT)));
  const generated = generateSampleCapture();
  assert.equal(generated.length, committed.length, 'length; regenerate with: npm run build && node dist/scripts/gen-sample-capture.js');
  assert.deepEqual(generated, committed);
});

test('the sample capture has the promised variety', () => {
  const { packets, error } = readAll(generateSampleCapture());
  assert.equal(error, undefined);
  assert.ok(packets.length >= 190 && packets.length <= 210, `${packets.length} packets`);
  const etherTypes = new Set(packets.map((p) => (p.data[12] << 8) | p.data[13]));
  for (const t of [0x0800, 0x86dd, 0x0806, 0x8100, 0x88a8]) assert.ok(etherTypes.has(t), `EtherType 0x${t.toString(16)}`);
  const ipv4 = packets.filter((p) => p.data[12] === 8 && p.data[13] === 0);
  assert.ok(ipv4.some((p) => (p.data[14] & 15) > 5), 'an IPv4 packet with options');
  assert.ok(ipv4.some((p) => (p.data[20] & 0x20) !== 0 || (p.data[20] & 0x1f) + p.data[21] > 0), 'an IPv4 fragment');
  const ipv6 = packets.filter((p) => p.data[12] === 0x86 && p.data[13] === 0xdd);
  for (const nh of [0, 60, 44, 58, 6, 17]) assert.ok(ipv6.some((p) => p.data[20] === nh), `IPv6 next header ${nh}`);
  const tcpPorts = new Set(ipv4.filter((p) => p.data[23] === 6).map((p) => (p.data[36] << 8) | p.data[37]));
  for (const port of [22, 80, 443, 8080]) assert.ok(tcpPorts.has(port), `TCP port ${port}`);
  const dnsAnswers = ipv4.filter((p) => p.data[23] === 17 && ((p.data[34] << 8) | p.data[35]) === 53);
  assert.ok(dnsAnswers.some((p) => p.data.length > 1000), 'a large DNS answer');
});
