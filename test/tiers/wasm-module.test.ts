// The WebAssembly emitter: LEB128 encodings, and every module the compiler emits for the
// conformance vectors and for random programs passes wabt's `wasm-validate` (when installed).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyProgram } from '../../src/verify/verify.js';
import { Bytes } from '../../src/tiers/wasm/module-builder.js';
import { compileWasmModule } from '../../src/tiers/wasm/compile.js';
import { planProgram } from '../../src/tiers/plan.js';
import { loadVmVectors } from '../helpers/vm-vectors.js';
import { ProgramGenerator, Rng } from '../differential/generator.js';

test('LEB128: unsigned, signed 32 and signed 64 encodings', () => {
  const enc = (f: (b: Bytes) => void): number[] => {
    const b = new Bytes();
    f(b);
    return [...b.finish()];
  };
  assert.deepEqual(enc((b) => b.u32(0)), [0]);
  assert.deepEqual(enc((b) => b.u32(624485)), [0xe5, 0x8e, 0x26]);
  assert.deepEqual(enc((b) => b.u32(0xffffffff)), [0xff, 0xff, 0xff, 0xff, 0x0f]);
  assert.deepEqual(enc((b) => b.s32(-1)), [0x7f]);
  assert.deepEqual(enc((b) => b.s32(63)), [0x3f]);
  assert.deepEqual(enc((b) => b.s32(64)), [0xc0, 0x00]);
  assert.deepEqual(enc((b) => b.s32(-123456)), [0xc0, 0xbb, 0x78]);
  assert.deepEqual(enc((b) => b.s64(2n ** 64n - 1n)), [0x7f]);
  assert.deepEqual(enc((b) => b.s64(2n ** 63n)), [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]);
  assert.deepEqual(enc((b) => b.s64(2n ** 63n - 1n)), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]);
});

function hasWabt(): boolean {
  try {
    execFileSync('wasm-validate', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('wasm-validate accepts the modules for every vector and 60 random programs; wasm2wat reads them', { skip: hasWabt() ? false : 'wabt not installed' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'vfm-wasm-'));
  try {
    const programs: Uint8Array[] = loadVmVectors().filter((v) => v.verifyError === undefined).map((v) => v.bytes);
    const rng = new Rng(4242);
    for (let k = 0; k < 60; k++) programs.push(new ProgramGenerator(rng).program());
    programs.forEach((bytes, k) => {
      for (const hasFlowTable of [false, true]) {
        const file = join(dir, `m${k}-${hasFlowTable}.wasm`);
        writeFileSync(file, compileWasmModule(planProgram(verifyProgram(bytes), k % 2 === 0 ? 10000 : 5), { hasFlowTable }));
        execFileSync('wasm-validate', [file], { stdio: 'pipe' });
      }
    });
    // wasm2wat reads a module back: the exports and the imported helpers are there.
    const wat = execFileSync('wasm2wat', [join(dir, 'm0-true.wasm')], { encoding: 'utf8' });
    for (const name of ['(export "run"', '(export "batch"', '(export "memory"', '(import "vfm" "flowStore"']) assert.ok(wat.includes(name), name);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
