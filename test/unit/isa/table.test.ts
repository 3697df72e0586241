// Invariants of the opcode table, the single source of truth: numbering and sizes of the C
// original for codes 0-64, the reserved JIT-only codes, extensions from 65, and every live
// opcode exercised by at least one conformance vector (which every tier runs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPCODES, OPERAND_BYTES, insnSize, opByCode, opByName, FIRST_EXTENSION_CODE } from '../../../src/isa/index.js';
import { decodeAt } from '../../../src/bytecode/decode.js';
import { loadVmVectors } from '../../helpers/vm-vectors.js';

/** The C header's names and instruction sizes for codes 0-64 (spec bytecode.md section 1.1). */
const C_TABLE = `LD8 3, LD16 3, LD32 3, LD64 3, PUSH 9, POP 1, DUP 1, SWAP 1, ADD 1, SUB 1, MUL 1, DIV 1, AND 1, OR 1, XOR 1,
AND32 1, SHL 1, SHR 1, JMP 3, JEQ 3, JNE 3, JGT 3, JLT 3, RET 1, HASH5 1, CSUM 1, PARSE 1, FLOW_LOAD 1, FLOW_STORE 1,
JGE 3, JLE 3, NOT 1, NEG 1, MOD 1, EQ 1, NE 1, GT 1, LT 1, GE 1, LE 1, LD128 3, PUSH128 17, EQ128 1, NE128 1, GT128 1,
LT128 1, GE128 1, LE128 1, AND128 1, OR128 1, XOR128 1, JEQ128 3, JNE128 3, JGT128 3, JLT128 3, JGE128 3, JLE128 3,
IP_VER 1, IPV6_EXT 2, HASH6 1, BULK_LOAD128 2, PARALLEL_EQ128 2, STACK_PREFETCH 2, EQ32 1, PUSH32 5`
  .split(',')
  .map((s) => s.trim().split(' '));

test('codes 0-64 keep the C original\'s numbers, names and sizes', () => {
  assert.equal(C_TABLE.length, 65);
  C_TABLE.forEach(([name, size], code) => {
    const op = opByCode(code)!;
    assert.equal(op.name.toUpperCase(), name, `code ${code}`);
    assert.equal(insnSize(op), Number(size), `size of ${name}`);
  });
});

test('codes are dense and unique, names unique and lower-case, lookups agree', () => {
  const names = new Set<string>();
  OPCODES.forEach((op, k) => {
    assert.equal(op.code, k);
    assert.match(op.name, /^[a-z][a-z0-9_]*$/);
    assert.ok(!names.has(op.name), op.name);
    names.add(op.name);
    assert.equal(opByName(op.name.toUpperCase()), op);
    assert.ok(op.doc.includes('--') || ('reserved' in op && op.reserved), `${op.name} has a stack picture`);
  });
  assert.equal(opByCode(OPCODES.length), undefined);
});

test('exactly the JIT-only codes 15 and 60-64 are reserved; extensions start at 65', () => {
  assert.deepEqual(OPCODES.filter((op) => 'reserved' in op && op.reserved).map((op) => op.code), [15, 60, 61, 62, 63, 64]);
  assert.ok(OPCODES.slice(FIRST_EXTENSION_CODE).length > 0);
});

test('stack effects: jumps pop their operands, 128-bit values take two slots', () => {
  for (const op of OPCODES) {
    if (op.format === 'rel16') assert.equal(op.push, 0, op.name);
    if (op.name.endsWith('128') && op.name !== 'ldx128' && op.family === 'wide' && !op.name.startsWith('j') && !op.name.startsWith('ld') && !op.name.startsWith('push')) {
      assert.equal(op.pop, 4, op.name);
    }
  }
  assert.equal(OPERAND_BYTES.imm128, 16);
});

test('every live opcode appears in at least one conformance vector', () => {
  const seen = new Set<string>();
  for (const v of loadVmVectors()) {
    for (let pc = 0; pc < v.bytes.length; ) {
      const r = decodeAt(v.bytes, pc);
      if (!r.ok) break;
      seen.add(r.insn.op.name);
      pc += r.insn.size;
    }
  }
  const missing = OPCODES.filter((op) => !('reserved' in op && op.reserved) && !seen.has(op.name)).map((op) => op.name);
  assert.deepEqual(missing, [], 'write a test/vectors/vm/*.vec for these opcodes');
});
