// "expression rejects all packets": libpcap's optimizer refuses a filter that it can prove
// never matches. This check follows what that optimizer knows: constant values, a test
// repeated on the same value (it has the same outcome), an equality that already held on
// the way (the value cannot equal another constant), and its rule that `jset #0xffffffff`
// always jumps, which makes `x & 0xffffffff = 0` false. Each path through the and/or
// structure is followed with what it has learned; the walk has a budget, past which the
// filter is assumed to match something.

import { type Cond, type TestOp, type Val, constOf, valKey } from './ir.js';

interface Fact {
  readonly key: string;
  readonly op: TestOp;
  readonly k: string;
  readonly sense: boolean;
  readonly next: Fact | undefined;
}

const BUDGET = 50_000;

class OutOfBudget {}

/** True when no packet can satisfy `c` in libpcap's optimizer's eyes. */
export function rejectsAll(c: Cond): boolean {
  let steps = 0;
  const sat = (n: Cond, want: boolean, facts: Fact | undefined, k: (f: Fact | undefined) => boolean): boolean => {
    if (++steps > BUDGET) throw new OutOfBudget();
    switch (n.k) {
      case 'true':
      case 'false':
        return (n.k === 'true') === want && k(facts);
      case 'not':
        return sat(n.a, !want, facts, k);
      case 'and':
        if (want) return sat(n.a, true, facts, (f) => sat(n.b, true, f, k));
        return sat(n.a, false, facts, k) || sat(n.a, true, facts, (f) => sat(n.b, false, f, k));
      case 'or':
        if (!want) return sat(n.a, false, facts, (f) => sat(n.b, false, f, k));
        return sat(n.a, true, facts, k) || sat(n.a, false, facts, (f) => sat(n.b, true, f, k));
      case 'test': {
        const t = canonical(n);
        const known = t.known ?? lookup(facts, t.key, t.op, t.k);
        if (known !== undefined) return known === want && k(facts);
        return k({ key: t.key, op: t.op, k: t.k, sense: want, next: facts });
      }
      case 'areg':
      case 'chain':
        return k(facts);
    }
  };
  try {
    return !sat(c, true, undefined, () => true);
  } catch (e) {
    if (e instanceof OutOfBudget) return false;
    throw e;
  }
}

function lookup(facts: Fact | undefined, key: string, op: TestOp, k: string): boolean | undefined {
  for (let f = facts; f !== undefined; f = f.next) {
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
