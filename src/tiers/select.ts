// Tier selection: `detectTiers` finds out, once per process, which tiers can run here and why
// the others cannot; `createFilter` compiles a verified program for the requested tier ('auto'
// picks the fastest one that works, falling back silently, also when one tier fails to
// compile a particular program). Compiled code is cached by program hash. Every tier
// implements the same PacketFilter shape and gives bit-identical results.

import { UsageError } from '../diag/errors.js';
import { parseHex } from '../util/bytes.js';
import type { VerifiedProgram } from '../verify/verify.js';
import { verifyProgram } from '../verify/verify.js';
import { Interpreter, type MachineOptions } from '../vm/interpreter.js';
import type { FlowTable } from '../vm/flow-table.js';
import { DEFAULT_INSN_LIMIT } from '../vm/reference.js';
import { cachedCompile } from './cache.js';
import { ClosureFilter } from './closure/filter.js';
import { type PacketFilter, type TierName, TIER_NAMES, runBatchViaExec } from './filter.js';
import { buildJsCode } from './js/compile.js';
import { type JsCode, JsFilter } from './js/filter.js';
import { type CodePlan, planProgram } from './plan.js';
import { type WasmCode, WasmFilter, buildWasmCode } from './wasm/filter.js';
import { wasmApi } from './wasm/wasm-api.js';

export { TIER_NAMES, isTierName, type PacketFilter, type TierName } from './filter.js';
export { filterCacheStats, clearFilterCache } from './cache.js';
export { WasmFilter, WasmBatch } from './wasm/filter.js';

export interface FilterOptions extends MachineOptions {
  /** Tier to use; 'auto' (default) picks the fastest available one. */
  readonly tier?: TierName | 'auto';
}

/** Whether a tier works in this process, and if not, why. */
export interface TierStatus {
  readonly tier: TierName;
  readonly available: boolean;
  /** Lower-case reason when unavailable. */
  readonly reason?: string;
}

/**
 * Preference order of 'auto': the fastest per-packet `exec` first, as `npm run bench` measures
 * it in each environment (docs/tiers.md, docs/performance.md). The order is the same in all of
 * them, so 'auto' takes the first tier the environment allows: generated JS wherever code
 * generation from strings is allowed (also under --jitless, where it still runs 2-4x faster than
 * the closures); else the block closures, which beat wasm's per-packet call and copy (wasm is
 * 2-3x slower per packet on header-walking filters) and the interpreter (2-3.4x fewer
 * instructions per packet with the JIT; about even under --jitless, where js is first anyway);
 * wasm; the interpreter last.
 */
export const AUTO_ORDER: readonly TierName[] = ['js', 'closure', 'wasm', 'interpreter'];

/** The largest instruction limit the compiling tiers accept (their counters are 32-bit). */
export const MAX_INSN_LIMIT = 2 ** 31;

/** The interpreter as a PacketFilter (adds runBatch). */
class InterpreterFilter extends Interpreter implements PacketFilter {
  runBatch(buffer: Uint8Array, offsets: Uint32Array, lengths: Uint32Array, count: number, verdictsOut: Int32Array): void {
    runBatchViaExec(this, buffer, offsets, lengths, count, verdictsOut);
  }
}

function codegenKey(tier: TierName, plan: CodePlan, flowTable: FlowTable | undefined): string {
  // The limit only shapes the code when the program can reach it.
  return `${tier}:${plan.countsInsns ? plan.insnLimit : '-'}:${flowTable !== undefined ? 'ft' : '-'}`;
}

/** Build a filter on one tier; throws whatever the tier's compiler throws. */
function buildFilter(tier: TierName, program: VerifiedProgram, insnLimit: number, flowTable: FlowTable | undefined): PacketFilter {
  if (tier === 'interpreter') return new InterpreterFilter(program, { insnLimit, flowTable });
  const plan = planProgram(program, insnLimit);
  const options = { hasFlowTable: flowTable !== undefined };
  const key = codegenKey(tier, plan, flowTable);
  switch (tier) {
    case 'wasm':
      return new WasmFilter(cachedCompile<WasmCode>(key, program.bytes, () => buildWasmCode(plan, options)), program, flowTable);
    case 'js':
      return new JsFilter(cachedCompile<JsCode>(key, program.bytes, () => buildJsCode(plan, options)), program, flowTable);
    case 'closure':
      return new ClosureFilter(plan, flowTable);
  }
}

