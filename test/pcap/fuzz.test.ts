// Fuzz test of the pcap-filter compiler: token soup (keywords, names, numbers, addresses,
// operators and parentheses in random order) and random strings compile to a verified
// program or throw a FilterError with a position, nothing else (no crash, no RangeError,
// no hang). Seeded; the seed is printed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compilePcapFilter } from '../../src/pcap/index.js';
import { FilterError } from '../../src/diag/errors.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { testSeed } from '../helpers/seed.js';

const TOKENS = [
  'host', 'net', 'port', 'portrange', 'proto', 'protochain', 'src', 'dst', 'or', 'and', 'not', '!', '&&', '||', 'ip', 'ip6',
  'tcp', 'udp', 'icmp', 'icmp6', 'arp', 'rarp', 'ether', 'link', 'vlan', 'mpls', 'pppoes', 'pppoed', 'geneve', 'llc',
  'less', 'greater', 'len', 'byte', 'broadcast', 'multicast', 'gateway', 'mask', 'decnet', 'iso', 'isis', 'stp', 'type',
  'inbound', 'tcpflags', 'tcp-syn', 'icmp-echo', '(', ')', '[', ']', ':', '/', '+', '-', '*', '%', '&', '|', '^', '<<', '>>',
  '=', '==', '!=', '<', '<=', '>', '>=', '0', '1', '4', '80', '65535', '65536', '4294967295', '4294967296', '0x800', '077',
  '08', '10.0.0.1', '192.168', '12.500', '::1', 'fe80::/10', '1:2:3:4:5:6', 'ab.cd.ef.00.00.02', '\\tcp', 'smtp', 'domain',
  'nosuchname', '25-smtp', '$1f', 'a.b.c', '1.2.3.4/33', '::/129',
];

function check(expr: string, seed: number): void {
  try {
    const r = compilePcapFilter(expr);
    verifyProgram(r.bytes);
  } catch (e) {
    if (!(e instanceof FilterError)) assert.fail(`seed ${seed}: ${JSON.stringify(expr)} threw ${String(e)}`);
    assert.ok(e.where.span !== undefined || e.where.pc !== undefined, `seed ${seed}: ${JSON.stringify(expr)}: error without a position: ${e.message}`);
  }
}

test('pcap-filter fuzz: token soup compiles or is a FilterError', () => {
  const seed = testSeed('pcap-filter token soup');
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 14 }), (toks) => check(toks.join(' '), seed)),
    { seed, numRuns: 4000 },
  );
});

test('pcap-filter fuzz: random strings compile or are a FilterError', () => {
  const seed = testSeed('pcap-filter random strings');
  fc.assert(fc.property(fc.string({ maxLength: 40 }), (s) => check(s, seed)), { seed, numRuns: 2000 });
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'()[]!&|<>=:/.-+ 0123456789abcdefhiptx'.split('')), maxLength: 60 }), (s) => check(s, seed)), { seed, numRuns: 2000 });
});

test('pcap-filter: nesting past the limit is a FilterError, never a RangeError', () => {
  for (const expr of ['('.repeat(5000) + 'tcp' + ')'.repeat(5000), 'not '.repeat(5000) + 'tcp', '- '.repeat(5000) + '1 = 1', `ip[${'('.repeat(3000)}1${')'.repeat(3000)}] = 1`, Array(3000).fill('tcp').join(' and '), Array(3000).fill('host 1.2.3.4').join(' or ')]) {
    try {
      compilePcapFilter(expr);
    } catch (e) {
      assert.ok(e instanceof FilterError, `${expr.slice(0, 20)}...: ${String(e)}`);
    }
  }
});
