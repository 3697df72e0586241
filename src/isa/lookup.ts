// Lookups derived from the instruction table: by code, by name, sizes and the name->code map.
// Nothing here restates the table; everything is computed from OPCODES once at load time.

import { OPCODES, OPERAND_BYTES, type OpCode, type OpEntry, type OpName, type OpSpec } from './opcodes.js';

/** Number of defined opcodes; every code at or above this is invalid. */
export const OPCODE_LIMIT: number = OPCODES.length;

/** Codes of the C original's latest table end here; ours start at this number. */
export const FIRST_EXTENSION_CODE = 65;

const byCode: (OpSpec | undefined)[] = new Array(256).fill(undefined);
const byName = new Map<string, OpSpec>();
for (const [index, op] of OPCODES.entries()) {
  if (op.code !== index) throw new Error(`opcode table out of order at ${op.name}`);
  byCode[op.code] = op;
  byName.set(op.name, op);
}

/** The table row for a numeric opcode, or `undefined` for an invalid code. */
export function opByCode(code: number): OpSpec | undefined {
  return byCode[code & 0xff];
}

/** The table row for a mnemonic in any case (`'LD16'`, `'ld16'`), or `undefined`. */
export function opByName(name: string): OpSpec | undefined {
  return byName.get(name.toLowerCase());
}

/** Size in bytes of an instruction with this opcode, including the opcode byte. */
export function insnSize(op: OpSpec): number {
  return 1 + OPERAND_BYTES[op.format];
}

/**
 * The numeric code of a mnemonic as a literal type. Hot `switch` statements write
 * `case 8 satisfies Code<'add'>:` so that V8 sees a literal (and builds a jump table) while
 * TypeScript checks the number against the table.
 */
export type Code<N extends OpName> = Extract<OpEntry, { name: N }>['code'];

type CodeMap = { readonly [E in OpEntry as E['name']]: E['code'] };

/** Name -> numeric code, with literal types, for `switch` statements that TypeScript checks for exhaustiveness. */
export const OP: CodeMap = Object.freeze(
  Object.fromEntries(OPCODES.map((op) => [op.name, op.code])),
) as CodeMap;

/** Upper-case mnemonic as printed by the disassembler (the C assembler only reads upper case). */
export function mnemonic(op: OpSpec): string {
  return op.name.toUpperCase();
}

export function isOpName(name: string): name is OpName {
  return byName.has(name);
}

/** Statically assert that a switch over OpCode has handled every case. */
export function assertNever(value: never, where: string): never {
  throw new Error(`unhandled opcode ${String(value)} in ${where}`);
}

export type { OpCode, OpName };
