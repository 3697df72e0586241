// Seeded random loop-free programs (expressions over packet loads, constants and every ALU,
// compare and 128-bit operation, then branches and returns) through both targets and their
// oracles: libpcap's bpf_filter for classic BPF, the kernel's BPF_PROG_TEST_RUN for eBPF.
// Programs a target refuses must fail with a target error code; every other program must give
// the VM's verdict on every packet.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProgramBuilder } from '../../src/bytecode/builder.js';
import { verifyProgram, type VerifiedProgram } from '../../src/verify/verify.js';
import { CompileError } from '../../src/diag/errors.js';
import { CBPF_SNAP_ACCEPT, compileCbpf, formatCbpfDecimal } from '../../src/targets/cbpf/index.js';
import { XDP_DROP, XDP_PASS, compileEbpf } from '../../src/targets/ebpf/index.js';
import { parseHex } from '../../src/util/bytes.js';
import { CORPUS_SKIP } from '../helpers/paths.js';
import { buildOracle, etherCaptures, runOracle } from '../helpers/oracle.js';
import { vmVerdicts } from '../helpers/target-filters.js';
import { testSeed } from '../helpers/seed.js';
import { ProgramGenerator, Rng } from '../differential/generator.js';

const work = mkdtempSync(join(tmpdir(), 'vfm-random-'));
const cbpfOracle = buildOracle('cbpf-oracle', ['-lpcap']);
const soAttach = buildOracle('so-attach', []);
const ebpfOracle = buildOracle('ebpf-oracle', ['-lpcap', '/usr/lib/x86_64-linux-gnu/libbpf.so.1']);

const BINARY = ['add', 'sub', 'mul', 'div', 'mod', 'and', 'or', 'xor', 'shl', 'shr', 'eq', 'ne', 'gt', 'lt', 'ge', 'le'] as const;
const BRANCHES = ['jeq', 'jne', 'jgt', 'jlt', 'jge', 'jle'] as const;
const WIDE_BRANCHES = ['jeq128', 'jne128', 'jgt128', 'jlt128', 'jge128', 'jle128'] as const;

function randomProgram(next: () => number): Uint8Array {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const b = new ProgramBuilder();
  const CONSTS = [0n, 1n, 2n, 4n, 6n, 14n, 0x45n, 0x800n, 0x86ddn, 0xffn, 0xffffn, 0xffffffffn, 0x100000000n, 0xffffffffffffffffn];
  const leaf = (): void => {
    const r = next();
    if (r < 0.3) b.emit(pick(['ld8', 'ld8', 'ld16', 'ld16', 'ld32'] as const), Math.floor(next() * 60));
    else if (r < 0.33) b.emit('ld64', Math.floor(next() * 50));
    else if (r < 0.45) b.emit('len');
    else if (r < 0.5) b.emit('ip_ver');
    else if (r < 0.6) {
      b.emit('ld8', 14);
      b.emitImm('push', 15n);
      b.emit('and');
      b.emitImm('push', 4n);
      b.emit('mul');
      b.emit(pick(['ldx8', 'ldx16', 'ldx32'] as const), 14 + Math.floor(next() * 10));
    } else b.emitImm('push', next() < 0.4 ? pick(CONSTS) : BigInt(Math.floor(next() * 300)));
  };
  const expr = (depth: number): void => {
    if (depth === 0 || next() < 0.3) return leaf();
    if (next() < 0.1) {
      expr(depth - 1);
      b.emit(pick(['not', 'neg'] as const));
      return;
    }
    expr(depth - 1);
    expr(depth - 1);
    b.emit(pick(BINARY));
  };
  const wide = (): void => {
    if (next() < 0.6) b.emit('ld128', 22 + Math.floor(next() * 20));
    else b.emitImm('push128', BigInt.asUintN(128, (BigInt(Math.floor(next() * 2 ** 32)) << 96n) | BigInt(Math.floor(next() * 256))));
  };
  const other = b.newLabel('other');
  if (next() < 0.25) {
    wide();
    wide();
    if (next() < 0.3) {
      wide();
      b.emit(pick(['and128', 'or128', 'xor128'] as const));
    }
    b.emitJump(pick(WIDE_BRANCHES), other);
  } else {
    expr(3);
    expr(2);
    b.emitJump(pick(BRANCHES), other);
  }
  expr(2);
  b.emit('ret');
  b.bind(other);
  expr(2);
  b.emit('ret');
  return b.build().bytes;
}

const TARGET_CODES = new Set(['ERR_TARGET_WIDE', 'ERR_TARGET_SHIFT', 'ERR_TARGET_SCRATCH', 'ERR_TARGET_LINK']);

