// Differential test of the pcap-filter front end against libpcap: every expression of the
// shared expressions.tsv (608) on every packet of every Ethernet capture of the corpus
// (347) gives libpcap's verdict. Where libpcap's optimized and unoptimized programs differ
// on a packet (the optimizer removed a load that would have rejected it), either verdict
// is accepted: we compile libpcap's unoptimized semantics (docs/pcap-filter.md). One fast
// tier runs everything; the other tiers run a sample and must agree with it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { compilePcapFilter, type PcapFilterProgram } from '../../src/pcap/index.js';
import { createFilter, TIER_NAMES, type PacketFilter } from '../../src/tiers/select.js';
import { formatError, type FilterError } from '../../src/diag/errors.js';
import { PCAP_FILTER_CORPUS, oracleVerdicts, pcapFilterOracle, readTsv } from '../helpers/pcap-oracle.js';
import { CORPUS_DIR } from '../helpers/paths.js';
import { SYSTEM_NAMES } from '../helpers/pcap-names.js';

const MAX_REPORTED = 25;

test('pcap-filter: every shared expression gives libpcap\'s verdict on every Ethernet packet of the corpus', (t) => {
  if (!existsSync(CORPUS_DIR) || !existsSync(PCAP_FILTER_CORPUS)) return t.skip(`no shared corpus at ${CORPUS_DIR}`);
  const oracle = pcapFilterOracle();
  if (oracle.path === undefined) return t.skip(oracle.skip!);
  const exprs = readTsv('expressions.tsv').map((r) => r[0]);
  assert.equal(exprs.length, 608);
  const captures = oracleVerdicts(oracle.path, exprs);
  assert.equal(captures.length, 347);
  // Differences by expression: how many, and the first example.
  const byExpr = new Map<string, { n: number; first: string }>();
  const report = (expr: string, s: string) => {
    const e = byExpr.get(expr);
    if (e === undefined) byExpr.set(expr, { n: 1, first: s });
    else e.n++;
  };
  const compiled: (PcapFilterProgram | FilterError)[] = exprs.map((e) => {
    try {
      return compilePcapFilter(e, { names: SYSTEM_NAMES });
    } catch (err) {
      return err as FilterError;
    }
  });
  const filters: (PacketFilter | undefined)[] = compiled.map((c) => ('bytes' in c ? createFilter(c.program, { tier: 'js' }) : undefined));
  let differences = 0;
  let packets = 0;
  let either = 0;
  for (const cap of captures) {
    assert.equal(cap.linkType, 1, cap.file);
    for (const [i, msg] of cap.errors) {
      if (filters[i] !== undefined) {
        differences++;
        report(exprs[i], `libpcap rejects it on ${cap.file} (${msg}), we compile it`);
      }
    }
    for (let n = 0; n < cap.packets.length; n++) {
      const p = cap.packets[n];
      packets++;
      for (let i = 0; i < exprs.length; i++) {
        const f = filters[i];
        const want = p.verdicts[i];
        if (f === undefined) {
          if (want !== 'e') {
            differences++;
            report(exprs[i], `we reject it (${formatError(compiled[i] as FilterError).split('\n')[0]}), libpcap compiles it`);
          }
          continue;
        }
        if (want === 'o' || want === 'u') {
          either++;
          continue;
        }
        const got = f.exec(p.data, 0, 0, p.wireLength) > 0;
        if (got !== (want === '1')) {
          differences++;
          report(exprs[i], `${cap.file.split('/').pop()} packet ${n + 1} (${p.data.length}/${p.wireLength} bytes): libpcap ${want === '1' ? 'accepts' : 'rejects'}, we ${got ? 'accept' : 'reject'}`);
        }
      }
    }
  }
  // The other tiers on a sample: every 16th expression over every packet.
  let sampled = 0;
  for (const tier of TIER_NAMES) {
    if (tier === 'js') continue;
    for (let i = 0; i < exprs.length; i += 16) {
      const c = compiled[i];
      if (!('bytes' in c)) continue;
      const other = createFilter(c.program, { tier });
      for (const cap of captures) {
        for (const p of cap.packets) {
          sampled++;
          const a = filters[i]!.exec(p.data, 0, 0, p.wireLength);
          const b = other.exec(p.data, 0, 0, p.wireLength);
          if ((a > 0) !== (b > 0)) {
            differences++;
            report(exprs[i], `tier ${tier} ${b > 0 ? 'accepts' : 'rejects'}, js ${a > 0 ? 'accepts' : 'rejects'} (${cap.file})`);
          }
        }
      }
    }
  }
  t.diagnostic(`${exprs.length} expressions x ${packets} packets; ${either} verdicts where libpcap's optimized and unoptimized programs differ; ${sampled} sampled runs on the other tiers`);
  const lines = [...byExpr].sort((a, b) => b[1].n - a[1].n).slice(0, MAX_REPORTED).map(([e, d]) => `${e}: ${d.n} differences, e.g. ${d.first}`);
  assert.equal(differences, 0, `${differences} differences from libpcap in ${byExpr.size} expressions:\n${lines.join('\n')}`);
});
