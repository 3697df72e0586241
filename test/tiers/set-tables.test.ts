// Set tables (INSET, INSET128 and the set section): seeded random sets of ports, IPv4
// addresses, 64-bit values and IPv6 addresses, as values and as intervals (prefixes), must
// accept exactly what a plain chain of compares accepts, on the reference and on every tier;
// bigger sets (to 100,000 entries) agree with a JS Set / interval scan and the reference. The
// assembler and disassembler round-trip every image; mutated sections and INSETs give typed
// errors only, and what still verifies runs alike everywhere.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble } from '../../src/asm/assemble.js';
import { disassemble } from '../../src/asm/disassemble.js';
import { hasSetSection, joinImage, makeSetTable, splitImage } from '../../src/bytecode/sets.js';
import { FilterError, VerifyError } from '../../src/diag/errors.js';
import { createFilter, detectTiers } from '../../src/tiers/select.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { runReference } from '../../src/vm/reference.js';
import { SET_MODE, SetIndex } from '../../src/vm/set-lookup.js';
import { formatIpv6 } from '../../src/util/inet.js';
import type { RunResult } from '../../src/vm/result.js';
import { testSeed } from '../helpers/seed.js';

/** The hot-path status of a result: 1 accept, 0 drop, the fault code. */
const statusOf = (r: RunResult): number => (r.kind === 'accept' ? 1 : r.kind === 'drop' ? 0 : r.code);

const seed = testSeed('set tables');
let state = seed >>> 0 || 1;
function rnd32(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return state >>> 0;
}
const rnd = (n: number): number => rnd32() % n;
const rndBig = (bits: number): bigint => {
  let v = 0n;
  for (let k = 0; k < bits; k += 32) v = (v << 32n) | BigInt(rnd32());
  return BigInt.asUintN(bits, v);
};

const tiers = detectTiers().filter((t) => t.available).map((t) => t.tier);

/** Where each key width is read: [load mnemonic, offset, bits]. */
const SHAPES = {
  port: { load: 'LD16', off: 36, bits: 16 },
  ipv4: { load: 'LD32', off: 26, bits: 32 },
  u64: { load: 'LD64', off: 30, bits: 64 },
  ipv6: { load: 'LD128', off: 22, bits: 128 },
} as const;
type Shape = keyof typeof SHAPES;

function packetWith(shape: Shape, v: bigint): Uint8Array {
  const p = new Uint8Array(64);
  for (let k = 0; k < p.length; k++) p[k] = rnd(256);
  const { off, bits } = SHAPES[shape];
  for (let k = 0; k < bits / 8; k++) p[off + k] = Number((v >> BigInt(bits - 8 - 8 * k)) & 0xffn);
  return p;
}

const text = (shape: Shape, v: bigint): string => (shape === 'ipv6' ? formatIpv6(v) : '0x' + v.toString(16));

/** A random set of n entries: values, or intervals (prefixes for ipv4/ipv6, ranges otherwise). */
function randomEntries(shape: Shape, n: number, intervals: boolean): [bigint, bigint][] {
  const bits = SHAPES[shape].bits;
  // Clustered values, so that neighbours and prefixes overlap now and then.
  const base = rndBig(bits) & ~((1n << BigInt(Math.min(bits, 20))) - 1n);
  const out: [bigint, bigint][] = [];
  for (let k = 0; k < n; k++) {
    const v = BigInt.asUintN(bits, base + BigInt(rnd(1 << Math.min(bits - 1, 20))));
    if (!intervals) out.push([v, v]);
    else {
      const hostBits = BigInt(rnd(Math.min(bits, 12)));
      const lo = v & ~((1n << hostBits) - 1n);
      out.push([lo, lo + (1n << hostBits) - 1n]);
    }
  }
  if (shape === 'port' && !intervals) out.push([0n, 0n], [65535n, 65535n]);
  return out;
}

/** `LOAD; INSET 0; RET` with the table. */
function setProgram(shape: Shape, entries: readonly (readonly [bigint, bigint])[]): Uint8Array {
  const { load, off } = SHAPES[shape];
  const table = makeSetTable(shape === 'ipv6', entries);
  const code = assemble(`${load} ${off}\n${shape === 'ipv6' ? 'INSET128' : 'INSET'} 0\nRET\n`).bytes;
  return joinImage(code, [table]);
}

/** The same membership as a chain of compares (exact values: JEQ; intervals: JLT/JLE). */
function chainProgram(shape: Shape, entries: readonly (readonly [bigint, bigint])[]): Uint8Array {
  const { load, off } = SHAPES[shape];
  const w = shape === 'ipv6' ? '128' : '';
  const push = shape === 'ipv6' ? 'PUSH128' : 'PUSH';
  const lines: string[] = [];
  entries.forEach(([lo, hi], k) => {
    if (lo === hi) lines.push(`${load} ${off}`, `${push} ${text(shape, lo)}`, `JEQ${w} yes`);
    else lines.push(`${load} ${off}`, `${push} ${text(shape, lo)}`, `JLT${w} n${k}`, `${load} ${off}`, `${push} ${text(shape, hi)}`, `JLE${w} yes`, `n${k}:`);
  });
  lines.push('RET 0', 'yes:', 'RET 1');
  return assemble(lines.join('\n') + '\n').bytes;
}

