// VFLisp code generation: conditions compile to conditional jumps to true/false labels
// (`branch`), values to stack code (`value`). Each field carries the guards under which the
// packet has it; a failed guard makes the comparison false (or the value 0), so no load can
// fault. Guards the Facts already imply are left out, a test whose answer the Facts know
// becomes a jump or nothing, guards shared by every arm of an `or` are checked once before
// it, and code no path reaches is never emitted.

import type { Label } from '../bytecode/builder.js';
import type { BuiltProgram } from '../bytecode/builder.js';
import type { SourceText, Span } from '../diag/source.js';
import type { OpName } from '../isa/index.js';
import { Emitter } from '../bytecode/emitter.js';
import { MAX_SET_TABLES, type SetTable, makeSetTable } from '../bytecode/sets.js';
import { CompileError } from '../diag/errors.js';
import { emitPcapBranch } from '../pcap/emit.js';
import { emitState } from './stateful-codegen.js';
import { Facts } from './facts.js';
import { type Atom, type FieldDef, LEN_ATOM, REQUIRE_IP4, REQUIRE_IP6, type Requirement, SEL, isSoftField } from './fields.js';
import { type CmpOp, type Expr, foldCmp, isBool, isWide } from './ir.js';

const JUMP: Record<CmpOp, OpName> = { eq: 'jeq', ne: 'jne', gt: 'jgt', ge: 'jge', lt: 'jlt', le: 'jle' };
const JUMP128: Record<CmpOp, OpName> = { eq: 'jeq128', ne: 'jne128', gt: 'jgt128', ge: 'jge128', lt: 'jlt128', le: 'jle128' };
const NEGATE: Record<CmpOp, CmpOp> = { eq: 'ne', ne: 'eq', gt: 'le', le: 'gt', lt: 'ge', ge: 'lt' };
const SWAP: Record<CmpOp, CmpOp> = { eq: 'eq', ne: 'ne', gt: 'lt', lt: 'gt', ge: 'le', le: 'ge' };
const ARITH: Record<string, OpName> = { add: 'add', sub: 'sub', mul: 'mul', div: 'div', mod: 'mod', and: 'and', or: 'or', xor: 'xor', shl: 'shl', shr: 'shr' };
const PORT_PROTOS = [6n, 17n, 132n];

function reqKey(r: Requirement): string {
  return r.t === 'atom' ? `${r.atom}${r.op}${r.c}` : r.t === 'oneof' ? `${r.atom}in${r.values.join(',')}` : 'ports';
}

/** The guards of a field (address fields by family). */
export function fieldGuard(f: FieldDef, family: 4 | 6 | undefined): readonly Requirement[] {
  if (f.access.k === 'addr') return [family === 6 ? REQUIRE_IP6 : REQUIRE_IP4];
  return f.guard;
}

/** Guards of a value tree (fields, loads and arithmetic over them), keyed for dedup. */
export function treeGuards(e: Expr, out: Map<string, Requirement>): Map<string, Requirement> {
  switch (e.k) {
    case 'field':
      for (const r of fieldGuard(e.f, e.family)) out.set(reqKey(r), r);
      break;
    case 'load': {
      const need = e.off + e.width;
      const r: Requirement =
        e.base === 'frame' ? { t: 'atom', atom: LEN_ATOM, op: 'ge', c: need } : { t: 'atom', atom: e.base === 'l3' ? SEL.l3Bytes : SEL.l4Bytes, op: 'ge', c: need };
      out.set(reqKey(r), r);
      break;
    }
    case 'arith':
      treeGuards(e.a, out);
      treeGuards(e.b, out);
      break;
    default:
      break;
  }
  return out;
}

export function isTree(e: Expr): boolean {
  return e.k === 'field' || e.k === 'load' || e.k === 'arith';
}

