// `vfm test` and `vfm filter` end to end (in-process): the report layout with timing numbers
// masked, -v, -s, --json/--verdicts, --limit, stdin, damaged captures, .pkt input, and
// `vfm filter` in a pipeline with its output checked by our reader and by tcpdump.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { TIER_NAMES } from '../../src/tiers/select.js';
import { EXAMPLES_DIR } from '../helpers/paths.js';
import { hasTool, acceptAllFilter, byteAtFilter, ipv4Filter, readAll, tempDir, writePcap } from '../helpers/capture.js';

const SAMPLE = join(EXAMPLES_DIR, 'sample.pcap');
const t = tempDir();
const IPV4 = t.file('ipv4.bin', ipv4Filter());
const ALL = t.file('all.bin', acceptAllFilter());
const BYTE100 = t.file('byte100.bin', byteAtFilter(100));
const BYTE23 = t.file('byte23.bin', byteAtFilter(23));
const sampleBytes = new Uint8Array(readFileSync(SAMPLE));

function maskTimes(text: string): string {
  return text
    .replace(/^(Average time: +)[0-9.]+/m, '$1N')
    .replace(/^(Throughput: +)[0-9.]+ Mpps, [0-9.]+ MB\/s/m, '$1N Mpps, N MB/s')
    .replace(/^(Total time: +)[0-9.]+/m, '$1N');
}

