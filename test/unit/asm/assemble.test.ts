import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble } from '../../../src/asm/assemble.js';
import { ErrorList, type FilterError, formatError } from '../../../src/diag/errors.js';
import { OPCODES, type OpSpec, insnSize } from '../../../src/isa/index.js';
import { parseHex, toHex } from '../../../src/util/bytes.js';

const hexOf = (src: string): string => toHex(assemble(src, 't.vfm').bytes);

/** The errors of a source that must fail, as `line:col CODE`. */
function errorsOf(src: string, options = {}): string[] {
  try {
    assemble(src, 't.vfm', options);
  } catch (e) {
    assert.ok(e instanceof ErrorList, `expected an ErrorList, got ${String(e)}`);
    return e.errors.map((x: FilterError) => {
      const { line, col } = x.where.source!.position(x.where.span!.start);
      return `${line}:${col} ${x.code}`;
    });
  }
  assert.fail(`'${src}' assembled without error`);
}

/** An operand in assembly syntax and its encoding, for every format. */
const SAMPLE = {
  none: ['', ''],
  imm8: ['200', 'c8'],
  off16: ['0x1234', '3412'],
  rel16: ['+5', '0500'],
  imm32: ['0x89abcdef', 'efcdab89'],
  imm64: ['0x0102030405060708', '0807060504030201'],
  imm128: ['2001:db8::1', '20010db8000000000000000000000001'],
} as const satisfies Record<OpSpec['format'], readonly [string, string]>;

test('every mnemonic assembles in upper, lower and mixed case to its code and operand', () => {
  for (const op of OPCODES) {
    const [text, bytes] = SAMPLE[op.format];
    const want = op.code.toString(16).padStart(2, '0') + bytes;
    assert.equal(want.length / 2, insnSize(op), op.name);
    const mixed = op.name[0].toUpperCase() + op.name.slice(1);
    for (const spelling of [op.name.toUpperCase(), op.name, mixed]) {
      assert.equal(hexOf(`${spelling} ${text}`), want, spelling);
    }
  }
});

test('numbers: C rules for hex, decimal, wrap-around and saturation', () => {
  const push = (n: string): string => hexOf(`PUSH ${n}`).slice(2);
  assert.equal(push('0'), '0000000000000000');
  assert.equal(push('010'), '0a00000000000000'); // decimal, not octal
  assert.equal(push('0X1F'), '1f00000000000000');
  assert.equal(push('0xffffffffffffffff'), 'ffffffffffffffff');
  assert.equal(push('-1'), 'ffffffffffffffff');
  assert.equal(push('-18446744073709551615'), '0100000000000000');
  assert.equal(push('18446744073709551616'), 'ffffffffffffffff'); // saturates
  assert.equal(push('99999999999999999999999'), 'ffffffffffffffff');
  assert.equal(push('-99999999999999999999999'), 'ffffffffffffffff'); // saturates before the sign
  assert.equal(push('0x10000000000000000'), 'ffffffffffffffff');
  assert.equal(hexOf('LD8 0'), '000000');
  assert.equal(hexOf('LD64 0xFFFF'), '03ffff');
  assert.equal(hexOf('LD16 65535'), '01ffff');
  assert.deepEqual(errorsOf('LD8 65536'), ['1:5 ERR_ASM_RANGE']);
  assert.deepEqual(errorsOf('LD8 -1'), ['1:5 ERR_ASM_RANGE']);
  for (const bad of ['12ab', '0x', '-0x10', '1-2', '--1', '-', '0x0x1', '+5']) assert.deepEqual(errorsOf(`PUSH ${bad}`), ['1:6 ERR_ASM_NUMBER'], bad);
  assert.deepEqual(errorsOf('IPV6_EXT 256'), ['1:10 ERR_ASM_RANGE']);
  assert.equal(hexOf('ipv6_ext 255 hdr 7'), '3aff4607');
  assert.deepEqual(errorsOf('PUSH32 4294967296'), ['1:8 ERR_ASM_RANGE']);
});

test('jumps: raw u16, signed displacements and their limits', () => {
  assert.equal(hexOf('JMP 65533'), '12fdff');
  assert.equal(hexOf('JMP 0'), '120000');
  assert.equal(hexOf('JMP -3'), '12fdff');
  assert.equal(hexOf('JMP -0'), '120000');
  assert.equal(hexOf('JEQ +32767'), '13ff7f');
  assert.equal(hexOf('JNE -32768'), '140080');
  assert.equal(hexOf('JGT +0x10'), '151000');
  assert.deepEqual(errorsOf('JMP 65536'), ['1:5 ERR_ASM_RANGE']);
  assert.deepEqual(errorsOf('JMP +32768'), ['1:5 ERR_ASM_RANGE']);
  assert.deepEqual(errorsOf('JMP -32769'), ['1:5 ERR_ASM_RANGE']);
  assert.deepEqual(errorsOf('JMP +-1'), ['1:5 ERR_ASM_NUMBER']);
  assert.deepEqual(errorsOf('JMP 12ab'), ['1:5 ERR_ASM_NUMBER']);
});

