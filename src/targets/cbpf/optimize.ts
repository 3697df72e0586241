// A classic BPF optimizer over the lowering's flat instruction list (jump targets are
// absolute indices, scratch words still symbolic). Every jump goes forward, so each analysis
// is one pass in program order (forward) or in reverse (backward). Passes, repeated until
// nothing changes:
// - jump threading: a jump to a `ja` goes to its target; a jump to a conditional whose
//   outcome the edge already decides (the compare just taken, or a constant in A) goes
//   straight to that outcome;
// - redundant loads: value numbering of A, X and the scratch words, so `ld M[r]` after
//   `st M[r]`, a second `ld #k` or the same packet load again are dropped;
// - dead code: unreachable instructions, stores nobody reads, register loads and ALU
//   operations whose result nobody uses (never a packet load: its bounds check is a verdict);
// - a `ja` to the next instruction.

import { BPF } from './insn.js';
import type { MemRef } from './layout.js';

/** One instruction with absolute jump targets: `jt`/`jf` for conditionals, `jt` for `ja`. */
export interface FlatInsn {
  code: number;
  k: number;
  mem?: MemRef;
  jt: number;
  jf: number;
  readonly pc: number;
  /** A set jump tree's compare: threading keeps its targets within reach (no trampolines). */
  readonly near?: boolean;
}

const memKey = (m: MemRef): string => `${m.half}${m.depth}`;
const cls = (code: number): number => code & 0x07;
const isCond = (x: FlatInsn): boolean => cls(x.code) === BPF.JMP && (x.code & 0xf0) !== BPF.JA;
const isJa = (x: FlatInsn): boolean => x.code === (BPF.JMP | BPF.JA);
const isRet = (x: FlatInsn): boolean => cls(x.code) === BPF.RET;
const JSET = 0x40;
/** Farthest a conditional jumps without a trampoline (jt/jf are 8 bits). */
const NEAR = 255;

/** Successors of instruction n. */
function successors(insns: readonly FlatInsn[], n: number): number[] {
  const x = insns[n];
  if (isRet(x)) return [];
  if (isJa(x)) return [x.jt];
  if (isCond(x)) return x.jt === x.jf ? [x.jt] : [x.jt, x.jf];
  return [n + 1];
}

/** What an edge knows about A: `A op k` is true or false. */
interface EdgeFact {
  readonly op: number;
  readonly k: number;
  readonly holds: boolean;
}

/** The outcome of conditional `x` (K operand) given a fact about A, when the fact decides it. */
function decide(fact: EdgeFact, x: FlatInsn): boolean | undefined {
  if ((x.code & BPF.X) !== 0) return undefined;
  const op = x.code & 0xf0;
  const k = x.k >>> 0;
  const f = fact.k >>> 0;
  if (fact.op === op && f === k) return fact.holds;
  // Translate the fact into an interval [lo, hi] of A (or A = f / A != f).
  let lo = 0;
  let hi = 0xffffffff;
  if (fact.op === BPF.JEQ) {
    if (fact.holds) return evaluate(op, f, k);
    if (op === BPF.JEQ && k === f) return false;
    return undefined;
  }
  if (fact.op === BPF.JGT) [lo, hi] = fact.holds ? [f + 1, hi] : [0, f];
  else if (fact.op === BPF.JGE) [lo, hi] = fact.holds ? [f, hi] : [0, f - 1];
  else return undefined;
  if (lo > hi) return undefined;
  const atLo = evaluate(op, lo, k);
  const atHi = evaluate(op, hi, k);
  if (op === JSET || atLo !== atHi) return undefined;
  if (op === BPF.JEQ) return k < lo || k > hi ? false : lo === hi ? true : undefined;
  return atLo; // jgt / jge are monotonic in A
}

function evaluate(op: number, a: number, k: number): boolean | undefined {
  switch (op) {
    case BPF.JEQ:
      return a === k;
    case BPF.JGT:
      return a > k;
    case BPF.JGE:
      return a >= k;
    case JSET:
      return (a & k) !== 0;
    default:
      return undefined;
  }
}

