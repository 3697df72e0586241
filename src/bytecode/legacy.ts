// The C project's committed .bin files use its original 33-opcode numbering (spec 1.2):
// codes 0-14 are unchanged and every legacy code from 15 to 32 is today's code minus one
// (AND32 was inserted at 15). This translates such a file to the current numbering.

import { DecodeError } from '../diag/index.js';
import { insnSize, opByCode } from '../isa/index.js';
import { checkProgramSize } from './decode.js';

/** Highest opcode of the legacy table (MOD). */
export const LEGACY_MAX_CODE = 32;

/**
 * Translate a legacy-numbered program to the current numbering, instruction by instruction
 * (operand bytes are copied unchanged).
 * @throws {DecodeError} for a legacy code above 32 or a truncated last instruction.
 */
export function fromLegacy(bytes: Uint8Array): Uint8Array {
  checkProgramSize(bytes);
  const out = new Uint8Array(bytes);
  for (let pc = 0; pc < bytes.length; ) {
    const legacy = bytes[pc];
    if (legacy > LEGACY_MAX_CODE) {
      throw new DecodeError('ERR_DECODE_OPCODE', `invalid legacy opcode 0x${legacy.toString(16).padStart(2, '0')} (the legacy table ends at 32)`, { pc });
    }
    const code = legacy < 15 ? legacy : legacy + 1;
    out[pc] = code;
    const size = insnSize(opByCode(code)!);
    if (pc + size > bytes.length) {
      throw new DecodeError('ERR_DECODE_TRUNCATED', `truncated instruction: needs ${size} bytes, ${bytes.length - pc} remain`, { pc });
    }
    pc += size;
  }
  return out;
}

/** Translate a current-numbered program back to the legacy numbering (for tests and exports). */
export function toLegacy(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let pc = 0; pc < bytes.length; ) {
    const code = bytes[pc];
    const op = opByCode(code);
    if (op === undefined || code === 15 || code > LEGACY_MAX_CODE + 1) {
      throw new DecodeError('ERR_DECODE_OPCODE', `opcode ${op?.name ?? code} has no legacy number`, { pc });
    }
    out[pc] = code < 15 ? code : code - 1;
    pc += insnSize(op);
  }
  return out;
}