test('labels: forward, backward, case-sensitive, mnemonic names, and the returned maps', () => {
  // top at 0; JMP at 9, operand at 10: disp = 0 - 12 = -12.
  assert.equal(hexOf('top: PUSH 1\nJMP top'), '040100000000000000' + '12f4ff');
  // forward: JMP at 0, target at 3 (the RET after it): disp 0.
  assert.equal(hexOf('JMP next\nnext: RET'), '120000' + '17');
  assert.equal(hexOf('RET: PUSH 1 JMP RET'), '040100000000000000' + '12f4ff');
  const r = assemble('start:\nLD16 12 ; comment\r\nPUSH 1 RET\nend:', 't.vfm');
  assert.deepEqual([...r.labels], [['start', 0], ['end', 13]]);
  assert.deepEqual([...r.spans.keys()], [0, 3, 12]);
  assert.equal(r.insnCount, 3);
  assert.deepEqual(errorsOf('a: JMP A'), ['1:8 ERR_ASM_LABEL_UNDEFINED']);
  assert.deepEqual(errorsOf('x: RET\nx: RET'), ['2:1 ERR_ASM_LABEL_DUPLICATE']);
});

test('jump range: a label 32768 or more bytes away is an error, 32767 is not', () => {
  const pushes = (n: number): string => 'PUSH 0\n'.repeat(n);
  // The displacement counts from the end of the jump: 3640 PUSHes are 32760 bytes.
  assert.equal(assemble(`JMP far\n${pushes(3640)}.byte 1,2,3,4,5,6,7\nfar: RET`).bytes.subarray(0, 3).join(), '18,255,127');
  assert.deepEqual(errorsOf(`JMP far\n${pushes(3641)}far: RET`), ['1:5 ERR_ASM_JUMP_RANGE']);
  assert.deepEqual(errorsOf(`back: ${pushes(3641)}JMP back`), [`3642:5 ERR_ASM_JUMP_RANGE`]);
});

test('a program over 65536 bytes is reported once, at the instruction that crosses the limit', () => {
  const src = 'PUSH 0\n'.repeat(7281) + 'PUSH 0\nPUSH 0\n';
  // 7281 * 9 = 65529 bytes; the next PUSH ends at 65538.
  assert.deepEqual(errorsOf(src), ['7282:1 ERR_ASM_TOO_LARGE']);
  assert.equal(assemble('PUSH 0\n'.repeat(7281) + 'POP\n'.repeat(7)).bytes.length, 65536);
});

test('RET n is PUSH n then RET; .byte emits raw bytes; PUSH128 reads IPv6 text and hex', () => {
  assert.equal(hexOf('RET 0'), '04' + '00'.repeat(8) + '17');
  assert.equal(hexOf('ret -1'), '04' + 'ff'.repeat(8) + '17');
  assert.equal(hexOf('.byte 0x01, 2, 255'), '0102ff');
  assert.equal(hexOf('.byte 0x41'), '41');
  assert.equal(hexOf('PUSH128 ::ffff:1.2.3.4'), '29' + '00000000000000000000ffff01020304');
  assert.equal(hexOf('PUSH128 ::'), '29' + '00'.repeat(16));
  assert.equal(hexOf('PUSH128 0x000102030405060708090a0b0c0d0e0f'), '29000102030405060708090a0b0c0d0e0f');
  assert.equal(hexOf('PUSH128 0x1'), '29' + '00'.repeat(15) + '01');
  assert.deepEqual(errorsOf('PUSH128 1:2:3'), ['1:9 ERR_ASM_NUMBER']);
  assert.deepEqual(errorsOf('PUSH128 0x' + '1'.repeat(33)), ['1:9 ERR_ASM_NUMBER']);
  assert.deepEqual(errorsOf('PUSH128\n::1'), ['1:1 ERR_ASM_OPERAND', '2:1 ERR_ASM_CHAR', '2:2 ERR_ASM_CHAR', '2:3 ERR_ASM_TOKEN']);
  assert.deepEqual(errorsOf('.byte 256'), ['1:7 ERR_ASM_RANGE']);
  assert.deepEqual(errorsOf('.byte'), ['1:1 ERR_ASM_OPERAND']);
  assert.deepEqual(errorsOf('.byte 1,'), ['1:1 ERR_ASM_OPERAND']);
  assert.deepEqual(errorsOf('.org 5\nRET'), ['1:1 ERR_ASM_DIRECTIVE']);
});