const constantOf = (v: string | undefined): number | undefined => (v !== undefined && v.startsWith('#') ? Number(v.slice(1)) : undefined);

function foldAlu(op: number, a: number, k: number): number {
  switch (op) {
    case BPF.ADD:
      return (a + k) >>> 0;
    case BPF.SUB:
      return (a - k) >>> 0;
    case BPF.MUL:
      return Math.imul(a, k) >>> 0;
    case BPF.DIV:
      return Math.floor(a / k) >>> 0;
    case BPF.MOD:
      return a % k >>> 0;
    case BPF.OR:
      return (a | k) >>> 0;
    case BPF.AND:
      return (a & k) >>> 0;
    case BPF.XOR:
      return (a ^ k) >>> 0;
    case BPF.LSH:
      return k >= 32 ? 0 : (a << k) >>> 0;
    default:
      return k >= 32 ? 0 : a >>> k;
  }
}

/** Value numbering state: what A and X hold and what each scratch word holds. */
interface Values {
  a: string | undefined;
  x: string | undefined;
  mem: Map<string, string>;
  /** Every path here loaded absolute bytes up to this end offset: later loads below it cannot fail. */
  proven: number;
  /** Compares known on every path here, by the value number they tested. */
  known: Map<string, EdgeFact[]>;
}

/**
 * Join: a location keeps its value number when every path agrees; locations whose numbers
 * differ but differ the same way on every path (A and M[r] after `st M[r]` on each path)
 * get one shared new number, so the equality survives the join.
 */
function meetValues(states: Values[], at: number): Values {
  if (states.length === 1) return { a: states[0].a, x: states[0].x, mem: new Map(states[0].mem), proven: states[0].proven, known: new Map(states[0].known) };
  const join = (vals: (string | undefined)[]): string | undefined => {
    if (vals.some((v) => v === undefined)) return undefined;
    if (vals.every((v) => v === vals[0])) return vals[0];
    return `phi${at}(${vals.join(',')})`;
  };
  const known = new Map<string, EdgeFact[]>();
  for (const [v, facts] of states[0].known) {
    const kept = facts.filter((f) => states.every((s) => s.known.get(v)?.some((g) => g.op === f.op && g.k === f.k && g.holds === f.holds)));
    if (kept.length > 0) known.set(v, kept);
  }
  const out: Values = { a: join(states.map((s) => s.a)), x: join(states.map((s) => s.x)), mem: new Map(), proven: Math.min(...states.map((s) => s.proven)), known };
  for (const m of states[0].mem.keys()) {
    const v = join(states.map((s) => s.mem.get(m)));
    if (v !== undefined) out.mem.set(m, v);
  }
  return out;
}

/**
 * Forward pass: drop loads of what a register already holds; note the constant in A on every
 * jump so that threading can decide the conditional at its target.
 */
/** What a jump's edges know: the constant in A, and the scratch words that hold constants. */
interface EdgeState {
  a: number | undefined;
  mem: Map<string, number>;
}

