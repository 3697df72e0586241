// Every opcode's edge values on the interpreter tier, checked against values computed here
// with bigint arithmetic and against the reference semantics.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyProgram } from '../../../src/verify/verify.js';
import { runReference } from '../../../src/vm/reference.js';
import { Interpreter } from '../../../src/vm/interpreter.js';
import type { RunResult } from '../../../src/vm/result.js';
import type { OpName } from '../../../src/isa/index.js';
import { resultText } from '../../helpers/vm-vectors.js';
import { program, type Step } from '../../helpers/build.js';

const M64 = (1n << 64n) - 1n;
const EDGES = [0n, 1n, 2n, 7n, (1n << 31n) - 1n, 1n << 31n, (1n << 32n) - 1n, 1n << 32n, 1n << 53n, (1n << 53n) + 1n, 1n << 63n, M64 - 1n, M64];
const SHIFTS = [0n, 1n, 31n, 32n, 33n, 63n, 64n, 65n, 127n, M64];
const PACKET = new Uint8Array(64).map((_, i) => (i * 37 + 11) & 0xff);

function both(bytes: Uint8Array, packet = PACKET): RunResult {
  const ref = runReference(bytes, packet);
  const fast = new Interpreter(verifyProgram(bytes)).run(packet);
  assert.equal(resultText(fast), resultText(ref), 'interpreter differs from the reference');
  return fast;
}

function valueOf(r: RunResult): bigint {
  if (r.kind === 'accept') return r.value;
  if (r.kind === 'drop') return 0n;
  throw new Error(`unexpected fault ${r.name} at pc ${r.pc}`);
}

const BINARY: Partial<Record<OpName, (a: bigint, b: bigint) => bigint>> = {
  add: (a, b) => (a + b) & M64,
  sub: (a, b) => (a - b) & M64,
  mul: (a, b) => (a * b) & M64,
  and: (a, b) => a & b,
  or: (a, b) => a | b,
  xor: (a, b) => a ^ b,
  eq: (a, b) => (a === b ? 1n : 0n),
  ne: (a, b) => (a !== b ? 1n : 0n),
  gt: (a, b) => (a > b ? 1n : 0n),
  lt: (a, b) => (a < b ? 1n : 0n),
  ge: (a, b) => (a >= b ? 1n : 0n),
  le: (a, b) => (a <= b ? 1n : 0n),
};

for (const [name, f] of Object.entries(BINARY) as [OpName, (a: bigint, b: bigint) => bigint][]) {
  test(`${name} on every pair of edge values`, () => {
    for (const a of EDGES) for (const b of EDGES) {
      const r = both(program(['push', a], ['push', b], name, 'ret'));
      assert.equal(valueOf(r), f(a, b), `${name} ${a} ${b}`);
    }
  });
}

test('div and mod on edge values, and division by zero faults at the div', () => {
  for (const a of EDGES) for (const b of EDGES) {
    for (const op of ['div', 'mod'] as const) {
      const r = both(program(['push', a], ['push', b], op, 'ret'));
      if (b === 0n) assert.deepEqual(r, { kind: 'fault', code: -6, name: 'DIVISION_BY_ZERO', pc: 18 });
      else assert.equal(valueOf(r), op === 'div' ? a / b : a % b, `${op} ${a} ${b}`);
    }
  }
});

test('shl and shr mask the count with & 63 (64 shifts by 0, 65 by 1)', () => {
  for (const a of EDGES) for (const n of SHIFTS) {
    assert.equal(valueOf(both(program(['push', a], ['push', n], 'shl', 'ret'))), (a << (n & 63n)) & M64, `shl ${a} ${n}`);
    assert.equal(valueOf(both(program(['push', a], ['push', n], 'shr', 'ret'))), a >> (n & 63n), `shr ${a} ${n}`);
  }
});

