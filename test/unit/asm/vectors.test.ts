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
import { A, D, D512, S, S22, S443, S4 as ACK, T, U, V6 } from '../../helpers/packets.js';

const ASM_DIR = join(VECTORS_DIR, 'asm');
const sources = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.vfm')).sort();
const assembleFile = (path: string, compat = false): Uint8Array => assemble(readFileSync(path, 'utf8'), path, { compat }).bytes;

const SYNACK = S.slice();
SYNACK[47] = 0x12;
/** V6 with the two addresses exchanged: sent to 2001:db8::1. */
const V6_OTHER = V6.slice();
V6_OTHER.set(V6.subarray(38, 54), 22);
V6_OTHER.set(V6.subarray(22, 38), 38);

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
  assert.equal(run(bytes, S443), 'accept 1');
  assert.equal(run(bytes, S22), 'drop');
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
  assert.deepEqual([S, S443, S22, U, A].map((p) => run(port, p)), ['accept 1', 'accept 1', 'drop', 'drop', 'drop']);
  const v6 = load('ipv6_filter.vfm');
  assert.deepEqual([V6, V6_OTHER, S].map((p) => run(v6, p)), ['accept 1', 'drop', 'drop']);
});
