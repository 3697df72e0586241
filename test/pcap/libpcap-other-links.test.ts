// Differential test of the pcap-filter front end against libpcap on the link types other
// than Ethernet: every expression of the shared expressions.tsv (608), compiled for the
// capture's own link type, on every packet of every Linux cooked (SLL, SLL2), raw IP
// (101, 12, 228, 229) and BSD loopback (NULL, LOOP) capture of test/helpers/other-links.ts.
// Compile and reject decisions must be libpcap's (an expression libpcap rejects on the link
// type is a FilterError for us), and so must the verdicts, from the js tier and from our
// cBPF output run in libpcap's own bpf_filter. A few expressions with names from
// /etc/networks and /etc/ethers are added (both sides read this machine's files).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { compilePcapFilter, type PcapFilterProgram } from '../../src/pcap/index.js';
import { createFilter, type PacketFilter } from '../../src/tiers/select.js';
import { compileCbpf, formatCbpfDecimal } from '../../src/targets/cbpf/index.js';
import { FilterError, formatError } from '../../src/diag/errors.js';
import { PCAP_FILTER_CORPUS, oracleCbpf, oracleVerdicts, pcapFilterOracle, readTsv } from '../helpers/pcap-oracle.js';
import { otherLinkCaptures } from '../helpers/other-links.js';
import { CORPUS_DIR } from '../helpers/paths.js';
import { SYSTEM_NAMES } from '../helpers/pcap-names.js';

const MAX_REPORTED = 30;
/** Names libpcap and we both look up in this machine's /etc/networks and /etc/ethers. */
const NAME_EXPRESSIONS = ['net loopback', 'src net LOOPBACK', 'dst net link-local or udp', 'ip net loopback', 'net no-such-network', 'ether host no-such-host', 'ether src no-such-host'];
/** The DLT libpcap reports (pcap_datalink) for a file's LINKTYPE. */
const DLT_OF: Readonly<Record<number, number>> = { 101: 12 };

