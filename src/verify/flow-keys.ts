// Flow-key derivation from bytecode, for sharding a capture over workers whatever language the
// filter was written in. A symbolic run over every path of a loop-free program gives each
// FLOW_LOAD/FLOW_STORE key as an expression of packet data, with the packet-only branch
// conditions of its path. Each key splits into a skeleton and parts (injective steps, hash
// mixing); keys that may share entries must share a skeleton, and one part per skeleton is
// chosen so that any packet's overlapping keys agree on it. The result is one small program
// per key form: it returns a value derived from the chosen part when the form's conditions
// hold. See docs/stateful.md, multi-core.

import { ProgramBuilder } from '../bytecode/builder.js';
import type { OpName } from '../isa/index.js';
import type { VerifiedProgram } from './verify.js';

/** Why no shard function was found, or the programs that compute it. */
export type FlowKeyDerivation =
  | { readonly ok: true; readonly forms: readonly ShardForm[]; readonly parts: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/**
 * One key form: `bytes` returns accept (value: a digest of the form's chosen part) when the
 * packet meets the form's path conditions, drop when it does not. A fault before `partPc`
 * means the conditions cannot hold; at or after it, the packet cannot reach the key.
 */
export interface ShardForm {
  readonly bytes: Uint8Array;
  readonly partPc: number;
}

/** Caps that keep the analysis small; beyond them the key is reported as not derivable. */
const MAX_STATES = 20000;
const MAX_STATES_PER_PC = 512;
const MAX_FORMS = 256;
const MAX_SEARCH = 100000;

type Node =
  | { readonly k: 'const'; readonly v: bigint }
  | { readonly k: 'ld'; readonly w: number; readonly off: number; readonly base: number }
  | { readonly k: 'ld128'; readonly hi: boolean; readonly off: number; readonly base: number }
  | { readonly k: 'op'; readonly op: OpName; readonly a: number; readonly b: number }
  | { readonly k: 'cmp128'; readonly op: OpName; readonly args: readonly number[] }
  | { readonly k: 'pkt'; readonly op: OpName; readonly arg: number }
  /** Depends on time or on the flow table: never part of a derivable key. */
  | { readonly k: 'opaque'; readonly why: string; readonly pc: number };

interface Fact {
  readonly cond: number;
  readonly truth: boolean;
}

interface State {
  readonly stack: readonly number[];
  readonly facts: readonly Fact[];
}

interface KeyForm {
  readonly key: number;
  readonly facts: readonly Fact[];
  readonly skel: string;
  readonly parts: readonly number[];
}

const M64 = (1n << 64n) - 1n;
const BRANCH_REL: Partial<Record<OpName, { readonly op: OpName; readonly neg: boolean }>> = {
  jeq: { op: 'eq', neg: false },
  jne: { op: 'eq', neg: true },
  jgt: { op: 'gt', neg: false },
  jlt: { op: 'lt', neg: false },
  jge: { op: 'ge', neg: false },
  jle: { op: 'le', neg: false },
  jeq128: { op: 'eq128', neg: false },
  jne128: { op: 'eq128', neg: true },
  jgt128: { op: 'gt128', neg: false },
  jlt128: { op: 'lt128', neg: false },
  jge128: { op: 'ge128', neg: false },
  jle128: { op: 'le128', neg: false },
};
const BINARY: ReadonlySet<OpName> = new Set<OpName>(['add', 'sub', 'mul', 'div', 'mod', 'and', 'or', 'xor', 'shl', 'shr', 'eq', 'ne', 'gt', 'lt', 'ge', 'le']);
const COMPARES: ReadonlySet<OpName> = new Set<OpName>(['eq', 'ne', 'gt', 'lt', 'ge', 'le']);
const CMP128: ReadonlySet<OpName> = new Set<OpName>(['eq128', 'ne128', 'gt128', 'lt128', 'ge128', 'le128']);
const WIDTH: Partial<Record<OpName, number>> = { ld8: 8, ld16: 16, ld32: 32, ld64: 64, ldx8: 8, ldx16: 16, ldx32: 32, ldx64: 64 };
/** Upper bounds on the bits of HDR results, by selector (offsets and lengths stay below 2^16). */
const PKT_BITS: Partial<Record<OpName, number>> = { len: 32, wirelen: 32, parse: 32, ip_ver: 8, csum: 1, hdr: 32, ipv6_ext: 32 };

class Graph {
  readonly nodes: Node[] = [];
  private readonly ids = new Map<string, number>();
  private readonly packetOnlyMemo: boolean[] = [];

  intern(n: Node): number {
    const key = JSON.stringify(n, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.nodes.length;
      this.nodes.push(n);
      this.ids.set(key, id);
    }
    return id;
  }

  const(v: bigint): number {
    return this.intern({ k: 'const', v: v & M64 });
  }

  constOf(id: number): bigint | undefined {
    const n = this.nodes[id];
    return n.k === 'const' ? n.v : undefined;
  }

  /** True when the value depends on nothing but the packet bytes. */
  packetOnly(id: number): boolean {
    const memo = this.packetOnlyMemo[id];
    if (memo !== undefined) return memo;
    const n = this.nodes[id];
    let r: boolean;
    switch (n.k) {
      case 'opaque':
        r = false;
        break;
      case 'ld':
      case 'ld128':
        r = n.base < 0 || this.packetOnly(n.base);
        break;
      case 'op':
        r = this.packetOnly(n.a) && (n.b < 0 || this.packetOnly(n.b));
        break;
      case 'cmp128':
        r = n.args.every((a) => this.packetOnly(a));
        break;
      default:
        r = true;
    }
    this.packetOnlyMemo[id] = r;
    return r;
  }

  /** At most this many low bits can be set. */
  maxBits(id: number): number {
    const n = this.nodes[id];
    switch (n.k) {
      case 'const':
        return n.v.toString(2).length - (n.v === 0n ? 1 : 0);
      case 'ld':
        return n.w;
      case 'pkt':
        return PKT_BITS[n.op] ?? 64;
      case 'cmp128':
        return 1;
      case 'op': {
        const b = this.constOf(n.b);
        switch (n.op) {
          case 'and':
            return Math.min(this.maxBits(n.a), this.maxBits(n.b));
          case 'or':
          case 'xor':
            return Math.max(this.maxBits(n.a), this.maxBits(n.b));
          case 'add':
            return Math.min(64, Math.max(this.maxBits(n.a), this.maxBits(n.b)) + 1);
          case 'shl':
            return b === undefined ? 64 : Math.min(64, this.maxBits(n.a) + Number(b & 63n));
          case 'shr':
            return b === undefined ? this.maxBits(n.a) : Math.max(0, this.maxBits(n.a) - Number(b & 63n));
          default:
            return COMPARES.has(n.op) ? 1 : 64;
        }
      }
      default:
        return 64;
    }
  }

  /** At least this many low bits are zero. */
  lowZeros(id: number): number {
    const n = this.nodes[id];
    if (n.k === 'const') {
      if (n.v === 0n) return 64;
      let z = 0;
      while (((n.v >> BigInt(z)) & 1n) === 0n) z++;
      return z;
    }
    if (n.k === 'op') {
      const b = this.constOf(n.b);
      if (n.op === 'shl' && b !== undefined) return Math.min(64, this.lowZeros(n.a) + Number(b & 63n));
      if (n.op === 'and') return Math.max(this.lowZeros(n.a), this.lowZeros(n.b));
      if (n.op === 'or' || n.op === 'xor') return Math.min(this.lowZeros(n.a), this.lowZeros(n.b));
    }
    return 0;
  }

  /** Bits known to be 1 and bits known to be 0. */
  knownBits(id: number): { ones: bigint; zeros: bigint } {
    const n = this.nodes[id];
    const above = (bits: number): bigint => (bits >= 64 ? 0n : M64 ^ ((1n << BigInt(bits)) - 1n));
    if (n.k === 'const') return { ones: n.v, zeros: M64 ^ n.v };
    if (n.k === 'op' && (n.op === 'or' || n.op === 'and')) {
      const a = this.knownBits(n.a);
      const b = this.knownBits(n.b);
      return n.op === 'or' ? { ones: a.ones | b.ones, zeros: a.zeros & b.zeros } : { ones: a.ones & b.ones, zeros: a.zeros | b.zeros };
    }
    return { ones: 0n, zeros: above(this.maxBits(id)) };
  }

  /** A hash-like value: the output of a mixing multiply or a hash opcode (collisions are accidental). */
  mixed(id: number): boolean {
    const n = this.nodes[id];
    if (n.k === 'pkt') return n.op === 'hash5' || n.op === 'hash6';
    if (n.k !== 'op') return false;
    const a = this.constOf(n.a);
    const b = this.constOf(n.b);
    switch (n.op) {
      case 'mul': {
        // An odd multiplier above 2^16 with several bits set (FNV's prime, golden-ratio constants)
        const c = b ?? a;
        return c !== undefined && (c & 1n) === 1n && c > 0xffffn && popcount(c) >= 4;
      }
      case 'xor':
      case 'add':
      case 'sub':
      case 'or':
        return this.mixed(n.a) || this.mixed(n.b);
      case 'not':
      case 'neg':
        return this.mixed(n.a);
      default:
        return false;
    }
  }

  /** `x ^ (x >> k)`: returns x when `id` has that shape. */
  xorshiftOf(id: number): number | undefined {
    const n = this.nodes[id];
    if (n.k !== 'op' || n.op !== 'xor') return undefined;
    for (const [x, s] of [
      [n.a, n.b],
      [n.b, n.a],
    ]) {
      const sn = this.nodes[s];
      if (sn.k === 'op' && sn.op === 'shr' && sn.a === x) {
        const k = this.constOf(sn.b);
        if (k !== undefined && (k & 63n) !== 0n) return x;
      }
    }
    return undefined;
  }

  /** Readable text of an expression (for descriptions). */
  text(id: number): string {
    const n = this.nodes[id];
    switch (n.k) {
      case 'const':
        return n.v < 1024n ? String(n.v) : `0x${n.v.toString(16)}`;
      case 'ld':
        return n.base < 0 ? `LD${n.w} ${n.off}` : `LDX${n.w} ${n.off} [${this.text(n.base)}]`;
      case 'ld128':
        return `${n.base < 0 ? 'LD128' : 'LDX128'} ${n.off}${n.base < 0 ? '' : ` [${this.text(n.base)}]`} ${n.hi ? 'high' : 'low'} half`;
      case 'pkt':
        return n.op === 'hdr' || n.op === 'ipv6_ext' ? `${n.op.toUpperCase()} ${n.arg}` : n.op.toUpperCase();
      case 'op':
        return n.b < 0 ? `${n.op.toUpperCase()}(${this.text(n.a)})` : `${n.op.toUpperCase()}(${this.text(n.a)}, ${this.text(n.b)})`;
      case 'cmp128':
        return `${n.op.toUpperCase()}(${n.args.map((a) => this.text(a)).join(', ')})`;
      case 'opaque':
        return n.why;
    }
  }
}

function popcount(v: bigint): number {
  let n = 0;
  for (let x = v; x !== 0n; x >>= 1n) n += Number(x & 1n);
  return n;
}

class Unsupported extends Error {}

/** Symbolic run over every path: the key expression and packet-only facts at each flow access. */
function collectKeys(program: VerifiedProgram, g: Graph): { key: number; facts: readonly Fact[] }[] {
  const insns = program.insns;
  // States at a pc with the same stack merge, keeping the facts common to their paths (a
  // weaker condition is still met by every packet that arrives).
  const incoming: Map<string, State>[] = insns.map(() => new Map());
  let total = 0;
  const add = (index: number, s: State): void => {
    const sig = s.stack.join(',');
    const at = incoming[index];
    const old = at.get(sig);
    if (old !== undefined) {
      at.set(sig, { stack: old.stack, facts: old.facts.filter((f) => s.facts.some((x) => x.cond === f.cond && x.truth === f.truth)) });
      return;
    }
    if (++total > MAX_STATES || at.size >= MAX_STATES_PER_PC) throw new Unsupported('the program has too many paths to follow');
    at.set(sig, s);
  };
  const keys: { key: number; facts: readonly Fact[] }[] = [];
  add(0, { stack: [], facts: [] });
  for (let i = 0; i < insns.length; i++) {
    const insn = insns[i];
    const name = insn.op.name as OpName;
    for (const state of incoming[i].values()) {
      const st = [...state.stack];
      const pop = (): number => st.pop()!;
      const facts = state.facts;
      const next = (): void => add(i + 1, { stack: st, facts });
      switch (name) {
        case 'ld8':
        case 'ld16':
        case 'ld32':
        case 'ld64':
          st.push(g.intern({ k: 'ld', w: WIDTH[name]!, off: insn.arg, base: -1 }));
          next();
          break;
        case 'ldx8':
        case 'ldx16':
        case 'ldx32':
        case 'ldx64':
          st.push(g.intern({ k: 'ld', w: WIDTH[name]!, off: insn.arg, base: pop() }));
          next();
          break;
        case 'ld128':
        case 'ldx128': {
          const base = name === 'ldx128' ? pop() : -1;
          st.push(g.intern({ k: 'ld128', hi: true, off: insn.arg, base }), g.intern({ k: 'ld128', hi: false, off: insn.arg, base }));
          next();
          break;
        }
        case 'push':
          st.push(g.const(insn.imm));
          next();
          break;
        case 'push128':
          st.push(g.const(insn.imm >> 64n), g.const(insn.imm));
          next();
          break;
        case 'pop':
          pop();
          next();
          break;
        case 'dup':
          st.push(st[st.length - 1]);
          next();
          break;
        case 'swap': {
          const b = pop();
          const a = pop();
          st.push(b, a);
          next();
          break;
        }
        case 'not':
        case 'neg':
          st.push(g.intern({ k: 'op', op: name, a: pop(), b: -1 }));
          next();
          break;
        case 'and128':
        case 'or128':
        case 'xor128': {
          const bLo = pop();
          const bHi = pop();
          const aLo = pop();
          const aHi = pop();
          const op = name.slice(0, -3) as OpName;
          st.push(g.intern({ k: 'op', op, a: aHi, b: bHi }), g.intern({ k: 'op', op, a: aLo, b: bLo }));
          next();
          break;
        }
        case 'len':
        case 'wirelen':
        case 'parse':
        case 'ip_ver':
        case 'csum':
        case 'hash5':
        case 'hash6':
        case 'hdr':
        case 'ipv6_ext':
          st.push(g.intern({ k: 'pkt', op: name, arg: insn.arg }));
          next();
          break;
        case 'tstamp':
          st.push(g.intern({ k: 'opaque', why: 'TSTAMP', pc: -1 }));
          next();
          break;
        case 'flow_load': {
          const key = pop();
          keys.push({ key, facts });
          st.push(g.intern({ k: 'opaque', why: `the flow-table value loaded at pc ${insn.pc}`, pc: insn.pc }));
          next();
          break;
        }
        case 'flow_store': {
          pop();
          keys.push({ key: pop(), facts });
          next();
          break;
        }
        case 'ret':
          break;
        case 'jmp':
          add(program.indexOfPc[insn.target], { stack: st, facts });
          break;
        default: {
          const rel = BRANCH_REL[name];
          if (rel !== undefined) {
            const n = name.endsWith('128') ? 4 : 2;
            const args = st.splice(st.length - n, n);
            const cond = n === 4 ? g.intern({ k: 'cmp128', op: rel.op, args }) : g.intern({ k: 'op', op: rel.op, a: args[0], b: args[1] });
            const isFact = g.packetOnly(cond);
            // taken: the relation holds unless the jump is a negated one
            for (const taken of [true, false]) {
              const f = isFact ? [...facts, { cond, truth: taken !== rel.neg }] : facts;
              add(taken ? program.indexOfPc[insn.target] : i + 1, { stack: [...st], facts: f });
            }
            break;
          }
          if (BINARY.has(name)) {
            const b = pop();
            const a = pop();
            st.push(g.intern({ k: 'op', op: name, a, b }));
            next();
            break;
          }
          if (CMP128.has(name)) {
            const args = st.splice(st.length - 4, 4);
            st.push(g.intern({ k: 'cmp128', op: name, args }));
            next();
            break;
          }
          // An opcode this analysis does not model: its results are unknown.
          for (let k = 0; k < insn.op.pop; k++) pop();
          for (let k = 0; k < insn.op.push; k++) st.push(g.intern({ k: 'opaque', why: `the result of ${name.toUpperCase()} at pc ${insn.pc}`, pc: insn.pc }));
          next();
        }
      }
    }
    incoming[i].clear();
  }
  return keys;
}

/** Split a key into a skeleton (operations and constants, `?` for parts) and its parts in order. */
function decompose(g: Graph, id: number, parts: number[]): string {
  const n = g.nodes[id];
  if (n.k === 'const') return `#${n.v.toString(16)}`;
  if (!g.packetOnly(id)) throw new Unsupported(`a flow key depends on ${describeOpaque(g, id)}`);
  const hole = (): string => {
    parts.push(id);
    return '?';
  };
  if (n.k !== 'op') return hole();
  const x = g.xorshiftOf(id);
  if (x !== undefined) {
    const sn = g.nodes[n.a === x ? n.b : n.a] as Extract<Node, { k: 'op' }>;
    return `xs${g.constOf(sn.b)! & 63n}(${decompose(g, x, parts)})`;
  }
  const a = g.constOf(n.a);
  const b = g.constOf(n.b);
  const c = b ?? a;
  const other = b !== undefined ? n.a : n.b;
  const side = b !== undefined ? 'r' : 'l';
  switch (n.op) {
    case 'not':
    case 'neg':
      return `${n.op}(${decompose(g, n.a, parts)})`;
    case 'xor':
    case 'add':
      if (c !== undefined) return `${n.op}(#${c.toString(16)},${decompose(g, other, parts)})`;
      break;
    case 'sub':
      if (c !== undefined) return `sub${side}(#${c.toString(16)},${decompose(g, other, parts)})`;
      break;
    case 'mul':
      if (c !== undefined) {
        if ((c & 1n) === 1n) return `mul(#${c.toString(16)},${decompose(g, other, parts)})`;
        return hole();
      }
      break;
    case 'or':
      if (c !== undefined) {
        // Injective when the other operand cannot have the constant's bits; for hash-like
        // values only accidental collisions are lost.
        if (g.lowZeros(n.a === other ? n.b : n.a) >= g.maxBits(other) || g.mixed(other)) return `or(#${c.toString(16)},${decompose(g, other, parts)})`;
        return hole();
      }
      break;
    case 'shl':
      if (b !== undefined && g.maxBits(n.a) + Number(b & 63n) <= 64) return `shl${b & 63n}(${decompose(g, n.a, parts)})`;
      return hole();
    default:
      return hole();
  }
  // Two non-constant operands: injective when their bits cannot overlap; a hash combine when
  // either side is already mixed.
  if (n.op === 'or' || n.op === 'xor' || n.op === 'add') {
    const disjoint = g.maxBits(n.a) <= g.lowZeros(n.b) || g.maxBits(n.b) <= g.lowZeros(n.a);
    if (disjoint || g.mixed(n.a) || g.mixed(n.b)) {
      const left = decompose(g, n.a, parts);
      const right = decompose(g, n.b, parts);
      return `${n.op}(${left},${right})`;
    }
  }
  return hole();
}

function describeOpaque(g: Graph, id: number): string {
  const n = g.nodes[id];
  if (n.k === 'opaque') return n.why;
  const children = n.k === 'op' ? [n.a, n.b] : n.k === 'ld' || n.k === 'ld128' ? [n.base] : n.k === 'cmp128' ? n.args : [];
  for (const c of children) if (c >= 0 && !g.packetOnly(c)) return describeOpaque(g, c);
  return 'something other than packet data';
}

/** Two path conditions that no packet meets at once. */
function conflict(g: Graph, a: readonly Fact[], b: readonly Fact[]): boolean {
  for (const x of a) {
    for (const y of b) {
      if (x.cond === y.cond && x.truth !== y.truth) return true;
      if (x.truth && y.truth) {
        const nx = g.nodes[x.cond];
        const ny = g.nodes[y.cond];
        if (nx.k === 'op' && ny.k === 'op' && nx.op === 'eq' && ny.op === 'eq') {
          const vx = g.constOf(nx.b) ?? g.constOf(nx.a);
          const vy = g.constOf(ny.b) ?? g.constOf(ny.a);
          const ex = g.constOf(nx.b) !== undefined ? nx.a : nx.b;
          const ey = g.constOf(ny.b) !== undefined ? ny.a : ny.b;
          if (vx !== undefined && vy !== undefined && ex === ey && vx !== vy) return true;
        }
      }
    }
  }
  return false;
}

/** Keys of the two forms can never be equal (a known bit differs), or both are hashes. */
function neverShare(g: Graph, a: KeyForm, b: KeyForm): boolean {
  const x = g.knownBits(a.key);
  const y = g.knownBits(b.key);
  if ((x.ones & y.zeros) !== 0n || (x.zeros & y.ones) !== 0n) return true;
  return g.mixed(a.key) && g.mixed(b.key);
}

/**
 * Derive a shard function from a program's own flow-table keys.
 * @returns per-form programs (ok), or why the keys cannot be split across workers
 */
export function deriveFlowKeys(program: VerifiedProgram): FlowKeyDerivation {
  if (!program.usesFlowTable) return { ok: true, forms: [], parts: [] };
  if (program.hasBackwardJumps) return { ok: false, reason: 'the program has loops' };
  const g = new Graph();
  let forms: KeyForm[];
  try {
    const seen = new Set<string>();
    forms = [];
    for (const { key, facts } of collectKeys(program, g)) {
      // Key 0 is never stored and always misses: such an access touches no entry.
      if (g.constOf(key) === 0n) continue;
      const sig = `${key}|${facts.map((f) => `${f.truth ? '' : '!'}${f.cond}`).join(',')}`;
      if (seen.has(sig)) continue;
      seen.add(sig);
      const parts: number[] = [];
      const skel = decompose(g, key, parts);
      forms.push({ key, facts, skel, parts });
      if (forms.length > MAX_FORMS) throw new Unsupported(`more than ${MAX_FORMS} distinct flow keys`);
    }
  } catch (e) {
    if (e instanceof Unsupported) return { ok: false, reason: e.message };
    throw e;
  }
  // Group by skeleton: only keys of one skeleton may share entries.
  const groups = new Map<string, KeyForm[]>();
  for (const f of forms) {
    const list = groups.get(f.skel) ?? [];
    list.push(f);
    groups.set(f.skel, list);
  }
  const list = [...groups.values()];
  for (const grp of list) if (grp[0].parts.length === 0) return { ok: false, reason: 'a flow key does not depend on the packet (every packet shares its entry)' };
  for (let x = 0; x < list.length; x++) {
    for (let y = x + 1; y < list.length; y++) {
      for (const a of list[x]) {
        for (const b of list[y]) {
          if (!neverShare(g, a, b)) return { ok: false, reason: `flow keys of different shapes may share entries (${g.text(a.key)} and ${g.text(b.key)})` };
        }
      }
    }
  }
  // Choose a part position per group: forms a packet can meet together must pick one value.
  const choice = new Array<number>(list.length).fill(-1);
  let steps = 0;
  const consistent = (gi: number): boolean => {
    for (let gj = 0; gj <= gi; gj++) {
      for (const a of list[gi]) {
        for (const b of list[gj]) {
          if (a === b || conflict(g, a.facts, b.facts)) continue;
          if (a.parts[choice[gi]] !== b.parts[choice[gj]]) return false;
        }
      }
    }
    return true;
  };
  const search = (gi: number): boolean => {
    if (gi === list.length) return true;
    for (let p = 0; p < list[gi][0].parts.length; p++) {
      if (++steps > MAX_SEARCH) return false;
      choice[gi] = p;
      if (consistent(gi) && search(gi + 1)) return true;
    }
    choice[gi] = -1;
    return false;
  };
  if (!search(0)) return { ok: false, reason: 'no key part is shared by every flow key a packet can reach' };
  const out: ShardForm[] = [];
  const partTexts = new Set<string>();
  const emitted = new Set<string>();
  list.forEach((grp, gi) => {
    for (const f of grp) {
      const part = f.parts[choice[gi]];
      const sig = `${part}|${f.facts.map((x) => `${x.truth ? '' : '!'}${x.cond}`).join(',')}`;
      if (emitted.has(sig)) continue;
      emitted.add(sig);
      partTexts.add(g.text(part));
      out.push(emitForm(g, f.facts, part));
    }
  });
  return { ok: true, forms: out, parts: [...partTexts] };
}

function emitNode(g: Graph, b: ProgramBuilder, id: number): void {
  const n = g.nodes[id];
  switch (n.k) {
    case 'const':
      b.emitImm('push', n.v);
      return;
    case 'ld':
      if (n.base >= 0) emitNode(g, b, n.base);
      b.emit(`${n.base >= 0 ? 'ldx' : 'ld'}${n.w}` as OpName, n.off);
      return;
    case 'ld128':
      if (n.base >= 0) emitNode(g, b, n.base);
      b.emit(n.base >= 0 ? 'ldx128' : 'ld128', n.off);
      if (!n.hi) b.emit('swap');
      b.emit('pop');
      return;
    case 'pkt':
      b.emit(n.op, n.arg);
      return;
    case 'op':
      emitNode(g, b, n.a);
      if (n.b >= 0) emitNode(g, b, n.b);
      b.emit(n.op);
      return;
    case 'cmp128':
      for (const a of n.args) emitNode(g, b, a);
      b.emit(n.op);
      return;
    case 'opaque':
      throw new Error(`internal: opaque node in a shard program (${n.why})`);
  }
}

/** The program of one form: its conditions, then a digest of the part (never 0). */
function emitForm(g: Graph, facts: readonly Fact[], part: number): ShardForm {
  const b = new ProgramBuilder();
  const miss = b.newLabel('miss');
  for (const f of facts) {
    emitNode(g, b, f.cond);
    b.emitImm('push', 0n);
    b.emitJump(f.truth ? 'jeq' : 'jne', miss);
  }
  const partPc = b.pc;
  emitNode(g, b, part);
  b.emitImm('push', 0x9e3779b97f4a7c15n);
  b.emit('mul');
  b.emitImm('push', 1n);
  b.emit('or');
  b.emit('ret');
  b.bind(miss);
  b.emitImm('push', 0n);
  b.emit('ret');
  return { bytes: b.build().bytes, partPc };
}
