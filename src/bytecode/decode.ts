// Decoding raw bytecode into instructions. A program file is the bare bytes (no header);
// immediates are little-endian except PUSH128's 16 bytes, which are in network order.
// A program may end in a set section (sets.ts); `decodeProgram` decodes its code.
// `decodeAt` never throws: it reports an invalid opcode or a truncated operand in its result.

import { type OpSpec, insnSize, opByCode } from '../isa/index.js';
import { DecodeError } from '../diag/index.js';
import { readBigBE, readBigLE } from '../util/bytes.js';
import { splitImage } from './sets.js';

export const MAX_PROGRAM_BYTES = 65536;

/** One decoded instruction. */
export interface Insn {
  /** Byte offset of the opcode in the program. */
  readonly pc: number;
  readonly op: OpSpec;
  /** Size in bytes, opcode included. */
  readonly size: number;
  /** off16 / imm8 / imm32 operand, or the signed displacement of a rel16 operand; 0 otherwise. */
  readonly arg: number;
  /** For rel16: the absolute target `pc + 3 + displacement` (may lie outside the program). */
  readonly target: number;
  /** imm64 (64-bit) or imm128 (128-bit) operand; 0n otherwise. */
  readonly imm: bigint;
}

export type DecodeResult =
  | { readonly ok: true; readonly insn: Insn }
  | { readonly ok: false; readonly reason: 'opcode' | 'truncated'; readonly code: number; readonly size: number };

/** Decode the instruction that starts at `pc`. */
export function decodeAt(bytes: Uint8Array, pc: number): DecodeResult {
  const code = bytes[pc];
  const op = opByCode(code);
  if (op === undefined) return { ok: false, reason: 'opcode', code, size: 1 };
  const size = insnSize(op);
  if (pc + size > bytes.length) return { ok: false, reason: 'truncated', code, size };
  let arg = 0;
  let target = 0;
  let imm = 0n;
  const o = pc + 1;
  switch (op.format) {
    case 'none':
      break;
    case 'imm8':
      arg = bytes[o];
      break;
    case 'off16':
      arg = bytes[o] | (bytes[o + 1] << 8);
      break;
    case 'rel16':
      arg = ((bytes[o] | (bytes[o + 1] << 8)) << 16) >> 16;
      target = pc + 3 + arg;
      break;
    case 'imm32':
      arg = (bytes[o] | (bytes[o + 1] << 8) | (bytes[o + 2] << 16) | (bytes[o + 3] << 24)) >>> 0;
      break;
    case 'imm64':
      imm = readBigLE(bytes, o, 8);
      break;
    case 'imm128':
      imm = readBigBE(bytes, o, 16);
      break;
  }
  return { ok: true, insn: { pc, op, size, arg, target, imm } };
}

/**
 * Decode a whole program linearly from byte 0.
 * @throws {DecodeError} on an empty or oversized program, an invalid opcode or a truncated operand.
 */
export function decodeProgram(image: Uint8Array): Insn[] {
  checkProgramSize(image);
  const bytes = splitImage(image).code;
  const insns: Insn[] = [];
  for (let pc = 0; pc < bytes.length; ) {
    const r = decodeAt(bytes, pc);
    if (!r.ok) {
      if (r.reason === 'opcode') {
        throw new DecodeError('ERR_DECODE_OPCODE', `invalid opcode 0x${r.code.toString(16).padStart(2, '0')}`, { pc });
      }
      throw new DecodeError(
        'ERR_DECODE_TRUNCATED',
        `truncated instruction: ${opByCode(r.code)!.name} needs ${r.size} bytes, ${bytes.length - pc} remain`,
        { pc },
      );
    }
    insns.push(r.insn);
    pc += r.insn.size;
  }
  return insns;
}

/**
 * @throws {DecodeError} if the program's code is empty or larger than 64 KiB, or its set
 * section (when it has one) is malformed.
 */
export function checkProgramSize(image: Uint8Array): void {
  const bytes = splitImage(image).code;
  if (bytes.length === 0) throw new DecodeError('ERR_DECODE_EMPTY', 'empty program: a program needs at least one instruction', { pc: 0 });
  if (bytes.length > MAX_PROGRAM_BYTES) {
    throw new DecodeError('ERR_DECODE_TOO_LARGE', `program too large: ${bytes.length} bytes, at most ${MAX_PROGRAM_BYTES}`, {
      pc: MAX_PROGRAM_BYTES,
    });
  }
}
