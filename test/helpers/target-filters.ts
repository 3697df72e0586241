// The differential-test filters of test/vectors/targets/ (assembly and VFLisp), verified, and the VM
// verdict every target must reproduce (a fault counts as a drop).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assemble } from '../../src/asm/assemble.js';
import { compileVflisp } from '../../src/lang/compile.js';
import { type VerifiedProgram, verifyProgram } from '../../src/verify/verify.js';
import { Interpreter } from '../../src/vm/interpreter.js';
import { FlowTable } from '../../src/vm/flow-table.js';
import { VECTORS_DIR } from './paths.js';

export interface TargetFilter {
  readonly name: string;
  readonly path: string;
  readonly program: VerifiedProgram;
}

export const TARGET_FILTER_DIR = join(VECTORS_DIR, 'targets');
/** Filters only eBPF expresses (flow table, hashes). */
export const EBPF_FILTER_DIR = join(VECTORS_DIR, 'targets-ebpf');

export function loadTargetFilters(dir = TARGET_FILTER_DIR): TargetFilter[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.vfm') || f.endsWith('.vfl'))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      const text = readFileSync(path, 'utf8');
      const bytes = f.endsWith('.vfl') ? compileVflisp(text, f).bytes : assemble(text, f).bytes;
      return { name: f.replace(/\.vf[ml]$/, ''), path, program: verifyProgram(bytes) };
    });
}

/**
 * The VM's verdict on each packet, in order, as the value a target returns: 0 for a drop or
 * a fault, else `accept(value)`. A flow table, when given, persists across the packets.
 */
export function vmVerdicts(program: VerifiedProgram, packets: readonly Uint8Array[], accept: (hi: number, lo: number) => number, flowTable?: FlowTable): number[] {
  const vm = new Interpreter(program, { flowTable });
  return packets.map((p) => (vm.exec(p) === 1 ? accept(vm.valueHi, vm.valueLo) : 0));
}