/** Guards that, when they fail, make condition `e` false. */
function requiredGuards(e: Expr): Map<string, Requirement> {
  switch (e.k) {
    case 'cmp': {
      const m = new Map<string, Requirement>();
      if (softAtomTest(e) !== undefined) return m;
      treeGuards(e.a, m);
      return treeGuards(e.b, m);
    }
    case 'field':
    case 'load':
    case 'arith':
      return treeGuards(e, new Map());
    case 'and': {
      const m = new Map<string, Requirement>();
      for (const a of e.args) for (const [k, r] of requiredGuards(a)) m.set(k, r);
      return m;
    }
    case 'or':
      return intersect(e.args.map(requiredGuards));
    case 'if':
      return intersect([requiredGuards(e.t), requiredGuards(e.e)]);
    default:
      return new Map();
  }
}

function intersect(maps: Map<string, Requirement>[]): Map<string, Requirement> {
  const out = new Map<string, Requirement>();
  if (maps.length === 0) return out;
  for (const [k, r] of maps[0]) if (maps.every((m) => m.has(k))) out.set(k, r);
  return out;
}

/**
 * A comparison of an HDR/LEN field with a constant that needs no guard: the field reads 0
 * when absent and the comparison is false at 0. Returns the atom test, normalised.
 */
function softAtomTest(e: Expr & { k: 'cmp' }): { atom: Atom; op: CmpOp; c: bigint; field: FieldDef } | undefined {
  if (e.wide) return undefined;
  let { a, b, op } = e;
  if (a.k === 'const') {
    [a, b] = [b, a];
    op = SWAP[op];
  }
  if (a.k !== 'field' || b.k !== 'const' || !isSoftField(a.f)) return undefined;
  const atom = a.f.access.k === 'hdr' ? a.f.access.sel : LEN_ATOM;
  if (a.f.guard.length > 0 && foldCmp(op, 0n, b.v)) return undefined;
  return { atom, op, c: b.v, field: a.f };
}

/** Facts after learning `atom op c` holds. */
function learn(facts: Facts, atom: Atom, op: CmpOp, c: bigint): Facts {
  const r = facts.range(atom);
  switch (op) {
    case 'eq':
      return facts.narrow(atom, c, c);
    case 'ne':
      if (c === r.lo) return facts.narrow(atom, c + 1n, r.hi);
      if (c === r.hi) return facts.narrow(atom, r.lo, c - 1n);
      return facts;
    case 'gt':
      return facts.narrow(atom, c + 1n, r.hi);
    case 'ge':
      return facts.narrow(atom, c, r.hi);
    case 'lt':
      return facts.narrow(atom, r.lo, c - 1n);
    case 'le':
      return facts.narrow(atom, r.lo, c);
  }
}

/** Whether the facts decide `atom op c`: true, false or undefined. */
function decide(facts: Facts, atom: Atom, op: CmpOp, c: bigint): boolean | undefined {
  const { lo, hi } = facts.range(atom);
  if (lo > hi) return undefined;
  const always = (o: CmpOp): boolean => {
    switch (o) {
      case 'eq':
        return lo === c && hi === c;
      case 'ne':
        return c < lo || c > hi;
      case 'gt':
        return lo > c;
      case 'ge':
        return lo >= c;
      case 'lt':
        return hi < c;
      case 'le':
        return hi <= c;
    }
  };
  if (always(op)) return true;
  if (always(NEGATE[op])) return false;
  return undefined;
}

/** Options of the code generator. */
export interface CodegenOptions {
  /**
   * Equality tests of one value against at least this many constants (an `in` list, or an `or`
   * of `=`) are compiled as a binary search (default 8); Infinity keeps the plain chain.
   */
  readonly setSearchMin?: number;
  /**
   * Set tests over at least this many constants or prefixes (default 64) become one INSET on a
   * set table after the code; Infinity keeps them in the code.
   */
  readonly setTableMin?: number;
}