// PUSH 2, PUSH 3, ADD, RET: accepts with value 5 on a working tier.
const PROBE_PROGRAM = '04 0200000000000000 04 0300000000000000 08 17';

function probe(tier: TierName): TierStatus {
  if (tier === 'wasm' && wasmApi() === undefined) {
    return { tier, available: false, reason: 'WebAssembly is not available in this runtime (for example node --jitless)' };
  }
  if (tier === 'js') {
    try {
      new Function('return 1');
    } catch (e) {
      return {
        tier,
        available: false,
        reason: `code generation from strings is not allowed (--disallow-code-generation-from-strings or a Content-Security-Policy without 'unsafe-eval'): ${(e as Error).message}`,
      };
    }
  }
  try {
    const filter = buildFilter(tier, verifyProgram(parseHex(PROBE_PROGRAM)!), DEFAULT_INSN_LIMIT, undefined);
    const status = filter.exec(new Uint8Array(0));
    if (status !== 1 || filter.valueLo !== 5 || filter.valueHi !== 0) {
      return { tier, available: false, reason: `self-test gave status ${status}, value ${filter.valueHi}:${filter.valueLo} instead of accept 5` };
    }
  } catch (e) {
    return { tier, available: false, reason: `${tier} compile failed: ${(e as Error).message}` };
  }
  return { tier, available: true };
}

/** Each tier's status once probed: 'auto' probes in AUTO_ORDER only as far as it must. */
const probed = new Map<TierName, TierStatus>();
let detected: readonly TierStatus[] | undefined;

/** Which tiers work in this process (tried once, then cached), in TIER_NAMES order. */
export function detectTiers(): readonly TierStatus[] {
  detected ??= Object.freeze(TIER_NAMES.map(statusOf));
  return detected;
}

function statusOf(tier: TierName): TierStatus {
  let status = probed.get(tier);
  if (status === undefined) {
    status = probe(tier);
    probed.set(tier, status);
  }
  return status;
}

/**
 * Compile a verified program for a tier.
 * @param options `tier` ('auto' by default: the fastest working tier, with silent fallback),
 *   `insnLimit` (default 10000), `flowTable`
 * @throws {UsageError} ERR_TIER_UNAVAILABLE when an explicitly requested tier cannot run here
 *   (the message gives the reason), ERR_USAGE for an unknown tier or a bad limit
 */
export function createFilter(program: VerifiedProgram, options: FilterOptions = {}): PacketFilter {
  const tier = options.tier ?? 'auto';
  const insnLimit = options.insnLimit ?? DEFAULT_INSN_LIMIT;
  if (!Number.isInteger(insnLimit) || insnLimit < 0 || insnLimit > MAX_INSN_LIMIT) {
    throw new UsageError('ERR_USAGE', `instruction limit must be a whole number from 0 to ${MAX_INSN_LIMIT}, got ${insnLimit}`);
  }
  const flowTable = options.flowTable;
  if (tier === 'auto') {
    for (const candidate of AUTO_ORDER) {
      if (!statusOf(candidate).available) continue;
      try {
        return buildFilter(candidate, program, insnLimit, flowTable);
      } catch {
        // This program does not compile on this tier (e.g. an engine limit): try the next one.
      }
    }
    return buildFilter('interpreter', program, insnLimit, flowTable);
  }
  if (!(TIER_NAMES as readonly string[]).includes(tier)) {
    throw new UsageError('ERR_USAGE', `unknown tier '${String(tier)}': expected auto, ${TIER_NAMES.join(', ')}`);
  }
  const status = statusOf(tier);
  if (!status.available) throw new UsageError('ERR_TIER_UNAVAILABLE', `tier '${tier}' is not available: ${status.reason}`);
  try {
    return buildFilter(tier, program, insnLimit, flowTable);
  } catch (e) {
    throw new UsageError('ERR_TIER_UNAVAILABLE', `tier '${tier}' cannot compile this program: ${(e as Error).message}`);
  }
}
