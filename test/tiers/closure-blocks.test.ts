// The closure tier's block closures (blocks.ts) against the interpreter on programs built to
// reach their corner cases: values that stay on the stack across blocks (spilled deepest
// first), DUP of a value that can fault, loads that fault in program order, 64-bit blocks that
// fall back to the per-instruction handlers, header facts read lazily and at entry, constant
// verdicts. Every packet length from 0 to 80 bytes (and bench mix frames) must give the same
// status, value and fault pc on both.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble } from '../../src/asm/assemble.js';
import { createFilter } from '../../src/tiers/select.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { compileVflisp } from '../../src/lang/compile.js';
import { BENCH_SEED, makeFrames } from '../../bench/mix.js';

const PROGRAMS: Record<string, string> = {
  'dup of a faulting load kept across a block': `
    LD8 14
    PUSH 15
    AND
    PUSH 4
    MUL
    DUP
    LDX16 16
    PUSH 80
    JEQ yes
    LDX16 16
    PUSH 443
    JNE no
    RET 1
  yes: RET 2
  no:  RET 0`,
  'spilled values fault in program order': `
    HDR 4
    LDX8 60
    HDR 4
    LDX8 0
    DUP
    PUSH 0
    JEQ zero
    ADD
    RET
  zero: POP
    POP
    LD16 70
    RET`,
  'a 64-bit block between 32-bit blocks': `
    LD32 26
    PUSH 0x100000000
    ADD
    DUP
    PUSH 0x100000006
    JGT big
    PUSH 32
    SHR
    RET
  big: LD8 23
    PUSH 6
    JNE no
    POP
    RET 7
  no: RET`,
  'lazy header facts after a fixed load': `
    LD8 0
    PUSH 0
    JEQ skip
    HDR 9
    PUSH 0
    JEQ skip
    HDR 9
    LDX16 0
    HDR 5
    ADD
    RET
  skip: LEN
    RET`,
  'compares and arithmetic on 32-bit values': `
    LD16 12
    LD16 16
    GT
    LD8 14
    PUSH 3
    SHL
    XOR
    LD8 15
    PUSH 1
    SHR
    OR
    LEN
    SUB
    DUP
    PUSH 0xffff
    JLE small
    RET
  small: PUSH 9
    RET`,
};

const frames = makeFrames(400, BENCH_SEED);
const packets: Uint8Array[] = [];
for (let n = 0; n <= 80; n++) packets.push(Uint8Array.from({ length: n }, (_, k) => (k * 37 + n) & 0xff));
for (let k = 0; k < frames.count; k++) packets.push(frames.data.subarray(frames.offsets[k], frames.offsets[k] + frames.lengths[k]));

function same(source: Uint8Array, name: string): void {
  const program = verifyProgram(source);
  const closure = createFilter(program, { tier: 'closure' });
  const interpreter = createFilter(program, { tier: 'interpreter' });
  for (const p of packets) {
    const want = interpreter.run(p);
    assert.deepEqual(closure.run(p), want, `${name}, packet of ${p.length} bytes`);
  }
}

for (const [name, source] of Object.entries(PROGRAMS)) {
  test(`closure blocks: ${name}`, () => same(assemble(source, `${name}.vfm`).bytes, name));
}

test('closure blocks: VFLisp filters (header walks, in-lists, address compares)', () => {
  for (const text of ['(and (= proto 6) (= dst-port 80))', '(and (= proto 6) (in dst-port 80 443 8080))', '(= dst-ip 2001:db8::80)', '(or (= len 60) (and (= vlan-id 5) (> ttl 3)))', '(= (& ip-len 0xff) (+ src-port 1))']) {
    same(compileVflisp(text).bytes, text);
  }
});