/** A membership test through a set table (INSET). */
interface TableTest {
  readonly k: 'table';
  readonly a: Expr;
  readonly wide: boolean;
  /** Look up the low 32 bits of the value (prefix tests with a 32-bit mask ignore the rest). */
  readonly low32: boolean;
  readonly entries: readonly (readonly [bigint, bigint])[];
  readonly span: Span;
}

/** `(tree & mask) = net` with a prefix mask (ones, then zeros): the tree and the interval it admits. */
function prefixWithConstant(e: Expr): { a: Expr; lo: bigint; hi: bigint; wide: boolean; low32: boolean } | undefined {
  if (e.k !== 'cmp' || e.op !== 'eq') return undefined;
  const [m, c] = e.a.k === 'const' ? [e.b, e.a] : [e.a, e.b];
  if (c.k !== 'const' || m.k !== 'arith' || m.op !== 'and') return undefined;
  const [a, mask] = m.b.k === 'const' ? [m.a, m.b.v] : m.a.k === 'const' ? [m.b, m.a.v] : [undefined, 0n];
  if (a === undefined || !isTree(a)) return undefined;
  const bits = e.wide ? 128 : mask <= 0xffffffffn ? 32 : 64;
  const host = ((1n << BigInt(bits)) - 1n) ^ mask;
  if (mask >> BigInt(bits) !== 0n || (host & (host + 1n)) !== 0n || (c.v & host) !== 0n) return undefined;
  return { a, lo: c.v, hi: c.v | host, wide: e.wide, low32: bits === 32 };
}

/** Split the operands of an `or` into table tests (groups of at least `min` values or prefixes of one tree) and the rest. */
function findTables(args: readonly Expr[], min: number): (Expr | TableTest)[] | undefined {
  if (args.length < min) return undefined;
  const groups = new Map<string, { a: Expr; wide: boolean; low32: boolean; entries: [bigint, bigint][]; members: Expr[] }>();
  for (const arg of args) {
    const eq = equalityWithConstant(arg);
    const t = eq !== undefined ? { a: eq.a, lo: eq.v, hi: eq.v, wide: eq.wide, low32: false } : prefixWithConstant(arg);
    const key = t === undefined ? undefined : treeKey(t.a);
    if (t === undefined || key === undefined) continue;
    const k = `${key}|${t.wide}|${t.low32}`;
    let g = groups.get(k);
    if (g === undefined) groups.set(k, (g = { a: t.a, wide: t.wide, low32: t.low32, entries: [], members: [] }));
    g.entries.push([t.lo, t.hi]);
    g.members.push(arg);
  }
  const big = [...groups.values()].filter((g) => g.members.length >= min);
  if (big.length === 0) return undefined;
  const grouped = new Set(big.flatMap((g) => g.members));
  const out: (Expr | TableTest)[] = big.map((g) => ({ k: 'table', a: g.a, wide: g.wide, low32: g.low32, entries: g.entries, span: g.members[0].span }));
  for (const arg of args) if (!grouped.has(arg)) out.push(arg);
  return out;
}

/** Constants per leaf of a set's search tree, tested one by one. */
const SET_LEAF = 4;
/** A search subtree over more values than this gets its own exit jumps (jumps reach 32 KiB). */
const SET_ISLAND = 256;

/** Equality tests of one value against constants, found in an `or`. */
interface SetTest {
  readonly k: 'set';
  /** The value tested (a field, load or arithmetic over them). */
  readonly a: Expr;
  readonly wide: boolean;
  /** Sorted, without duplicates. */
  readonly values: readonly bigint[];
  readonly span: Span;
}

/** A structural key of a value tree (equal keys: the same value on every packet), or undefined. */
function treeKey(e: Expr): string | undefined {
  switch (e.k) {
    case 'field':
      return `f:${e.f.name}:${e.family ?? '-'}`;
    case 'load':
      return `l:${e.base}:${e.off}:${e.width}`;
    case 'const':
      return `c:${e.v}:${e.wide}`;
    case 'arith': {
      const a = treeKey(e.a);
      const b = treeKey(e.b);
      return a === undefined || b === undefined ? undefined : `a:${e.op}:${e.wide}(${a},${b})`;
    }
    default:
      return undefined;
  }
}