test('not, neg, dup, swap, pop on edge values', () => {
  for (const a of EDGES) {
    assert.equal(valueOf(both(program(['push', a], 'not', 'ret'))), ~a & M64);
    assert.equal(valueOf(both(program(['push', a], 'neg', 'ret'))), -a & M64);
    assert.equal(valueOf(both(program(['push', a], 'dup', 'add', 'ret'))), (2n * a) & M64);
    assert.equal(valueOf(both(program(['push', a], ['push', 5n], 'swap', 'sub', 'ret'))), (5n - a) & M64);
    assert.equal(valueOf(both(program(['push', a], ['push', 9n], 'pop', 'ret'))), a);
  }
});

test('128-bit compares, bitwise ops and jumps compare high halves first, unsigned', () => {
  const wide = [0n, 1n, M64, 1n << 64n, (1n << 64n) + 1n, 1n << 127n, (1n << 128n) - 1n, 0x20010db8n << 96n];
  const M128 = (1n << 128n) - 1n;
  const cmp: [OpName, (a: bigint, b: bigint) => boolean][] = [
    ['eq128', (a, b) => a === b], ['ne128', (a, b) => a !== b], ['gt128', (a, b) => a > b],
    ['lt128', (a, b) => a < b], ['ge128', (a, b) => a >= b], ['le128', (a, b) => a <= b],
  ];
  for (const a of wide) for (const b of wide) {
    for (const [name, f] of cmp) {
      assert.equal(valueOf(both(program(['push128', a], ['push128', b], name, 'ret'))), f(a, b) ? 1n : 0n, `${name} ${a} ${b}`);
      const j = `j${name}` as OpName;
      // jcc128 +10 over `push 0; ret` to `push 1; ret`
      const bytes = program(['push128', a], ['push128', b], [j, 10], ['push', 0n], 'ret', ['push', 1n], 'ret');
      assert.equal(valueOf(both(bytes)), f(a, b) ? 1n : 0n, `${j} ${a} ${b}`);
    }
    for (const [name, f] of [['and128', (x: bigint, y: bigint) => x & y], ['or128', (x: bigint, y: bigint) => x | y], ['xor128', (x: bigint, y: bigint) => x ^ y]] as const) {
      const hi = both(program(['push128', a], ['push128', b], name, 'pop', 'ret'));
      const lo = both(program(['push128', a], ['push128', b], name, 'swap', 'pop', 'ret'));
      assert.equal((valueOf(hi) << 64n) | valueOf(lo), f(a, b) & M128, `${name} ${a} ${b}`);
    }
  }
});

test('64-bit conditional jumps on edge values', () => {
  const jumps: [OpName, (a: bigint, b: bigint) => boolean][] = [
    ['jeq', (a, b) => a === b], ['jne', (a, b) => a !== b], ['jgt', (a, b) => a > b],
    ['jlt', (a, b) => a < b], ['jge', (a, b) => a >= b], ['jle', (a, b) => a <= b],
  ];
  for (const a of EDGES) for (const b of EDGES) for (const [name, f] of jumps) {
    const bytes = program(['push', a], ['push', b], [name, 10], ['push', 0n], 'ret', ['push', 1n], 'ret');
    assert.equal(valueOf(both(bytes)), f(a, b) ? 1n : 0n, `${name} ${a} ${b}`);
  }
});

test('direct loads: the last byte is in bounds, one past it faults', () => {
  const len = PACKET.length;
  for (const [op, n] of [['ld8', 1], ['ld16', 2], ['ld32', 4], ['ld64', 8]] as const) {
    const ok = both(program([op, len - n], 'ret'));
    let expected = 0n;
    for (let k = 0; k < n; k++) expected = (expected << 8n) | BigInt(PACKET[len - n + k]);
    assert.equal(valueOf(ok), expected, `${op} at ${len - n}`);
    assert.deepEqual(both(program([op, len - n + 1], 'ret')), { kind: 'fault', code: -1, name: 'BOUNDS', pc: 0 });
    assert.deepEqual(both(program([op, 0xffff], 'ret')), { kind: 'fault', code: -1, name: 'BOUNDS', pc: 0 });
  }
  const hi = both(program(['ld128', len - 16], 'pop', 'ret'));
  assert.equal(valueOf(hi), PACKET.subarray(len - 16, len - 8).reduce((v, x) => (v << 8n) | BigInt(x), 0n));
  assert.equal(both(program(['ld128', len - 15], 'pop', 'ret')).kind, 'fault');
});

