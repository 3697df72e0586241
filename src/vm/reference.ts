// Reference semantics: a plain, byte-level interpreter on bigint values that follows the C
// machine step by step (spec 2.2), including every run-time check, so it can run unverified
// programs too. It is the oracle that every tier is tested against, not a fast path. Each
// opcode's meaning is one entry of HANDLERS, which must cover the whole table.

import { FAULT } from '../diag/codes.js';
import { type OpName, type OpSpec, OPCODE_LIMIT, opByCode } from '../isa/index.js';
import { decodeAt, type Insn } from '../bytecode/decode.js';
import { type ProgramImage, type SetTable, keyAt, trySplitImage } from '../bytecode/sets.js';
import { U64_MAX } from '../util/u64.js';
import { readBigBE } from '../util/bytes.js';
import type { FlowTable } from './flow-table.js';
import { HDR, OUT, headerField, hash5, hash6, ipv4ChecksumOk, ipv6ExtField, ipVersion, locateHeaders } from './packet-ops.js';
import { toBigInt } from './halves.js';
import { type RunResult, makeResult } from './result.js';

export const DEFAULT_INSN_LIMIT = 10000;
export const MAX_STACK = 255;

export interface RunOptions {
  /** Instructions allowed per run (default 10000); the next one faults with LIMIT. */
  readonly insnLimit?: number;
  readonly flowTable?: FlowTable;
  /** Capture timestamp of the packet in nanoseconds since the Unix epoch, for TSTAMP (default 0). */
  readonly timestampNs?: bigint;
  /** Length of the packet on the wire, for WIRELEN (default: the packet's length). */
  readonly wireLength?: number;
}

class Fault {
  constructor(readonly code: number) {}
}

interface Machine {
  readonly packet: Uint8Array;
  readonly stack: bigint[];
  readonly flow: FlowTable | undefined;
  readonly timestampNs: bigint;
  readonly wireLength: number;
  readonly tables: readonly SetTable[];
  pc: number;
}

type Handler = (m: Machine, insn: Insn) => void;

function push(m: Machine, v: bigint): void {
  if (m.stack.length >= MAX_STACK) throw new Fault(FAULT.STACK_OVERFLOW);
  m.stack.push(BigInt.asUintN(64, v));
}

function pop(m: Machine): bigint {
  const v = m.stack.pop();
  if (v === undefined) throw new Fault(FAULT.STACK_UNDERFLOW);
  return v;
}

function load(m: Machine, off: bigint, n: number): bigint {
  if (off + BigInt(n) > BigInt(m.packet.length)) throw new Fault(FAULT.BOUNDS);
  return readBigBE(m.packet, Number(off), n);
}

const binary = (f: (a: bigint, b: bigint) => bigint): Handler => (m) => {
  const b = pop(m);
  const a = pop(m);
  push(m, f(a, b));
};
const compare = (f: (a: bigint, b: bigint) => boolean): Handler => binary((a, b) => (f(a, b) ? 1n : 0n));
const branch = (f: (a: bigint, b: bigint) => boolean): Handler => (m, insn) => {
  const b = pop(m);
  const a = pop(m);
  if (f(a, b)) m.pc = insn.target;
};
const pop128 = (m: Machine): bigint => {
  const lo = pop(m);
  const hi = pop(m);
  return (hi << 64n) | lo;
};
const push128 = (m: Machine, v: bigint): void => {
  push(m, v >> 64n);
  push(m, v & U64_MAX);
};
const compare128 = (f: (a: bigint, b: bigint) => boolean): Handler => (m) => {
  const b = pop128(m);
  const a = pop128(m);
  push(m, f(a, b) ? 1n : 0n);
};
const bitwise128 = (f: (a: bigint, b: bigint) => bigint): Handler => (m) => {
  const b = pop128(m);
  const a = pop128(m);
  push128(m, f(a, b));
};
const branch128 = (f: (a: bigint, b: bigint) => boolean): Handler => (m, insn) => {
  const b = pop128(m);
  const a = pop128(m);
  if (f(a, b)) m.pc = insn.target;
};
const divide = (f: (a: bigint, b: bigint) => bigint): Handler => (m) => {
  const b = pop(m);
  const a = pop(m);
  if (b === 0n) throw new Fault(FAULT.DIVISION_BY_ZERO);
  push(m, f(a, b));
};
const loadAt = (n: number): Handler => (m, insn) => push(m, load(m, BigInt(insn.arg), n));
const loadIndirect = (n: number): Handler => (m, insn) => {
  const base = pop(m);
  push(m, load(m, base + BigInt(insn.arg), n));
};
const reserved: Handler = () => {
  throw new Fault(FAULT.INVALID_OPCODE);
};
const hashed = (f: (p: Uint8Array, b: number, len: number) => void): Handler => (m) => {
  f(m.packet, 0, m.packet.length);
  push(m, toBigInt(OUT.hi, OUT.lo));
};

