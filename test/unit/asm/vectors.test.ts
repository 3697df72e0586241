// The C project's programs (test/vectors/asm, rebuilt from spec section 9) must assemble to the
// spec's bytes; our examples/ must verify and filter the spec's packets as their comments say.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assemble } from '../../../src/asm/assemble.js';
import { VerifyError } from '../../../src/diag/errors.js';
import { parseHex, toHex } from '../../../src/util/bytes.js';
import { verifyProgram } from '../../../src/verify/verify.js';
import { runReference } from '../../../src/vm/reference.js';
import { formatResult } from '../../../src/vm/result.js';
import { EXAMPLES_DIR, VECTORS_DIR } from '../../helpers/paths.js';

const ASM_DIR = join(VECTORS_DIR, 'asm');
const sources = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.vfm')).sort();
const assembleFile = (path: string, compat = false): Uint8Array => assemble(readFileSync(path, 'utf8'), path, { compat }).bytes;

/** Spec section 9 packets: 74 bytes of zeros with the listed bytes set. */
function packet(set: Record<number, number[]>, length = 74): Uint8Array {
  const p = new Uint8Array(length);
  for (const [at, bytes] of Object.entries(set)) p.set(bytes, Number(at));
  return p;
}
const SYN = { 12: [0x08, 0x00], 14: [0x45], 23: [6], 26: [192, 168, 1, 100], 30: [10, 0, 0, 1], 34: [0x04, 0xd2, 0x00, 0x50], 47: [0x02] };
const S = packet(SYN);
const withPort = (port: number) => packet({ ...SYN, 36: [port >> 8, port & 0xff] });
const U = packet({ ...SYN, 23: [17], 47: [0] });
const D = packet({ ...SYN, 23: [17], 47: [0], 34: [0x00, 0x35], 16: [0x02, 0x58] });
const D512 = packet({ ...SYN, 23: [17], 47: [0], 34: [0x00, 0x35], 16: [0x02, 0x00] });
const A = packet({ ...SYN, 12: [0x08, 0x06] });
const ACK = packet({ ...SYN, 47: [0x10] });
const SYNACK = packet({ ...SYN, 47: [0x12] });
const T = new Uint8Array(10);
const ADDR1 = [0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 1];
const ADDR2 = [0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 2];
const V6 = packet({ 12: [0x86, 0xdd], 14: [0x60], 19: [0x14], 20: [6], 21: [0x40], 22: ADDR1, 38: ADDR2, 54: [0x04, 0xd2, 0x00, 0x50], 67: [0x02] });
const V6_OTHER = packet({ 12: [0x86, 0xdd], 14: [0x60], 22: ADDR2, 38: ADDR1 });

const run = (bytes: Uint8Array, p: Uint8Array): string => formatResult(runReference(bytes, p));

test('every C project source assembles to the spec bytes, also in compat mode', () => {
  const files = sources(ASM_DIR);
  assert.ok(files.length >= 7, `expected the spec vectors in ${ASM_DIR}`);
  for (const f of files) {
    const want = readFileSync(join(ASM_DIR, f.replace(/\.vfm$/, '.hex')), 'utf8');
    assert.equal(toHex(assembleFile(join(ASM_DIR, f))), toHex(parseHex(want)!), f);
    assert.equal(toHex(assembleFile(join(ASM_DIR, f), true)), toHex(parseHex(want)!), `${f} (compat)`);
  }
});

test('the original tcp_port_filter is rejected: depths 1 and 0 merge at accept (pc 68)', () => {
  const bytes = assembleFile(join(ASM_DIR, 'tcp_port_filter.vfm'));
  assert.throws(
    () => verifyProgram(bytes),
    (e: unknown) => e instanceof VerifyError && e.code === 'ERR_VERIFY_MERGE' && e.where.pc === 68 && /at pc 68: [01] vs [01]/.test(e.message),
  );
  // Run unverified on the reference machine, it still filters as the spec says.
  assert.equal(run(bytes, S), 'accept 1');
  assert.equal(run(bytes, withPort(443)), 'accept 1');
  assert.equal(run(bytes, withPort(22)), 'drop');
});

test('the other C project programs verify and give the spec results', () => {
  const load = (name: string): Uint8Array => {
    const bytes = assembleFile(join(ASM_DIR, name));
    verifyProgram(bytes);
    return bytes;
  };
  const simple = load('simple_filter.vfm');
  assert.deepEqual([run(simple, S), run(simple, A), run(simple, T)], ['accept 1', 'drop', 'fault BOUNDS (-1) at pc 0']);
  const dns = load('dns_amplification_filter.vfm');
  assert.deepEqual([S, U, D, D512].map((p) => run(dns, p)), ['accept 1', 'accept 1', 'drop', 'accept 1']);
  const syn = load('tcp_syn_filter.vfm');
  assert.deepEqual([S, U, ACK].map((p) => run(syn, p)), ['accept 1', 'drop', 'drop']);
  assert.equal(run(load('arithmetic_example.vfm'), T), 'accept 30');
  assert.equal(run(load('simple_test.vfm'), T), 'accept 42');
  assert.equal(run(load('accept_all.vfm'), T), 'accept 1');
});

test('examples/: each verifies and filters as its comment says', () => {
  const files = sources(EXAMPLES_DIR);
  const load = (name: string): Uint8Array => {
    const bytes = assembleFile(join(EXAMPLES_DIR, name));
    verifyProgram(bytes);
    return bytes;
  };
  for (const f of files) load(f);
  // Everything but the IPv6 example is in the C assembler's language too.
  for (const f of files.filter((x) => x !== 'ipv6_filter.vfm')) assembleFile(join(EXAMPLES_DIR, f), true);

  assert.equal(run(load('accept_all.vfm'), T), 'accept 1');
  assert.equal(run(load('arithmetic_example.vfm'), T), 'accept 30');
  const simple = load('simple_filter.vfm');
  assert.deepEqual([S, A].map((p) => run(simple, p)), ['accept 1', 'drop']);
  const dns = load('dns_amplification_filter.vfm');
  assert.deepEqual([S, U, D, D512].map((p) => run(dns, p)), ['accept 1', 'accept 1', 'drop', 'accept 1']);
  const syn = load('tcp_syn_filter.vfm');
  assert.deepEqual([S, ACK, SYNACK, U, A].map((p) => run(syn, p)), ['accept 1', 'drop', 'drop', 'drop', 'drop']);
  const port = load('tcp_port_filter.vfm');
  assert.deepEqual([S, withPort(443), withPort(22), U, A].map((p) => run(port, p)), ['accept 1', 'accept 1', 'drop', 'drop', 'drop']);
  const v6 = load('ipv6_filter.vfm');
  assert.deepEqual([V6, V6_OTHER, S].map((p) => run(v6, p)), ['accept 1', 'drop', 'drop']);
});
