// Child of compiler-limits.test.ts, run with a reduced stack (node --stack-size=N): every
// nesting shape at MAX_NESTING must compile or end with a limit error other than ERR_COMPILE_LIMIT.

import { compileVflisp } from '../../src/lang/compile.js';
import { ErrorList } from '../../src/diag/errors.js';
import { MAX_NESTING } from '../../src/diag/limits.js';
import { NESTING_SHAPES, nested } from './compiler-limits-shapes.js';

const bad: string[] = [];
for (const [name, shape] of Object.entries(NESTING_SHAPES)) {
  try {
    compileVflisp(nested(shape, MAX_NESTING));
  } catch (e) {
    const code = e instanceof ErrorList ? e.errors[0].code : String(e);
    if (code === 'ERR_COMPILE_LIMIT' || !(e instanceof ErrorList)) bad.push(`${name}: ${code}`);
  }
}
process.stdout.write(bad.length === 0 ? 'all shapes ok\n' : `failed: ${bad.join(', ')}\n`);
process.exitCode = bad.length === 0 ? 0 : 1;
