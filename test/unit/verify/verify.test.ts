// The sound verifier: every rejection with its code, pc and message, and the facts it
// establishes for later tiers (depths, loops, longest path, value ranges).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyProgram, checkProgram } from '../../../src/verify/verify.js';
import { VerifyError } from '../../../src/diag/errors.js';
import { parseHex } from '../../../src/util/bytes.js';
import { program } from '../../helpers/build.js';
import { ProgramBuilder } from '../../../src/bytecode/builder.js';

function rejects(bytes: Uint8Array, code: string, pc: number, vmCode: number, message?: RegExp): void {
  assert.throws(
    () => verifyProgram(bytes),
    (e: unknown) => {
      assert.ok(e instanceof VerifyError, 'a VerifyError');
      assert.equal(e.code, code);
      assert.equal(e.where.pc, pc);
      assert.equal(e.vmCode, vmCode);
      if (message !== undefined) assert.match(e.message, message);
      return true;
    },
  );
}

test('empty and oversized programs are invalid programs (-7)', () => {
  rejects(new Uint8Array(0), 'ERR_VERIFY_EMPTY', 0, -7);
  rejects(new Uint8Array(65537).fill(5), 'ERR_VERIFY_TOO_LARGE', 65536, -7, /65537 bytes, at most 65536/);
});

test('an unknown opcode and a reserved JIT-only opcode are invalid opcodes (-5)', () => {
  rejects(parseHex('04 0100000000000000 ff')!, 'ERR_VERIFY_OPCODE', 9, -5, /invalid opcode 0xff at pc 9/);
  for (const code of [15, 60, 61, 62, 63, 64]) {
    const bytes = new Uint8Array(20);
    bytes[0] = code;
    rejects(bytes, 'ERR_VERIFY_RESERVED', 0, -5, /reserved opcode/);
  }
});

test('a truncated operand is an invalid program (-7)', () => {
  rejects(parseHex('04 0100000000000000 04 01')!, 'ERR_VERIFY_TRUNCATED', 9, -7, /needs 9 bytes, 2 remain/);
});

test('jump targets must be inside the program and on an instruction boundary', () => {
  rejects(parseHex('12 ff7f 17')!, 'ERR_VERIFY_JUMP_RANGE', 0, -9, /from pc 0 to 32770/);
  // JMP -4 from pc 0 -> target -1
  rejects(parseHex('12 fcff 17')!, 'ERR_VERIFY_JUMP_RANGE', 0, -9);
  // JMP +1 lands inside the PUSH at 3
  rejects(parseHex('12 0100 04 0100000000000000 17')!, 'ERR_VERIFY_JUMP_MISALIGNED', 0, -9, /lands inside another instruction/);
});

test('every path must end in RET or a jump', () => {
  rejects(parseHex('04 0100000000000000')!, 'ERR_VERIFY_FALLS_OFF', 0, -9, /falls off the end/);
  // JEQ back to pc 0 (depths agree) whose fall-through runs off the end
  rejects(parseHex('04 0100000000000000 04 0100000000000000 13 ebff')!, 'ERR_VERIFY_FALLS_OFF', 18, -9);
});

test('unreachable code is rejected, including trailing bytes after RET', () => {
  rejects(parseHex('04 0100000000000000 17 17')!, 'ERR_VERIFY_UNREACHABLE', 10, -9, /unreachable code at pc 10/);
});

test('stack depths must agree where paths merge; the message gives both depths', () => {
  // push 1; push 1; jeq L; push 7; L: push 1; ret   -> depth 0 vs 1 at L
  const b = new ProgramBuilder();
  const l = b.newLabel();
  b.emitImm('push', 1n);
  b.emitImm('push', 1n);
  b.emitJump('jeq', l);
  b.emitImm('push', 7n);
  b.bind(l);
  b.emitImm('push', 1n);
  b.emit('ret');
  rejects(b.build().bytes, 'ERR_VERIFY_MERGE', 30, -9, /stack depth differs where paths merge at pc 30: (1 vs 0|0 vs 1)/);
});

test('inputs must be present on every path (exact stack effects)', () => {
  rejects(program('ret'), 'ERR_VERIFY_UNDERFLOW', 0, -4, /ret needs 1 value, the stack holds 0/);
  rejects(program(['push', 1n], 'flow_store', ['push', 1n], 'ret'), 'ERR_VERIFY_UNDERFLOW', 9, -4);
  rejects(program(['push', 1n], ['push', 2n], ['push', 3n], 'eq128', 'ret'), 'ERR_VERIFY_UNDERFLOW', 27, -4, /eq128 needs 4 values/);
  // flow_load is 1 -> 1 (the C verifier counted +1) and flow_store 2 -> 0 (C: -1)
  assert.equal(verifyProgram(program(['push', 1n], 'flow_load', 'ret')).maxDepth, 1);
  assert.equal(verifyProgram(program(['push', 1n], ['push', 2n], 'flow_store', ['push', 0n], 'ret')).maxDepth, 2);
});

test('128-bit values take two slots: LD128 + PUSH128 + EQ128 verifies (the C verifier rejected this)', () => {
  const vp = verifyProgram(program(['ld128', 22], ['push128', 1n], 'eq128', 'ret'));
  assert.deepEqual(Array.from(vp.depthIn), [0, 2, 4, 1]);
  assert.equal(vp.maxDepth, 4);
});

test('loops are allowed and flagged; loop-free programs get their longest path', () => {
  const loop = verifyProgram(parseHex('12 fdff')!);
  assert.equal(loop.hasBackwardJumps, true);
  assert.equal(loop.maxPathLength, undefined);
  const straight = verifyProgram(parseHex('010c00 040008000000000000 130a00 040000000000000000 17 040100000000000000 17')!);
  assert.equal(straight.hasBackwardJumps, false);
  assert.equal(straight.maxPathLength, 5);
  assert.equal(straight.insns.length, 7);
});

test('checkProgram returns the error instead of throwing', () => {
  const r = checkProgram(program('ret'));
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.error.code, 'ERR_VERIFY_UNDERFLOW');
});

test('value ranges: loads, constants and arithmetic within 53 bits, unknown beyond', () => {
  const vp = verifyProgram(program(['ld8', 0], ['ld16', 1], 'add', ['push', 3n], 'mul', ['ld64', 0], 'add', 'ret'));
  const r = vp.ranges;
  assert.equal(r.analysed, true);
  assert.deepEqual(r.outputs(0), [{ lo: 0, hi: 255 }]);
  assert.deepEqual(r.outputs(2), [{ lo: 0, hi: 255 + 65535 }]);
  assert.deepEqual(r.outputs(4), [{ lo: 0, hi: (255 + 65535) * 3 }]);
  assert.equal(r.outputs(6)[0].hi, Infinity);
  assert.deepEqual(r.inputs(4), [{ lo: 3, hi: 3 }, { lo: 0, hi: 255 + 65535 }]);
  // joins at merges: push 5 or push 9 -> [5, 9]
  const b = new ProgramBuilder();
  const other = b.newLabel();
  const join = b.newLabel();
  b.emit('ld8', 0);
  b.emitImm('push', 0n);
  b.emitJump('jeq', other);
  b.emitImm('push', 5n);
  b.emitJump('jmp', join);
  b.bind(other);
  b.emitImm('push', 9n);
  b.bind(join);
  b.emit('ret');
  const j = verifyProgram(b.build().bytes);
  assert.deepEqual(j.ranges.inputs(j.insns.length - 1), [{ lo: 5, hi: 9 }]);
  // loops: nothing analysed
  assert.equal(verifyProgram(parseHex('12 fdff')!).ranges.analysed, false);
});