test('vfm test: the C report layout with real throughput', async () => {
  const r = await runCli(['test', IPV4, SAMPLE]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(
    maskTimes(r.stdout),
    [
      'VFM Filter Test Tool',
      `Filter: ${IPV4}`,
      `Packets: ${SAMPLE}`,
      '',
      'Loaded filter: 35 bytes',
      'Program loaded and verified successfully',
      'Testing filter against packets...',
      '',
      '=== Test Results ===',
      'Total packets:    199',
      'Accepted:         118 (59.3%)',
      'Dropped:          81 (40.7%)',
      'Errors:           0 (0.0%)',
      '',
      '=== Performance ===',
      'Average time:     N ns/packet',
      'Throughput:       N Mpps, N MB/s',
      'Total time:       N ms',
      '',
    ].join('\n'),
  );
});

test('vfm test -v -s: a line per packet, fault counts, tier and flow-table section', async () => {
  const r = await runCli(['test', '-v', '-s', '--no-jit', '--flow-table', '0', BYTE100, SAMPLE]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  const perPacket = lines.filter((l) => l.startsWith('Packet '));
  assert.equal(perPacket.length, 199);
  const short = readAll(sampleBytes).packets.filter((p) => p.data.length <= 100).length;
  assert.equal(perPacket.filter((l) => /^Packet \d+: ERROR BOUNDS \(-1\) at pc 0  \d\d:\d\d:\d\d\.\d{6} \S/.test(l)).length, short);
  assert.ok(perPacket.every((l, k) => l.startsWith(`Packet ${k + 1}: `)));
  assert.ok(perPacket.some((l) => /^Packet \d+: ACCEPT \(value \d+\)  \d\d:\d\d:\d\d\.\d{6} \S/.test(l)));
  assert.ok(lines.includes('Verbose mode enabled'));
  assert.ok(lines.includes(`Errors:           ${short} (${((100 * short) / 199).toFixed(1)}%)`));
  const stats = r.stdout.slice(r.stdout.indexOf('=== Statistics ==='));
  assert.equal(
    stats,
    [
      '=== Statistics ===',
      'Tier:             interpreter',
      'Capture:          pcap, link type 1 (EN10MB)',
      'Faults:',
      `  BOUNDS (-1):            ${short}`,
      '',
      '=== Flow Table ===',
      'Flow table:       none (--flow-table 0)',
      '',
    ].join('\n'),
  );
  const withTable = await runCli(['test', '-s', '--flow-table', '1024', BYTE100, SAMPLE]);
  assert.match(withTable.stdout, /^Slots: +1024$/m);
  const byDefault = await runCli(['test', '-s', BYTE100, SAMPLE]);
  assert.match(byDefault.stdout, /^Slots: +65536$/m);
  assert.match(byDefault.stdout, /^Lookups: +0 \(0 hits, 0 misses\)$/m);
});

test('vfm test --json --verdicts: one object with per-packet verdicts', async () => {
  const r = await runCli(['test', '--json', '--verdicts', BYTE100, SAMPLE]);
  assert.equal(r.code, 0, r.stderr);
  const obj = JSON.parse(r.stdout) as Record<string, unknown> & { verdicts: number[] };
  assert.equal(obj.total, 199);
  assert.ok((TIER_NAMES as readonly unknown[]).includes(obj.tier), `tier ${String(obj.tier)}`);
  assert.equal(obj.format, 'pcap');
  assert.equal(obj.error, undefined);
  assert.equal(obj.verdicts.length, 199);
  assert.deepEqual(obj.flowTable, { size: 65536, lookups: 0, hits: 0, misses: 0, stores: 0, inserts: 0, updates: 0, evictions: 0, occupied: 0, loadFactor: 0 });
  assert.equal(obj.verdicts.filter((v) => v === 1).length, obj.accepted);
  assert.equal(obj.verdicts.filter((v) => v === 0).length, obj.dropped);
  assert.equal(obj.verdicts.filter((v) => v === -1).length, obj.errors);
  const packets = readAll(sampleBytes).packets;
  assert.deepEqual(obj.verdicts, packets.map((p) => (p.data.length <= 100 ? -1 : p.data[100] !== 0 ? 1 : 0)));
  assert.deepEqual(obj.faults, { BOUNDS: obj.errors });
});

test('vfm test --limit and stdin', async () => {
  const limited = JSON.parse((await runCli(['test', '--json', '-c', '10', IPV4, SAMPLE])).stdout) as { total: number };
  assert.equal(limited.total, 10);
  const viaStdin = await runCli(['test', '--json', IPV4, '-'], sampleBytes);
  assert.equal(viaStdin.code, 0);
  assert.deepEqual(
    (({ total, accepted, dropped }) => ({ total, accepted, dropped }))(JSON.parse(viaStdin.stdout) as Record<string, number>),
    { total: 199, accepted: 118, dropped: 81 },
  );
});

test('vfm test on a damaged capture: the report for the good packets, the error with its byte offset, exit 1', async () => {
  const cut = readAll(sampleBytes).packets[150].byteOffset + 10;
  const damaged = t.file('damaged.pcap', sampleBytes.subarray(0, cut));
  const r = await runCli(['test', IPV4, damaged]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^Total packets: +150$/m);
  const start = readAll(sampleBytes).packets[150].byteOffset;
  assert.equal(r.stderr, `${damaged}: byte offset ${start}: error ERR_CAPTURE_TRUNCATED: truncated pcap record header: needs 16 bytes, only 10 remain\n`);
  const j = await runCli(['test', '--json', IPV4, damaged]);
  assert.equal(j.code, 1);
  const obj = JSON.parse(j.stdout) as { total: number; error: { code: string; byteOffset: number } };
  assert.equal(obj.total, 150);
  assert.deepEqual(obj.error, { code: 'ERR_CAPTURE_TRUNCATED', message: 'truncated pcap record header: needs 16 bytes, only 10 remain', byteOffset: start });
  const notCapture = await runCli(['test', IPV4, t.file('text.txt', '\0\0hello')]);
  assert.equal(notCapture.code, 1);
  assert.match(notCapture.stderr, /error ERR_CAPTURE_FORMAT: not a pcap, pcapng or \.pkt capture/);
});

test('vfm test on a .pkt file counts every nonzero return as accepted (the C tool counted only 1)', async () => {
  const rec = (proto: number): number[] => {
    const b = new Array(74).fill(0);
    b[12] = 8;
    b[14] = 0x45;
    b[23] = proto;
    return [74, 0, ...b];
  };
  const pkt = t.file('five.pkt', Uint8Array.from([...rec(6), ...rec(17), ...rec(6), ...rec(0), ...rec(1)]));
  const r = await runCli(['test', '--json', '--verdicts', BYTE23, pkt]);
  const obj = JSON.parse(r.stdout) as { accepted: number; dropped: number; verdicts: number[]; format: string };
  assert.equal(obj.format, 'pkt');
  assert.deepEqual(obj.verdicts, [1, 1, 1, 0, 1]);
  assert.equal(obj.accepted, 4);
});

test('vfm test --jit-test names the tiers that ran and why others could not', async () => {
  const r = await runCli(['test', '--jit-test', IPV4, SAMPLE]);
  assert.equal(r.code, 0, r.stderr);
  const section = r.stdout.slice(r.stdout.indexOf('=== JIT Test ==='));
  assert.match(section, /^Tiers run: +interpreter/m);
  assert.match(section, /^Differences: +0$/m);
  const ranOrNot = section.split('\n').filter((l) => l.startsWith('Tiers run:') || l.startsWith('Not available:')).join(' ');
  for (const tier of ['wasm', 'js', 'closure', 'interpreter']) assert.ok(ranOrNot.includes(tier), `${tier} is accounted for`);
});

test('vfm test and vfm filter usage errors exit 2', async () => {
  assert.equal((await runCli(['test', IPV4], undefined, { stdinIsTTY: true })).code, 2);
  assert.equal((await runCli(['test', '--tier', 'bogus', IPV4, SAMPLE])).code, 2);
  assert.equal((await runCli(['test', '--verdicts', IPV4, SAMPLE])).code, 2);
  assert.equal((await runCli(['test', '--jit-test', '--no-jit', IPV4, SAMPLE])).code, 2);
  assert.equal((await runCli(['test', IPV4, join(t.dir, 'missing.pcap')])).code, 2);
  assert.equal((await runCli(['filter'])).code, 2);
  assert.equal((await runCli(['filter', '--format', 'tar', IPV4, SAMPLE])).code, 2);
});

test('vfm filter: stdin to stdout keeps pcap and only the accepted packets, readable by tcpdump', async () => {
  const r = await runCli(['filter', IPV4, '-'], sampleBytes);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdoutBytes.subarray(0, 24), sampleBytes.subarray(0, 24));
  const out = readAll(r.stdoutBytes);
  assert.equal(out.error, undefined);
  assert.equal(out.packets.length, 118);
  assert.ok(out.packets.every((p) => p.data[12] === 8 && p.data[13] === 0));
  // The filtered capture piped into vfm test again.
  const again = JSON.parse((await runCli(['test', '--json', ALL, '-'], r.stdoutBytes)).stdout) as { total: number };
  assert.equal(again.total, 118);
  const path = t.file('ipv4-only.pcap', r.stdoutBytes);
  try {
    const count = execFileSync('tcpdump', ['--count', '-r', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    assert.match(count, /^118 packets/m);
    const ip = execFileSync('tcpdump', ['--count', '-r', SAMPLE, 'ip'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    assert.match(ip, /^118 packets/m);
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') throw e;
  }
});

test('vfm filter: pcapng in, pcapng out with its interfaces, to a file; a damaged input writes the good part and exits 1', async () => {
  let pcapng: string;
  try {
    pcapng = join(t.dir, 'sample.pcapng');
    execFileSync('editcap', ['-F', 'pcapng', SAMPLE, pcapng], { stdio: 'ignore' });
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return;
    throw e;
  }
  const outPath = join(t.dir, 'filtered.pcapng');
  const r = await runCli(['filter', '-s', '--tier', 'interpreter', IPV4, pcapng, '-o', outPath]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, 'vfm filter: 199 packets read, 118 written, 0 faulted (tier interpreter)\n');
  const out = readAll(new Uint8Array(readFileSync(outPath)));
  assert.equal(out.reader.format, 'pcapng');
  assert.equal(out.packets.length, 118);
  const input = new Uint8Array(readFileSync(pcapng));
  const cutAt = readAll(input).packets[100].byteOffset + 40;
  const damaged = t.file('damaged.pcapng', input.subarray(0, cutAt));
  const d = await runCli(['filter', IPV4, damaged, '-o', outPath]);
  assert.equal(d.code, 1);
  assert.match(d.stderr, /error ERR_CAPTURE_TRUNCATED: truncated pcapng block/);
  const partial = readAll(new Uint8Array(readFileSync(outPath)));
  assert.equal(partial.error, undefined);
  assert.equal(partial.packets.length, readAll(input).packets.slice(0, 100).filter((p) => p.data[12] === 8 && p.data[13] === 0).length);
});

test('vfm filter on Linux cooked captures writes the original SLL bytes, not the synthesized Ethernet header', async () => {
  const sll = Uint8Array.from([0, 4, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0x08, 0x00, 0x45, 0, 0, 20, ...new Array(16).fill(7)]);
  const input = writePcap([{ data: sll, sec: 1, nsec: 0 }, { data: sll.map((b, k) => (k === 14 ? 0x86 : k === 15 ? 0xdd : b)), sec: 2, nsec: 0 }], { linkType: 113 });
  const r = await runCli(['filter', IPV4, '-'], input);
  assert.equal(r.code, 0, r.stderr);
  const out = readAll(r.stdoutBytes);
  assert.equal(out.packets.length, 1);
  assert.equal(out.packets[0].linkType, 113);
  assert.deepEqual(out.packets[0].stored, sll);
});

test('a real pipe: tcpdump -w - | vfm filter F - | tcpdump -r -', { skip: !hasTool('tcpdump') && 'tcpdump not installed' }, () => {
  const vfm = join(EXAMPLES_DIR, '..', 'bin', 'vfm.js');
  const out = execFileSync('sh', ['-c', `tcpdump -r "$1" -w - 2>/dev/null | node "$2" filter "$3" - | tcpdump --count -r - 2>/dev/null`, 'sh', SAMPLE, vfm, IPV4], {
    encoding: 'utf8',
  });
  assert.match(out, /^118 packets/m);
  const big = join(t.dir, 'big.pcap');
  // A capture larger than the pipe buffers, so back-pressure is exercised.
  const { packets } = readAll(sampleBytes);
  const many = [];
  for (let k = 0; k < 60; k++) for (const p of packets) many.push({ data: p.data, sec: k, nsec: 0 });
  t.file('big.pcap', writePcap(many));
  const count = execFileSync('sh', ['-c', `node "$1" filter "$2" < "$3" | tcpdump --count -r - 2>/dev/null`, 'sh', vfm, ALL, big], { encoding: 'utf8' });
  assert.match(count, new RegExp(`^${60 * packets.length} packets`, 'm'));
});


test('vfm demo (npm start): every example filter through vfm test over the sample, then one full report', async () => {
  const r = await runCli(['demo']);
  assert.equal(r.code, 0, r.stderr);
  const examples = readdirSync(EXAMPLES_DIR).filter((f) => /\.(vfm|vfl|bin)$/.test(f));
  assert.ok(examples.length > 0);
  for (const f of examples) assert.match(r.stdout, new RegExp(`^${f.replace('.', '\\.')} +199 +\\d+ +\\d+ +0 +\\w+$`, 'm'), f);
  // The stateful examples run over their own captures and drop exactly their attack packets.
  for (const [name, total, dropped] of [['dns_amplification', 331, 121], ['port_scan', 860, 86], ['rate_limit', 1264, 300], ['syn_flood', 540, 260]] as const) {
    for (const ext of ['vfl', 'vfm']) {
      assert.match(r.stdout, new RegExp(`^stateful/${name}\\.${ext} +${total} +${total - dropped} +${dropped} +0 +\\w+$`, 'm'), `${name}.${ext}`);
    }
  }
  assert.match(r.stdout, /^=== Statistics ===$/m);
});

test('vfm test gives TSTAMP each packet\'s capture time in nanoseconds, on every tier', async () => {
  const packets = readAll(sampleBytes).packets;
  const k = 60;
  const threshold = BigInt(packets[k].sec) * 1_000_000_000n + BigInt(packets[k].nsec);
  // accept packets captured at or after packet k+1's timestamp
  const filter = t.file('after.vfm', new TextEncoder().encode(`TSTAMP\nPUSH ${threshold}\nJGE late\nRET 0\nlate: RET 1\n`));
  const expected = packets.map((p) => (BigInt(p.sec) * 1_000_000_000n + BigInt(p.nsec) >= threshold ? 1 : 0));
  assert.ok(expected.includes(0) && expected.includes(1));
  for (const tier of ['auto', ...TIER_NAMES]) {
    const args = ['test', '--json', '--verdicts', filter, SAMPLE];
    const r = await runCli(tier === 'auto' ? args : ['test', '--tier', tier, ...args.slice(1)]);
    if (r.code === 2 && /not available/.test(r.stderr)) continue;
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).verdicts, expected, `tier ${tier}`);
  }
});
