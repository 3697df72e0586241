// Pathological sources for every compiler (issue 17's standing guard): nesting at and past
// MAX_NESTING, operand lists of many thousand, huge tokens and lines, thousands of errors,
// unbalanced parentheses and shapes that repeat a shared subexpression. `SOURCE_COMPILERS`
// lists the front ends; a new one (pcap-filter) adds an entry with its own generators.
// `checkSource` throws unless the compiler returns a program that verifies or throws a
// FilterError whose report (first MAX_LISTED_ERRORS errors) stays small.

import { assemble } from '../../src/asm/index.js';
import { FilterError, formatErrors } from '../../src/diag/errors.js';
import { MAX_LISTED_ERRORS, MAX_NESTING } from '../../src/diag/limits.js';
import { compileVflisp } from '../../src/lang/compile.js';
import { checkProgram } from '../../src/verify/verify.js';
import { NESTING_SHAPES, nested } from '../robust/compiler-limits-shapes.js';
import type { Rng } from './capture-mutations.js';

const int = (r: Rng, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[int(r, xs.length)];

/** A source generator: `scale` 1 is the size `npm test` uses; the fuzz script raises it. */
export type SourceGen = (r: Rng, scale: number) => string;

export interface SourceCompiler {
  readonly name: string;
  /** Compile; the bytes must verify when `mustVerify` (a front end that emits verified code). */
  compile(text: string): Uint8Array;
  readonly mustVerify: boolean;
  readonly generators: readonly SourceGen[];
}

const SHAPES = Object.values(NESTING_SHAPES);
const ATOMS = ['dst-port', 'src-ip', 'proto', 'len', '80', '0x800', '10.0.0.0/8', '::1', 'dst-prot', 'bogus', '-1', '(= proto 6)', '(tcp-flag syn)'];

const VFLISP_GENERATORS: readonly SourceGen[] = [
  // nesting near the limit, in any shape, or far past it
  (r) => nested(pick(r, SHAPES), MAX_NESTING - 3 + int(r, 6)),
  (r, s) => nested(pick(r, SHAPES), int(r, 3000 * s)),
  // operand lists of many thousand
  (r, s) => `(${pick(r, ['+', '*', '&', '|', '^', 'and', 'or'])} ${Array.from({ length: 1 + int(r, 20000 * s) }, () => pick(r, ATOMS.slice(0, 6))).join(' ')})`,
  (r, s) => `(in dst-port ${Array.from({ length: 1 + int(r, 20000 * s) }, (_, i) => i).join(' ')})`,
  // unbalanced parentheses
  (r, s) => '('.repeat(1 + int(r, 50000 * s)),
  (r, s) => ')'.repeat(1 + int(r, 50000 * s)) + '(',
  (r, s) => `(and ${'('.repeat(int(r, 400))}${')'.repeat(int(r, 400))})`.repeat(1 + int(r, 20 * s)),
  // huge tokens and lines, with one error somewhere
  (r, s) => `(= dst-port ${pick(r, ['x', '9', '1.', ':', 'a'])}${'x9.:'[int(r, 4)].repeat(int(r, 200000 * s))})`,
  (r, s) => {
    const n = 1 + int(r, 30000 * s);
    const bad = int(r, n);
    return `(or ${Array.from({ length: n }, (_, i) => (i === bad ? '(= dst-prot 1)' : '(= dst-port 80)')).join(' ')})`;
  },
  // thousands of errors
  (r, s) => `(and ${'(= dst-prot 80) (frob 1) 1.2.3.4.5 '.repeat(1 + int(r, 5000 * s))})`,
  // shared subexpressions nested (exponential without the step and size budgets)
  (r) => nested(pick(r, [NESTING_SHAPES.in, NESTING_SHAPES.range, NESTING_SHAPES['count-by'], NESTING_SHAPES['distinct-by']]), 10 + int(r, 60)),
  // a mixture
  (r, s) => Array.from({ length: 1 + int(r, 40) }, () => pick(r, ['(', ')', ' ', ...ATOMS, nested(pick(r, SHAPES), int(r, 50 * s))])).join(' '),
];

const ASM_GENERATORS: readonly SourceGen[] = [
  // too long a program
  (r, s) => 'PUSH 1\nPOP\n'.repeat(1 + int(r, 12000 * s)) + 'PUSH 1\nRET\n',
  // many labels and jumps
  (r, s) => {
    const n = 1 + int(r, 5000 * s);
    return Array.from({ length: n }, (_, i) => `L${i}: PUSH 1\nJNE L${int(r, n + 3)}\n`).join('') + 'PUSH 0\nRET\n';
  },
  // thousands of errors
  (r, s) => 'FROB 1\nPUSH 12ab\nLD16 70000\nJMP nowhere\n'.repeat(1 + int(r, 5000 * s)),
  // huge tokens and lines
  (r, s) => `PUSH ${'9'.repeat(1 + int(r, 200000 * s))}\nRET\n`,
  (r, s) => `${'PUSH 1 '.repeat(1 + int(r, 50000 * s))}\nRET\n`,
  (r, s) => `L: ${'x'.repeat(1 + int(r, 200000 * s))}:\nRET\n`,
  (r, s) => `.byte ${Array.from({ length: 1 + int(r, 80000 * s) }, () => '0x17,').join('')}0\n`,
  // far jumps
  (r, s) => `JMP end\n${'PUSH 1\nPOP\n'.repeat(int(r, 4000 * s))}end: PUSH 1\nRET\n`,
];

export const SOURCE_COMPILERS: SourceCompiler[] = [
  { name: 'vflisp', compile: (t) => compileVflisp(t, 'fuzz.vfl').bytes, mustVerify: true, generators: VFLISP_GENERATORS },
  { name: 'asm', compile: (t) => assemble(t, 'fuzz.vfm').bytes, mustVerify: false, generators: ASM_GENERATORS },
];

/** Largest report allowed for one failed compilation (MAX_LISTED_ERRORS windowed errors). */
const MAX_REPORT_BYTES = (MAX_LISTED_ERRORS + 1) * 1400;

/** Compile one source; throws an Error describing any internal error or oversized report. */
export function checkSource(c: SourceCompiler, text: string): 'program' | 'error' {
  let bytes: Uint8Array;
  try {
    bytes = c.compile(text);
  } catch (e) {
    if (!(e instanceof FilterError)) throw new Error(`${c.name}: not a FilterError: ${(e as Error).stack ?? String(e)}`);
    const report = formatErrors(e, MAX_LISTED_ERRORS).join('\n');
    if (report.length > MAX_REPORT_BYTES) throw new Error(`${c.name}: error report of ${report.length} bytes for a ${text.length}-character source`);
    return 'error';
  }
  if (bytes.length > 0) {
    const v = checkProgram(bytes);
    if (c.mustVerify && !v.ok) throw new Error(`${c.name}: compiled program fails verification: ${v.error.message}`);
  }
  return 'program';
}

/** The source of case `index` for compiler `c` under `r`. */
export function pathologicalSource(c: SourceCompiler, index: number, r: Rng, scale: number): string {
  return c.generators[index % c.generators.length](r, scale);
}
