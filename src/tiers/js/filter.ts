// The js tier at run time: the generated `run(p, b, len)` bound to this filter (it writes
// valueHi/valueLo/faultPc here) and to its flow table. Batches call it with offsets into one
// buffer, so no per-packet view is created.

import type { VerifiedProgram } from '../../verify/verify.js';
import type { FlowTable } from '../../vm/flow-table.js';
import { type SetIndex, prepareSets } from '../../vm/set-lookup.js';
import { CompiledFilter, checkBatch } from '../filter.js';

/** The factory produced by `new Function` from `generateJs` output, applied to the helpers. */
export type JsBinder = (st: JsFilter, ft: FlowTable | undefined, pcs: Int32Array) => (p: Uint8Array, b: number, len: number, tsHi: number, tsLo: number, wireLength: number) => number;

export interface JsCode {
  readonly bind: JsBinder;
  readonly pcs: Int32Array;
  readonly source: string;
}

export class JsFilter extends CompiledFilter {
  readonly tier = 'js' as const;
  /** Header facts located in this run (split code, whose parts share them through HDR). */
  parsed = false;
  /** The program's set tables, prepared for lookups (bound by the generated code). */
  readonly sets: readonly SetIndex[];
  private readonly fn: (p: Uint8Array, b: number, len: number, tsHi: number, tsLo: number, wireLength: number) => number;

  constructor(code: JsCode, program: VerifiedProgram, flowTable: FlowTable | undefined) {
    super(program, flowTable);
    this.sets = prepareSets(program.tables);
    this.fn = code.bind(this, flowTable, code.pcs);
  }

  exec(p: Uint8Array, tsHi = 0, tsLo = 0, wireLength = p.length): number {
    return this.fn(p, 0, p.length, tsHi >>> 0, tsLo >>> 0, wireLength >>> 0);
  }

  execAt(p: Uint8Array, b: number, len: number, tsHi = 0, tsLo = 0, wireLength = len): number {
    return this.fn(p, b, len, tsHi >>> 0, tsLo >>> 0, wireLength >>> 0);
  }


  runBatch(buffer: Uint8Array, offsets: Uint32Array, lengths: Uint32Array, count: number, verdictsOut: Int32Array): void {
    checkBatch(buffer, offsets, lengths, count, verdictsOut);
    const fn = this.fn;
    for (let k = 0; k < count; k++) verdictsOut[k] = fn(buffer, offsets[k], lengths[k], 0, 0, lengths[k]);
  }
}
