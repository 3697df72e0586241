// The tcpdump capture corpus: every file is read to the end or stops with a CaptureError, and
// where capinfos could read a file (MANIFEST.tsv packets column is not '?') our packet count
// equals its count. When capinfos is installed, a live cross-check on a sample of files.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR, CORPUS_SKIP } from '../helpers/paths.js';
import { hasTool, etherTypeFilter, readAll } from '../helpers/capture.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { Interpreter } from '../../src/vm/interpreter.js';

const MANIFEST = join(CORPUS_DIR, 'MANIFEST.tsv');

interface Entry {
  readonly file: string;
  readonly format: string;
  readonly linkType: string;
  readonly packets: number | undefined;
}

function manifest(): Entry[] {
  const [, ...rows] = readFileSync(MANIFEST, 'utf8').trim().split('\n');
  return rows.map((row) => {
    const [file, format, linkType, packets] = row.split('\t');
    return { file, format, linkType, packets: packets === '?' ? undefined : Number(packets) };
  });
}


test('corpus: every capture is read to the end or stops with a CaptureError; counts match capinfos', { skip: CORPUS_SKIP }, () => {
  const entries = manifest();
  assert.ok(entries.length > 600, `MANIFEST lists ${entries.length} files`);
  const mismatches: string[] = [];
  let withCount = 0;
  for (const e of entries) {
    const bytes = new Uint8Array(readFileSync(join(CORPUS_DIR, e.file)));
    // Chunks of an odd size so records straddle chunk boundaries.
    const r = readAll(bytes, 4093);
    const format = e.format === 'pcap-ns' ? 'pcap' : e.format;
    if (r.error === undefined) assert.equal(r.reader.format, format, e.file);
    if (e.packets !== undefined) {
      withCount++;
      if (r.packets.length !== e.packets) mismatches.push(`${e.file}: ${r.packets.length} packets, capinfos ${e.packets}${r.error ? ` (${r.error.message})` : ''}`);
    }
  }
  assert.ok(withCount > 590);
  assert.deepEqual(mismatches, []);
});

test('corpus: live cross-check of packet counts against capinfos', { skip: CORPUS_SKIP || (!hasTool('capinfos') && 'capinfos not installed') }, () => {
  const entries = manifest().filter((e) => e.packets !== undefined);
  // Every 20th file: a spread of formats and link types, fast enough for every run.
  for (const e of entries.filter((_, k) => k % 20 === 0)) {
    const path = join(CORPUS_DIR, e.file);
    const out = execFileSync('capinfos', ['-c', '-M', '-T', '-r', path], { encoding: 'utf8' });
    const theirs = Number(out.trim().split('\t').pop());
    const ours = readAll(new Uint8Array(readFileSync(path))).packets.length;
    assert.equal(ours, theirs, e.file);
  }
});

/** `tcpdump --count -r FILE EXPR`, or undefined when tcpdump cannot apply EXPR to the link type. */
function tcpdumpCount(path: string, expr: string): number | undefined {
  try {
    const out = execFileSync('tcpdump', ['--count', '-r', path, expr], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const m = /^(\d+) packets?/m.exec(out);
    return m === null ? undefined : Number(m[1]);
  } catch {
    return undefined;
  }
}

test('corpus: on Ethernet, Linux cooked, raw IP and NULL captures an EtherType filter accepts what tcpdump "ip"/"ip6" match', { skip: CORPUS_SKIP || (!hasTool('tcpdump') && 'tcpdump not installed') }, () => {
  const kinds = new Set(['ether', 'linux-sll', 'rawip', 'rawip4', 'rawip6', 'null']);
  const filters = [
    ['ip', new Interpreter(verifyProgram(etherTypeFilter(0x0800)))],
    ['ip6', new Interpreter(verifyProgram(etherTypeFilter(0x86dd)))],
  ] as const;
  const entries = manifest().filter((e) => kinds.has(e.linkType) && e.packets !== undefined);
  // All non-Ethernet files, and every 4th Ethernet one to keep the run short.
  const chosen = entries.filter((e, k) => e.linkType !== 'ether' || k % 4 === 0);
  assert.ok(chosen.length > 100);
  const mismatches: string[] = [];
  let compared = 0;
  for (const e of chosen) {
    const path = join(CORPUS_DIR, e.file);
    const packets = readAll(new Uint8Array(readFileSync(path))).packets;
    for (const [expr, vm] of filters) {
      const theirs = tcpdumpCount(path, expr);
      if (theirs === undefined) continue;
      compared++;
      const ours = packets.filter((p) => vm.exec(p.data) === 1).length;
      if (ours !== theirs) mismatches.push(`${e.file} (${e.linkType}) ${expr}: ours ${ours}, tcpdump ${theirs}`);
    }
  }
  assert.ok(compared > 200, `compared ${compared}`);
  assert.deepEqual(mismatches, []);
});
