// Seeded random generator of VERIFIED programs and packets for differential testing. It is
// independent of the tiers: it only knows the opcode table's stack effects. Programs are
// built from stack-neutral pieces so every merge has equal depth: straight-line runs over
// every live opcode, forward skips (a conditional jump over a neutral piece, which may RET),
// counted loops and loops on packet data (backward jumps that can hit the instruction limit),
// with immediates drawn from the 64/128-bit edge values and offsets around packet lengths.

import { ProgramBuilder } from '../../src/bytecode/builder.js';
import { type SetTable, joinImage, makeSetTable } from '../../src/bytecode/sets.js';
import { OPCODES, type LiveOpName, type OpName } from '../../src/isa/opcodes.js';

/** mulberry32: a small, fast, seedable PRNG. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  u64(): bigint {
    return (BigInt(this.int(2 ** 32)) << 32n) | BigInt(this.int(2 ** 32));
  }
}

/** The edge values every tier must agree on. */
export const EDGE_VALUES: readonly bigint[] = [
  0n, 1n, 2n, 3n, 6n, 17n, 31n, 32n, 33n, 63n, 64n, 65n, 80n, 127n, 128n, 255n, 0x800n, 0x86ddn, 0xffffn,
  2n ** 31n - 1n, 2n ** 31n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 32n + 1n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n,
  2n ** 63n - 1n, 2n ** 63n, 2n ** 64n - 2n, 2n ** 64n - 1n,
];

const LIVE = OPCODES.filter((o) => (o as { reserved?: boolean }).reserved !== true && o.flow === 'next').map((o) => o.name as LiveOpName);
/** Without GenOptions.sets the set lookups are left out (so older seeds make the same programs). */
const NO_SETS = LIVE.filter((name) => name !== 'inset' && name !== 'inset128');
const BRANCHES = OPCODES.filter((o) => o.flow === 'branch').map((o) => o.name as OpName);
const MAX_DEPTH = 12;

export interface GenOptions {
  /** Largest packet offset used by loads. */
  readonly maxOffset: number;
  /** Also INSET/INSET128 on two random tables (a set section). */
  readonly sets?: boolean;
}

export class ProgramGenerator {
  private b = new ProgramBuilder();
  private depth = 0;

  constructor(
    private readonly rng: Rng,
    private readonly options: GenOptions = { maxOffset: 90 },
  ) {}

  private imm(): bigint {
    const r = this.rng;
    if (r.chance(0.6)) return r.pick(EDGE_VALUES);
    if (r.chance(0.5)) return BigInt(r.int(300));
    return r.u64();
  }

  private offset(): number {
    const r = this.rng;
    if (r.chance(0.6)) return r.int(40);
    return r.chance(0.8) ? r.int(this.options.maxOffset) : r.pick([0, 12, 14, 23, 34, 54, 60, 65535 - 16, 65535]);
  }

  private emitOp(name: OpName): void {
    const op = OPCODES.find((o) => o.name === name)!;
    if (name === 'push') this.b.emitImm('push', this.imm());
    else if (name === 'push128') this.b.emitImm('push128', (this.imm() << 64n) | this.imm());
    else if (op.format === 'off16') {
      // Indirect loads mostly get a small base, so they do not always fault.
      if (name.startsWith('ldx') && this.depth < MAX_DEPTH && this.rng.chance(0.7)) {
        this.b.emitImm('push', BigInt(this.rng.int(48)));
        this.b.emit('pop');
        this.b.emitImm('push', BigInt(this.rng.int(48)));
        this.depth++;
        this.b.emit(name, this.rng.int(24));
        this.b.emit('swap');
        this.b.emit('pop');
        this.depth += op.push - op.pop - 1;
        return;
      }
      this.b.emit(name, this.offset());
    }
    else if (name === 'inset') this.b.emit(name, 0);
    else if (name === 'inset128') this.b.emit(name, 1);
    else if (name === 'hdr') this.b.emit(name, this.rng.int(10));
    else if (name === 'ipv6_ext') this.b.emit(name, this.rng.pick([3, 4, 15, 16, 17, 18, 19, 20, 21, 0, 99]));
    else this.b.emit(name);
    this.depth += op.push - op.pop;
  }

  private pushSmall(v: bigint): void {
    this.b.emitImm('push', v);
    this.depth++;
  }

  /** Random straight-line code: `n` ops whose inputs are present and that keep the depth bounded. */
  private straight(n: number): void {
    for (let k = 0; k < n; k++) {
      const candidates = (this.options.sets === true ? LIVE : NO_SETS).filter((name) => {
        const op = OPCODES.find((o) => o.name === name)!;
        return op.pop <= this.depth && this.depth - op.pop + op.push <= MAX_DEPTH;
      });
      // Favour pushes when the stack is shallow so binary ops get operands.
      if (this.depth < 2 && this.rng.chance(0.6)) this.emitOp(this.rng.pick(['push', 'ld8', 'ld16', 'ld32', 'len', 'push128'] as const));
      else this.emitOp(this.rng.pick(candidates));
    }
  }

