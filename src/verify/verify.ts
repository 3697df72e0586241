// The sound verifier. It decodes the program linearly, checks every jump lands on an
// instruction boundary inside the program, then walks the control-flow graph once with the
// exact run-time stack effects from the opcode table: inputs present on every path, depth at
// most 255, equal depth where paths merge, no path off the end, nothing unreachable. A
// verified program cannot crash, read outside the packet unchecked, or run forever (loops are
// cut off by the instruction limit). A set section's tables are checked when split off
// (sets.ts) and every INSET must name one of matching width. It stops at the first error, naming the code and the pc.

import { VerifyError } from '../diag/errors.js';
import { FAULT } from '../diag/codes.js';
import { decodeAt, type Insn, MAX_PROGRAM_BYTES } from '../bytecode/decode.js';
import { type SetTable, splitImage } from '../bytecode/sets.js';
import { DecodeError } from '../diag/errors.js';
import { analyzeRanges, type RangeFacts } from './ranges.js';

/** The largest number of values the run-time stack holds (the C stack has 256 slots, index 0 unused). */
export const MAX_STACK_DEPTH = 255;

/** A program that passed verification, with the facts later tiers rely on. */
export interface VerifiedProgram {
  /** The whole image: the code and, when there are set tables, the set section after it. */
  readonly bytes: Uint8Array;
  /** The code (all of `bytes` without a set section). pcs index it. */
  readonly code: Uint8Array;
  /** Set tables for INSET/INSET128, by table number (empty without a set section). */
  readonly tables: readonly SetTable[];
  /** Every instruction in pc order (all reachable). */
  readonly insns: readonly Insn[];
  /** Instruction index of each pc, or -1 where no instruction starts. Length: code.length + 1. */
  readonly indexOfPc: Int32Array;
  /** Stack depth (in 64-bit slots) on entry to each instruction, by index. */
  readonly depthIn: Uint8Array;
  readonly maxDepth: number;
  /** True when some jump goes to its own pc or an earlier one; such programs rely on the instruction limit. */
  readonly hasBackwardJumps: boolean;
  /** For programs without backward jumps: the most instructions any run executes. */
  readonly maxPathLength: number | undefined;
  /** True when the program uses FLOW_LOAD or FLOW_STORE. */
  readonly usesFlowTable: boolean;
  /** Value ranges, where the analysis could establish them. */
  readonly ranges: RangeFacts;
}

function fail(code: string, message: string, pc: number, vmCode: number): never {
  throw new VerifyError(code, message, { pc }, vmCode);
}

/**
 * Verify a program.
 * @param bytes raw bytecode (current numbering)
 * @returns the verified program with per-instruction facts
 * @throws {VerifyError} naming the error code, the pc and the reason
 */