/** `tree = constant` (either way round): the tree, the constant and the width. */
function equalityWithConstant(e: Expr): { a: Expr; v: bigint; wide: boolean } | undefined {
  if (e.k !== 'cmp' || e.op !== 'eq') return undefined;
  const [a, b] = e.a.k === 'const' ? [e.b, e.a] : [e.a, e.b];
  if (b.k !== 'const' || !isTree(a)) return undefined;
  return { a, v: b.v, wide: e.wide };
}

/** Split the operands of an `or` into set tests (groups of at least `min` constants) and the rest. */
function findSets(args: readonly Expr[], min: number): (Expr | SetTest)[] | undefined {
  if (args.length < min) return undefined;
  const groups = new Map<string, { a: Expr; wide: boolean; values: Set<bigint>; members: Expr[] }>();
  for (const arg of args) {
    const t = equalityWithConstant(arg);
    const key = t === undefined ? undefined : treeKey(t.a);
    if (t === undefined || key === undefined) continue;
    const k = `${key}|${t.wide}`;
    let g = groups.get(k);
    if (g === undefined) groups.set(k, (g = { a: t.a, wide: t.wide, values: new Set(), members: [] }));
    g.values.add(t.v);
    g.members.push(arg);
  }
  const big = [...groups.values()].filter((g) => g.members.length >= min);
  if (big.length === 0) return undefined;
  const grouped = new Set(big.flatMap((g) => g.members));
  const out: (Expr | SetTest)[] = big.map((g) => ({ k: 'set', a: g.a, wide: g.wide, values: [...g.values].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)), span: g.members[0].span }));
  for (const arg of args) if (!grouped.has(arg)) out.push(arg);
  return out;
}

export class Codegen {
  readonly em: Emitter<Facts>;
  private readonly setSearchMin: number;
  private readonly setTableMin: number;
  /** Set tables for INSET, by table number: the program's set section. */
  readonly tables: SetTable[] = [];
  private readonly source: SourceText | undefined;

  constructor(source?: SourceText, options: CodegenOptions = {}) {
    this.em = new Emitter<Facts>(source, new Facts());
    this.source = source;
    this.setSearchMin = Math.max(2, options.setSearchMin ?? 8);
    this.setTableMin = Math.max(2, options.setTableMin ?? 64);
  }

  /** Jump to `target` when (a in the table) equals `sense`; fall through otherwise. */
  private branchTable(t: TableTest, sense: boolean, target: Label): void {
    const em = this.em;
    if (this.tables.length >= MAX_SET_TABLES) {
      throw new CompileError('ERR_COMPILE_TOO_LARGE', `more than ${MAX_SET_TABLES} large sets in one filter`, { span: t.span, source: this.source });
    }
    const index = this.tables.length;
    this.tables.push(makeSetTable(t.wide, t.entries));
    const skip = em.newLabel('skip');
    // An absent value is in no set.
    this.guard(treeGuards(t.a, new Map()).values(), sense ? skip : target, t.span);
    this.raw(t.a);
    if (t.low32) {
      em.emitImm('push', 0xffffffffn, t.span);
      em.emit('and', 0, t.span);
    }
    em.emit(t.wide ? 'inset128' : 'inset', index, t.span);
    em.emitImm('push', 0n, t.span);
    em.branch(sense ? 'jne' : 'jeq', target, undefined, undefined, t.span);
    em.bind(skip);
  }

