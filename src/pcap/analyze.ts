// "expression rejects all packets": libpcap's optimizer refuses a filter that it can prove
// never matches. This check follows what that optimizer knows: constant values, a test
// whose outcome an earlier test on the same value decided on every path to it (the same
// test gives the same outcome; an equality that held means other constants are unequal),
// and its rule that `jset #0xffffffff` always jumps, which makes `x & 0xffffffff = 0`
// false. Like the optimizer's dominator analysis, only tests that lie on every path to a
// point count there, except that an edge a test decides jumps past it with what it knows
// (libpcap's jump threading): what an `or` learns on one side is kept along that side's
// edges until they reach a test neither side decides.

import { type Cond, type TestOp, type Val, constOf, valKey } from './ir.js';

interface Fact {
  readonly key: string;
  readonly op: TestOp;
  readonly k: string;
  readonly sense: boolean;
  /** The test that established it (facts from different tests are different). */
  readonly from: Cond;
}

type Facts = readonly Fact[];

/**
 * The fact sets of the edges reaching a point: libpcap's jump threading moves an edge past
 * a test its dominating tests decide, so each edge keeps what it knows until it enters a
 * test that none of its facts decide, where the undecided edges merge (only their common
 * facts survive). Never empty; at most MAX_EDGES (then merged).
 */
type Edges = readonly Facts[];
const MAX_EDGES = 16;

/** Edges on exit when the node is true (T) and when it is false (F); null: that outcome is impossible. */
interface Outcome {
  readonly T: Edges | null;
  readonly F: Edges | null;
}

/** True when no packet can satisfy `c` in libpcap's optimizer's eyes. */
export function rejectsAll(c: Cond): boolean {
  return analyze(c, [[]]).T === null;
}

function meet(a: Facts, b: Facts): Facts {
  return a.filter((f) => b.some((g) => g.from === f.from && g.sense === f.sense));
}

function merge(edges: Edges): Facts {
  return edges.reduce(meet);
}

function union(a: Edges | null, b: Edges | null): Edges | null {
  if (a === null) return b;
  if (b === null) return a;
  const all = [...a, ...b];
  return all.length > MAX_EDGES ? [merge(all)] : all;
}

function analyze(n: Cond, entry: Edges): Outcome {
  switch (n.k) {
    case 'true':
      return { T: entry, F: null };
    case 'false':
      return { T: null, F: entry };
    case 'not': {
      const r = analyze(n.a, entry);
      return { T: r.F, F: r.T };
    }
    case 'and': {
      const a = analyze(n.a, entry);
      if (a.T === null) return { T: null, F: a.F };
      const b = analyze(n.b, a.T);
      return { T: b.T, F: union(a.F, b.F) };
    }
    case 'or': {
      const a = analyze(n.a, entry);
      if (a.F === null) return { T: a.T, F: null };
      const b = analyze(n.b, a.F);
      return { T: union(a.T, b.T), F: b.F };
    }
    case 'test': {
      const t = canonical(n);
      const T: Facts[] = [];
      const F: Facts[] = [];
      const undecided: Facts[] = [];
      for (const facts of entry) {
        const known = t.known ?? lookup(facts, t.key, t.op, t.k);
        if (known === true) T.push(facts);
        else if (known === false) F.push(facts);
        else undecided.push(facts);
      }
      if (undecided.length > 0) {
        const m = merge(undecided);
        T.push([...m, { ...t, sense: true, from: n }]);
        F.push([...m, { ...t, sense: false, from: n }]);
      }
      return { T: T.length === 0 ? null : T, F: F.length === 0 ? null : F };
    }
    case 'areg':
    case 'chain':
      return { T: entry, F: entry };
  }
}

function lookup(facts: Facts, key: string, op: TestOp, k: string): boolean | undefined {
  for (const f of facts) {
    if (f.key !== key) continue;
    if (f.op === op && f.k === k) return f.sense;
    if (op === 'eq' && f.op === 'eq' && f.sense && f.k.startsWith('#') && k.startsWith('#') && f.k !== k) return false;
  }
  return undefined;
}

/** The test as the optimizer sees it: `a - b = 0` is `a = b`; constants are folded. */
function canonical(n: Extract<Cond, { k: 'test' }>): { key: string; op: TestOp; k: string; known?: boolean } {
  let v: Val = n.v;
  let rhs: Val = n.rhs;
  if (n.op === 'eq' && v.k === 'alu' && v.op === 'sub' && constOf(rhs) === 0) {
    rhs = v.b;
    v = v.a;
  }
  const cv = constOf(v);
  const cr = constOf(rhs);
  // jset #0xffffffff "always" jumps, so (x & 0xffffffff) = 0 is taken to be false.
  if (n.op === 'eq' && cr === 0 && v.k === 'alu' && v.op === 'and' && (constOf(v.a) === 0xffffffff || constOf(v.b) === 0xffffffff) && cv === undefined) {
    return { key: '', op: 'eq', k: '', known: false };
  }
  if (n.op === 'set' && cr === 0xffffffff) return { key: '', op: 'set', k: '', known: true };
  if (cv !== undefined && cr !== undefined) {
    const known = n.op === 'eq' ? cv === cr : n.op === 'gt' ? cv > cr : n.op === 'ge' ? cv >= cr : (cv & cr) !== 0;
    return { key: '', op: n.op, k: '', known };
  }
  if (cv !== undefined && n.op === 'eq') return { key: valKey(rhs), op: 'eq', k: `#${cv}` };
  return { key: valKey(v), op: n.op, k: cr !== undefined ? `#${cr}` : valKey(rhs) };
}
