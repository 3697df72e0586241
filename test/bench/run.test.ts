// `npm run bench` end to end on a tiny setting (no timing is asserted): the JSON report has a
// row per filter, mode and tier with consistent numbers, libpcap rows when gcc and libpcap are
// there, equal accepted counts everywhere, compile/memory rows, and a `vfm test` capture run.
// Also the option checks.

import { test } from 'node:test';
import { hasTool } from '../helpers/capture.js';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.js';
import { parseSettings } from '../../bench/run.js';
import { detectTiers } from '../../src/tiers/select.js';

const RUN = join(REPO_ROOT, 'dist', 'bench', 'run.js');

interface Row {
  filter: string;
  mode: string;
  tier: string;
  nsPerPacket: number;
  mpps: number;
  minNs: number;
  maxNs: number;
  accepted: number;
  packets: number;
  ratioToLibpcap: number | null;
}

test('npm run bench --json: a row per filter, mode and tier, libpcap included, and a capture run', () => {
  const args = [RUN, '--json', '--filter', 'tcp-dst-80,syn-flood', '--tier', 'libpcap,js,wasm-batch,interpreter', '--runs', '3000', '--hot-frames', '200', '--cold-frames', '500', '--repeats', '2', '--capture-mb', '1'];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { results: Row[]; libpcap: { available: boolean }; setup: { filter: string; tier: string; compileMedianMs: number; memoryBytes: number }[]; capture: { tier: string; packets: number; accepted: number; mbPerSec: number; fileBytes: number }[]; goals: { met: boolean | null }[]; mismatches: string[] };
  const available = new Set(detectTiers().filter((s) => s.available).map((s) => s.tier));
  const tiers = ['js', 'wasm-batch', 'interpreter'].filter((t) => available.has(t.replace('-batch', '') as 'js'));
  if (report.libpcap.available) tiers.push('libpcap');
  for (const filter of ['tcp-dst-80', 'syn-flood']) {
    for (const mode of ['hot', 'cold']) {
      const rows = report.results.filter((x) => x.filter === filter && x.mode === mode);
      const expected = tiers.filter((t) => !(t === 'libpcap' && filter === 'syn-flood'));
      assert.deepEqual(rows.map((x) => x.tier).sort(), [...expected].sort(), `${filter} ${mode}`);
      for (const row of rows) {
        assert.ok(row.nsPerPacket > 0 && row.minNs <= row.nsPerPacket && row.nsPerPacket <= row.maxNs, JSON.stringify(row));
        assert.ok(Math.abs(row.mpps - 1e3 / row.nsPerPacket) < 1e-9);
        assert.equal(row.packets, mode === 'hot' ? 3000 : 500);
        assert.equal(row.accepted, rows[0].accepted, `${filter} ${mode} ${row.tier} accepted`);
        if (report.libpcap.available && filter === 'tcp-dst-80') assert.equal(typeof row.ratioToLibpcap, 'number');
      }
      // 500 cold frames hold too few SYNs per flooding source to pass the threshold.
      if (filter === 'tcp-dst-80' || mode === 'hot') assert.ok(rows[0].accepted > 0 && rows[0].accepted < rows[0].packets, `${filter} ${mode}: ${rows[0].accepted}`);
    }
  }
  assert.deepEqual(report.mismatches, []);
  // The multi-core rows: main thread against 1 and 2 workers, for a stateless and two stateful filters.
  const workers = (report as unknown as { workers: { filter: string; packets: number; mainThreadPps: number; workers: { workers: number; pps: number }[] }[] }).workers;
  assert.deepEqual(workers.map((w) => w.filter), ['stateless', 'rate-by', 'scan+rate']);
  for (const w of workers) {
    assert.equal(w.packets, 3000);
    assert.ok(w.mainThreadPps > 0);
    assert.deepEqual(w.workers.map((x) => x.workers), [1, 2]);
  }
  assert.equal(report.setup.length, 2 * tiers.filter((t) => t === 'js' || t === 'interpreter').length);
  // Small filters retain a few hundred bytes an instance, near the heap's noise; the flow
  // table of syn-flood is megabytes.
  for (const s of report.setup) assert.ok(s.compileMedianMs > 0 && s.memoryBytes >= (s.filter === 'syn-flood' ? 1 << 20 : 0), JSON.stringify(s));
  assert.ok(report.capture.length >= 2, 'auto plus each requested tier');
  for (const c of report.capture) {
    assert.ok(c.fileBytes >= 2 ** 20 && c.packets > 0 && c.mbPerSec > 0, JSON.stringify(c));
    assert.equal(c.accepted, report.capture[0].accepted);
  }
  // issue 16: set sizes on each measured tier (no auto runs: lisp-tcp-80 is not among the filters)
  const sets = (report as unknown as { sets: { tier: string; n: number; nsPerPacket: number; accepted: number }[] }).sets;
  assert.deepEqual([...new Set(sets.map((r) => r.n))], [10, 100, 1000, 10000, 100000]);
  for (const r of sets) assert.ok(r.nsPerPacket > 0 && r.accepted > 0 && r.accepted < 3000, JSON.stringify(r));
  // The end-to-end rows of issue 16: against tcpdump (when installed) and --workers 2 against 1.
  const pipeline = (JSON.parse(r.stdout) as { pipeline: { rows: { name: string; ratio: number; baselineMs: number; oursMs: number }[] } }).pipeline;
  const names = pipeline.rows.map((x) => x.name);
  assert.ok(names.includes('--workers 2, stateless') && names.includes('--workers 2, stateful rate-by'), names.join(', '));
  if (hasTool('tcpdump')) assert.ok(names.includes('write the matches') && names.includes('count the matches'), names.join(', '));
  for (const x of pipeline.rows) assert.ok(x.ratio > 0 && x.baselineMs > 0 && x.oursMs > 0, JSON.stringify(x));
  assert.equal(report.goals.length, 8 + pipeline.rows.length);
  for (const g of report.goals) assert.ok(g.met === null || typeof g.met === 'boolean');
});

test('bench options: quick settings, filters, tiers and errors', () => {
  const names = ['accept-all', 'tcp-dst-80'];
  const rows = ['libpcap', 'js', 'interpreter'] as const;
  const quick = parseSettings(['--quick', '--filter', 'tcp-dst-80', '--tier', 'js', '--mode', 'cold'], names, rows)!;
  assert.deepEqual([quick.settings.filters, quick.settings.rows, quick.settings.modes], [['tcp-dst-80'], ['js'], ['cold']]);
  assert.ok(quick.settings.runs < 1_000_000 && quick.settings.coldFrames < 1_000_000);
  const full = parseSettings(['--json'], names, rows)!;
  assert.equal(full.json, true);
  assert.deepEqual([full.settings.runs, full.settings.coldFrames, full.settings.captureBytes >= 1e9], [1_000_000, 1_000_000, true]);
  assert.throws(() => parseSettings(['--filter', 'nope'], names, rows), /unknown filter 'nope'/);
  assert.throws(() => parseSettings(['--tier', 'fast'], names, rows), /unknown tier 'fast'/);
  assert.throws(() => parseSettings(['--mode', 'warm'], names, rows), /--mode must be hot or cold/);
  assert.throws(() => parseSettings(['--repeats', '0'], names, rows), /--repeats needs a whole number of at least 1/);
});