/** Set membership by binary search on bigint keys (an unverified program may name a missing table or one of the other width). */
const inTable = (wide: boolean): Handler => (m, insn) => {
  const t = m.tables[insn.arg] as SetTable | undefined;
  const x = wide ? pop128(m) : pop(m);
  if (t === undefined || t.wide !== wide) throw new Fault(FAULT.INVALID_PROGRAM);
  let l = 0;
  let r = t.count;
  while (l < r) {
    const mid = (l + r) >> 1;
    if (keyAt(t.lo, mid, wide) <= x) l = mid + 1;
    else r = mid;
  }
  push(m, l > 0 && x <= keyAt(t.hi, l - 1, wide) ? 1n : 0n);
};

/** The meaning of every opcode. RET is handled by the loop. */
export const HANDLERS = {
  ld8: loadAt(1),
  ld16: loadAt(2),
  ld32: loadAt(4),
  ld64: loadAt(8),
  push: (m, insn) => push(m, insn.imm),
  pop: (m) => void pop(m),
  dup: (m) => {
    const v = pop(m);
    push(m, v);
    push(m, v);
  },
  swap: (m) => {
    if (m.stack.length < 2) throw new Fault(FAULT.STACK_UNDERFLOW);
    const b = pop(m);
    const a = pop(m);
    push(m, b);
    push(m, a);
  },
  add: binary((a, b) => a + b),
  sub: binary((a, b) => a - b),
  mul: binary((a, b) => a * b),
  div: divide((a, b) => a / b),
  and: binary((a, b) => a & b),
  or: binary((a, b) => a | b),
  xor: binary((a, b) => a ^ b),
  and32: reserved,
  shl: binary((a, b) => a << (b & 63n)),
  shr: binary((a, b) => a >> (b & 63n)),
  jmp: (m, insn) => {
    m.pc = insn.target;
  },
  jeq: branch((a, b) => a === b),
  jne: branch((a, b) => a !== b),
  jgt: branch((a, b) => a > b),
  jlt: branch((a, b) => a < b),
  ret: () => undefined,
  hash5: hashed(hash5),
  csum: (m) => push(m, BigInt(ipv4ChecksumOk(m.packet, 0, m.packet.length))),
  parse: (m) => {
    locateHeaders(m.packet, 0, m.packet.length);
    push(m, BigInt(HDR.l4));
  },
  flow_load: (m) => {
    const key = pop(m);
    if (m.flow === undefined) return push(m, 0n);
    const lo = m.flow.lookup(Number(key >> 32n), Number(key & 0xffffffffn));
    push(m, toBigInt(m.flow.resultHi, lo));
  },
  flow_store: (m) => {
    const value = pop(m);
    const key = pop(m);
    m.flow?.store(Number(key >> 32n), Number(key & 0xffffffffn), Number(value >> 32n), Number(value & 0xffffffffn));
  },
  jge: branch((a, b) => a >= b),
  jle: branch((a, b) => a <= b),
  not: (m) => push(m, ~pop(m)),
  neg: (m) => push(m, -pop(m)),
  mod: divide((a, b) => a % b),
  eq: compare((a, b) => a === b),
  ne: compare((a, b) => a !== b),
  gt: compare((a, b) => a > b),
  lt: compare((a, b) => a < b),
  ge: compare((a, b) => a >= b),
  le: compare((a, b) => a <= b),
  ld128: (m, insn) => push128(m, load(m, BigInt(insn.arg), 16)),
  push128: (m, insn) => push128(m, insn.imm),
  eq128: compare128((a, b) => a === b),
  ne128: compare128((a, b) => a !== b),
  gt128: compare128((a, b) => a > b),
  lt128: compare128((a, b) => a < b),
  ge128: compare128((a, b) => a >= b),
  le128: compare128((a, b) => a <= b),
  and128: bitwise128((a, b) => a & b),
  or128: bitwise128((a, b) => a | b),
  xor128: bitwise128((a, b) => a ^ b),
  jeq128: branch128((a, b) => a === b),
  jne128: branch128((a, b) => a !== b),
  jgt128: branch128((a, b) => a > b),
  jlt128: branch128((a, b) => a < b),
  jge128: branch128((a, b) => a >= b),
  jle128: branch128((a, b) => a <= b),
  ip_ver: (m) => push(m, BigInt(ipVersion(m.packet, 0, m.packet.length))),
  ipv6_ext: (m, insn) => push(m, BigInt(ipv6ExtField(m.packet, 0, m.packet.length, insn.arg))),
  hash6: hashed(hash6),
  bulk_load128: reserved,
  parallel_eq128: reserved,
  stack_prefetch: reserved,
  eq32: reserved,
  push32: reserved,
  ldx8: loadIndirect(1),
  ldx16: loadIndirect(2),
  ldx32: loadIndirect(4),
  ldx64: loadIndirect(8),
  len: (m) => push(m, BigInt(m.packet.length)),
  hdr: (m, insn) => {
    locateHeaders(m.packet, 0, m.packet.length);
    push(m, BigInt(headerField(insn.arg)));
  },
  tstamp: (m) => push(m, m.timestampNs),
  wirelen: (m) => push(m, BigInt(m.wireLength)),
  ldx128: (m, insn) => {
    const base = pop(m);
    push128(m, load(m, base + BigInt(insn.arg), 16));
  },
  inset: inTable(false),
  inset128: inTable(true),
} satisfies Record<OpName, Handler>;

