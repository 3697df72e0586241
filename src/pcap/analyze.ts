// "expression rejects all packets": libpcap's optimizer refuses a filter that it can prove
// never matches. This check follows what that optimizer knows: constant values, a test
// whose outcome an earlier test on the same value decided on every path to it (the same
// test gives the same outcome; an equality that held means other constants are unequal),
// and its rule that `jset #0xffffffff` always jumps, which makes `x & 0xffffffff = 0`
// false. Like the optimizer's dominator analysis, only tests that lie on every path to a
// point count there: what an `or` learns on one side only is forgotten after it.

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

/** Facts on exit when the node is true (T) and when it is false (F); null: that outcome is impossible. */
interface Outcome {
  readonly T: Facts | null;
  readonly F: Facts | null;
}

/** True when no packet can satisfy `c` in libpcap's optimizer's eyes. */
export function rejectsAll(c: Cond): boolean {
  return analyze(c, []).T === null;
}

function meet(a: Facts | null, b: Facts | null): Facts | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.filter((f) => b.some((g) => g.from === f.from && g.sense === f.sense));
}

function analyze(n: Cond, entry: Facts): Outcome {
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
      return { T: b.T, F: meet(a.F, b.F) };
    }
    case 'or': {
      const a = analyze(n.a, entry);
      if (a.F === null) return { T: a.T, F: null };
      const b = analyze(n.b, a.F);
      return { T: meet(a.T, b.T), F: b.F };
    }
    case 'test': {
      const t = canonical(n);
      const known = t.known ?? lookup(entry, t.key, t.op, t.k);
      if (known === true) return { T: entry, F: null };
      if (known === false) return { T: null, F: entry };
      return { T: [...entry, { ...t, sense: true, from: n }], F: [...entry, { ...t, sense: false, from: n }] };
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
