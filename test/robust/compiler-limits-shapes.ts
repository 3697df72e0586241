// The nesting shapes of compiler-limits.test.ts, shared with its reduced-stack child process.

/** Every way one level of nesting can wrap an expression X. */
export const NESTING_SHAPES: Readonly<Record<string, (x: string) => string>> = {
  'add-right': (x) => `(+ 1 ${x})`,
  'add-left': (x) => `(+ ${x} dst-port)`,
  not: (x) => `(not ${x})`,
  and: (x) => `(and (= proto 6) ${x})`,
  or: (x) => `(or (= proto 6) ${x})`,
  'if-cond': (x) => `(if ${x} 1 0)`,
  'if-arm': (x) => `(if (= proto 6) ${x} 0)`,
  eq: (x) => `(= ${x} 1)`,
  in: (x) => `(in ${x} 1 2)`,
  range: (x) => `(range ${x} 1 2)`,
  'count-by': (x) => `(count-by ${x})`,
  'distinct-by': (x) => `(distinct-by src-ip ${x} 5s)`,
  'flow-set': (x) => `(flow-set ${x} 1)`,
  mul: (x) => `(* 3 ${x} 5)`,
  u8: (x) => `(u8 ${x})`,
};

/** `depth` levels of `shape` around dst-port. */
export function nested(shape: (x: string) => string, depth: number): string {
  let s = 'dst-port';
  for (let i = 0; i < depth; i++) s = shape(s);
  return s;
}