  /** Bring the stack to exactly `target` values. */
  private settle(target: number): void {
    while (this.depth > target) {
      this.b.emit('pop');
      this.depth--;
    }
    while (this.depth < target) this.emitOp(this.rng.pick(['push', 'ld8', 'len', 'hash5'] as const));
  }

  private ensure(n: number): void {
    while (this.depth < n) this.emitOp(this.rng.pick(['push', 'ld16', 'len', 'ip_ver'] as const));
  }

  /**
   * Push a flow key from a small set (a few packet-dependent low bits over a base with edge
   * bits), so stores and loads meet, home slots collide and key 0 occurs.
   */
  private flowKey(): void {
    const r = this.rng;
    const base = r.pick([0n, 8n, 64n, 2n ** 32n, 2n ** 63n, 0xffffffffn, 2n ** 64n - 8n, r.u64() & ~7n]);
    if (r.chance(0.5)) {
      this.b.emit('ld8', r.int(14));
      this.b.emitImm('push', 3n);
      this.b.emit('and');
    } else {
      this.b.emitImm('push', BigInt(r.int(4)));
    }
    this.b.emitImm('push', base);
    this.b.emit('or');
    this.depth++;
  }

  /** Time now in ms (TSTAMP / 10^6), as the VFLisp windows compute it; pushes one value. */
  private nowMs(): void {
    this.b.emit('tstamp');
    this.b.emitImm('push', 1_000_000n);
    this.b.emit('div');
    this.depth++;
  }

  /**
   * Stateful pieces over the flow table and TSTAMP: counters (load, add, store), timestamp
   * stores, fixed windows as VFLisp's rate-by builds them, and plain reads.
   */
  private statePiece(): void {
    const b = this.b;
    const start = this.depth;
    const kind = this.rng.int(4);
    this.flowKey();
    if (kind === 0) {
      b.emit('dup');
      b.emit('flow_load');
      b.emitImm('push', this.rng.pick([1n, 2n ** 32n, 2n ** 64n - 1n]));
      b.emit('add');
      b.emit('flow_store');
    } else if (kind === 1) {
      this.nowMs();
      if (this.rng.chance(0.5)) {
        b.emitImm('push', 22n);
        b.emit('shl');
      }
      b.emit('flow_store');
    } else if (kind === 2) {
      // key DUP FLOW_LOAD >>22 +W  now  JGT same; (new window) DUP now<<22 FLOW_STORE; same: count it
      const same = b.newLabel();
      b.emit('dup');
      b.emit('flow_load');
      b.emitImm('push', 22n);
      b.emit('shr');
      b.emitImm('push', this.rng.pick([1n, 1000n, 300_000n]));
      b.emit('add');
      this.depth += 1;
      this.nowMs();
      b.emitJump('jgt', same);
      this.depth -= 2;
      b.emit('dup');
      this.nowMs();
      b.emitImm('push', 22n);
      b.emit('shl');
      b.emit('flow_store');
      this.depth -= 1;
      b.bind(same);
      b.emit('dup');
      b.emit('flow_load');
      b.emitImm('push', 1n);
      b.emit('add');
      b.emit('flow_store');
    } else {
      b.emit('flow_load');
      return; // leaves the value for the code after it (depth start + 1)
    }
    this.depth = start;
  }

