// CSUM, PARSE and HDR on real header layouts: VLAN tags, IPv4 options and fragments, IPv6
// extension headers, truncation; all through the interpreter and the reference.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyProgram } from '../../../src/verify/verify.js';
import { runReference } from '../../../src/vm/reference.js';
import { Interpreter } from '../../../src/vm/interpreter.js';
import { resultText } from '../../helpers/vm-vectors.js';
import { program } from '../../helpers/build.js';
import { ether, icmp, ipv4, ipv6, tcp, udp } from '../../../src/packet/craft.js';

function value(bytes: Uint8Array, packet: Uint8Array): number {
  const ref = runReference(bytes, packet);
  const fast = new Interpreter(verifyProgram(bytes)).run(packet);
  assert.equal(resultText(fast), resultText(ref));
  return fast.kind === 'accept' ? Number(fast.value) : fast.kind === 'drop' ? 0 : -1;
}

const csum = program('csum', 'ret');
const parse = program('parse', 'ret');
const hdr = (n: number) => program(['hdr', n], 'ret');

const plainTcp = ether(0x0800, ipv4({ proto: 6 }, tcp(1234, 80, 0x02)));
const withOptions = ether(0x0800, ipv4({ proto: 6, options: [0x94, 0x04, 0, 0, 1, 1, 1, 0] }, tcp(1234, 80, 0x12)));
const tagged = ether(0x0800, ipv4({ proto: 17 }, udp(53, 5353)), [100, 200]);
const fragmentFirst = ether(0x0800, ipv4({ proto: 17, moreFragments: true }, udp(1, 2)));
const fragmentLater = ether(0x0800, ipv4({ proto: 17, fragOffset: 185 }, udp(1, 2)));
const v6ext = ether(0x86dd, ipv6(6, tcp(50000, 443, 0x02), [{ type: 0, body: [1, 4, 0, 0, 0, 0] }, { type: 60, body: [1, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }]));
const v6frag = ether(0x86dd, ipv6(17, udp(1, 2), [{ type: 44, body: [0x00, 0x01, 0, 0, 0, 7] }]));
const v6icmp = ether(0x86dd, ipv6(58, icmp(128, 0)));
const arp = ether(0x0806, new Uint8Array(28));

test('CSUM: 1 for IPv4 with a correct header checksum (also with options and VLAN tags), else 0', () => {
  assert.equal(value(csum, plainTcp), 1);
  assert.equal(value(csum, withOptions), 1);
  assert.equal(value(csum, tagged), 1);
  assert.equal(value(csum, ether(0x0800, ipv4({ proto: 6, badChecksum: true }, tcp(1, 2, 0)))), 0);
  assert.equal(value(csum, v6ext), 0);
  assert.equal(value(csum, arp), 0);
  assert.equal(value(csum, plainTcp.subarray(0, 30)), 0, 'truncated IPv4 header');
  assert.equal(value(csum, new Uint8Array(0)), 0);
});

test('PARSE: the transport offset follows IHL, VLAN tags and IPv6 extension headers', () => {
  assert.equal(value(parse, plainTcp), 34);
  assert.equal(value(parse, withOptions), 42);
  assert.equal(value(parse, tagged), 42);
  assert.equal(value(parse, v6ext), 14 + 40 + 8 + 16);
  assert.equal(value(parse, v6frag), 14 + 40 + 8, 'first fragment has the transport header');
  assert.equal(value(parse, v6icmp), 54);
});

test('PARSE: 0 when there is no transport header', () => {
  assert.equal(value(parse, arp), 0);
  assert.equal(value(parse, fragmentLater), 0, 'non-first IPv4 fragment');
  assert.equal(value(parse, ether(0x86dd, ipv6(17, udp(1, 2), [{ type: 44, body: [0x00, 0x09, 0, 0, 0, 7] }]))), 0, 'non-first IPv6 fragment');
  assert.equal(value(parse, ether(0x86dd, ipv6(59, new Uint8Array(0)))), 0, 'no next header');
  assert.equal(value(parse, plainTcp.subarray(0, 34)), 0, 'IPv4 header but no byte after it');
  assert.equal(value(parse, plainTcp.subarray(0, 20)), 0, 'truncated IPv4 header');
  assert.equal(value(parse, new Uint8Array(13)), 0);
});

test('HDR selectors: network offset, EtherType, tags, version, transport offset and protocol, VLAN id, fragment', () => {
  const facts = (p: Uint8Array) => [0, 1, 2, 3, 4, 5, 6, 7].map((n) => value(hdr(n), p));
  assert.deepEqual(facts(plainTcp), [14, 0x0800, 0, 4, 34, 6, 0, 0]);
  assert.deepEqual(facts(tagged), [22, 0x0800, 2, 4, 42, 17, 100, 0]);
  assert.deepEqual(facts(v6ext), [14, 0x86dd, 0, 6, 78, 6, 0, 0]);
  assert.deepEqual(facts(v6frag), [14, 0x86dd, 0, 6, 62, 17, 0, 1]);
  assert.deepEqual(facts(fragmentFirst), [14, 0x0800, 0, 4, 34, 17, 0, 1]);
  assert.deepEqual(facts(fragmentLater), [14, 0x0800, 0, 4, 0, 17, 0, 1]);
  assert.deepEqual(facts(arp), [14, 0x0806, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(facts(new Uint8Array(5)), [0, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(value(hdr(200), plainTcp), 0, 'unknown selectors give 0');
});

test('HDR and PARSE in one program agree and see the same packet', () => {
  const bytes = program('parse', ['hdr', 4], 'eq', 'ret');
  for (const p of [plainTcp, withOptions, tagged, v6ext, v6frag, arp, fragmentLater]) assert.equal(value(bytes, p), 1);
});

test('PARSE walks at most 8 IPv6 extension headers; with more there is no transport header', () => {
  const opt = { type: 60, body: [1, 4, 0, 0, 0, 0] };
  const eight = ether(0x86dd, ipv6(6, tcp(1, 2, 0x02), new Array(8).fill(opt)));
  const nine = ether(0x86dd, ipv6(6, tcp(1, 2, 0x02), new Array(9).fill(opt)));
  assert.equal(value(parse, eight), 14 + 40 + 8 * 8);
  assert.equal(value(parse, nine), 0);
  assert.equal(value(hdr(5), nine), 60, 'the protocol is where the walk stopped');
});

test('PARSE skips at most 8 VLAN tags; behind a ninth there is no network header', () => {
  const eight = ether(0x0800, ipv4({ proto: 6 }, tcp(1, 2, 0x02)), [1, 2, 3, 4, 5, 6, 7, 8]);
  const nine = ether(0x0800, ipv4({ proto: 6 }, tcp(1, 2, 0x02)), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal(value(parse, eight), 14 + 8 * 4 + 20);
  assert.equal(value(parse, nine), 0);
  assert.deepEqual([0, 1, 2, 6].map((n) => value(hdr(n), nine)), [0, 0, 8, 1], 'tags counted, outer VLAN id kept, no network header');
});
