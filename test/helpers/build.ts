// Small helpers to build test programs with the ProgramBuilder.

import { ProgramBuilder } from '../../src/bytecode/builder.js';
import type { OpName } from '../../src/isa/index.js';

export type Step = OpName | [OpName, number] | ['push', bigint] | ['push128', bigint];

/** Assemble a straight-line program from steps: `'add'`, `['ld8', 3]`, `['push', 5n]`. */
export function program(...steps: Step[]): Uint8Array {
  const b = new ProgramBuilder();
  for (const s of steps) {
    if (typeof s === 'string') b.emit(s);
    else if (s[0] === 'push' || s[0] === 'push128') b.emitImm(s[0], BigInt(s[1]));
    else b.emit(s[0], s[1] as number);
  }
  return b.build().bytes;
}