function numberValues(insns: FlatInsn[], dead: Uint8Array, edges: (EdgeState | undefined)[], safe: Uint8Array): boolean {
  let fresh = 0;
  const incoming: Values[][] = insns.map(() => []);
  incoming[0]?.push({ a: undefined, x: undefined, mem: new Map(), proven: 0, known: new Map() });
  let changed = false;
  for (let n = 0; n < insns.length; n++) {
    edges[n] = undefined;
    if (incoming[n].length === 0) continue;
    const s = meetValues(incoming[n], n);
    const x = insns[n];
    const c = cls(x.code);
    const mode = x.code & 0xe0;
    const drop = (): void => {
      dead[n] = 1;
      changed = true;
    };
    if (c === BPF.LD || c === BPF.LDX) {
      let v: string | undefined;
      if (mode === BPF.IMM) v = `#${x.k >>> 0}`;
      else if (mode === BPF.LEN) v = 'len';
      else if (mode === BPF.ABS) {
        v = `[${x.code & 0x18}:${x.k}]`;
        const end = x.k + ((x.code & 0x18) === BPF.B ? 1 : (x.code & 0x18) === BPF.H ? 2 : 4);
        if (end <= s.proven) safe[n] = 1;
        s.proven = Math.max(s.proven, end);
      }
      else if (mode === BPF.MEM) {
        const key = memKey(x.mem!);
        v = s.mem.get(key);
        if (v === undefined) {
          v = `v${fresh++}`;
          s.mem.set(key, v);
        }
      } else if (mode === BPF.IND && c === BPF.LD && s.x !== undefined) v = `[${x.code & 0x18}:x=${s.x}+${x.k}]`;
      else if (mode === 0xa0) v = `msh${x.k}`;
      const reg = c === BPF.LD ? 'a' : 'x';
      const other = c === BPF.LD ? 'x' : 'a';
      const abs = mode === BPF.MEM && c === BPF.LD && v !== undefined ? /^\[(\d+):(\d+)\]$/.exec(v) : null;
      if (v !== undefined && s[reg] === v) drop();
      else if (abs !== null && s[other] !== v && Number(abs[2]) + (Number(abs[1]) === BPF.B ? 1 : Number(abs[1]) === BPF.H ? 2 : 4) <= s.proven) {
        // The word holds a packet load that cannot fail here: load the packet again, so the store may die.
        x.code = BPF.LD | Number(abs[1]) | BPF.ABS;
        x.k = Number(abs[2]);
        x.mem = undefined;
        s.a = v;
        changed = true;
      }
      else if (mode === BPF.MEM && v !== undefined && s[other] === v) {
        // The other register holds it: tax / txa, so the store may die.
        x.code = c === BPF.LD ? BPF.MISC | BPF.TXA : BPF.MISC | BPF.TAX;
        x.mem = undefined;
        x.k = 0;
        s[reg] = v;
        changed = true;
      } else s[reg] = v ?? `v${fresh++}`;
    } else if (c === BPF.ST || c === BPF.STX) {
      const reg = c === BPF.ST ? 'a' : 'x';
      if (s[reg] === undefined) s[reg] = `v${fresh++}`;
      const key = memKey(x.mem!);
      if (s.mem.get(key) === s[reg]) drop();
      else s.mem.set(key, s[reg]!);
    } else if (c === BPF.ALU) {
      const op = x.code & 0xf0;
      const operand = (x.code & BPF.X) !== 0 ? constantOf(s.x) : x.k >>> 0;
      const a = constantOf(s.a);
      const identity = operand === 0 && (op === BPF.ADD || op === BPF.SUB || op === BPF.OR || op === BPF.XOR || op === BPF.LSH || op === BPF.RSH);
      if (identity) drop();
      else if (a !== undefined && operand !== undefined && op !== BPF.NEG && !((op === BPF.DIV || op === BPF.MOD) && operand === 0)) {
        const r = foldAlu(op, a, operand);
        x.code = BPF.LD | BPF.IMM;
        x.k = r;
        s.a = `#${r}`;
        changed = true;
      } else s.a = undefined;
    }
    else if (c === BPF.MISC) {
      if ((x.code & 0xf8) === BPF.TXA) {
        if (s.a === s.x && s.a !== undefined) drop();
        else s.a = s.x ??= `v${fresh++}`;
      } else if (s.x === s.a && s.x !== undefined) drop();
      else s.x = s.a ??= `v${fresh++}`;
    }
    if (c === BPF.JMP) {
      const constant = (v: string | undefined): number | undefined => (v !== undefined && v.startsWith('#') ? Number(v.slice(1)) : undefined);
      const mem = new Map<string, number>();
      for (const [m, v] of s.mem) {
        const k = constant(v);
        if (k !== undefined) mem.set(m, k);
      }
      edges[n] = { a: constant(s.a), mem };
    }
    if (isCond(x) && x.jt !== x.jf) {
      // A compare that a constant in A or an earlier compare of the same value decides.
      const a = constantOf(s.a);
      let outcome = a !== undefined && (x.code & BPF.X) === 0 ? evaluate(x.code & 0xf0, a, x.k >>> 0) : undefined;
      if ((x.code & 0xf0) === BPF.JGE && (x.code & BPF.X) === 0 && x.k === 0) outcome = true;
      if (outcome === undefined && s.a !== undefined) for (const f of s.known.get(s.a) ?? []) outcome ??= decide(f, x);
      if (outcome !== undefined) {
        x.code = BPF.JMP | BPF.JA;
        x.jt = outcome ? x.jt : x.jf;
        x.jf = 0;
        changed = true;
        incoming[x.jt].push(s);
        continue;
      }
      if ((x.code & BPF.X) === 0 && s.a !== undefined) {
        const v = s.a;
        for (const [t, holds] of [[x.jt, true], [x.jf, false]] as const) {
          const known = new Map(s.known);
          known.set(v, [...(known.get(v) ?? []), { op: x.code & 0xf0, k: x.k >>> 0, holds }]);
          incoming[t].push({ ...s, known });
        }
        continue;
      }
    }
    for (const t of successors(insns, n)) incoming[t].push(s);
  }
  return changed;
}