  /** Jump to `target` when (a ∈ values) equals `sense`; fall through otherwise. */
  private branchSet(t: SetTest, sense: boolean, target: Label): void {
    const em = this.em;
    const skip = em.newLabel('skip');
    const found = sense ? target : skip;
    const missing = sense ? skip : target;
    // An absent value is in no set. The guard fails to the first exit within jump range: the
    // missing-exit of the deepest large subtree on the left spine (exits chain outwards).
    const spine = t.values.length > SET_ISLAND ? em.newLabel('absent') : missing;
    this.guard(treeGuards(t.a, new Map()).values(), spine, t.span);
    this.searchTree(t, 0, t.values.length - 1, found, missing, t.values.length > SET_ISLAND ? spine : undefined);
    em.bind(skip);
  }

  /**
   * Binary search for the value among values[lo..hi]: jumps to `found` or `missing`. A subtree
   * over more than SET_ISLAND values ends in its own two exits (jumps reach 32 KiB only);
   * `spine` is the label the deepest such subtree on the left spine uses for its missing-exit.
   */
  private searchTree(t: SetTest, lo: number, hi: number, found: Label, missing: Label, spine?: Label): void {
    const em = this.em;
    const n = hi - lo + 1;
    if (n > SET_ISLAND) {
      const leftIsIsland = (hi - lo + 1) >> 1 > SET_ISLAND;
      const f = em.newLabel('found');
      const m = spine !== undefined && !leftIsIsland ? spine : em.newLabel('missing');
      this.searchNode(t, lo, hi, f, m, leftIsIsland ? spine : undefined);
      em.bind(m);
      em.jump(missing, t.span);
      em.bind(f);
      em.jump(found, t.span);
      return;
    }
    this.searchNode(t, lo, hi, found, missing);
  }

  private searchNode(t: SetTest, lo: number, hi: number, found: Label, missing: Label, spine?: Label): void {
    const em = this.em;
    const push = t.wide ? 'push128' : 'push';
    if (hi - lo + 1 <= SET_LEAF) {
      for (let k = lo; k <= hi; k++) {
        this.raw(t.a);
        em.emitImm(push, t.values[k], t.span);
        em.branch(t.wide ? 'jeq128' : 'jeq', found, undefined, undefined, t.span);
      }
      em.jump(missing, t.span);
      return;
    }
    const mid = (lo + hi + 1) >> 1;
    const right = em.newLabel('right');
    this.raw(t.a);
    em.emitImm(push, t.values[mid], t.span);
    em.branch(t.wide ? 'jge128' : 'jge', right, undefined, undefined, t.span);
    this.searchTree(t, lo, mid - 1, found, missing, spine);
    em.bind(right);
    this.searchTree(t, mid, hi, found, missing);
  }

  /** Compile a whole program: a condition becomes accept 1 / drop 0, a value is returned as is. */
  program(e: Expr): BuiltProgram {
    const em = this.em;
    if (isBool(e) && e.k !== 'const') {
      const drop = em.newLabel('drop');
      this.branch(e, false, drop);
      em.emitImm('push', 1n, e.span);
      em.ret();
      em.bind(drop);
      em.emitImm('push', 0n, e.span);
      em.ret();
    } else {
      this.value(e);
      em.ret(e.span);
    }
    return em.build();
  }

  // ---- guards and atom tests ----

  private loadAtom(atom: Atom, span?: Span): void {
    if (atom === LEN_ATOM) this.em.emit('len', 0, span);
    else this.em.emit('hdr', atom, span);
  }

  /** Jump to `target` when `atom op c` equals `when`; fall through otherwise. */
  atomTest(atom: Atom, op: CmpOp, c: bigint, when: boolean, target: Label, span?: Span): void {
    const em = this.em;
    if (em.facts === undefined) return;
    const known = decide(em.facts, atom, op, c);
    if (known !== undefined) {
      if (known === when) em.jump(target, span);
      return;
    }
    const jop = when ? op : NEGATE[op];
    this.loadAtom(atom, span);
    em.emitImm('push', c, span);
    em.branch(JUMP[jop], target, learn(em.facts!, atom, jop, c), learn(em.facts!, atom, NEGATE[jop], c), span);
  }

