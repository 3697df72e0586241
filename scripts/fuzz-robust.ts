// `npm run fuzz`, second part (issue 17's standing guard): for a time budget, rotate through
//   bytecode  - valid programs mutated into mostly invalid ones: the verifier returns a
//               VerifyError or a program, and a verified one runs identically on every tier;
//   captures  - mutated pcap/pcapng files read whole and chunked (must agree) and, with gcc and
//               libpcap-dev, compared with libpcap (packet count and wire lengths);
//   sources   - pathological sources through every compiler (VFLisp, assembly, ...).
// Usage: node dist/scripts/fuzz-robust.js [SECONDS] [START_SEED]  (defaults: 60 s; VFM_SEED or
// time-based). Each round is one seed; a failure prints the seed and the command that replays it.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableTiers, checkCase, makeCase } from '../test/differential/differential.js';
import { captureCases, compareCaptures, prng } from '../test/fuzz/capture-mutations.js';
import { SOURCE_COMPILERS, checkSource, pathologicalSource } from '../test/fuzz/pathological.js';
import { checkProgram } from '../src/verify/verify.js';
import { toHex } from '../src/util/bytes.js';
import type { TierName } from '../src/tiers/select.js';

type Kind = 'bytecode' | 'captures' | 'sources';

/** One bytecode round: 50 programs from seed, each mutated; returns a failure or undefined. */
function bytecodeRound(seed: number, tiers: readonly TierName[]): string | undefined {
  const r = prng(seed);
  for (let k = 0; k < 50; k++) {
    const c = makeCase(seed * 64 + k, []);
    const bytes = c.bytes.slice();
    const edits = 1 + Math.floor(r() * 4);
    for (let e = 0; e < edits; e++) bytes[Math.floor(r() * bytes.length)] = Math.floor(r() * 256);
    const cut = r() < 0.2 ? bytes.subarray(0, Math.floor(r() * bytes.length)) : bytes;
    let message: string | undefined;
    try {
      const v = checkProgram(cut);
      if (v.ok) message = checkCase({ ...c, bytes: cut.slice() }, tiers);
    } catch (e) {
      message = `exception: ${(e as Error).stack ?? String(e)}`;
    }
    if (message !== undefined) return `program ${k}: ${message}\nbytes: ${toHex(cut, ' ')}`;
  }
  return undefined;
}

function captureRound(seed: number, dir: string): string | undefined {
  return compareCaptures(seed, captureCases(seed, 300), dir).problem;
}

function sourceRound(seed: number): string | undefined {
  for (const c of SOURCE_COMPILERS) {
    const r = prng(seed);
    for (let i = 0; i < c.generators.length; i++) {
      const text = pathologicalSource(c, i, r, 1);
      try {
        checkSource(c, text);
      } catch (e) {
        return `${c.name} case ${i} (${text.length} characters, ${JSON.stringify(text.slice(0, 80))}...): ${(e as Error).message}`;
      }
    }
  }
  return undefined;
}

const REPLAY: Record<Kind, (seed: number) => string> = {
  bytecode: (s) => `node dist/scripts/fuzz-robust.js 1 ${s}  (the first round is bytecode)`,
  captures: (s) => `VFM_SEED=${s} node --test dist/test/fuzz/captures.test.js`,
  sources: (s) => `VFM_SEED=${s} node --test dist/test/fuzz/pathological.test.js`,
};

function main(): number {
  const seconds = Number(process.argv[2] ?? 60);
  const start = Number(process.argv[3] ?? process.env.VFM_SEED ?? Date.now() % 1_000_000_000);
  const tiers = availableTiers();
  const dir = mkdtempSync(join(tmpdir(), 'vfm-fuzz-robust-'));
  process.stdout.write(`fuzz-robust: mutated bytecode (tiers ${tiers.join(', ')}), mutated captures, pathological sources for ${seconds} s from seed ${start}\n`);
  const deadline = Date.now() + seconds * 1000;
  const done: Record<Kind, number> = { bytecode: 0, captures: 0, sources: 0 };
  const kinds: Kind[] = ['bytecode', 'captures', 'sources'];
  try {
    for (let round = 0; round === 0 || Date.now() < deadline; round++) {
      const kind = kinds[round % kinds.length];
      const seed = start + Math.floor(round / kinds.length);
      const failure = kind === 'bytecode' ? bytecodeRound(seed, tiers) : kind === 'captures' ? captureRound(seed, dir) : sourceRound(seed);
      if (failure !== undefined) {
        process.stdout.write(`FAIL ${kind} seed ${seed}: ${failure}\nreplay: npm run build && ${REPLAY[kind](seed)}\n`);
        return 1;
      }
      done[kind]++;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`ok: ${done.bytecode * 50} mutated programs, ${done.captures * 300} mutated captures, ${done.sources} rounds of pathological sources\n`);
  return 0;
}

process.exitCode = main();
