// How a capture is split over worker threads (docs/stateful.md, multi-core): stateless
// filters in whole batches, stateful ones by a shard key so that every packet that can reach a
// flow-table entry goes to the same worker: the key part derived from the bytecode's own flow
// keys (any source language), else the VFLisp compiler's common parts, else --shard-by;
// single-threaded with a warning when none applies. Hashes are mixed before `% workers`.

import { FilterError, UsageError, flattenErrors } from '../diag/errors.js';
import { compileShardKey, type FlowKeyInfo } from '../lang/compile.js';
import { deriveFlowKeys, type ShardForm } from '../verify/flow-keys.js';
import { HDR, locateHeaders } from '../vm/packet-ops.js';
import type { VerifiedProgram } from '../verify/verify.js';

/** How packets are assigned to workers. */
export type ShardSpec =
  /** No flow table use: any split gives the single-threaded results. */
  | { readonly kind: 'any' }
  /** A hash of key parts, computed by `program` (returns 0 when a part is absent). */
  | { readonly kind: 'key'; readonly program: Uint8Array; readonly keys: readonly string[] }
  /**
   * Derived from the bytecode's flow keys: the first form whose program accepts gives the
   * hash; a fault at or after its `partPc` means the packet reaches no key (any worker).
   */
  | { readonly kind: 'forms'; readonly forms: readonly ShardForm[] }
  /** Symmetric over the two endpoints: both directions of a connection go to one worker. */
  | { readonly kind: 'five-tuple' };

export interface ShardChoice {
  /** undefined: the filter cannot be sharded; run single-threaded (see `warning`). */
  readonly spec: ShardSpec | undefined;
  /** What to tell the user, if anything. */
  readonly warning?: string;
  /** One line for reports: how the capture is split. */
  readonly description: string;
}

/**
 * Decide how to shard `program`.
 * @param flowKeys the VFLisp compile result's metadata; undefined for bytecode and assembly
 * @param shardBy `--shard-by`: key parts (VFLisp expressions) or `5-tuple`; overrides the rest
 * @throws {UsageError} when a --shard-by part does not compile
 */
export function chooseShard(program: VerifiedProgram, flowKeys: FlowKeyInfo | undefined, shardBy?: readonly string[]): ShardChoice {
  if (shardBy !== undefined && shardBy.length > 0) {
    if (shardBy.length === 1 && (shardBy[0] === '5-tuple' || shardBy[0] === '5tuple')) return { spec: { kind: 'five-tuple' }, description: 'symmetric 5-tuple hash (--shard-by)' };
    let key: ReturnType<typeof compileShardKey>;
    try {
      key = compileShardKey(shardBy);
    } catch (e) {
      if (!(e instanceof FilterError)) throw e;
      throw new UsageError('ERR_USAGE', `--shard-by ${shardBy.join(',')}: ${flattenErrors(e).map((x) => x.message).join('; ')}`);
    }
    return { spec: { kind: 'key', program: key.bytes, keys: key.keys }, description: `hash of ${key.keys.join(', ')} (--shard-by)` };
  }
  if (!program.usesFlowTable) return { spec: { kind: 'any' }, description: 'stateless filter: whole batches in turn' };
  const derived = deriveFlowKeys(program);
  if (derived.ok) {
    return { spec: { kind: 'forms', forms: derived.forms }, description: `hash of ${derived.parts.join(', ')} (derived from the bytecode's flow keys)` };
  }
  if (flowKeys?.shardProgram !== undefined) {
    return { spec: { kind: 'key', program: flowKeys.shardProgram, keys: flowKeys.common }, description: `hash of ${flowKeys.common.join(', ')} (the key parts every stateful form shares)` };
  }
  const forms = flowKeys === undefined ? '' : ` (${flowKeys.uses.map((u) => `${u.form} [${u.keys.join(' ')}]`).join(', ')})`;
  return {
    spec: undefined,
    warning: `cannot split the capture by the filter's flow keys: ${derived.reason}${forms}; running single-threaded (use --shard-by PARTS to choose a split)`,
    description: 'single-threaded (flow keys not derivable)',
  };
}

/**
 * Worker for a 32-bit hash among `n`: the hash is mixed first (murmur3 finaliser), so inputs
 * whose low bits are biased (FNV's low bit is a parity of its input) still spread evenly.
 */
export function workerOf(hash: number, n: number): number {
  let h = hash >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h = (h ^ (h >>> 16)) >>> 0;
  return (h % n) >>> 0;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function mix(h: number, v: number): number {
  return Math.imul(h ^ v, FNV_PRIME) >>> 0;
}

/** 32-bit digest of an endpoint: address bytes at `at` of `p` (4 or 16 of them) and a port. */
function endpoint(p: Uint8Array, at: number, n: number, port: number): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < n; i++) h = mix(h, p[at + i]);
  return mix(h, port);
}

/**
 * Symmetric 5-tuple hash of the frame of `length` bytes at `offset` of `p` (ports only when the
 * packet has them): equal for both directions of a connection; 0 for frames without an IP
 * header. Allocation-free.
 */
export function symmetricFlowHash(p: Uint8Array, offset = 0, length = p.length - offset): number {
  locateHeaders(p, offset, length);
  const v = HDR.ipVersion;
  if (v === 0) return 0;
  const n = v === 4 ? 4 : 16;
  const src = offset + HDR.l3 + (v === 4 ? 12 : 8);
  const dst = src + n;
  const ports = HDR.portsOffset === 0 ? 0 : offset + HDR.portsOffset;
  const sport = ports !== 0 ? (p[ports] << 8) | p[ports + 1] : 0;
  const dport = ports !== 0 ? (p[ports + 2] << 8) | p[ports + 3] : 0;
  const a = endpoint(p, src, n, sport);
  const b = endpoint(p, dst, n, dport);
  const h = mix(mix(mix(FNV_OFFSET, HDR.l4Proto), a < b ? a : b), a < b ? b : a);
  return h === 0 ? 1 : h;
}