  private implied(r: Requirement, facts: Facts): boolean {
    if (facts.tags.has(reqKey(r))) return true;
    if (r.t === 'atom') return decide(facts, r.atom, r.op, BigInt(r.c)) === true;
    if (r.t === 'oneof') {
      const { lo, hi } = facts.range(r.atom);
      return lo === hi && r.values.includes(Number(lo));
    }
    if (decide(facts, SEL.portsOffset, 'ne', 0n) === true) return true;
    return this.protoIsPorts(facts) && decide(facts, SEL.l4Bytes, 'ge', 4n) === true;
  }

  private protoIsPorts(facts: Facts): boolean {
    const { lo, hi } = facts.range(SEL.l4Proto);
    return lo === hi && PORT_PROTOS.includes(lo);
  }

  /** Emit the checks of `reqs` that the facts do not imply; a failing one jumps to `fail`. */
  guard(reqs: Iterable<Requirement>, fail: Label, span?: Span): void {
    const em = this.em;
    for (const r of reqs) {
      if (em.facts === undefined || this.implied(r, em.facts)) continue;
      if (r.t === 'atom') {
        this.atomTest(r.atom, r.op, BigInt(r.c), false, fail, span);
      } else if (r.t === 'oneof') {
        const ok = em.newLabel('ok');
        r.values.forEach((v, i) => this.atomTest(r.atom, 'eq', BigInt(v), i < r.values.length - 1, i < r.values.length - 1 ? ok : fail, span));
        em.bind(ok);
      } else if (this.protoIsPorts(em.facts)) {
        this.atomTest(SEL.l4Bytes, 'ge', 4n, false, fail, span);
      } else {
        this.atomTest(SEL.portsOffset, 'ne', 0n, false, fail, span);
      }
      if (em.facts !== undefined) em.facts = em.facts.withTag(reqKey(r));
    }
  }

  // ---- conditions ----

  /** Jump to `target` when the truth of `e` equals `sense`; fall through otherwise. */
  branch(e: Expr, sense: boolean, target: Label): void {
    const em = this.em;
    em.step(e.span);
    if (em.facts === undefined) return;
    switch (e.k) {
      case 'const':
        if ((e.v !== 0n) === sense) em.jump(target, e.span);
        return;
      case 'not':
        this.branch(e.a, !sense, target);
        return;
      case 'cmp':
        this.branchCmp(e, sense, target);
        return;
      case 'and':
      case 'or': {
        // `and` jumping on false / `or` jumping on true: every operand jumps to the target.
        const direct = (e.k === 'and') !== sense;
        const skip = em.newLabel('skip');
        const tables = e.k === 'or' ? findTables(e.args, this.setTableMin) : undefined;
        const rest = tables === undefined ? e.args : tables.filter((a): a is Expr => a.k !== 'table');
        const sets = e.k === 'or' ? findSets(rest, this.setSearchMin) : undefined;
        // Shared guards are checked once up front (a set checks its own, failing within jump range).
        if (e.k === 'or' && sets === undefined && tables === undefined) this.guard(requiredGuards(e).values(), sense ? skip : target, e.span);
        const args: (Expr | SetTest | TableTest)[] = [...(tables ?? []).filter((a): a is TableTest => a.k === 'table'), ...(sets ?? rest)];
        const one = (a: Expr | SetTest | TableTest, s: boolean, to: Label): void =>
          a.k === 'set' ? this.branchSet(a, s, to) : a.k === 'table' ? this.branchTable(a, s, to) : this.branch(a, s, to);
        args.forEach((a, i) => {
          const last = i === args.length - 1;
          if (direct || last) one(a, sense, target);
          else one(a, !sense, skip);
        });
        em.bind(skip);
        return;
      }
      case 'if':
        this.ifThenElse(e.c, () => this.branch(e.t, sense, target), () => this.branch(e.e, sense, target));
        return;
      case 'pcap':
        emitPcapBranch(em, e.cond, target, sense);
        return;
      case 'state':
      case 'flowGet':
      case 'flowSet':
      case 'flowKey':
        emitState(this, e);
        em.emitImm('push', 0n, e.span);
        em.branch(sense ? 'jne' : 'jeq', target, undefined, undefined, e.span);
        return;
      case 'field':
      case 'load':
      case 'arith': {
        // Truth test of a value: absent means false.
        const skip = em.newLabel('skip');
        this.guard(treeGuards(e, new Map()).values(), sense ? skip : target, e.span);
        this.raw(e);
        em.emitImm('push', 0n, e.span);
        em.branch(sense ? 'jne' : 'jeq', target, undefined, undefined, e.span);
        em.bind(skip);
        return;
      }
    }
  }