test('random programs: targets agree with the VM or refuse with a target error', { skip: cbpfOracle.skip ?? CORPUS_SKIP }, (t) => {
  const seed = testSeed('random target programs');
  const r = new Rng(seed);
  const next = (): number => r.next();
  const sample = etherCaptures().filter((_, n) => n % 12 === 0);
  const packets = runOracle(cbpfOracle.path!, ['dump', ...sample])
    .replace(/\n$/, '')
    .split('\n')
    .map((h) => (h === '' ? new Uint8Array(0) : parseHex(h)!));
  const programs: VerifiedProgram[] = [];
  while (programs.length < 200) programs.push(verifyProgram(randomProgram(next)));
  let cbpfRun = 0;
  const dddPaths: string[] = [];
  const refusedBy = new Map<string, number>();
  let ebpfRun = 0;
  const kernel = ebpfOracle.path !== undefined && spawnSync('id', ['-u'], { encoding: 'utf8' }).stdout.trim() === '0';
  programs.forEach((program, k) => {
    const want = vmVerdicts(program, packets, () => 1);
    try {
      const prog = compileCbpf(program);
      const path = join(work, `p${k}.ddd`);
      writeFileSync(path, formatCbpfDecimal(prog.insns));
      dddPaths.push(path);
      const got = runOracle(cbpfOracle.path!, ['run', path, ...sample]).replace(/\n$/, '').split('\n').map(Number);
      got.forEach((v, n) => {
        if (v !== (want[n] === 0 ? 0 : CBPF_SNAP_ACCEPT)) assert.fail(`seed ${seed} program ${k} packet ${n}: bpf_filter ${v}, VM ${want[n]}`);
      });
      cbpfRun++;
    } catch (e) {
      if (!(e instanceof CompileError && TARGET_CODES.has(e.code as string))) throw e;
      refusedBy.set(e.code as string, (refusedBy.get(e.code as string) ?? 0) + 1);
    }
    if (kernel && k % 4 === 0) {
      const path = join(work, `p${k}.o`);
      writeFileSync(path, compileEbpf(program).elf);
      const got = runOracle(ebpfOracle.path!, [path, 'vfm_xdp', 'eth', ...sample]).replace(/\n$/, '').split('\n');
      got.forEach((v, n) => {
        if (v.startsWith('E')) return;
        if (Number(v) !== (want[n] === 0 ? XDP_DROP : XDP_PASS)) assert.fail(`seed ${seed} program ${k} packet ${n}: XDP ${v}, VM ${want[n]}`);
      });
      ebpfRun++;
    }
  });
  t.diagnostic(`${packets.length} packets; classic BPF ran ${cbpfRun} programs, refused ${JSON.stringify(Object.fromEntries(refusedBy))}; eBPF (kernel) ran ${ebpfRun}`);
  if (soAttach.path !== undefined) {
    // The kernel's classic BPF checker accepts every program (SO_ATTACH_FILTER, loopback socket).
    assert.deepEqual(runOracle(soAttach.path, dddPaths).trim().split('\n'), dddPaths.map(() => 'ok'));
  }
  assert.ok(cbpfRun > 35, `${cbpfRun} programs lowered to classic BPF`);
});

test('the shared differential generator\'s programs: agree with the VM or fail with a target error', { skip: cbpfOracle.skip ?? CORPUS_SKIP }, (t) => {
  const seed = testSeed('generator programs through the targets', 1);
  const sample = etherCaptures().filter((_, n) => n % 24 === 0);
  const packets = runOracle(cbpfOracle.path!, ['dump', ...sample])
    .replace(/\n$/, '')
    .split('\n')
    .map((h) => (h === '' ? new Uint8Array(0) : parseHex(h)!));
  const kernel = ebpfOracle.path !== undefined && spawnSync('id', ['-u'], { encoding: 'utf8' }).stdout.trim() === '0';
  const refused = new Map<string, number>();
  let cbpfRun = 0;
  let ebpfRun = 0;
  const refuse = (e: unknown): void => {
    if (!(e instanceof CompileError && (e.code as string).startsWith('ERR_TARGET_'))) throw e;
    refused.set(e.code as string, (refused.get(e.code as string) ?? 0) + 1);
  };
  for (let k = 0; k < 150; k++) {
    const program = verifyProgram(new ProgramGenerator(new Rng(seed + k)).program());
    // The flow table is compared on dedicated filters (its quirks need keys apart, spec 3.6).
    const want = vmVerdicts(program, packets, () => 1);
    try {
      const path = join(work, `g${k}.ddd`);
      writeFileSync(path, formatCbpfDecimal(compileCbpf(program).insns));
      const got = runOracle(cbpfOracle.path!, ['run', path, ...sample]).replace(/\n$/, '').split('\n').map(Number);
      got.forEach((v, n) => {
        if (v !== (want[n] === 0 ? 0 : CBPF_SNAP_ACCEPT)) assert.fail(`seed ${seed + k} packet ${n}: bpf_filter ${v}, VM ${want[n]}`);
      });
      cbpfRun++;
    } catch (e) {
      refuse(e);
    }
    if (!kernel || program.usesFlowTable) continue;
    try {
      const path = join(work, `g${k}.o`);
      writeFileSync(path, compileEbpf(program).elf);
      const got = runOracle(ebpfOracle.path!, [path, 'vfm_xdp', 'eth', ...sample]).replace(/\n$/, '').split('\n');
      got.forEach((v, n) => {
        if (!v.startsWith('E') && Number(v) !== (want[n] === 0 ? XDP_DROP : XDP_PASS)) assert.fail(`seed ${seed + k} packet ${n}: XDP ${v}, VM ${want[n]}`);
      });
      ebpfRun++;
    } catch (e) {
      refuse(e);
    }
  }
  t.diagnostic(`${packets.length} packets; classic BPF ran ${cbpfRun}, eBPF ran ${ebpfRun}; refused ${JSON.stringify(Object.fromEntries(refused))}`);
  assert.ok(ebpfRun > 0 || !kernel, 'some generator programs lower to eBPF');
});
