// Multi-core runs (`vfm test --workers N`, runCaptureParallel): counts, per-packet verdicts in
// capture order and flow-table totals equal a single-threaded run wherever the docs promise
// it (stateless filters; stateful ones sharded by a common key part, tables without
// evictions); a filter without a common key part runs single-threaded with a warning.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { runCli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { tempDir } from '../helpers/capture.js';
import { runCaptureParallel, chooseShard, symmetricFlowHash } from '../../src/node/parallel.js';
import { compileVflisp } from '../../src/lang/compile.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { ether, ipv4, ipv6, tcp, udp } from '../../src/packet/craft.js';

const EXAMPLES = join(REPO_ROOT, 'examples', 'stateful');
const SAMPLE = join(REPO_ROOT, 'examples', 'sample.pcap');

interface Json {
  total: number;
  accepted: number;
  dropped: number;
  errors: number;
  verdicts: number[];
  flowTable: Record<string, number> | null;
  workers?: { count: number; shard: string; packets: number[] };
}

async function json(args: string[]): Promise<{ obj: Json; stderr: string }> {
  const r = await runCli(['test', '--json', '--verdicts', ...args]);
  assert.equal(r.code, 0, r.stderr);
  return { obj: JSON.parse(r.stdout) as Json, stderr: r.stderr };
}

function withoutSize(stats: Record<string, number> | null): Record<string, number> | null {
  if (stats === null) return null;
  const { size: _size, loadFactor: _lf, ...rest } = stats;
  return rest;
}

for (const name of ['syn_flood', 'port_scan', 'dns_amplification', 'rate_limit']) {
  test(`--workers 2 on examples/stateful/${name}.vfl equals the single-threaded run`, async () => {
    const filter = join(EXAMPLES, `${name}.vfl`);
    const capture = join(EXAMPLES, `${name}.pcap`);
    const single = (await json([filter, capture])).obj;
    const { obj: multi, stderr } = await json(['--workers', '2', filter, capture]);
    assert.equal(stderr, '');
    assert.deepEqual(multi.verdicts, single.verdicts);
    assert.deepEqual([multi.total, multi.accepted, multi.dropped, multi.errors], [single.total, single.accepted, single.dropped, single.errors]);
    assert.deepEqual(withoutSize(multi.flowTable), withoutSize(single.flowTable), 'no evictions: the same table operations');
    assert.equal(multi.flowTable!.size, 2 * single.flowTable!.size);
    assert.equal(multi.workers!.count, 2);
    assert.ok(multi.workers!.packets.every((n) => n > 0), `both workers get packets: ${multi.workers!.packets.join(' + ')}`);
  });
}

test('--workers on a bytecode filter shards by the key derived from its bytecode; --shard-by src-ip gives the same verdicts', async () => {
  const filter = join(EXAMPLES, 'port_scan.vfm');
  const capture = join(EXAMPLES, 'port_scan.pcap');
  const single = (await json([filter, capture])).obj;
  const derived = await json(['--workers', '2', filter, capture]);
  assert.equal(derived.stderr, '');
  assert.deepEqual(derived.obj.verdicts, single.verdicts);
  assert.match(derived.obj.workers!.shard, /hash of LD32 26 \(derived from the bytecode's flow keys\)/);
  const bySource = await json(['--workers', '2', '--shard-by', 'src-ip', filter, capture]);
  assert.equal(bySource.stderr, '');
  assert.deepEqual(bySource.obj.verdicts, single.verdicts);
  assert.match(bySource.obj.workers!.shard, /hash of src-ip \(--shard-by\)/);
});

test('a VFLisp filter whose stateful forms share no key part runs single-threaded with a warning', async () => {
  const t = tempDir();
  const filter = t.file('two.vfl', '(and (< (count-by src-ip) 50) (< (count-by dst-ip) 50))');
  const r = await runCli(['test', '--json', '--workers', '2', filter, SAMPLE]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /warning: cannot split the capture by the filter's flow keys: no key part is shared by every flow key a packet can reach \(count-by \[src-ip\], count-by \[dst-ip\]\); running single-threaded/);
  assert.equal((JSON.parse(r.stdout) as Json).workers, undefined);
});

test('--workers with -s reports the split; an unreadable capture stops the workers and fails cleanly', async () => {
  const filter = join(EXAMPLES, 'rate_limit.vfl');
  const r = await runCli(['test', '-s', '--workers', '2', filter, join(EXAMPLES, 'rate_limit.pcap')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Workers: +2 \(\d+ \+ \d+ packets\)$/m);
  assert.match(r.stdout, /^Sharding: +hash of LDX32 12 \[HDR 0\], LDX128 8 \[HDR 0\] low half \(derived from the bytecode's flow keys\)$/m);
  assert.match(r.stdout, /^Stores: +1256 \(15 inserts, 1241 updates, 0 evictions\)$/m);
  const missing = await runCli(['test', '--workers', '2', filter, join(EXAMPLES, 'no-such.pcap')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /ERR_IO/);
});

test('--workers usage errors', async () => {
  const filter = join(EXAMPLES, 'rate_limit.vfl');
  for (const [args, message] of [
    [['--workers', '0'], /--workers takes a whole number/],
    [['--workers', '2', '-v'], /--workers cannot be combined with -v/],
    [['--workers', '2', '--jit-test'], /--workers cannot be combined with --jit-test/],
    [['--shard-by', 'src-ip'], /--shard-by needs --workers/],
    [['--workers', '2', '--shard-by', 'src-iq'], /unknown field 'src-iq'/],
  ] as const) {
    const r = await runCli(['test', ...args, filter, SAMPLE]);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message);
  }
});

test('runCaptureParallel: a stateless filter over the sample capture, 3 workers, equals one thread', async () => {
  const program = verifyProgram(compileVflisp('(or (= dst-port 53) (tcp-flag syn))').bytes);
  const capture = new Uint8Array(readFileSync(SAMPLE));
  const shard = chooseShard(program, undefined);
  assert.deepEqual(shard.spec, { kind: 'any' });
  const one = await runCaptureParallel(program, capture, { workers: 1, shard: shard.spec!, verdicts: true });
  const three = await runCaptureParallel(program, capture, { workers: 3, shard: shard.spec!, verdicts: true });
  assert.equal(one.total, 199);
  assert.deepEqual(three.verdicts, one.verdicts);
  assert.deepEqual([three.accepted, three.dropped, three.errors, three.error], [one.accepted, one.dropped, one.errors, undefined]);
});

test('the symmetric 5-tuple hash is equal for both directions and differs between connections', () => {
  const a = [10, 0, 0, 1];
  const b = [10, 0, 0, 2];
  const fwd = symmetricFlowHash(ether(0x800, ipv4({ src: a, dst: b, proto: 6 }, tcp(1234, 80, 2))));
  const rev = symmetricFlowHash(ether(0x800, ipv4({ src: b, dst: a, proto: 6 }, tcp(80, 1234, 0x12))));
  const other = symmetricFlowHash(ether(0x800, ipv4({ src: a, dst: b, proto: 6 }, tcp(1235, 80, 2))));
  const udpFlow = symmetricFlowHash(ether(0x800, ipv4({ src: a, dst: b, proto: 17 }, udp(1234, 80))));
  assert.equal(fwd, rev);
  assert.notEqual(fwd, other);
  assert.notEqual(fwd, udpFlow);
  assert.ok(symmetricFlowHash(ether(0x86dd, ipv6(6, tcp(1, 2, 2)))) !== 0);
  assert.equal(symmetricFlowHash(ether(0x806, new Uint8Array(28))), 0);
});
