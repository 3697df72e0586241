// --workers with stateful filters in every source form (issue 17): the shard key is derived
// from the bytecode's own flow keys, so .vfl, .vfm and compiled .bin filters give the
// single-threaded verdicts on the example captures and on a mixed capture with many sources;
// keys that cannot be derived run single-threaded with a warning; worker choice mixes the hash.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { tempDir } from '../helpers/capture.js';
import { testSeed } from '../helpers/seed.js';
import { mixedStatefulCapture } from '../helpers/stateful-mix.js';
import { checkWorkersSeed } from '../differential/workers-guard.js';
import { assemble } from '../../src/asm/index.js';
import { compileVflisp } from '../../src/lang/compile.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { deriveFlowKeys } from '../../src/verify/flow-keys.js';
import { runCaptureParallel, symmetricFlowHash, workerOf } from '../../src/node/parallel.js';
import { PcapWriter } from '../../src/capture/writer.js';
import { ether, ipv4, tcp } from '../../src/packet/craft.js';
import { concat } from '../helpers/capture.js';

const EXAMPLES = join(REPO_ROOT, 'examples', 'stateful');
const NAMES = ['syn_flood', 'port_scan', 'dns_amplification', 'rate_limit'];

interface Json {
  total: number;
  accepted: number;
  verdicts: number[];
  workers?: { count: number; shard: string; packets: number[] };
}

async function run(args: string[]): Promise<{ obj: Json; stderr: string }> {
  const r = await runCli(['test', '--json', '--verdicts', ...args]);
  assert.equal(r.code, 0, r.stderr);
  return { obj: JSON.parse(r.stdout) as Json, stderr: r.stderr };
}

const t = tempDir();
const mixed = t.file('mixed.pcap', mixedStatefulCapture(17));

test('regression: (<= (count-by src-ip) 3) compiled to .bin gives the single-threaded verdicts with --workers 2', async () => {
  const bin = t.file('count3.bin', compileVflisp('(<= (count-by src-ip) 3)').bytes);
  const single = (await run([bin, mixed])).obj;
  const { obj: multi, stderr } = await run(['--workers', '2', bin, mixed]);
  assert.equal(stderr, '');
  assert.ok(single.accepted < single.total, 'the per-source limit drops packets');
  assert.equal(multi.accepted, single.accepted);
  assert.deepEqual(multi.verdicts, single.verdicts);
  assert.match(multi.workers!.shard, /derived from the bytecode/);
});

for (const name of NAMES) {
  test(`--workers 2 equals one thread for ${name} as .vfl, .vfm and .bin, on its capture and a mixed one`, async () => {
    const vfl = join(EXAMPLES, `${name}.vfl`);
    const vfm = join(EXAMPLES, `${name}.vfm`);
    const binFromVfl = t.file(`${name}-vfl.bin`, compileVflisp(readFileSync(vfl, 'utf8'), vfl).bytes);
    const binFromVfm = t.file(`${name}-vfm.bin`, assemble(readFileSync(vfm, 'utf8'), vfm).bytes);
    for (const capture of [join(EXAMPLES, `${name}.pcap`), mixed]) {
      for (const [filter, same] of [[vfl, binFromVfl], [binFromVfl, binFromVfl], [vfm, binFromVfm], [binFromVfm, binFromVfm]]) {
        const single = (await run([same, capture])).obj;
        const { obj: multi, stderr } = await run(['--workers', '2', filter, capture]);
        assert.equal(stderr, '', `${filter} on ${capture}`);
        assert.equal(multi.workers?.count, 2, `${filter}: sharded, not single-threaded`);
        assert.deepEqual(multi.verdicts, single.verdicts, `${filter} on ${capture}`);
        if (capture === mixed) assert.ok(multi.workers!.packets.every((n) => n > 100), `${filter}: both workers busy (${multi.workers!.packets.join(' + ')})`);
      }
    }
  });
}

