// Proves the fallbacks: child processes under `node --jitless` (no WebAssembly) and
// `node --disallow-code-generation-from-strings` (no `new Function`) detect the missing tier
// with its reason, fall back silently in 'auto', reject an explicit request with
// ERR_TIER_UNAVAILABLE, and still pass every vector on the tiers that remain.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';

const child = join(dirname(fileURLToPath(import.meta.url)), 'fallback-child.js');

interface ChildReport {
  detected: { tier: string; available: boolean; reason?: string }[];
  auto: string;
  explicit: Record<string, string>;
  runs: number;
  mismatches: string[];
}

function runChild(flag: string): ChildReport {
  const out = execFileSync(process.execPath, [flag, child], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out) as ChildReport;
}

function available(r: ChildReport): string[] {
  return r.detected.filter((s) => s.available).map((s) => s.tier);
}

test('node --jitless: tier wasm unavailable (no WebAssembly), auto falls back to js, vectors pass on js, closure, interpreter', () => {
  const r = runChild('--jitless');
  assert.deepEqual(available(r), ['js', 'closure', 'interpreter']);
  assert.match(r.detected.find((s) => s.tier === 'wasm')!.reason!, /WebAssembly is not available/);
  assert.equal(r.auto, 'js');
  assert.match(r.explicit.wasm, /^ERR_TIER_UNAVAILABLE: tier 'wasm' is not available: WebAssembly/);
  assert.equal(r.explicit.js, 'ok js');
  assert.ok(r.runs > 0);
  assert.deepEqual(r.mismatches, []);
});

test('node --disallow-code-generation-from-strings: tier js unavailable, auto falls back to closure, vectors pass on wasm, closure, interpreter', () => {
  const r = runChild('--disallow-code-generation-from-strings');
  assert.deepEqual(available(r), ['wasm', 'closure', 'interpreter']);
  assert.match(r.detected.find((s) => s.tier === 'js')!.reason!, /code generation from strings is not allowed/);
  assert.equal(r.auto, 'closure');
  assert.match(r.explicit.js, /^ERR_TIER_UNAVAILABLE: tier 'js' is not available: code generation/);
  assert.equal(r.explicit.wasm, 'ok wasm');
  assert.deepEqual(r.mismatches, []);
});

test('node --jitless --disallow-code-generation-from-strings: only closure and interpreter remain, auto picks closure', () => {
  const out = execFileSync(process.execPath, ['--jitless', '--disallow-code-generation-from-strings', child], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const r = JSON.parse(out) as ChildReport;
  assert.deepEqual(available(r), ['closure', 'interpreter']);
  assert.equal(r.auto, 'closure');
  assert.equal(r.explicit.closure, 'ok closure');
  assert.deepEqual(r.mismatches, []);
});