  /** A stack-neutral piece at the current depth; `allowRet` lets a piece end every path with RET. */
  private piece(level: number): void {
    const start = this.depth;
    if (this.rng.chance(0.2) && start + 5 <= MAX_DEPTH) {
      this.statePiece();
      this.settle(start);
      return;
    }
    const roll = this.rng.int(20);
    const kind = level > 2 || roll < 9 ? 0 : roll < 16 ? 1 : roll < 18 ? 2 : 3;
    if (kind === 0) {
      this.straight(1 + this.rng.int(6));
      this.settle(start);
      return;
    }
    if (kind === 1) {
      // Forward skip: cond-jump over a neutral piece, which may instead return.
      const name = this.rng.pick(BRANCHES);
      const pops = name.endsWith('128') ? 4 : 2;
      this.ensure(start + pops);
      if (this.depth > start + pops) this.settle(start + pops);
      const label = this.b.newLabel();
      this.b.emitJump(name, label);
      this.depth -= pops;
      if (this.rng.chance(0.3)) {
        this.straight(this.rng.int(4));
        this.ensure(1);
        this.b.emit('ret');
        this.depth = start;
      } else if (this.rng.chance(0.4)) {
        // if/else: the fall-through arm jumps over the taken arm.
        const end = this.b.newLabel();
        this.piece(level + 1);
        this.b.emitJump('jmp', end);
        this.b.bind(label);
        this.piece(level + 1);
        this.b.bind(end);
        return;
      } else {
        this.piece(level + 1);
      }
      this.b.bind(label);
      return;
    }
    if (kind === 2) {
      // Counted loop: push n; L: body; push 1; sub; dup; push 0; jne L; pop
      const n = this.rng.pick([0n, 1n, 3n, 40n, 5000n, 2n ** 64n - 1n]);
      this.pushSmall(n);
      const top = this.b.newLabel();
      this.b.bind(top);
      this.piece(level + 1);
      this.pushSmall(1n);
      this.b.emit('sub');
      this.depth--;
      this.b.emit('dup');
      this.depth++;
      this.pushSmall(0n);
      this.b.emitJump('jne', top);
      this.depth -= 2;
      this.b.emit('pop');
      this.depth--;
      return;
    }
    // Data-dependent loop: L: piece; <two values>; jXX L (may spin until the limit); or
    // with the test first and an unconditional JMP back.
    const top = this.b.newLabel();
    this.b.bind(top);
    if (this.rng.chance(0.4)) {
      const out = this.b.newLabel();
      this.emitOp(this.rng.pick(['ld8', 'len', 'push'] as const));
      this.emitOp(this.rng.chance(0.5) ? 'push' : 'ld8');
      this.b.emitJump(this.rng.pick(BRANCHES.filter((x) => !x.endsWith('128'))), out);
      this.depth -= 2;
      this.piece(level + 1);
      this.b.emitJump('jmp', top);
      this.b.bind(out);
      return;
    }
    this.piece(level + 1);
    const name = this.rng.pick(BRANCHES.filter((x) => !x.endsWith('128')));
    this.emitOp(this.rng.pick(['ld8', 'len', 'push', 'flow_load'].filter((x) => x !== 'flow_load') as OpName[]));
    this.emitOp(this.rng.chance(0.5) ? 'push' : 'ld8');
    this.b.emitJump(name, top);
    this.depth -= 2;
  }

  /** A whole program: pieces, then a RET of whatever is on top. */
  program(): Uint8Array {
    this.b = new ProgramBuilder();
    this.depth = 0;
    const pieces = 1 + this.rng.int(6);
    for (let k = 0; k < pieces; k++) {
      if (this.rng.chance(0.5)) this.straight(this.rng.int(5));
      this.piece(0);
    }
    this.straight(this.rng.int(6));
    this.ensure(1);
    this.b.emit('ret');
    const code = this.b.build().bytes;
    // INSET uses table 0 (64-bit values and ranges around the edge values), INSET128 table 1.
    const uses = (name: string): boolean => code.includes(OPCODES.find((o) => o.name === name)!.code);
    if (!uses('inset') && !uses('inset128')) return code;
    return joinImage(code, this.tables());
  }

  private tables(): SetTable[] {
    const r = this.rng;
    const small: (bigint | [bigint, bigint])[] = [];
    for (let k = 0; k < 1 + r.int(20); k++) {
      const v = this.imm();
      small.push(r.chance(0.3) ? [v, v + BigInt(r.int(1000))] : v);
    }
    const wide: (bigint | [bigint, bigint])[] = [];
    for (let k = 0; k < 1 + r.int(10); k++) {
      const v = (this.imm() << 64n) | this.imm();
      wide.push(r.chance(0.3) ? [v, v + (1n << BigInt(r.int(80)))] : v);
    }
    return [makeSetTable(false, small), makeSetTable(true, wide)];
  }
}

/** A random packet: random bytes, or an Ethernet/IPv4/IPv6 frame with random fields, of random length. */
export function randomPacket(rng: Rng): Uint8Array {
  // Mostly short frames; sometimes longer than 64 KiB (snap lengths go to 256 KiB).
  const len = rng.chance(0.02) ? 65530 + rng.int(40000) : rng.chance(0.15) ? rng.int(20) : rng.chance(0.6) ? 54 + rng.int(40) : rng.int(128);
  const p = new Uint8Array(len);
  for (let i = 0; i < len; i++) p[i] = rng.chance(0.3) ? 0 : rng.int(256);
  const kind = rng.int(4);
  const set = (i: number, v: number): void => {
    if (i < len) p[i] = v;
  };
  if (kind === 1) {
    set(12, 0x08);
    set(13, 0x00);
    set(14, 0x45);
    set(20, 0);
    set(21, 0);
    set(23, rng.pick([6, 17, 1]));
  } else if (kind === 2) {
    set(12, 0x86);
    set(13, 0xdd);
    set(14, 0x60);
    set(20, rng.pick([6, 17, 0, 43, 44, 60]));
  } else if (kind === 3) {
    set(12, 0x81);
    set(13, 0x00);
    set(16, 0x08);
    set(17, 0x00);
    set(18, 0x45);
  }
  return p;
}
