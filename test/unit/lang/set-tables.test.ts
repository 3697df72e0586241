// Big VFLisp sets through set tables (INSET): `(in FIELD ...)` with 64 or more values or
// prefixes (of any lengths, mixed with addresses) must accept exactly what the plain chain of
// tests accepts, on every tier; a 100,000-address set read with `(file ...)` is one filter that
// agrees with a JS Set; set files report bad lines with file:line:col.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileVflisp } from '../../../src/lang/compile.js';
import { ErrorList, FilterError } from '../../../src/diag/errors.js';
import { formatError } from '../../../src/diag/index.js';
import { createFilter, detectTiers } from '../../../src/tiers/select.js';
import { verifyProgram } from '../../../src/verify/verify.js';
import { ether, ipv4, ipv6, tcp, udp } from '../../../src/packet/craft.js';
import { formatIpv4, formatIpv6 } from '../../../src/util/inet.js';
import { readSetFileText } from '../../../src/node/io.js';
import { runCli } from '../../helpers/cli.js';
import { testSeed } from '../../helpers/seed.js';

const seed = testSeed('VFLisp set tables');
let state = seed >>> 0 || 1;
function rnd(n: number): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) % n;
}
const tiers = detectTiers().filter((t) => t.available).map((t) => t.tier);
const v4bytes = (a: number): number[] => [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255];
const v6bytes = (a: bigint): number[] => Array.from({ length: 16 }, (_, k) => Number((a >> BigInt(120 - 8 * k)) & 0xffn));

function agree(text: string, packets: readonly Uint8Array[]): void {
  const table = verifyProgram(compileVflisp(text).bytes);
  assert.ok(table.tables.length > 0, 'the set went to a table');
  const chain = verifyProgram(compileVflisp(text, '<expr>', { setSearchMin: Infinity, setTableMin: Infinity }).bytes);
  const oracle = createFilter(chain, { tier: 'interpreter' });
  for (const tier of tiers) {
    const f = createFilter(table, { tier });
    let accepted = 0;
    packets.forEach((p, k) => {
      const want = oracle.exec(p);
      if (want === 1) accepted++;
      assert.equal(f.exec(p), want, `${tier}: ${text.slice(0, 60)}... packet ${k}`);
    });
    assert.ok(accepted > 0 && accepted < packets.length, `members and non-members (${accepted} of ${packets.length})`);
  }
}

test('(in dst-port ...) with 64-1000 ports (a bitmap) agrees with the plain chain on every tier', () => {
  for (const n of [64, 300, 1000]) {
    const set = new Set<number>([0, 65535]);
    while (set.size < n) set.add(rnd(65536));
    const probes = [...set].flatMap((v) => [v, (v + 1) & 0xffff, (v + 1) & 0xffff, v]).slice(0, 1200);
    const packets = probes.map((v, k) => ether(0x0800, ipv4({ proto: k % 2 === 0 ? 6 : 17 }, k % 2 === 0 ? tcp(1000, v, 2) : udp(1000, v))));
    agree(`(in dst-port ${[...set].join(' ')})`, packets);
    agree(`(and (= proto 6) (not (in dst-port ${[...set].join(' ')})))`, packets);
  }
});

test('(in src-ip ...) with addresses and prefixes of mixed lengths agrees with the plain chain on every tier', () => {
  const items: string[] = [];
  const probes: number[] = [];
  for (let k = 0; k < 400; k++) {
    const a = ((10 << 24) | (rnd(16) << 16) | (rnd(256) << 8) | rnd(256)) >>> 0;
    const len = [32, 32, 24, 28, 30, 16][rnd(6)];
    const net = len === 32 ? a : (a & ~((1 << (32 - len)) - 1)) >>> 0;
    items.push(len === 32 ? formatIpv4(net) : `${formatIpv4(net)}/${len}`);
    probes.push(a, net, (net - 1) >>> 0, (a + 1) >>> 0, (net + (len === 32 ? 1 : 2 ** (32 - len))) >>> 0);
  }
  const packets = probes.map((a) => ether(0x0800, ipv4({ proto: 6, src: v4bytes(a) }, tcp(1, 2, 2))));
  agree(`(in src-ip ${items.join(' ')})`, packets);
  agree(`(or (= dst-port 7) (in src-ip ${items.join(' ')}))`, packets);
});