/** Backward pass: A, X and scratch words nobody reads are dead, and so are the instructions that only define them. */
function removeDeadDefinitions(insns: readonly FlatInsn[], dead: Uint8Array, liveA: Uint8Array, safe: Uint8Array, liveMem: Set<string>[]): boolean {
  type Live = { a: boolean; x: boolean; mem: Set<string> };
  const liveIn: Live[] = new Array(insns.length);
  let changed = false;
  for (let n = insns.length - 1; n >= 0; n--) {
    const x = insns[n];
    const live: Live = { a: false, x: false, mem: new Set() };
    for (const t of successors(insns, n)) {
      const l = liveIn[t];
      if (l === undefined) continue;
      live.a ||= l.a;
      live.x ||= l.x;
      for (const m of l.mem) live.mem.add(m);
    }
    const c = cls(x.code);
    const mode = x.code & 0xe0;
    const usesX = (x.code & BPF.X) !== 0;
    let removable = false;
    if (c === BPF.LD) {
      removable = !live.a && (mode === BPF.IMM || mode === BPF.MEM || mode === BPF.LEN || (mode === BPF.ABS && safe[n] === 1));
      live.a = false;
      if (mode === BPF.IND) live.x = true;
      if (mode === BPF.MEM) live.mem.add(memKey(x.mem!));
    } else if (c === BPF.LDX) {
      removable = !live.x && mode !== 0xa0;
      live.x = false;
      if (mode === BPF.MEM) live.mem.add(memKey(x.mem!));
    } else if (c === BPF.ST || c === BPF.STX) {
      const key = memKey(x.mem!);
      removable = !live.mem.has(key);
      live.mem.delete(key);
      if (c === BPF.ST) live.a = true;
      else live.x = true;
    } else if (c === BPF.ALU) {
      const op = x.code & 0xf0;
      const faults = (op === BPF.DIV || op === BPF.MOD) && (usesX || (x.k >>> 0) === 0);
      removable = !live.a && !faults;
      live.a = true;
      if (usesX) live.x = true;
    } else if (c === BPF.MISC) {
      if ((x.code & 0xf8) === BPF.TXA) {
        removable = !live.a;
        live.a = false;
        live.x = true;
      } else {
        removable = !live.x;
        live.x = false;
        live.a = true;
      }
    } else if (c === BPF.JMP) {
      if (!isJa(x)) {
        live.a = true;
        if (usesX) live.x = true;
      }
    } else if (c === BPF.RET) {
      live.a = (x.code & 0x18) === BPF.A;
      live.x = false;
      live.mem.clear();
    }
    if (removable && dead[n] === 0) {
      dead[n] = 1;
      changed = true;
      // Its inputs are no longer read: recompute from the successors' view next round.
    }
    liveIn[n] = live;
    liveA[n] = live.a ? 1 : 0;
    liveMem[n] = live.mem;
  }
  return changed;
}

/**
 * Retarget jumps past `ja`s and conditionals the edge decides: by the compare just made, or
 * by a constant in A, also when the target first loads A with a constant (`ld #k`, or
 * `ld M[r]` where the edge knows M[r]) and A is dead where the jump lands instead.
 */