  private branchCmp(e: Expr & { k: 'cmp' }, sense: boolean, target: Label): void {
    const em = this.em;
    const soft = softAtomTest(e);
    if (soft !== undefined) {
      this.atomTest(soft.atom, soft.op, soft.c, sense, target, e.span);
      return;
    }
    const skip = em.newLabel('skip');
    const fail = sense ? skip : target;
    const guards = new Map<string, Requirement>();
    treeGuards(e.a, guards);
    treeGuards(e.b, guards);
    this.guard(guards.values(), fail, e.span);
    // A soft field compared with a constant after its guard: an atom test (facts learn from it).
    let { a, b, op } = e;
    if (a.k === 'const' && !e.wide) {
      [a, b] = [b, a];
      op = SWAP[op];
    }
    if (!e.wide && a.k === 'field' && b.k === 'const' && isSoftField(a.f)) {
      this.atomTest(a.f.access.k === 'hdr' ? a.f.access.sel : LEN_ATOM, op, b.v, sense, target, e.span);
    } else {
      this.value(a);
      this.value(b);
      const jop = sense ? op : NEGATE[op];
      em.branch((e.wide ? JUMP128 : JUMP)[jop], target, undefined, undefined, e.span);
    }
    em.bind(skip);
  }

  /** `cond ? then() : otherwise()` with the two arms joining after. */
  private ifThenElse(cond: Expr, then: () => void, otherwise: () => void): void {
    const em = this.em;
    const elseLabel = em.newLabel('else');
    const end = em.newLabel('endif');
    this.branch(cond, false, elseLabel);
    then();
    em.jump(end);
    em.bind(elseLabel);
    otherwise();
    em.bind(end);
  }

  // ---- values ----

  /** Push the value of `e` (two slots when wide); a tree whose fields are absent gives 0. */
  value(e: Expr): void {
    const em = this.em;
    em.step(e.span);
    if (em.facts === undefined) return;
    switch (e.k) {
      case 'const':
        em.emitImm(e.wide ? 'push128' : 'push', e.v, e.span);
        return;
      case 'field':
      case 'load':
      case 'arith': {
        const reqs = [...treeGuards(e, new Map()).values()].filter((r) => !this.implied(r, em.facts!));
        if (reqs.length === 0) {
          this.raw(e);
          return;
        }
        const absent = em.newLabel('absent');
        const end = em.newLabel('end');
        this.guard(reqs, absent, e.span);
        this.raw(e);
        em.jump(end);
        em.bind(absent);
        em.emitImm(isWide(e) ? 'push128' : 'push', 0n, e.span);
        em.bind(end);
        return;
      }
      case 'if':
        this.ifThenElse(e.c, () => this.value(e.t), () => this.value(e.e));
        return;
      case 'state':
      case 'flowGet':
      case 'flowSet':
      case 'flowKey':
        emitState(this, e);
        return;
      default:
        if (isBool(e)) {
          const no = em.newLabel('false');
          const end = em.newLabel('end');
          this.branch(e, false, no);
          em.emitImm('push', 1n, e.span);
          em.jump(end);
          em.bind(no);
          em.emitImm('push', 0n, e.span);
          em.bind(end);
          return;
        }
        this.logicValue(e as Expr & { k: 'and' | 'or' });
    }
  }

