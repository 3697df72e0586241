// Seeded fuzzing of the two source languages with token soup and raw random text: the VFLisp
// compiler and the assembler either produce a program that verifies or throw a FilterError
// (with a position); never another exception, never a hang.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileVflisp } from '../../src/lang/compile.js';
import { assemble } from '../../src/asm/index.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { FilterError, flattenErrors } from '../../src/diag/errors.js';
import { testSeed } from '../helpers/seed.js';

const LISP_TOKENS = [
  '(', '(', ')', ')', 'and', 'or', 'not', 'if', '=', '!=', '<', '>=', '+', '-', '*', '/', '%', '&', '|', '^', '<<', '>>', 'in', 'range',
  'tcp-flag', 'syn', 'ack', 'proto', 'src-ip', 'dst-ip', 'src-port', 'dst-port', 'tcp-flags', 'ip-len', 'vlan-id', 'src-ip6', 'dst-ip6',
  'count-by', 'rate-by', 'distinct-by', 'flow-get', 'flow-set', 'flow-key', '1s', '5m', '0', '1', '-1', '80', '0x0800', '0b101',
  '18446744073709551616', '10.0.0.0/8', '192.168.1.1', '::1', '2001:db8::/32', 'fe80::1', ';c\n', '\n', 'u8', 'u16', 'l4', 'l3', 'bogus',
];
const ASM_TOKENS = [
  'PUSH', 'ld16', 'LD8', 'JEQ', 'jmp', 'RET', 'ret', 'ADD', 'DUP', 'swap', 'PUSH128', 'HDR', 'IPV6_EXT', 'LDX32', 'TSTAMP', 'FLOW_LOAD',
  'L0:', 'L1:', 'L0', 'L1', '12', '0x800', '-1', '+3', '-6', '65535', '65536', '2001:db8::1', '.byte', '0x17,', ';x\n', '\n', '\n', 'bogus',
];

function check(run: () => Uint8Array): void {
  try {
    const bytes = run();
    verifyProgram(bytes);
  } catch (e) {
    assert.ok(e instanceof FilterError, `not a FilterError: ${(e as Error).stack}`);
    for (const err of flattenErrors(e)) assert.ok(typeof err.code === 'string' && err.code.startsWith('ERR_'), err.code);
  }
}

const soup = (tokens: readonly string[]) => fc.array(fc.constantFrom(...tokens), { maxLength: 40 }).map((ts) => ts.join(' '));

test('VFLisp: token soup and random text compile to verified programs or FilterErrors', () => {
  const seed = testSeed('vflisp source fuzz');
  fc.assert(fc.property(fc.oneof(soup(LISP_TOKENS), fc.string({ maxLength: 60 })), (text) => check(() => compileVflisp(text).bytes)), { seed, numRuns: 3000 });
});

test('assembly: token soup and random text assemble to verified programs or FilterErrors', () => {
  const seed = testSeed('assembly source fuzz');
  fc.assert(
    fc.property(fc.oneof(soup(ASM_TOKENS), fc.string({ maxLength: 60 })), (text) => {
      try {
        const bytes = assemble(text, 'fuzz.vfm').bytes;
        if (bytes.length > 0) verifyProgram(bytes);
      } catch (e) {
        assert.ok(e instanceof FilterError, `not a FilterError: ${(e as Error).stack}`);
      }
    }),
    { seed, numRuns: 3000 },
  );
});
