// The classic BPF target on a new source of programs: every shared pcap-filter expression,
// compiled to VFM and lowered to cBPF, run by libpcap's own bpf_filter (with the records'
// wire lengths) on every Ethernet capture, gives libpcap's verdicts. Programs the target
// cannot express (the protochain loop) are counted, not compared. Also checks the code-size
// table of docs/pcap-filter.md against a fresh measurement.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { compilePcapFilter } from '../../src/pcap/index.js';
import { compileCbpf, formatCbpfDecimal } from '../../src/targets/cbpf/index.js';
import { FilterError } from '../../src/diag/errors.js';
import { PCAP_FILTER_CORPUS, oracleCbpf, oracleVerdicts, pcapFilterOracle, readTsv } from '../helpers/pcap-oracle.js';
import { etherCaptures } from '../helpers/oracle.js';
import { CORPUS_DIR } from '../helpers/paths.js';
import { SYSTEM_NAMES } from '../helpers/pcap-names.js';
import { BEGIN, DOC, END, measureSizes, sizeTable } from '../../scripts/pcap-size-table.js';

test('pcap-filter through the cbpf target: libpcap\'s bpf_filter gives libpcap\'s verdicts', (t) => {
  if (!existsSync(CORPUS_DIR) || !existsSync(PCAP_FILTER_CORPUS)) return t.skip(`no shared corpus at ${CORPUS_DIR}`);
  const oracle = pcapFilterOracle();
  if (oracle.path === undefined) return t.skip(oracle.skip!);
  const exprs = readTsv('expressions.tsv').map((r) => r[0]);
  const lowered: { i: number; text: string }[] = [];
  let refused = 0;
  for (let i = 0; i < exprs.length; i++) {
    const prog = compilePcapFilter(exprs[i], { names: SYSTEM_NAMES }).program;
    try {
      const insns = compileCbpf(prog, {}).insns;
      lowered.push({ i, text: formatCbpfDecimal(insns).trim().split('\n').join(',') });
    } catch (e) {
      if (!(e instanceof FilterError)) throw e;
      refused++;
    }
  }
  const captures = etherCaptures();
  const want = oracleVerdicts(oracle.path, exprs, captures);
  const got = oracleCbpf(oracle.path, lowered.map((l) => l.text), captures);
  const packets = want.flatMap((c) => c.packets);
  assert.equal(got.length, packets.length);
  const bad: string[] = [];
  for (let n = 0; n < packets.length; n++) {
    for (let k = 0; k < lowered.length; k++) {
      const w = packets[n].verdicts[lowered[k].i];
      if (w === 'o' || w === 'u') continue;
      if ((got[n][k] === '1') !== (w === '1') && bad.length < 20) bad.push(`${exprs[lowered[k].i]}: packet ${n}: bpf_filter ${got[n][k]}, libpcap ${w}`);
    }
  }
  t.diagnostic(`${lowered.length} of ${exprs.length} expressions lowered to cBPF (${refused} refused by the target), ${packets.length} packets`);
  assert.deepEqual(bad, []);
});

test('docs/pcap-filter.md has the current code-size table', (t) => {
  if (!existsSync(PCAP_FILTER_CORPUS)) return t.skip(`no shared corpus at ${PCAP_FILTER_CORPUS}`);
  if (pcapFilterOracle().path === undefined) return t.skip(pcapFilterOracle().skip!);
  const doc = readFileSync(DOC, 'utf8');
  const committed = doc.slice(doc.indexOf(BEGIN), doc.indexOf(END) + END.length);
  assert.equal(committed, sizeTable(measureSizes()), 'regenerate: npm run build && node dist/scripts/pcap-size-table.js --write');
});