function threadJumps(insns: FlatInsn[], edges: readonly (EdgeState | undefined)[], liveA: Uint8Array, liveMem: readonly Set<string>[]): boolean {
  let changed = false;
  // One `ret #k` per value: a jump to a constant return goes to the last one (still forward).
  const lastRet = new Map<number, number>();
  insns.forEach((x, n) => {
    if (isRet(x) && (x.code & 0x18) === BPF.K) lastRet.set(x.k >>> 0, n);
  });
  const shareRet = (t: number): number => (isRet(insns[t]) && (insns[t].code & 0x18) === BPF.K ? lastRet.get(insns[t].k >>> 0)! : t);
  const follow = (target: number, fact: EdgeFact | undefined, edge: EdgeState | undefined, from = -1): number => {
    const original = target;
    let a = edge?.a;
    let best = target;
    let clobbered = false;
    const mem = new Map(edge?.mem);
    const skippedStores = new Set<string>();
    const landing = (t: number): boolean => (!clobbered || liveA[t] === 0) && [...skippedStores].every((m) => !liveMem[t].has(m));
    for (let guard = 0; guard < insns.length; guard++) {
      const t = insns[target];
      if (isJa(t)) {
        target = t.jt;
        if (landing(target)) best = target;
        continue;
      }
      const c = cls(t.code);
      if (t.code === (BPF.LD | BPF.IMM) || (t.code === (BPF.LD | BPF.MEM) && mem.has(memKey(t.mem!)))) {
        a = t.code === (BPF.LD | BPF.IMM) ? t.k >>> 0 : mem.get(memKey(t.mem!));
        fact = undefined;
        clobbered = true;
        target++;
        continue;
      }
      if (t.code === BPF.ST && a !== undefined) {
        // Skipped only if the word is dead where the jump lands.
        mem.set(memKey(t.mem!), a);
        skippedStores.add(memKey(t.mem!));
        target++;
        continue;
      }
      if (c === BPF.ALU && a !== undefined && (t.code & BPF.X) === 0 && (t.code & 0xf0) !== BPF.NEG && !(((t.code & 0xf0) === BPF.DIV || (t.code & 0xf0) === BPF.MOD) && t.k === 0)) {
        a = foldAlu(t.code & 0xf0, a, t.k >>> 0);
        fact = undefined;
        clobbered = true;
        target++;
        continue;
      }
      if (!isCond(t)) break;
      let outcome: boolean | undefined;
      if (a !== undefined && (t.code & BPF.X) === 0) outcome = evaluate(t.code & 0xf0, a, t.k >>> 0);
      if (outcome === undefined && fact !== undefined) outcome = decide(fact, t);
      if (outcome === undefined) break;
      target = outcome ? t.jt : t.jf;
      if (landing(target)) best = target;
    }
    const shared = shareRet(best);
    // A set tree's conditional keeps a target within reach rather than go further than 255
    // instructions, which would cost a `ja` trampoline: the tree jumps to nearby copies of its
    // outcomes for this (cbpf/sets.ts).
    if (from >= 0 && shared - from > NEAR) {
      if (best - from <= NEAR) return best;
      if (original - from <= NEAR) return original;
    }
    return shared;
  };
  for (let n = 0; n < insns.length; n++) {
    const x = insns[n];
    if (isJa(x)) {
      const t = follow(x.jt, undefined, edges[n]);
      if (t !== x.jt) {
        x.jt = t;
        changed = true;
      }
    } else if (isCond(x) && x.jt === x.jf) {
      // Both ways lead to the same place: the compare decides nothing.
      x.code = BPF.JMP | BPF.JA;
      changed = true;
    } else if (isCond(x)) {
      const op = x.code & 0xf0;
      const k = (x.code & BPF.X) === 0 ? x.k : undefined;
      const from = x.near === true ? n : -1;
      const jt = follow(x.jt, k === undefined ? undefined : { op, k, holds: true }, edges[n], from);
      const jf = follow(x.jf, k === undefined ? undefined : { op, k, holds: false }, edges[n], from);
      if (jt !== x.jt || jf !== x.jf) {
        x.jt = jt;
        x.jf = jf;
        changed = true;
      }
    }
  }
  return changed;
}

