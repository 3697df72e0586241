// Compile time of a 200-instruction program on each tier (issue 5's goal: under 2 ms on the
// fastest tier), measured in the bench process with the code cache cleared before each sample.

import { ProgramBuilder } from '../src/bytecode/builder.js';
import { type TierName, clearFilterCache, createFilter } from '../src/tiers/select.js';
import { verifyProgram, type VerifiedProgram } from '../src/verify/verify.js';

const SAMPLES = 21;

/** 66 load/compare/branch triples and two returns: 202 instructions, loop-free. */
export function largeProgram(): VerifiedProgram {
  const b = new ProgramBuilder();
  const accept = b.newLabel('accept');
  for (let k = 0; k < 66; k++) {
    b.emit('ld16', (k * 2) % 60);
    b.emitImm('push', BigInt(k * 97));
    b.emitJump('jeq', accept);
  }
  b.emitImm('push', 0n);
  b.emit('ret');
  b.bind(accept);
  b.emitImm('push', 1n);
  b.emit('ret');
  return verifyProgram(b.build().bytes);
}

export interface LargeCompileRow {
  readonly tier: TierName;
  readonly instructions: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

export function measureLargeCompile(tiers: readonly TierName[]): LargeCompileRow[] {
  const program = largeProgram();
  return tiers.map((tier) => {
    const samples: number[] = [];
    for (let r = 0; r < SAMPLES; r++) {
      clearFilterCache();
      const t0 = performance.now();
      createFilter(program, { tier });
      samples.push(performance.now() - t0);
    }
    samples.sort((x, y) => x - y);
    return { tier, instructions: program.insns.length, medianMs: samples[SAMPLES >> 1], minMs: samples[0], maxMs: samples[SAMPLES - 1] };
  });
}