export function verifyProgram(image: Uint8Array): VerifiedProgram {
  let bytes: Uint8Array;
  let tables: readonly SetTable[];
  try {
    ({ code: bytes, tables } = splitImage(image));
  } catch (e) {
    if (e instanceof DecodeError) throw new VerifyError('ERR_VERIFY_SET', e.message, { pc: 0, byteOffset: e.where.byteOffset }, FAULT.INVALID_PROGRAM);
    throw e;
  }
  if (bytes.length === 0) fail('ERR_VERIFY_EMPTY', 'empty program: a program needs at least one instruction', 0, FAULT.INVALID_PROGRAM);
  if (bytes.length > MAX_PROGRAM_BYTES) {
    fail('ERR_VERIFY_TOO_LARGE', `program too large: ${bytes.length} bytes, at most ${MAX_PROGRAM_BYTES}`, MAX_PROGRAM_BYTES, FAULT.INVALID_PROGRAM);
  }

  // 1. Linear decode: every byte belongs to exactly one instruction.
  const insns: Insn[] = [];
  const indexOfPc = new Int32Array(bytes.length + 1).fill(-1);
  for (let pc = 0; pc < bytes.length; ) {
    const r = decodeAt(bytes, pc);
    if (!r.ok) {
      if (r.reason === 'opcode') {
        fail('ERR_VERIFY_OPCODE', `invalid opcode 0x${r.code.toString(16).padStart(2, '0')} at pc ${pc}`, pc, FAULT.INVALID_OPCODE);
      }
      fail('ERR_VERIFY_TRUNCATED', `truncated instruction at pc ${pc}: needs ${r.size} bytes, ${bytes.length - pc} remain`, pc, FAULT.INVALID_PROGRAM);
    }
    const insn = r.insn;
    if (insn.op.reserved === true) {
      fail('ERR_VERIFY_RESERVED', `reserved opcode ${insn.op.name} at pc ${pc}: JIT-only in the C original, never executable`, pc, FAULT.INVALID_OPCODE);
    }
    if (insn.op.family === 'set') {
      const table = tables[insn.arg] as SetTable | undefined;
      const wide = insn.op.pop === 2;
      if (table === undefined) {
        fail('ERR_VERIFY_SET', `${insn.op.name} at pc ${pc} names set table ${insn.arg}: the program has ${tables.length} table${tables.length === 1 ? '' : 's'}`, pc, FAULT.VERIFICATION_FAILED);
      }
      if (table.wide !== wide) {
        fail('ERR_VERIFY_SET', `${insn.op.name} at pc ${pc} needs a ${wide ? 128 : 64}-bit table, table ${insn.arg} holds ${table.wide ? 128 : 64}-bit keys`, pc, FAULT.VERIFICATION_FAILED);
      }
    }
    indexOfPc[pc] = insns.length;
    insns.push(insn);
    pc += insn.size;
  }

  // 2. Jump targets: inside the program and on an instruction boundary.
  const targetIndex = new Int32Array(insns.length).fill(-1);
  let hasBackwardJumps = false;
  for (let i = 0; i < insns.length; i++) {
    const insn = insns[i];
    if (insn.op.format !== 'rel16') continue;
    const t = insn.target;
    if (t < 0 || t >= bytes.length) {
      fail('ERR_VERIFY_JUMP_RANGE', `jump out of range from pc ${insn.pc} to ${t}: the program has ${bytes.length} bytes`, insn.pc, FAULT.VERIFICATION_FAILED);
    }
    if (indexOfPc[t] < 0) {
      fail('ERR_VERIFY_JUMP_MISALIGNED', `jump from pc ${insn.pc} to ${t} lands inside another instruction`, insn.pc, FAULT.VERIFICATION_FAILED);
    }
    targetIndex[i] = indexOfPc[t];
    if (t <= insn.pc) hasBackwardJumps = true;
  }

  // 3. Stack depths along every path (each instruction is processed once: depths must agree).
  const UNSEEN = 0xffff;
  const depth = new Uint16Array(insns.length).fill(UNSEEN);
  const work: number[] = [0];
  depth[0] = 0;
  let maxDepth = 0;
  const reach = (from: Insn, to: number, d: number): void => {
    if (depth[to] === UNSEEN) {
      depth[to] = d;
      work.push(to);
    } else if (depth[to] !== d) {
      fail(
        'ERR_VERIFY_MERGE',
        `stack depth differs where paths merge at pc ${insns[to].pc}: ${depth[to]} vs ${d} (coming from pc ${from.pc})`,
        insns[to].pc,
        FAULT.VERIFICATION_FAILED,
      );
    }
  };
  while (work.length > 0) {
    const i = work.pop()!;
    const insn = insns[i];
    const op = insn.op;
    const d = depth[i];
    if (d < op.pop) {
      fail('ERR_VERIFY_UNDERFLOW', `stack underflow at pc ${insn.pc}: ${op.name} needs ${op.pop} value${op.pop === 1 ? '' : 's'}, the stack holds ${d}`, insn.pc, FAULT.STACK_UNDERFLOW);
    }
    const after = d - op.pop + op.push;
    if (after > MAX_STACK_DEPTH) {
      fail('ERR_VERIFY_OVERFLOW', `stack overflow at pc ${insn.pc}: ${op.name} would leave ${after} values, at most ${MAX_STACK_DEPTH}`, insn.pc, FAULT.STACK_OVERFLOW);
    }
    if (after > maxDepth) maxDepth = after;
    if (op.flow === 'return') continue;
    if (op.flow === 'jump' || op.flow === 'branch') reach(insn, targetIndex[i], after);
    if (op.flow === 'next' || op.flow === 'branch') {
      if (i + 1 >= insns.length) {
        fail('ERR_VERIFY_FALLS_OFF', `path falls off the end of the program after pc ${insn.pc}: every path must end in RET or a jump`, insn.pc, FAULT.VERIFICATION_FAILED);
      }
      reach(insn, i + 1, after);
    }
  }
  for (let i = 0; i < insns.length; i++) {
    if (depth[i] === UNSEEN) {
      fail('ERR_VERIFY_UNREACHABLE', `unreachable code at pc ${insns[i].pc}: no path leads to ${insns[i].op.name}`, insns[i].pc, FAULT.VERIFICATION_FAILED);
    }
  }
  const depthIn = new Uint8Array(insns.length);
  for (let i = 0; i < insns.length; i++) depthIn[i] = depth[i];

  // 4. Longest path, for programs without loops (pc order is then a topological order).
  let maxPathLength: number | undefined;
  if (!hasBackwardJumps) {
    const longest = new Int32Array(insns.length);
    for (let i = insns.length - 1; i >= 0; i--) {
      const op = insns[i].op;
      let best = 0;
      if (op.flow === 'jump' || op.flow === 'branch') best = longest[targetIndex[i]];
      if ((op.flow === 'next' || op.flow === 'branch') && longest[i + 1] > best) best = longest[i + 1];
      longest[i] = best + 1;
    }
    maxPathLength = longest[0];
  }

  const usesFlowTable = insns.some((x) => x.op.family === 'flow');
  const ranges = analyzeRanges(insns, targetIndex, depthIn, hasBackwardJumps);
  return { bytes: image, code: bytes, tables, insns, indexOfPc, depthIn, maxDepth, hasBackwardJumps, maxPathLength, usesFlowTable, ranges };
}

/** Verify without throwing: the program or the error. */
export function checkProgram(bytes: Uint8Array): { ok: true; program: VerifiedProgram } | { ok: false; error: VerifyError } {
  try {
    return { ok: true, program: verifyProgram(bytes) };
  } catch (e) {
    if (e instanceof VerifyError) return { ok: false, error: e };
    throw e;
  }
}