test('(in dst-ip ...) with IPv6 addresses and prefixes agrees with the plain chain on every tier', () => {
  const items: string[] = [];
  const probes: bigint[] = [];
  for (let k = 0; k < 300; k++) {
    const a = (0x20010db8n << 96n) | (BigInt(rnd(64)) << 64n) | BigInt(rnd(1 << 20));
    const len = [128, 64, 120, 126][rnd(4)];
    const host = (1n << BigInt(128 - len)) - 1n;
    const net = a & ~host;
    items.push(len === 128 ? formatIpv6(net) : `${formatIpv6(net)}/${len}`);
    probes.push(a, net, net - 1n, (net | host) + 1n);
  }
  const packets = probes.map((a) => ether(0x86dd, ipv6(17, udp(5, 6), [], undefined, v6bytes(a))));
  agree(`(in dst-ip ${items.join(' ')})`, packets);
});

test('a 100,000-address blocklist read with (file ...) is one filter that agrees with a JS Set on every tier', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vfm-sets-'));
  const members = new Set<number>();
  while (members.size < 100000) members.add(((10 << 24) | rnd(1 << 22)) >>> 0);
  const path = join(dir, 'blocklist.txt');
  writeFileSync(path, '# blocklist\n' + [...members].map(formatIpv4).join('\n') + '\n');
  const compiled = compileVflisp(`(in src-ip (file ${JSON.stringify(path)}))`, '<expr>', { readFile: readSetFileText });
  const program = verifyProgram(compiled.bytes);
  assert.ok(program.code.length < 100, `the code stays small (${program.code.length} bytes)`);
  const probes: number[] = [];
  for (let k = 0; k < 1000; k++) probes.push(k % 2 === 0 ? [...members][rnd(1000)] : ((10 << 24) | rnd(1 << 22)) >>> 0);
  for (const tier of tiers) {
    const f = createFilter(program, { tier });
    for (const a of probes) assert.equal(f.exec(ether(0x0800, ipv4({ proto: 6, src: v4bytes(a) }, tcp(1, 2, 2)))), members.has(a) ? 1 : 0, `${tier}: ${formatIpv4(a)}`);
  }
  // the command line reads the same file
  const out = join(dir, 'f.bin');
  const r = await runCli(['lisp', '-e', `(in src-ip (file ${JSON.stringify(path)}))`, '-o', out]);
  assert.equal(r.code, 0, r.stderr);
});

test('set files report each bad line with file:line:col; without a reader (file ...) is an error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vfm-sets-'));
  const path = join(dir, 'bad.txt');
  writeFileSync(path, '10.0.0.1\n\n# fine\n10.0.0.2 10.0.0.3\nnot-an-address\n10.0.0.3/8\n2001:db8::/32\n');
  let errors: readonly FilterError[] = [];
  try {
    compileVflisp(`(in src-ip (file ${JSON.stringify(path)}))`, '<expr>', { readFile: readSetFileText });
  } catch (e) {
    assert.ok(e instanceof ErrorList);
    errors = e.errors;
  }
  const text = errors.map((e) => formatError(e)).join('\n');
  assert.match(text, new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:10: error ERR_CHECK_SET_FILE`));
  assert.match(text, /:5:1: error ERR_CHECK_SET_FILE/);
  assert.match(text, /:6:1: error ERR_CHECK_CIDR/);
  assert.throws(() => compileVflisp(`(in src-ip (file ${JSON.stringify(join(dir, 'missing.txt'))}))`, '<expr>', { readFile: readSetFileText }), (e: unknown) => e instanceof ErrorList && e.errors[0].code === 'ERR_IO');
  assert.throws(() => compileVflisp('(in src-ip (file "x.txt"))'), (e: unknown) => e instanceof ErrorList && e.errors[0].code === 'ERR_CHECK_UNSUPPORTED');
  writeFileSync(path, '# nothing\n');
  assert.throws(() => compileVflisp(`(in src-ip (file ${JSON.stringify(path)}))`, '<expr>', { readFile: readSetFileText }), (e: unknown) => e instanceof ErrorList && e.errors[0].code === 'ERR_CHECK_SET_FILE');
});