test('pcap-filter: libpcap\'s compile decisions and verdicts on SLL, SLL2, raw IP, NULL and LOOP captures', (t) => {
  if (!existsSync(CORPUS_DIR) || !existsSync(PCAP_FILTER_CORPUS)) return t.skip(`no shared corpus at ${CORPUS_DIR}`);
  const oracle = pcapFilterOracle();
  if (oracle.path === undefined) return t.skip(oracle.skip!);
  const exprs = [...readTsv('expressions.tsv').map((r) => r[0]), ...NAME_EXPRESSIONS];
  const caps = otherLinkCaptures();
  const captures = oracleVerdicts(oracle.path, exprs, caps.map((c) => c.file));
  assert.equal(captures.length, caps.length);
  const byExpr = new Map<string, { n: number; first: string }>();
  const report = (expr: string, s: string) => {
    const e = byExpr.get(expr);
    if (e === undefined) byExpr.set(expr, { n: 1, first: s });
    else e.n++;
  };
  const linkTypes = [...new Set(caps.map((c) => c.linkType))].sort((a, b) => a - b);
  const compiled = new Map<number, (PcapFilterProgram | FilterError)[]>();
  const filters = new Map<number, (PacketFilter | undefined)[]>();
  for (const lt of linkTypes) {
    const cs = exprs.map((e) => {
      try {
        return compilePcapFilter(e, { names: SYSTEM_NAMES, linkType: lt });
      } catch (err) {
        if (!(err instanceof FilterError)) {
          report(e, `link type ${lt}: the compiler crashed: ${String(err)}`);
          return new FilterError('ERR_INTERNAL', String(err), {});
        }
        return err;
      }
    });
    compiled.set(lt, cs);
    filters.set(lt, cs.map((c) => ('bytes' in c ? createFilter(c.program, { tier: 'js' }) : undefined)));
  }
  let differences = 0;
  let packets = 0;
  let either = 0;
  const seen = new Set<string>();
  for (let k = 0; k < captures.length; k++) {
    const cap = captures[k];
    const lt = caps[k].linkType;
    assert.equal(cap.linkType, DLT_OF[lt] ?? lt, cap.file);
    const fs = filters.get(lt)!;
    const cs = compiled.get(lt)!;
    for (let i = 0; i < exprs.length; i++) {
      const key = `${lt} ${i}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const theirs = cap.errors.get(i);
      if (theirs !== undefined && fs[i] !== undefined) {
        differences++;
        report(exprs[i], `link type ${lt}: libpcap rejects it (${theirs}), we compile it`);
      } else if (theirs === undefined && fs[i] === undefined) {
        differences++;
        report(exprs[i], `link type ${lt}: we reject it (${formatError(cs[i] as FilterError).split('\n')[0]}), libpcap compiles it`);
      }
    }
    for (let n = 0; n < cap.packets.length; n++) {
      const p = cap.packets[n];
      packets++;
      for (let i = 0; i < exprs.length; i++) {
        const f = fs[i];
        const want = p.verdicts[i];
        if (f === undefined || want === 'e') continue;
        if (want === 'o' || want === 'u') {
          either++;
          continue;
        }
        const got = f.exec(p.data, 0, 0, p.wireLength) > 0;
        if (got !== (want === '1')) {
          differences++;
          report(exprs[i], `link type ${lt} ${cap.file.split('/').pop()} packet ${n + 1} (${p.data.length}/${p.wireLength} bytes): libpcap ${want === '1' ? 'accepts' : 'rejects'}, we ${got ? 'accept' : 'reject'}`);
        }
      }
    }
  }
  // Our cBPF output in libpcap's bpf_filter, one oracle run per link type.
  let lowered = 0;
  for (const lt of linkTypes) {
    const progs: { i: number; text: string }[] = [];
    compiled.get(lt)!.forEach((c, i) => {
      if (!('bytes' in c)) return;
      try {
        progs.push({ i, text: formatCbpfDecimal(compileCbpf(c.program, {}).insns).trim().split('\n').join(',') });
      } catch (e) {
        if (!(e instanceof FilterError)) throw e;
      }
    });
    lowered += progs.length;
    const idx = captures.map((_, k) => k).filter((k) => caps[k].linkType === lt);
    const got = oracleCbpf(oracle.path, progs.map((p) => p.text), idx.map((k) => caps[k].file));
    const want = idx.flatMap((k) => captures[k].packets.map((p, n) => ({ p, n, file: caps[k].file })));
    assert.equal(got.length, want.length);
    for (let n = 0; n < want.length; n++) {
      for (let j = 0; j < progs.length; j++) {
        const w = want[n].p.verdicts[progs[j].i];
        if (w === 'o' || w === 'u' || w === 'e') continue;
        if ((got[n][j] === '1') !== (w === '1')) {
          differences++;
          report(exprs[progs[j].i], `cbpf, link type ${lt} ${want[n].file.split('/').pop()} packet ${want[n].n + 1}: bpf_filter ${got[n][j]}, libpcap ${w}`);
        }
      }
    }
  }
  t.diagnostic(`${exprs.length} expressions x ${packets} packets of ${captures.length} captures (link types ${linkTypes.join(', ')}); ${either} verdicts where libpcap's optimized and unoptimized programs differ; ${lowered} programs lowered to cBPF`);
  const lines = [...byExpr].sort((a, b) => b[1].n - a[1].n).slice(0, MAX_REPORTED).map(([e, d]) => `${e}: ${d.n} differences, e.g. ${d.first}`);
  assert.equal(differences, 0, `${differences} differences from libpcap in ${byExpr.size} expressions:\n${lines.join('\n')}`);
});

test('pcap-filter: reject.tsv expressions are compiled or rejected as libpcap does on every other link type', (t) => {
  if (!existsSync(CORPUS_DIR) || !existsSync(PCAP_FILTER_CORPUS)) return t.skip(`no shared corpus at ${CORPUS_DIR}`);
  const oracle = pcapFilterOracle();
  if (oracle.path === undefined) return t.skip(oracle.skip!);
  const exprs = readTsv('reject.tsv').map((r) => r[0]);
  // One small capture per link type: only the compile decisions are compared here.
  const byLink = new Map<number, string>();
  for (const c of otherLinkCaptures()) if (!byLink.has(c.linkType) && statSync(c.file).size < 400) byLink.set(c.linkType, c.file);
  const links = [...byLink];
  const captures = oracleVerdicts(oracle.path, exprs, links.map(([, f]) => f));
  const bad: string[] = [];
  let compiles = 0;
  for (let k = 0; k < links.length; k++) {
    const [lt] = links[k];
    for (let i = 0; i < exprs.length; i++) {
      let ours: string | undefined;
      try {
        compilePcapFilter(exprs[i], { names: SYSTEM_NAMES, linkType: lt });
      } catch (e) {
        if (!(e instanceof FilterError)) throw e;
        ours = e.message;
      }
      const theirs = captures[k].errors.get(i);
      if (theirs === undefined) compiles++;
      if ((ours === undefined) !== (theirs === undefined)) bad.push(`link type ${lt}: ${exprs[i]}: libpcap ${theirs === undefined ? 'compiles it' : `rejects it (${theirs})`}, we ${ours === undefined ? 'compile it' : `reject it (${ours})`}`);
    }
  }
  t.diagnostic(`${exprs.length} expressions on link types ${links.map(([lt]) => lt).join(', ')}: ${compiles} compile in libpcap`);
  assert.deepEqual(bad.slice(0, 40), [], `${bad.length} differences`);
});
