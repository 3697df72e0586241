// What a filter run returns: accept with the 64-bit value, drop, or a fault with the C
// original's numeric code and the pc (byte offset) of the instruction that faulted. Tiers
// return a status number on their hot path; `toRunResult` turns it into this shape.

import { type FaultCode, type FaultName, faultName } from '../diag/codes.js';
import { toCInt } from '../util/u64.js';

export type RunResult =
  | { readonly kind: 'accept'; readonly value: bigint }
  | { readonly kind: 'drop' }
  | { readonly kind: 'fault'; readonly code: FaultCode; readonly name: FaultName; readonly pc: number };

/** Hot-path status: 1 accept, 0 drop, a negative fault code otherwise. */
export type Status = number;
export const ACCEPT = 1;
export const DROP = 0;

export function makeResult(status: Status, value: bigint, pc: number): RunResult {
  if (status === ACCEPT) return { kind: 'accept', value };
  if (status === DROP) return { kind: 'drop' };
  const code = status as FaultCode;
  return { kind: 'fault', code, name: faultName(code) ?? 'INVALID_PROGRAM', pc };
}

/** The C `vfm_execute` int: the returned value's low 32 bits read as signed, or the negative fault code. */
export function legacyInt(r: RunResult): number {
  if (r.kind === 'accept') return toCInt(r.value);
  if (r.kind === 'drop') return 0;
  return r.code;
}

/** 1 accept, 0 drop, -1 fault: the per-packet verdicts of `vfm test --json --verdicts`. */
export function verdictOf(r: RunResult): 1 | 0 | -1 {
  return r.kind === 'accept' ? 1 : r.kind === 'drop' ? 0 : -1;
}

export function formatResult(r: RunResult): string {
  if (r.kind === 'accept') return `accept ${r.value}`;
  if (r.kind === 'drop') return 'drop';
  return `fault ${r.name} (${r.code}) at pc ${r.pc}`;
}
