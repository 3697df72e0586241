// Tier selection: `createFilter` turns a verified program into a runnable PacketFilter on the
// requested tier ('auto' picks the fastest one that works here). Every tier implements the
// same PacketFilter shape and gives bit-identical results.

import { UsageError } from '../diag/errors.js';
import type { VerifiedProgram } from '../verify/verify.js';
import { Interpreter, type MachineOptions } from '../vm/interpreter.js';
import type { FlowTable } from '../vm/flow-table.js';
import type { RunResult } from '../vm/result.js';

export const TIER_NAMES = ['wasm', 'js', 'closure', 'interpreter'] as const;
export type TierName = (typeof TIER_NAMES)[number];

/** A compiled filter. `exec` is the allocation-free hot path; `run` returns a result object. */
export interface PacketFilter {
  readonly tier: TierName;
  readonly program: VerifiedProgram;
  readonly flowTable: FlowTable | undefined;
  /**
   * Run one packet.
   * @param tsHi high 32 bits of the packet's capture timestamp in ns since the Unix epoch (TSTAMP)
   * @param tsLo low 32 bits of the timestamp
   * @returns 1 accept, 0 drop, or a negative fault code (then `faultPc` says where)
   */
  exec(packet: Uint8Array, tsHi?: number, tsLo?: number): number;
  /** Halves of the value returned by the last run that accepted or dropped. */
  readonly valueHi: number;
  readonly valueLo: number;
  /** pc of the instruction that faulted in the last run. */
  readonly faultPc: number;
  /** Run one packet (allocates a result; for tests and one-off runs). */
  run(packet: Uint8Array, timestampNs?: bigint): RunResult;
}

export interface FilterOptions extends MachineOptions {
  /** Tier to use; 'auto' (default) picks the fastest available one. */
  readonly tier?: TierName | 'auto';
}

export function isTierName(name: string): name is TierName {
  return (TIER_NAMES as readonly string[]).includes(name);
}

/**
 * Compile a verified program for a tier.
 * @throws {UsageError} when an explicitly requested tier is not available in this process
 */
export function createFilter(program: VerifiedProgram, options: FilterOptions = {}): PacketFilter {
  const tier = options.tier ?? 'auto';
  if (tier === 'auto' || tier === 'interpreter') return new Interpreter(program, options);
  throw new UsageError('ERR_USAGE', `tier '${tier}' is not available in this build`);
}