function probes(shape: Shape, entries: readonly (readonly [bigint, bigint])[], n: number): bigint[] {
  const bits = SHAPES[shape].bits;
  const out: bigint[] = [];
  for (let k = 0; k < n; k++) {
    const [lo, hi] = entries[rnd(entries.length)];
    const pick = rnd(5);
    const v = pick === 0 ? lo : pick === 1 ? hi : pick === 2 ? lo - 1n : pick === 3 ? hi + 1n : rndBig(bits);
    out.push(BigInt.asUintN(bits, v));
  }
  return out;
}

function agreeEverywhere(image: Uint8Array, packets: readonly Uint8Array[], want: (p: Uint8Array, k: number) => number, what: string): void {
  const program = verifyProgram(image);
  const filters = tiers.map((tier) => createFilter(program, { tier }));
  const split = splitImage(image);
  let accepted = 0;
  packets.forEach((p, k) => {
    const w = want(p, k);
    if (w === 1) accepted++;
    assert.equal(statusOf(runReference(split, p)), w, `reference: ${what}, packet ${k}`);
    for (const f of filters) assert.equal(f.exec(p), w, `${f.tier}: ${what}, packet ${k}`);
  });
  assert.ok(accepted > 0 && accepted < packets.length, `${what}: members and non-members among the probes (${accepted} of ${packets.length})`);
}

for (const shape of Object.keys(SHAPES) as Shape[]) {
  for (const intervals of [false, true]) {
    for (const n of [1, 9, 200, 700]) {
      test(`INSET on ${n} ${shape} ${intervals ? 'intervals' : 'values'} agrees with the plain chain on every tier`, () => {
        const entries = randomEntries(shape, n, intervals);
        const chain = verifyProgram(chainProgram(shape, entries));
        const image = setProgram(shape, entries);
        const packets = probes(shape, entries, 600).map((v) => packetWith(shape, v));
        const oracle = createFilter(chain, { tier: 'interpreter' });
        agreeEverywhere(image, packets, (p) => oracle.exec(p), `${n} ${shape}`);
      });
    }
  }
}

test('INSET on 10,000- and 100,000-entry sets agrees with a JS Set and an interval scan on every tier', () => {
  for (const shape of ['ipv4', 'ipv6', 'u64', 'port'] as const) {
    for (const intervals of [false, true]) {
      const big = (shape === 'ipv4' && !intervals) || (shape === 'ipv6' && intervals);
      const entries = randomEntries(shape, big ? 100000 : 10000, intervals);
      const image = setProgram(shape, entries);
      // Every interval is an aligned block of 2^h values (h < 12): v is a member when one of
      // its 12 aligned blocks is in the set.
      const blocks = new Set(entries.map(([lo, hi]) => `${lo}/${hi - lo}`));
      const values = probes(shape, entries, 1500);
      const member = (v: bigint): number => {
        for (let h = 0n; h < 12n; h++) if (blocks.has(`${v & ~((1n << h) - 1n)}/${(1n << h) - 1n}`)) return 1;
        return 0;
      };
      const want = values.map(member);
      agreeEverywhere(image, values.map((v) => packetWith(shape, v)), (_p, k) => want[k], `${entries.length} ${shape} ${intervals ? 'intervals' : 'values'}`);
    }
  }
});

test('tables are prepared as bitmaps (ports), narrow, 64-bit and 128-bit searches', () => {
  assert.equal(new SetIndex(makeSetTable(false, [1n, 80n, [1000n, 2000n]])).mode, SET_MODE.bitmap);
  assert.equal(new SetIndex(makeSetTable(false, [1n, 0x10000n])).mode, SET_MODE.narrow);
  assert.equal(new SetIndex(makeSetTable(false, [1n, 1n << 40n])).mode, SET_MODE.wide64);
  assert.equal(new SetIndex(makeSetTable(true, [1n])).mode, SET_MODE.wide128);
});

test('makeSetTable sorts, deduplicates and merges overlapping and adjacent intervals', () => {
  const t = makeSetTable(false, [5n, 3n, 3n, [10n, 12n], [13n, 20n], [15n, 16n], 4n]);
  const image = joinImage(assemble('PUSH 0\nINSET 0\nRET\n').bytes, [t]);
  assert.match(disassemble(image), /\.set64 0 3\.\.5, 10\.\.20\n/);
});