test('lexing: newlines only end operands, CR is blank, # is not a comment', () => {
  assert.equal(hexOf('PUSH 1 RET'), hexOf('PUSH 1\r\nRET\r\n'));
  assert.equal(hexOf('\tPUSH\t1\v\fRET ; PUSH 2'), '04010000000000000017');
  assert.equal(hexOf(''), '');
  assert.equal(hexOf('; only a comment\n\n'), '');
  assert.deepEqual(errorsOf('PUSH\n1'), ['1:1 ERR_ASM_OPERAND', '2:1 ERR_ASM_TOKEN']);
  assert.deepEqual(errorsOf('PUSH 1 # one'), ['1:8 ERR_ASM_CHAR', '1:10 ERR_ASM_MNEMONIC']);
  assert.deepEqual(errorsOf('PUSH 1 é\nRET'), ['1:8 ERR_ASM_CHAR']);
  assert.deepEqual(errorsOf('PUSH0'), ['1:1 ERR_ASM_MNEMONIC']);
  assert.deepEqual(errorsOf('ADD 5'), ['1:5 ERR_ASM_TOKEN']);
  assert.deepEqual(errorsOf('PUSH start\nstart: RET'), ['1:6 ERR_ASM_OPERAND']);
  assert.deepEqual(errorsOf('LD8 , 1'), ['1:1 ERR_ASM_OPERAND', '1:5 ERR_ASM_TOKEN', '1:7 ERR_ASM_TOKEN']);
});

test('every error is reported at once, in source order, with line, column, source line and caret', () => {
  const src = ['LD16 70000', 'FOO 1 2', 'PUSH 12ab', 'JMP nowhere', 'ok: ok:', 'PUSH 1 @', 'RET'].join('\n');
  let list: ErrorList | undefined;
  try {
    assemble(src, 'many.vfm');
  } catch (e) {
    list = e as ErrorList;
  }
  assert.ok(list instanceof ErrorList);
  assert.deepEqual(
    list.errors.map((e) => formatError(e).split('\n')[0]),
    [
      "many.vfm:1:6: error ERR_ASM_RANGE: value 70000 too large for ld16's operand: at most 65535",
      "many.vfm:2:1: error ERR_ASM_MNEMONIC: unknown instruction 'FOO'",
      "many.vfm:3:6: error ERR_ASM_NUMBER: invalid number '12ab': write decimal digits (an optional leading '-') or 0x and hex digits",
      "many.vfm:4:5: error ERR_ASM_LABEL_UNDEFINED: undefined label 'nowhere'",
      "many.vfm:5:5: error ERR_ASM_LABEL_DUPLICATE: label 'ok' already defined at 5:1",
      "many.vfm:6:8: error ERR_ASM_CHAR: unexpected character '@'",
    ],
  );
  assert.equal(formatError(list.errors[2]), "many.vfm:3:6: error ERR_ASM_NUMBER: invalid number '12ab': write decimal digits (an optional leading '-') or 0x and hex digits\n  PUSH 12ab\n       ^~~~");
});

test('compat mode accepts the C language and rejects each extension', () => {
  const c = 'LD16 12\nPUSH 0x0800\nJEQ ok\nPUSH 0\nRET\nok: PUSH 1\nRET\nFLOW_LOAD MOD';
  assert.equal(toHex(assemble(c, 'c.vfm', { compat: true }).bytes), toHex(assemble(c).bytes));
  const ext = (src: string): string[] => errorsOf(src, { compat: true });
  assert.deepEqual(ext('push 1'), ['1:1 ERR_ASM_EXTENSION']);
  assert.deepEqual(ext('IP_VER'), ['1:1 ERR_ASM_EXTENSION']);
  assert.deepEqual(ext('AND32'), ['1:1 ERR_ASM_EXTENSION']);
  assert.deepEqual(ext('RET 1'), ['1:1 ERR_ASM_EXTENSION']);
  assert.deepEqual(ext('JMP +3'), ['1:5 ERR_ASM_EXTENSION']);
  assert.deepEqual(ext('.byte 1'), ['1:1 ERR_ASM_EXTENSION']);
  assert.deepEqual(ext('PUSH128 ::1'), ['1:1 ERR_ASM_EXTENSION']);
});

test('the bytes of the C-compatible subset match a hand-encoded program', () => {
  const bytes = assemble('LD16 12\nPUSH 0x0800\nJEQ accept\nPUSH 0\nRET\naccept:\nPUSH 1\nRET').bytes;
  assert.deepEqual(bytes, parseHex('010c00 040008000000000000 130a00 040000000000000000 17 040100000000000000 17'));
});
