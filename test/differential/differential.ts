// The differential check: run a program on the reference (bigint oracle), the interpreter and
// every available tier over the same packets, each with its own flow table fed the same
// sequence, and report the first disagreement in status, value halves, fault code or pc.

import { verifyProgram } from '../../src/verify/verify.js';
import { runReference } from '../../src/vm/reference.js';
import { FlowTable } from '../../src/vm/flow-table.js';
import { type RunResult, makeResult } from '../../src/vm/result.js';
import { toBigInt } from '../../src/vm/halves.js';
import { toHex } from '../../src/util/bytes.js';
import { type PacketFilter, type TierName, createFilter, detectTiers } from '../../src/tiers/select.js';
import { ProgramGenerator, Rng, randomPacket } from './generator.js';

export interface DiffCase {
  readonly bytes: Uint8Array;
  readonly packets: readonly Uint8Array[];
  /** Capture timestamp of each packet (ns), for TSTAMP. */
  readonly timestamps: readonly bigint[];
  readonly insnLimit: number;
  readonly tableSize: number | undefined;
}

function describe(r: RunResult): string {
  return r.kind === 'accept' ? `accept ${r.value}` : r.kind === 'drop' ? 'drop' : `fault ${r.code} at pc ${r.pc}`;
}

function resultOf(f: PacketFilter, status: number): RunResult {
  return makeResult(status, toBigInt(f.valueHi, f.valueLo), f.faultPc);
}

export function availableTiers(): TierName[] {
  return detectTiers().filter((s) => s.available).map((s) => s.tier);
}

/** Run one case on every tier; returns a description of the first mismatch, or undefined. */
export function checkCase(c: DiffCase, tiers: readonly TierName[]): string | undefined {
  const program = verifyProgram(c.bytes);
  const table = (): FlowTable | undefined => (c.tableSize === undefined ? undefined : new FlowTable(c.tableSize));
  const refTable = table();
  const filters = tiers.map((tier) => createFilter(program, { tier, insnLimit: c.insnLimit, flowTable: table() }));
  for (let k = 0; k < c.packets.length; k++) {
    const p = c.packets[k];
    const ts = c.timestamps[k];
    const expected = runReference(c.bytes, p, { insnLimit: c.insnLimit, flowTable: refTable, timestampNs: ts });
    // Odd packets go through execAt, inside a buffer whose other bytes are 0xee.
    const padded = new Uint8Array(p.length + 11).fill(0xee);
    padded.set(p, 5);
    for (const f of filters) {
      const tsHi = Number(ts >> 32n);
      const tsLo = Number(ts & 0xffffffffn);
      const status = k % 2 === 0 ? f.exec(p, tsHi, tsLo) : f.execAt(padded, 5, p.length, tsHi, tsLo);
      const got = resultOf(f, status);
      if (describe(got) !== describe(expected)) {
        return `tier ${f.tier}: packet ${k} (${toHex(p)}): got ${describe(got)}, reference ${describe(expected)}`;
      }
      if (status >= 0 && (f.valueHi >>> 0 !== f.valueHi || f.valueLo >>> 0 !== f.valueLo)) {
        return `tier ${f.tier}: packet ${k}: value halves not normalised: ${f.valueHi} ${f.valueLo}`;
      }
    }
  }
  if (refTable !== undefined) {
    const want = JSON.stringify(refTable.stats());
    for (const f of filters) {
      const got = JSON.stringify(f.flowTable!.stats());
      if (got !== want) return `tier ${f.tier}: flow table stats ${got}, reference ${want}`;
    }
  } else {
    // Batch entry points agree with per-packet runs (no table: runs must be independent).
    const total = c.packets.reduce((n, p) => n + p.length + 3, 0);
    const buffer = new Uint8Array(total);
    const offsets = new Uint32Array(c.packets.length);
    const lengths = new Uint32Array(c.packets.length);
    let at = 0;
    c.packets.forEach((p, k) => {
      at += k % 3; // unaligned starts
      buffer.set(p, at);
      offsets[k] = at;
      lengths[k] = p.length;
      at += p.length;
    });
    for (const f of filters) {
      const verdicts = new Int32Array(c.packets.length);
      f.runBatch(buffer, offsets, lengths, c.packets.length, verdicts);
      for (let k = 0; k < c.packets.length; k++) {
        // Batches run with timestamp 0.
        const single = f.exec(c.packets[k], 0, 0);
        if (verdicts[k] !== single) return `tier ${f.tier}: batch verdict ${verdicts[k]} for packet ${k}, single run ${single}`;
      }
    }
  }
  return undefined;
}

/** The case for one seed: a program, packets (random and from `corpus`), a limit and maybe a table. */
export function makeCase(seed: number, corpus: readonly Uint8Array[]): DiffCase {
  const rng = new Rng(seed);
  const bytes = new ProgramGenerator(rng, { maxOffset: 90, sets: true }).program();
  const packets: Uint8Array[] = [];
  const tableSize = rng.chance(0.4) ? rng.pick([1, 2, 8, 64]) : undefined;
  // With a table, longer sequences so state builds up, collides and is evicted.
  const n = tableSize !== undefined ? 6 + rng.int(24) : 3 + rng.int(6);
  for (let k = 0; k < n; k++) packets.push(corpus.length > 0 && rng.chance(0.3) ? rng.pick(corpus) : randomPacket(rng));
  const timestamps = rng.chance(0.5) ? captureClock(rng, n) : packets.map(() => (rng.chance(0.5) ? rng.u64() : rng.pick([0n, 2n ** 32n - 1n, 2n ** 63n, 2n ** 64n - 1n])));
  const hasLoops = verifyProgram(bytes).hasBackwardJumps;
  const insnLimit = rng.chance(0.2) ? rng.pick([0, 1, 2, 5, 9, 33]) : hasLoops ? rng.pick([100, 257, 1000]) : 10000;
  return { bytes, packets, timestamps, insnLimit, tableSize };
}

/** Capture-like timestamps in ns: mostly forward by up to a few seconds, around window edges, sometimes equal or backward. */
function captureClock(rng: Rng, n: number): bigint[] {
  let t = 1_700_000_000_000_000_000n + BigInt(rng.int(2 ** 31)) * 1_000_000n;
  const out: bigint[] = [];
  for (let k = 0; k < n; k++) {
    out.push(t);
    const ms = BigInt(rng.pick([0, 1, 999, 1000, 1001, 299_999, 300_000, rng.int(5000)]));
    t += rng.chance(0.1) ? -ms * 1_000_000n : ms * 1_000_000n + BigInt(rng.int(1_000_000));
  }
  return out;
}

/** Check seeds start..start+count-1; returns the first failure with its seed. */
export function fuzz(start: number, count: number, corpus: readonly Uint8Array[], tiers = availableTiers()): { seed: number; message: string; program: string } | undefined {
  for (let seed = start; seed < start + count; seed++) {
    const c = makeCase(seed, corpus);
    const message = checkCase(c, tiers);
    if (message !== undefined) return { seed, message, program: toHex(c.bytes, ' ') };
  }
  return undefined;
}
