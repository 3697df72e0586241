import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assemble } from '../../../src/asm/assemble.js';
import { type DisasmOptions, disassemble } from '../../../src/asm/disassemble.js';
import { OPCODES, OPERAND_BYTES } from '../../../src/isa/index.js';
import { parseHex } from '../../../src/util/bytes.js';
import { testSeed } from '../../helpers/seed.js';

const SEED = testSeed('asm round trip');
const hex = (s: string): Uint8Array => parseHex(s)!;

test('plain output: labels at jump targets, C number formats, IPv6 text, .byte for the rest', () => {
  const bytes = hex(
    '010c00 040008000000000000 130a00 040000000000000000 17 040100000000000000 17' + // simple filter
      ' 04ffffffffffffffff 040000000001000000 29 20010db8000000000000000000000001 3a07 12f0ff 12ff7f 50 0401',
  );
  assert.equal(
    disassemble(bytes),
    [
      '    LD16 12',
      '    PUSH 2048',
      '    JEQ L0',
      '    PUSH 0',
      '    RET',
      'L0:',
      '    PUSH 1',
      '    RET',
      '    PUSH 0xffffffffffffffff',
      '    PUSH 0x100000000',
      '    PUSH128 2001:db8::1',
      '    IPV6_EXT 7',
      '    JMP -16', // target 79 - 16 + 3 = 66: inside the PUSH128
      '    JMP +32767',
      '    .byte 0x50',
      '    .byte 0x04, 0x01',
      '',
    ].join('\n'),
  );
});

test('-a and -x put the address and bytes in an aligned comment column', () => {
  const bytes = hex('120000 17 ff');
  assert.equal(disassemble(bytes, { addresses: true }), '    JMP L0      ; 0000\nL0:\n    RET         ; 0003\n    .byte 0xff  ; 0004\n');
  assert.equal(disassemble(bytes, { addresses: true, hex: true }), '    JMP L0      ; 0000  12 00 00\nL0:\n    RET         ; 0003  17\n    .byte 0xff  ; 0004  ff\n');
  assert.equal(disassemble(bytes, { hex: true, verbose: true }).split('\n').slice(0, 4).join('|'), '; VFM Disassembly|; Program size: 5 bytes||    JMP L0      ; 12 00 00');
  assert.match(disassemble(bytes, { verbose: true }), /\n\n; Total instructions: 2\n; Program size: 5 bytes\n$/);
});

test('compat: the C vfm-dis lines, <unknown format> stop, skipped extensions, warnings', () => {
  const simple = hex('010c00 040008000000000000 130a00 040000000000000000 17 040100000000000000 17');
  const lines = disassemble(simple, { compat: true, addresses: true, hex: true }).split('\n');
  assert.equal(lines[0], '0000:  01 0c 00                   LD16 12');
  assert.equal(lines[2], '000c:  13 0a 00                   JEQ +10 (0x0019)');
  assert.equal(lines[1], '0003:  04 00 08 00 00 00 00 00 00 PUSH 2048');
  assert.equal(disassemble(simple, { compat: true }).split('\n')[2], 'JEQ +10');
  // LD128 is an OFFSET16 instruction to the C tool; a negative target prints as 8 hex digits.
  assert.equal(disassemble(hex('28feff 12f0ff'), { compat: true, addresses: true }), '0000:  LD128 -2 (0x0001)\n0003:  JMP -16 (0xfffffff6)\n');
  assert.equal(disassemble(hex('17 3a05 17'), { compat: true }), 'RET\nIPV6_EXT <unknown format>');
  const warnings: string[] = [];
  const text = disassemble(hex('45 ff 17 29 00'), { compat: true, verbose: true, onWarning: (w) => warnings.push(w) });
  assert.equal(text, '; VFM Disassembly\n; Program size: 5 bytes\n\nRET\n\n; Total instructions: 3\n; Program size: 5 bytes\n');
  assert.deepEqual(warnings, ['Warning: Invalid opcode 0x45 at address 0x0000', 'Warning: Invalid opcode 0xff at address 0x0001', 'Warning: Truncated instruction at address 0x0003']);
  assert.equal(disassemble(hex('29' + '00'.repeat(16) + '17'), { compat: true, verbose: true }), '; VFM Disassembly\n; Program size: 18 bytes\n\nPUSH128 <unknown format>\n; Total instructions: 0\n; Program size: 18 bytes\n');
});

/** Instruction-shaped byte strings: valid opcodes with random operands and short jumps, plus noise. */
const arbInsn = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...OPCODES).chain((op) => fc.uint8Array({ minLength: OPERAND_BYTES[op.format], maxLength: OPERAND_BYTES[op.format] }).map((operand) => [op.code, ...operand])) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(18, 19, 51), fc.integer({ min: -40, max: 40 })).map(([code, d]) => [code, d & 0xff, (d >> 8) & 0xff]) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }).map((b) => [b]) },
);
const arbProgram = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 160 }),
  fc.array(arbInsn, { minLength: 1, maxLength: 40 }).map((parts) => Uint8Array.from(parts.flat())),
);

for (const options of [{}, { addresses: true }, { hex: true }, { addresses: true, hex: true, verbose: true }] as DisasmOptions[]) {
  test(`round trip: assemble(disassemble(bytes, ${JSON.stringify(options)})) = bytes for any bytes (seed ${SEED})`, () => {
    fc.assert(
      fc.property(arbProgram, (bytes) => {
        const text = disassemble(bytes, options);
        assert.deepEqual(assemble(text, 'roundtrip.vfm').bytes, bytes, text);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });
}

test('round trip from source: disassembly of assembled source is a fixed point', () => {
  const src = 'top: LD16 12 PUSH 0x86dd JNE top\nPUSH128 ::ffff:10.0.0.1 LD128 22 JEQ128 out\nHDR 4 LDX16 2 RET\nout: RET 1';
  const once = disassemble(assemble(src).bytes);
  assert.equal(disassemble(assemble(once).bytes), once);
  assert.match(once, /PUSH128 ::ffff:a00:1/);
});
