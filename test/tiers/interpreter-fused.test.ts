// The interpreter's superinstructions (src/vm/interpreter.ts fuse()) against the reference
// machine and every other tier: compare-and-jump as a range test for each load width,
// condition and immediate at the edges of 32 and 64 bits, masked loads compared or multiplied
// (the IPv4 header length), LDX and HDR compares, jumps straight to `RET k` returning the
// verdict (64-bit values, values left under RET), jump targets inside a pattern (no fusion),
// and fused code next to division by zero, 128-bit ops and set lookups. Every packet length
// from 0 to 40 bytes (bounds faults at each offset) and bench mix frames must give the same
// status, value and fault pc.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble } from '../../src/asm/assemble.js';
import { type TierName, createFilter, detectTiers } from '../../src/tiers/select.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { runReference } from '../../src/vm/reference.js';
import { resultText } from '../helpers/vm-vectors.js';
import { BENCH_SEED, makeFrames } from '../../bench/mix.js';

const frames = makeFrames(60, BENCH_SEED);
const packets: Uint8Array[] = [];
for (let n = 0; n <= 40; n++) packets.push(Uint8Array.from({ length: n }, (_, k) => (k * 97 + n * 13 + 0x70) & 0xff));
packets.push(new Uint8Array(40), new Uint8Array(40).fill(0xff));
for (let k = 0; k < frames.count; k++) packets.push(frames.data.subarray(frames.offsets[k], frames.offsets[k] + frames.lengths[k]));

const TIERS = detectTiers().filter((s) => s.available).map((s) => s.tier) as TierName[];
const JCC = ['JEQ', 'JNE', 'JGT', 'JLT', 'JGE', 'JLE'];
const IMMS = ['0', '1', '0x7f', '0x80', '0xff', '0x100', '0x800', '0xffff', '0x10000', '0x7fffffff', '0x80000000', '0xfffffffe', '0xffffffff', '0x100000000', '0xffffffffffffffff'];

function same(source: string, name: string): void {
  const bytes = assemble(source, `${name}.vfm`).bytes;
  const program = verifyProgram(bytes);
  const filters = TIERS.map((tier) => ({ tier, f: createFilter(program, { tier }) }));
  for (const p of packets) {
    const want = resultText(runReference(bytes, p));
    for (const { tier, f } of filters) assert.equal(resultText(f.run(p)), want, `${name} on ${tier}, packet of ${p.length} bytes`);
  }
}

test('fused LDn; PUSH imm; Jcc: every width, condition and edge immediate, verdicts returned by the jump', () => {
  for (const [ld, off] of [['LD8', 13], ['LD16', 12], ['LD32', 26]] as const) {
    for (const j of JCC) for (const imm of IMMS) same(`${ld} ${off}\n PUSH ${imm}\n ${j} yes\n RET 0x100000001\nyes: RET 0x200000000`, `${ld} ${j} ${imm}`);
  }
});

test('fused LDn; PUSH mask; AND; PUSH imm; Jcc and LDn; PUSH mask; AND; PUSH k; MUL', () => {
  for (const [ld, off] of [['LD8', 14], ['LD16', 20], ['LD32', 30]] as const) {
    for (const mask of ['0x0f', '0x1fff', '0xffffffff', '0xffffffff00000000']) {
      for (const j of JCC) for (const imm of ['0', '5', '0xffffffff', '0x100000000']) same(`${ld} ${off}\n PUSH ${mask}\n AND\n PUSH ${imm}\n ${j} yes\n RET 0\nyes: RET 1`, `${ld} & ${mask} ${j} ${imm}`);
      for (const k of ['0', '4', '0x10001', '0xffffffff', '0x100000000']) same(`${ld} ${off}\n PUSH ${mask}\n AND\n PUSH ${k}\n MUL\n RET`, `${ld} & ${mask} * ${k}`);
    }
  }
});

test('fused LDXn and HDR compares, the IPv4 header length pattern, and PUSH imm; Jcc on 64-bit values', () => {
  for (const [ldx, off] of [['LDX8', 9], ['LDX16', 2], ['LDX32', 0]] as const) {
    for (const j of JCC) for (const imm of ['0', '80', '0xffffffff', '0x100000000']) same(`LD8 14\n PUSH 15\n AND\n PUSH 4\n MUL\n ${ldx} ${off}\n PUSH ${imm}\n ${j} yes\n RET 0\nyes: LEN\n RET`, `${ldx} ${j} ${imm}`);
  }
  for (const j of JCC) for (const imm of ['0', '4', '6', '0x100000000']) same(`HDR 5\n PUSH ${imm}\n ${j} yes\n RET 3\nyes: HDR 4\n RET`, `HDR ${j} ${imm}`);
  for (const j of JCC) {
    for (const imm of ['0', '0x80000000', '0xffffffff', '0x100000000', '0xffffffff00000000', '0xffffffffffffffff']) same(`LD64 20\n PUSH ${imm}\n ${j} yes\n RET 0\nyes: RET 1`, `LD64 ${j} ${imm}`);
  }
});

test('no fusion across a jump target; values left under RET; fused code beside DIV, 128-bit ops and sets', () => {
  same(`LD8 0\n LD8 3\n PUSH 9\n JEQ mid\n POP\n LD8 1\nmid: PUSH 0x70\n JGT yes\n RET 0\nyes: RET 1`, 'target at PUSH');
  same(`LD8 1\n PUSH 0x70\n JMP j\nj: JLT yes\n RET 0\nyes: RET 1`, 'target at Jcc');
  same(`LD8 2\n LD16 12\n PUSH 0x800\n JNE no\n LD8 23\n PUSH 6\n JEQ yes\nno: RET 0\nyes: RET 5`, 'a value left under RET');
  same(`LD8 14\n PUSH 15\n AND\n LD8 15\n PUSH 3\n AND\n DIV\n PUSH 2\n JGT yes\n RET 0\nyes: RET 1`, 'division by zero after masked loads');
  same(`LD16 12\n PUSH 0x86dd\n JNE no\n LD128 22\n PUSH128 0xffffffffffffffffffffffffffffffff\n AND128\n PUSH128 0x00112233445566778899aabbccddeeff\n JLT128 yes\nno: RET 0\nyes: RET 1`, '128-bit ops after a fused compare');
  same(`.set64 0 0, 6, 17, 0x800, 0xffffffff\n LD16 12\n PUSH 0xffff\n AND\n INSET 0\n PUSH 0\n JNE yes\n LD8 23\n INSET 0\n RET\nyes: RET 7`, 'INSET after a masked load');
  same(`.set128 0 ::1, 2001:db8::..2001:db8::ffff\n LD8 0\n PUSH 0\n JGE go\n RET 0\ngo: LD128 8\n INSET128 0\n RET`, 'INSET128 after a fused compare');
});