const HANDLER_BY_CODE: Handler[] = [];
for (let code = 0; code < OPCODE_LIMIT; code++) HANDLER_BY_CODE[code] = HANDLERS[opByCode(code)!.name as OpName];

/**
 * Run raw bytecode, verified or not, exactly as the C machine does (spec 2.2): a missing
 * instruction or truncated operand faults with INVALID_PROGRAM, an unknown or reserved opcode
 * with INVALID_OPCODE, and the limit is checked before the operands are read. A malformed set
 * section faults with INVALID_PROGRAM at pc 0, an INSET naming a missing table at its pc.
 * An image already split (splitImage) saves re-reading a big set section on every packet.
 */
export function runReference(image: Uint8Array | ProgramImage, packet: Uint8Array, options: RunOptions = {}): RunResult {
  const limit = options.insnLimit ?? DEFAULT_INSN_LIMIT;
  const split = image instanceof Uint8Array ? trySplitImage(image) : image;
  if (split === undefined) return makeResult(FAULT.INVALID_PROGRAM, 0n, 0);
  const program = split.code;
  const m: Machine = { packet, stack: [], flow: options.flowTable, timestampNs: BigInt.asUintN(64, options.timestampNs ?? 0n), wireLength: (options.wireLength ?? packet.length) >>> 0, tables: split.tables, pc: 0 };
  let count = 0;
  for (;;) {
    const pc = m.pc;
    if (pc < 0 || pc >= program.length) return makeResult(FAULT.INVALID_PROGRAM, 0n, pc);
    const code = program[pc];
    const op: OpSpec | undefined = opByCode(code);
    if (op === undefined || op.reserved === true) return makeResult(FAULT.INVALID_OPCODE, 0n, pc);
    if (++count > limit) return makeResult(FAULT.LIMIT, 0n, pc);
    const decoded = decodeAt(program, pc);
    if (!decoded.ok) return makeResult(FAULT.INVALID_PROGRAM, 0n, pc);
    const insn = decoded.insn;
    m.pc = pc + insn.size;
    try {
      if (op.flow === 'return') {
        const v = pop(m);
        return makeResult(v === 0n ? 0 : 1, v, pc);
      }
      HANDLER_BY_CODE[code](m, insn);
    } catch (e) {
      if (e instanceof Fault) return makeResult(e.code, 0n, pc);
      throw e;
    }
  }
}