  /** `and`/`or` whose result is not just 0/1: the value of the last operand evaluated. */
  private logicValue(e: Expr & { k: 'and' | 'or' }): void {
    const em = this.em;
    const end = em.newLabel('end');
    const fixed = em.newLabel(e.k === 'and' ? 'zero' : 'one');
    e.args.forEach((a, i) => {
      if (i === e.args.length - 1) {
        this.value(a);
        em.jump(end);
      } else if (e.k === 'and') {
        this.branch(a, false, fixed); // a 0 operand is the result: 0
      } else if (isBool(a)) {
        this.branch(a, true, fixed); // a true condition is the result: 1
      } else {
        this.value(a);
        em.emit('dup', 0, a.span);
        em.emitImm('push', 0n, a.span);
        em.branch('jne', end, undefined, undefined, a.span);
        em.emit('pop', 0, a.span);
      }
    });
    em.bind(fixed);
    em.emitImm('push', e.k === 'and' ? 0n : 1n, e.span);
    em.bind(end);
  }

  /** Push a tree's value; its guards have passed. */
  raw(e: Expr): void {
    const em = this.em;
    em.step(e.span);
    switch (e.k) {
      case 'field':
        this.fieldValue(e.f, e.family, e.span);
        return;
      case 'load':
        if (e.base === 'frame') {
          em.emit(e.width === 1 ? 'ld8' : e.width === 2 ? 'ld16' : e.width === 4 ? 'ld32' : 'ld64', e.off, e.span);
        } else {
          em.emit('hdr', e.base === 'l3' ? SEL.l3 : SEL.l4, e.span);
          em.emit(e.width === 1 ? 'ldx8' : e.width === 2 ? 'ldx16' : e.width === 4 ? 'ldx32' : 'ldx64', e.off, e.span);
        }
        return;
      case 'arith':
        if (isTree(e.a)) this.raw(e.a);
        else this.value(e.a);
        if (isTree(e.b)) this.raw(e.b);
        else this.value(e.b);
        em.emit(e.wide ? 'and128' : ARITH[e.op], 0, e.span);
        return;
      default:
        this.value(e);
    }
  }

  private fieldValue(f: FieldDef, family: 4 | 6 | undefined, span: Span): void {
    const em = this.em;
    const a = f.access;
    switch (a.k) {
      case 'hdr':
        em.emit('hdr', a.sel, span);
        return;
      case 'len':
        em.emit('len', 0, span);
        return;
      case 'ext':
        em.emit('ipv6_ext', a.code, span);
        return;
      case 'ldx':
        em.emit('hdr', a.base === 'l3' ? SEL.l3 : SEL.l4, span);
        em.emit(a.width === 1 ? 'ldx8' : a.width === 2 ? 'ldx16' : a.width === 4 ? 'ldx32' : 'ldx64', a.off, span);
        return;
      case 'addr':
        em.emit('hdr', SEL.l3, span);
        if (family === 6) em.emit('ldx128', a.dir === 'src' ? 8 : 24, span);
        else em.emit('ldx32', a.dir === 'src' ? 12 : 16, span);
        return;
      case 'byVersion': {
        const load = (v: { off: number; width: 1 | 2; add: number }): void => {
          em.emit('hdr', SEL.l3, span);
          em.emit(v.width === 1 ? 'ldx8' : 'ldx16', v.off, span);
          if (v.add !== 0) {
            em.emitImm('push', BigInt(v.add), span);
            em.emit('add', 0, span);
          }
        };
        const six = em.newLabel('ipv6');
        const end = em.newLabel('end');
        this.atomTest(SEL.ipVersion, 'eq', 4n, false, six, span);
        load(a.v4);
        em.jump(end);
        em.bind(six);
        load(a.v6);
        em.bind(end);
        return;
      }
    }
  }
}