/** Remove the marked instructions (and what no path reaches) and renumber the jumps. */
function compact(insns: FlatInsn[], dead: Uint8Array, sides: unknown[][] = []): FlatInsn[] {
  const reach = new Uint8Array(insns.length);
  if (insns.length > 0) reach[0] = 1;
  for (let n = 0; n < insns.length; n++) if (reach[n] === 1) for (const t of successors(insns, n)) reach[t] = 1;
  // A `ja` to the next kept instruction is dead too.
  const keep = (n: number): boolean => reach[n] === 1 && dead[n] === 0;
  const nextKept = new Int32Array(insns.length + 1).fill(insns.length);
  for (let n = insns.length - 1; n >= 0; n--) nextKept[n] = keep(n) ? n : nextKept[n + 1];
  for (let n = 0; n < insns.length; n++) {
    if (keep(n) && isJa(insns[n]) && nextKept[insns[n].jt] === nextKept[n + 1]) {
      dead[n] = 1;
    }
  }
  for (let n = insns.length - 1; n >= 0; n--) nextKept[n] = keep(n) ? n : nextKept[n + 1];
  const newIndex = new Int32Array(insns.length + 1);
  let w = 0;
  for (let n = 0; n < insns.length; n++) {
    newIndex[n] = w;
    if (keep(n)) w++;
  }
  newIndex[insns.length] = w;
  const out: FlatInsn[] = [];
  for (const side of sides) {
    const kept = side.filter((_, n) => keep(n));
    side.length = 0;
    side.push(...kept);
  }
  for (let n = 0; n < insns.length; n++) {
    if (!keep(n)) continue;
    const x = insns[n];
    const jump = isJa(x) || isCond(x);
    out.push({ ...x, jt: jump ? newIndex[nextKept[x.jt]] : 0, jf: isCond(x) ? newIndex[nextKept[x.jf]] : 0 });
  }
  return out;
}

/** An instruction from which every path ends in `ret #0` is a drop itself (a failing load drops too). */
function dropEarly(insns: FlatInsn[]): boolean {
  const drops = new Uint8Array(insns.length);
  let changed = false;
  for (let n = insns.length - 1; n >= 0; n--) {
    const x = insns[n];
    if (isRet(x)) drops[n] = (x.code & 0x18) === BPF.K && x.k === 0 ? 1 : 0;
    else drops[n] = successors(insns, n).every((t) => drops[t] === 1) ? 1 : 0;
    if (drops[n] === 1 && !isRet(x)) {
      insns[n] = { code: BPF.RET | BPF.K, k: 0, jt: 0, jf: 0, pc: x.pc };
      changed = true;
    }
  }
  return changed;
}

/** Optimize until no pass changes anything. */
export function optimizeCbpf(input: FlatInsn[]): FlatInsn[] {
  let insns = input;
  for (let round = 0; round < 50; round++) {
    const before = insns.length;
    const dead = new Uint8Array(insns.length);
    const edges: (EdgeState | undefined)[] = new Array(insns.length);
    const safe: number[] = new Array<number>(insns.length).fill(0);
    const safeBits = new Uint8Array(insns.length);
    let changed = dropEarly(insns);
    changed = numberValues(insns, dead, edges, safeBits) || changed;
    safeBits.forEach((b, n) => (safe[n] = b));
    insns = compact(insns, dead, [edges, safe]);
    const dead2 = new Uint8Array(insns.length);
    const liveA = new Uint8Array(insns.length);
    const liveMem: Set<string>[] = new Array(insns.length);
    changed = removeDeadDefinitions(insns, dead2, liveA, Uint8Array.from(safe), liveMem) || changed;
    changed = threadJumps(insns, edges, liveA, liveMem) || changed;
    insns = compact(insns, dead2);
    if (!changed && insns.length === before) break;
  }
  return insns;
}
