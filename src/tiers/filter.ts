// The shape every tier implements (PacketFilter), the tier names, and the generic batch loop
// used by the tiers that run on JS arrays. Kept apart from select.ts so tier modules can
// import it without a cycle.

import type { VerifiedProgram } from '../verify/verify.js';
import type { FlowTable } from '../vm/flow-table.js';
import { type RunResult, makeResult } from '../vm/result.js';
import { toBigInt } from '../vm/halves.js';

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
   * @param wireLength length of the packet on the wire (WIRELEN; default: the captured length)
   * @returns 1 accept, 0 drop, or a negative fault code (then `faultPc` says where)
   */
  exec(packet: Uint8Array, tsHi?: number, tsLo?: number, wireLength?: number): number;
  /**
   * Run the packet of `length` bytes at `offset` of `buffer` (a capture buffer): the
   * allocation-free way to filter packets that share one buffer.
   */
  execAt(buffer: Uint8Array, offset: number, length: number, tsHi?: number, tsLo?: number, wireLength?: number): number;
  /** Halves of the value returned by the last run that accepted or dropped. */
  readonly valueHi: number;
  readonly valueLo: number;
  /** pc of the instruction that faulted in the last run. */
  readonly faultPc: number;
  /** Run one packet (allocates a result; for tests and one-off runs). */
  run(packet: Uint8Array, timestampNs?: bigint, wireLength?: number): RunResult;
  /**
   * Run `count` packets stored in `buffer`: packet k is `lengths[k]` bytes at `offsets[k]`.
   * Writes each status (1, 0 or a negative fault code) to `verdictsOut[k]`. Afterwards
   * valueHi/valueLo/faultPc describe the last packet. TSTAMP reads 0 and WIRELEN the
   * captured length in batches (use execAt for filters that need the record's values). On the wasm tier, arrays that already
   * live in the module memory (see WasmFilter.reserveBatch) are used without a copy.
   * @throws {RangeError} when a packet lies outside `buffer` or an array is too short
   */
  runBatch(buffer: Uint8Array, offsets: Uint32Array, lengths: Uint32Array, count: number, verdictsOut: Int32Array): void;
}

export function isTierName(name: string): name is TierName {
  return (TIER_NAMES as readonly string[]).includes(name);
}

/** Check the arguments of runBatch once per batch. */
export function checkBatch(buffer: Uint8Array, offsets: Uint32Array, lengths: Uint32Array, count: number, verdictsOut: Int32Array): void {
  if (!Number.isInteger(count) || count < 0 || count > offsets.length || count > lengths.length || count > verdictsOut.length) {
    throw new RangeError(`batch of ${count} packets does not fit arrays of ${offsets.length} offsets, ${lengths.length} lengths, ${verdictsOut.length} verdicts`);
  }
  for (let k = 0; k < count; k++) {
    if (offsets[k] + lengths[k] > buffer.length) {
      throw new RangeError(`batch packet ${k} at ${offsets[k]} with ${lengths[k]} bytes lies outside the ${buffer.length}-byte buffer`);
    }
  }
}

/** runBatch on top of execAt (no view per packet). */
export function runBatchViaExec(
  filter: { execAt(buffer: Uint8Array, offset: number, length: number): number },
  buffer: Uint8Array,
  offsets: Uint32Array,
  lengths: Uint32Array,
  count: number,
  verdictsOut: Int32Array,
): void {
  checkBatch(buffer, offsets, lengths, count, verdictsOut);
  for (let k = 0; k < count; k++) verdictsOut[k] = filter.execAt(buffer, offsets[k], lengths[k]);
}

/** Split a run() timestamp into the halves exec() takes. */
export function timestampHalves(timestampNs: bigint): [number, number] {
  const ts = BigInt.asUintN(64, timestampNs);
  return [Number(ts >> 32n), Number(ts & 0xffffffffn)];
}

/** What the compiled tiers share: the result fields and `run` on top of `exec`. */
export abstract class CompiledFilter implements PacketFilter {
  abstract readonly tier: TierName;
  valueHi = 0;
  valueLo = 0;
  faultPc = 0;

  constructor(
    readonly program: VerifiedProgram,
    readonly flowTable: FlowTable | undefined,
  ) {}

  abstract exec(packet: Uint8Array, tsHi?: number, tsLo?: number, wireLength?: number): number;
  abstract execAt(buffer: Uint8Array, offset: number, length: number, tsHi?: number, tsLo?: number, wireLength?: number): number;
  abstract runBatch(buffer: Uint8Array, offsets: Uint32Array, lengths: Uint32Array, count: number, verdictsOut: Int32Array): void;

  run(packet: Uint8Array, timestampNs = 0n, wireLength = packet.length): RunResult {
    const [tsHi, tsLo] = timestampHalves(timestampNs);
    const status = this.exec(packet, tsHi, tsLo, wireLength);
    return makeResult(status, toBigInt(this.valueHi, this.valueLo), this.faultPc);
  }
}