test('the assembler and disassembler round-trip images with set sections', () => {
  const images = [
    setProgram('ipv4', randomEntries('ipv4', 50, false)),
    setProgram('ipv6', randomEntries('ipv6', 30, true)),
    setProgram('u64', randomEntries('u64', 20, true)),
    joinImage(assemble('LD16 12\nINSET 1\nLD128 22\nINSET128 0\nOR\nRET\n').bytes, [makeSetTable(true, [[1n, 1n << 100n]]), makeSetTable(false, [0x800n, 0x86ddn])]),
  ];
  for (const image of images) {
    verifyProgram(image);
    const text = disassemble(image, { addresses: true, hex: true });
    assert.deepEqual(assemble(text).bytes, image, text.slice(0, 400));
  }
  const written = assemble('LD32 26\nINSET 0\nRET\n.set64 0 1, 2, 0x10..0x20\n.set64 0 0x30\n');
  assert.deepEqual(splitImage(written.bytes).tables[0].count, 4);
  verifyProgram(written.bytes);
});

test('assembler errors in set directives are reported with positions', () => {
  for (const [source, code] of [
    ['RET 0\n.set64 1 5\n', 'ERR_ASM_OPERAND'],
    ['RET 0\n.set64 0 5..x\n', 'ERR_ASM_NUMBER'],
    ['RET 0\n.set64 0 5\n.set128 0 ::1\n', 'ERR_ASM_OPERAND'],
    ['RET 0\n.set64 300 5\n', 'ERR_ASM_OPERAND'],
    ['RET 0\n.set64 0\n', 'ERR_ASM_OPERAND'],
  ] as const) {
    assert.throws(() => assemble(source), (e: unknown) => e instanceof FilterError && JSON.stringify(e).includes(code) || (e instanceof Error && 'errors' in e && (e as { errors: FilterError[] }).errors.some((x) => x.code === code)), source);
  }
});

test('the verifier checks tables and INSET operands; C programs without a section are unchanged', () => {
  const code = assemble('LD32 26\nINSET 0\nRET\n').bytes;
  const bad = (image: Uint8Array, what: RegExp): void => {
    assert.throws(() => verifyProgram(image), (e: unknown) => e instanceof VerifyError && e.code === 'ERR_VERIFY_SET' && what.test(e.message), what.source);
  };
  bad(code, /names set table 0: the program has 0 tables/);
  bad(joinImage(code, [makeSetTable(true, [1n])]), /needs a 64-bit table/);
  const unsorted = joinImage(code, [makeSetTable(false, [1n, 5n])]);
  // swap the two keys (8 bytes each, after the 2-byte count and the 8-byte header)
  const swapped = unsorted.slice();
  swapped.set(unsorted.subarray(code.length + 10 + 8, code.length + 10 + 16), code.length + 10);
  swapped.set(unsorted.subarray(code.length + 10, code.length + 10 + 8), code.length + 10 + 8);
  bad(swapped, /keys must ascend strictly/);
  const short = unsorted.slice();
  short[short.length - 8] -= 1; // code length one less: the section has a byte too many at its start
  bad(short, /set/);
  // A C program that ends in RET or JMP can never end in the magic.
  const plain = assemble('LD16 12\nPUSH 0x800\nJEQ a\nRET 0\na:\nRET 1\n').bytes;
  assert.equal(hasSetSection(plain), false);
  assert.deepEqual(verifyProgram(plain).bytes, plain);
  assert.equal(verifyProgram(plain).tables.length, 0);
});

test('mutated set sections give typed errors only; what verifies runs alike on every tier', () => {
  const bases = [setProgram('ipv4', randomEntries('ipv4', 40, false)), setProgram('ipv6', randomEntries('ipv6', 20, true)), setProgram('port', randomEntries('port', 30, true))];
  let verified = 0;
  for (let round = 0; round < 600; round++) {
    const base = bases[round % bases.length];
    const image = base.slice();
    const edits = 1 + rnd(3);
    for (let e = 0; e < edits; e++) {
      const at = rnd(image.length);
      image[at] = rnd(3) === 0 ? image[at] ^ (1 << rnd(8)) : rnd(256);
    }
    let program;
    try {
      program = verifyProgram(image);
    } catch (e) {
      assert.ok(e instanceof VerifyError, `round ${round}: ${String(e)}`);
      // the reference runs unverified images: a fault or a verdict, never an exception
      runReference(image, packetWith('ipv4', 0n));
      // the disassembler takes anything and re-assembles it to the same bytes
      assert.deepEqual(assemble(disassemble(image)).bytes, image, `round ${round}: dis/asm round trip`);
      continue;
    }
    verified++;
    const filters = tiers.map((tier) => createFilter(program, { tier }));
    for (let k = 0; k < 20; k++) {
      const p = packetWith(round % 3 === 1 ? 'ipv6' : 'ipv4', rndBig(128));
      const want = statusOf(runReference(image, p));
      for (const f of filters) assert.equal(f.exec(p), want, `round ${round}, ${f.tier}`);
    }
  }
  assert.ok(verified > 0, 'some mutations still verify');
});