test('keys that cannot be derived run single-threaded with a warning and the same verdicts', async () => {
  const cases = [
    // a key built from a flow-table value
    ['chained.vfm', 'LD32 26\nFLOW_LOAD\nDUP\nFLOW_LOAD\nPUSH 1\nADD\nFLOW_STORE\nRET 1\n', /depends on the flow-table value loaded at pc/],
    // a key built from the timestamp
    ['time.vfm', 'TSTAMP\nPUSH 1000000000\nDIV\nDUP\nFLOW_LOAD\nPUSH 1\nADD\nFLOW_STORE\nRET 1\n', /depends on TSTAMP/],
    // one counter for every packet
    ['global.vfm', 'PUSH 7\nDUP\nFLOW_LOAD\nPUSH 1\nADD\nDUP\nPUSH 50\nJGT drop\nFLOW_STORE\nRET 1\ndrop: POP\nPOP\nRET 0\n', /does not depend on the packet/],
    // two counters on different parts, both reached by one packet
    ['two.vfl', '(and (< (count-by src-ip) 3) (< (count-by dst-ip) 3))', /no key part is shared by every flow key/],
  ] as const;
  for (const [file, text, reason] of cases) {
    const filter = t.file(file, text);
    const single = (await run([filter, mixed])).obj;
    const { obj: multi, stderr } = await run(['--workers', '2', filter, mixed]);
    assert.match(stderr, /warning: cannot split the capture by the filter's flow keys: .*running single-threaded/, file);
    assert.match(stderr, reason, file);
    assert.equal(multi.workers, undefined, file);
    assert.deepEqual(multi.verdicts, single.verdicts, file);
  }
});

test('deriveFlowKeys: the examples yield a shard part; stateless programs need none', () => {
  for (const name of NAMES) {
    for (const bytes of [compileVflisp(readFileSync(join(EXAMPLES, `${name}.vfl`), 'utf8')).bytes, assemble(readFileSync(join(EXAMPLES, `${name}.vfm`), 'utf8')).bytes]) {
      const d = deriveFlowKeys(verifyProgram(bytes));
      assert.ok(d.ok, `${name}: ${d.ok ? '' : d.reason}`);
      assert.ok(d.forms.length > 0);
      for (const f of d.forms) verifyProgram(f.bytes);
    }
  }
  const port = deriveFlowKeys(verifyProgram(assemble(readFileSync(join(EXAMPLES, 'port_scan.vfm'), 'utf8')).bytes));
  assert.ok(port.ok);
  assert.deepEqual(port.parts, ['LD32 26'], 'the scan detector is split by source address');
  assert.deepEqual(deriveFlowKeys(verifyProgram(compileVflisp('(= proto 6)').bytes)), { ok: true, forms: [], parts: [] });
});

test('regression: worker choice mixes the hash (1,000 flows whose FNV hashes are all even spread over two workers)', async () => {
  const chunks: Uint8Array[] = [];
  const w = new PcapWriter((c) => chunks.push(c.slice()));
  let flows = 0;
  for (let port = 1024; flows < 1000; port++) {
    const frame = ether(0x800, ipv4({ src: [10, 0, 0, 1], dst: [10, 0, 0, 2], proto: 6 }, tcp(port, 80, 2)));
    if (symmetricFlowHash(frame) % 2 !== 0) continue;
    w.writePacket(frame);
    flows++;
  }
  w.flush();
  const program = verifyProgram(assemble('LD32 26\nFLOW_LOAD\nRET 1\n').bytes);
  const r = await runCaptureParallel(program, concat(chunks), { workers: 2, shard: { kind: 'five-tuple' }, flowTableSlots: 4096 });
  assert.equal(r.total, 1000);
  assert.ok(r.perWorker.every((n) => n > 400), `flows per worker: ${r.perWorker.join(', ')}`);
  const counts = [0, 0, 0];
  for (let h = 0; h < 3000; h += 2) counts[workerOf(h, 3)]++;
  assert.ok(counts.every((n) => n > 400), `even hashes over 3 workers: ${counts.join(', ')}`);
});

test('seeded guard: random stateful filters as .vfl, .vfm and .bin, --workers 2 against one thread', async () => {
  const seed = testSeed('workers guard');
  for (let k = 0; k < 3; k++) {
    const r = await checkWorkersSeed(seed + k, t.dir);
    assert.equal(r.failure, undefined, `seed ${seed + k} (${r.filter}): ${r.failure}; replay: node dist/scripts/fuzz-workers.js --seed ${seed + k} --count 1`);
  }
});