test('indirect loads add the operand to the popped base and check bounds, including huge bases', () => {
  const len = PACKET.length;
  for (const [op, n] of [['ldx8', 1], ['ldx16', 2], ['ldx32', 4], ['ldx64', 8]] as const) {
    const r = both(program(['push', BigInt(len - n - 3)], [op, 3], 'ret'));
    let expected = 0n;
    for (let k = 0; k < n; k++) expected = (expected << 8n) | BigInt(PACKET[len - n + k]);
    assert.equal(valueOf(r), expected, op);
    assert.deepEqual(both(program(['push', BigInt(len - n - 2)], [op, 3], 'ret')), { kind: 'fault', code: -1, name: 'BOUNDS', pc: 9 });
    for (const base of [1n << 32n, 1n << 63n, M64]) {
      assert.deepEqual(both(program(['push', base], [op, 1], 'ret')), { kind: 'fault', code: -1, name: 'BOUNDS', pc: 9 });
    }
  }
  const wide = both(program(['push', BigInt(len - 20)], ['ldx128', 4], 'swap', 'pop', 'ret'));
  assert.equal(valueOf(wide), PACKET.subarray(len - 8).reduce((v, x) => (v << 8n) | BigInt(x), 0n));
  assert.equal(both(program(['push', BigInt(len - 20)], ['ldx128', 5], 'pop', 'ret')).kind, 'fault');
});

test('len pushes the packet length; a zero-length packet works', () => {
  assert.equal(valueOf(both(program('len', 'ret'))), BigInt(PACKET.length));
  assert.deepEqual(both(program('len', 'ret'), new Uint8Array(0)), { kind: 'drop' });
  assert.equal(both(program(['ld8', 0], 'ret'), new Uint8Array(0)).kind, 'fault');
});

test('the stack holds 255 values: 255 pushes verify and run, the 256th is rejected and faults unverified', () => {
  const steps: Step[] = [];
  for (let k = 0; k < 255; k++) steps.push(['push', BigInt(k)]);
  assert.equal(valueOf(both(program(...steps, 'ret'))), 254n);
  const over = program(...steps, ['push', 1n], 'ret');
  assert.throws(() => verifyProgram(over), { code: 'ERR_VERIFY_OVERFLOW', where: { pc: 255 * 9 } });
  assert.deepEqual(runReference(over, PACKET), { kind: 'fault', code: -3, name: 'STACK_OVERFLOW', pc: 255 * 9 });
});

test('underflow is rejected by the verifier and faults when run unverified', () => {
  for (const bytes of [program('pop', ['push', 1n], 'ret'), program(['push', 1n], 'add', 'ret'), program('dup', 'ret'), program(['push', 1n], 'swap', 'ret')]) {
    assert.throws(() => verifyProgram(bytes), { code: 'ERR_VERIFY_UNDERFLOW' });
    const r = runReference(bytes, PACKET);
    assert.equal(r.kind === 'fault' && r.name, 'STACK_UNDERFLOW');
  }
});

test('the instruction limit is exact: N instructions run, the next one faults', () => {
  // 3 pushes + ret = 4 instructions
  const bytes = program(['push', 1n], ['push', 2n], ['push', 3n], 'ret');
  const vp = verifyProgram(bytes);
  assert.equal(valueOf(new Interpreter(vp, { insnLimit: 4 }).run(PACKET)), 3n);
  assert.deepEqual(new Interpreter(vp, { insnLimit: 3 }).run(PACKET), { kind: 'fault', code: -2, name: 'LIMIT', pc: 27 });
  assert.deepEqual(runReference(bytes, PACKET, { insnLimit: 3 }), { kind: 'fault', code: -2, name: 'LIMIT', pc: 27 });
});
