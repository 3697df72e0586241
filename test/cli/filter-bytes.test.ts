// `vfm filter` writes exactly the bytes `tcpdump -r x -w y EXPR` writes, on a capture of several
// read chunks (records straddle the 1 MiB reads, and long runs of accepted records go out as
// slices of the input chunk), from the installed executable (bin/vfm.js: the CLI bundle) and
// in-process; `vfm test`, also with 2 workers reading byte ranges, counts what tcpdump writes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { concat, hasTool, tempDir } from '../helpers/capture.js';
import { spawnVfm } from '../helpers/spawn-cli.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { PcapWriter } from '../../src/capture/writer.js';
import { makeFrames } from '../../bench/mix.js';

const FILTER = join(REPO_ROOT, 'bench', 'filters', 'tcp-dst-80.vfm');
const EXPRESSION = 'ip and tcp dst port 80';
const skip = !hasTool('tcpdump') && 'tcpdump not installed';

/** The bench mix cycled, then 3000 copies of each of its first 24 frames (long runs). */
function capture(): Uint8Array {
  const frames = makeFrames(4096, 1616);
  const out: Uint8Array[] = [];
  const w = new PcapWriter((c) => out.push(c.slice()));
  const frame = (i: number): Uint8Array => frames.data.subarray(frames.offsets[i], frames.offsets[i] + frames.lengths[i]);
  let k = 0;
  for (; k < 3 * frames.count; k++) w.writePacket(frame((k * 7) % frames.count), 1_764_000_000 + (k >> 10), (k & 1023) * 977);
  for (let i = 0; i < 24; i++) for (let n = 0; n < 3000; n++, k++) w.writePacket(frame(i), 1_764_000_000 + (k >> 10), (k & 1023) * 977);
  w.flush();
  return concat(out);
}

const t = tempDir();
const input = t.file('in.pcap', capture());

function tcpdumpOutput(): Uint8Array {
  const out = join(t.dir, 'tcpdump.pcap');
  execFileSync('tcpdump', ['-r', input, '-w', out, EXPRESSION], { stdio: 'ignore' });
  return readFileSync(out);
}

test('vfm filter writes the bytes tcpdump -w writes, from bin/vfm.js and in-process', { skip }, async () => {
  const expected = tcpdumpOutput();
  assert.ok(readFileSync(input).length > 8 << 20, 'the capture spans several reads');
  assert.ok(expected.length > 1 << 20, 'long runs of accepted records');
  const spawned = join(t.dir, 'spawned.pcap');
  const r = spawnVfm(['filter', FILTER, input, '-o', spawned]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(Buffer.from(readFileSync(spawned)).equals(Buffer.from(expected)), 'bin/vfm.js output differs from tcpdump -w');
  const inProcess = join(t.dir, 'in-process.pcap');
  const c = await runCli(['filter', FILTER, input, '-o', inProcess]);
  assert.equal(c.code, 0, c.stderr);
  assert.ok(Buffer.from(readFileSync(inProcess)).equals(Buffer.from(expected)), 'in-process output differs from tcpdump -w');
  // Through a pipe (standard output) as well.
  const piped = execFileSync(process.execPath, [join(REPO_ROOT, 'bin', 'vfm.js'), 'filter', FILTER, input], { maxBuffer: 1 << 30 });
  assert.ok(piped.equals(Buffer.from(expected)), 'standard output differs from tcpdump -w');
});

test('vfm test counts the packets tcpdump -w writes, single-threaded and with 2 range workers', { skip }, () => {
  const expected = Number(execFileSync('sh', ['-c', `tcpdump -r "$1" -w - "$2" 2>/dev/null | tcpdump --count -r - 2>/dev/null`, 'sh', input, EXPRESSION], { encoding: 'utf8' }).match(/(\d+) packets?/)![1]);
  for (const extra of [[], ['--workers', '2']]) {
    const r = spawnVfm(['test', FILTER, input, '--json', ...extra]);
    assert.equal(r.code, 0, r.stderr);
    const obj = JSON.parse(r.stdout.trim().split('\n').pop()!) as { accepted: number; workers?: { count: number } };
    assert.equal(obj.accepted, expected, `vfm test ${extra.join(' ')}`);
    if (extra.length > 0) assert.equal(obj.workers?.count, 2, 'the run used the range workers');
  }
});
