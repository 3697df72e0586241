// The CLI runs a tcpdump expression as tcpdump does on captures that are not Ethernet: it is
// compiled for the capture's own link type and run on the stored bytes, so `vfm test -e`,
// `vfm filter -e`, `-F FILE`, `vfm show --filter`, `--workers` and `vfm compile --link DLT`
// give the counts of real `tcpdump -r FILE EXPR` on the corpus's Linux cooked, raw IP and
// BSD loopback captures (and SLL2/LOOP copies of them). A pcapng capture whose interfaces
// have different link types gets the expression compiled for each interface.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { readCapture } from '../../src/capture/reader.js';
import { storedBytes } from '../../src/capture/types.js';
import { runCli } from '../helpers/cli.js';
import { otherLinkCaptures } from '../helpers/other-links.js';
import { CORPUS_DIR } from '../helpers/paths.js';
import { oracleCbpf, pcapFilterOracle } from '../helpers/pcap-oracle.js';

const EXPRESSIONS = ['tcp port 80', 'udp', 'ip6', 'ip and len > 100', 'link[0] = 0', 'greater 200 or icmp6', 'udp port 6696 or tcp[tcpflags] & tcp-syn != 0'];
const FILES = ['forces2.pcap', 'babel.pcap', 'resp_2_inline.pcap', 'quic_vn.pcap', 'ikev2four.pcap', 'babel_rtt.pcap', 'mptcp-tcprst.pcap', 'ipv6_mobility_1.pcap', 'bgp-role.pcapng', 'LINKTYPE_IPV4.pcap'];

const dir = mkdtempSync(join(tmpdir(), 'vfm-link-cli-'));
const hasTcpdump = spawnSync('tcpdump', ['--version']).error === undefined;
const skip = !existsSync(CORPUS_DIR) ? `no shared corpus at ${CORPUS_DIR}` : !hasTcpdump ? 'tcpdump is not installed (apt-get install tcpdump): no counts to compare with' : undefined;

function packetsIn(path: string): number {
  let n = 0;
  readCapture(new Uint8Array(readFileSync(path)), () => n++);
  return n;
}

/** tcpdump's count for EXPR on FILE (what it writes with -w), or undefined when tcpdump refuses the expression. */
function tcpdumpCount(file: string, expr: string): number | undefined {
  const out = join(dir, `td-${basename(file)}.pcap`);
  const r = spawnSync('tcpdump', ['-r', file, '-w', out, expr], { encoding: 'utf8' });
  return r.status === 0 ? packetsIn(out) : undefined;
}

function captures(): string[] {
  const derived = otherLinkCaptures().filter((c) => c.linkType === 276 || c.linkType === 108).map((c) => c.file);
  return [...FILES.map((f) => join(CORPUS_DIR, f)), ...derived.filter((f) => /forces2|quic_vn/.test(f))];
}

test('vfm test -e and vfm filter -e give tcpdump\'s counts on SLL, SLL2, raw IP, NULL and LOOP captures', async (t) => {
  if (skip !== undefined) return t.skip(skip);
  let compared = 0;
  for (const file of captures()) {
    for (const expr of EXPRESSIONS) {
      const want = tcpdumpCount(file, expr);
      const r = await runCli(['test', '--json', '-e', expr, file]);
      if (want === undefined) {
        assert.notEqual(r.code, 0, `${basename(file)} '${expr}': tcpdump refuses it, vfm test ran it: ${r.stdout}`);
        continue;
      }
      assert.equal(r.code, 0, `${basename(file)} '${expr}': ${r.stderr}`);
      assert.equal(JSON.parse(r.stdout).accepted, want, `vfm test -e '${expr}' ${basename(file)}`);
      const out = join(dir, 'filtered.pcap');
      const f = await runCli(['filter', '-e', expr, file, '-o', out]);
      assert.equal(f.code, 0, f.stderr);
      assert.equal(packetsIn(out), want, `vfm filter -e '${expr}' ${basename(file)}`);
      compared++;
    }
  }
  t.diagnostic(`${compared} (capture, expression) counts equal to tcpdump's`);
});

test('-F FILE, a filter file, vfm show --filter and --workers 2 agree with tcpdump on other link types', async (t) => {
  if (skip !== undefined) return t.skip(skip);
  const exprFile = join(dir, 'expr.txt');
  for (const name of ['forces2.pcap', 'quic_vn.pcap', 'babel_rtt.pcap']) {
    const file = join(CORPUS_DIR, name);
    for (const expr of ['ip and len > 100', 'udp', 'link[0] = 0 or ip6']) {
      const want = tcpdumpCount(file, expr);
      writeFileSync(exprFile, expr + '\n');
      const viaF = await runCli(['test', '--json', '-F', exprFile, file]);
      const viaFile = await runCli(['test', '--json', exprFile, file]);
      if (want === undefined) {
        assert.notEqual(viaF.code, 0);
        continue;
      }
      assert.equal(JSON.parse(viaF.stdout).accepted, want, `-F ${expr} ${name}`);
      assert.equal(JSON.parse(viaFile.stdout).accepted, want, `FILTER file ${expr} ${name}`);
      const workers = await runCli(['test', '--json', '--workers', '2', '-e', expr, file]);
      assert.equal(workers.code, 0, workers.stderr);
      assert.equal(JSON.parse(workers.stdout).accepted, want, `--workers 2 ${expr} ${name}`);
      const show = await runCli(['show', '--filter', exprFile, file]);
      assert.equal(show.code, 0, show.stderr);
      assert.equal(show.stdout.split('\n').filter((l) => l !== '').length, want, `vfm show --filter ${expr} ${name}`);
    }
  }
});

test('link-level primitives: accepted or rejected as tcpdump does on the capture\'s link type', async (t) => {
  if (skip !== undefined) return t.skip(skip);
  const sll = join(CORPUS_DIR, 'forces2.pcap');
  for (const expr of ['ether host 1:2:3:4:5:6', 'ether broadcast', 'vlan', 'llc', 'mpls']) {
    const td = spawnSync('tcpdump', ['-r', sll, '-w', join(dir, 'x.pcap'), expr], { encoding: 'utf8' });
    const r = await runCli(['test', '-e', expr, sll]);
    assert.equal(r.code === 0, td.status === 0, `'${expr}' on SLL: tcpdump ${td.status === 0 ? 'runs' : `refuses (${td.stderr.trim()})`}, vfm exit ${r.code} ${r.stderr}`);
  }
  // VFLisp keeps the Ethernet presentation: (= ethertype 0x0800) matches the IPv4 packets of an SLL capture.
  const lisp = await runCli(['test', '--json', '--lisp', '(= ethertype 0x0800)', sll]);
  assert.equal(JSON.parse(lisp.stdout).accepted, tcpdumpCount(sll, 'ip'));
});

test('vfm compile --link DLT: the cBPF for that link type gives tcpdump\'s counts in libpcap\'s bpf_filter', async (t) => {
  if (skip !== undefined) return t.skip(skip);
  const oracle = pcapFilterOracle();
  if (oracle.path === undefined) return t.skip(oracle.skip!);
  const cases: [string, string][] = [['LINUX_SLL', 'forces2.pcap'], ['113', 'babel.pcap'], ['NULL', 'quic_vn.pcap'], ['raw', 'babel_rtt.pcap'], ['IPV6', 'ipv6_mobility_1.pcap'], ['IPV4', 'LINKTYPE_IPV4.pcap']];
  for (const [link, name] of cases) {
    const file = join(CORPUS_DIR, name);
    for (const expr of ['udp', 'ip6 or len > 100', 'tcp']) {
      const want = tcpdumpCount(file, expr);
      const r = await runCli(['compile', '-e', expr, '--target=cbpf', '--link', link]);
      if (want === undefined) {
        assert.notEqual(r.code, 0, `${expr} --link ${link}`);
        continue;
      }
      assert.equal(r.code, 0, r.stderr);
      const got: number = oracleCbpf(oracle.path, [r.stdout.trim().split('\n').join(',')], [file]).filter((l) => l === '1').length;
      assert.equal(got, want, `vfm compile -e '${expr}' --link ${link} on ${name}`);
    }
  }
  const bad = await runCli(['compile', '-e', 'ip', '--target=cbpf', '--link', 'ARCNET']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--link takes ethernet, ip or a link type/);
});

/** A pcapng file with interface 0 of link type `a` and interface 1 of `b`, the packets of each file on its interface. */
function mixedPcapng(fileA: string, a: number, fileB: string, b: number): string {
  const blocks: Uint8Array[] = [];
  const block = (type: number, body: Uint8Array): void => {
    const len = 12 + ((body.length + 3) & ~3);
    const u = new Uint8Array(len);
    const v = new DataView(u.buffer);
    v.setUint32(0, type, true);
    v.setUint32(4, len, true);
    u.set(body, 8);
    v.setUint32(len - 4, len, true);
    blocks.push(u);
  };
  const shb = new Uint8Array(16);
  new DataView(shb.buffer).setUint32(0, 0x1a2b3c4d, true);
  new DataView(shb.buffer).setUint16(4, 1, true);
  new DataView(shb.buffer).setBigInt64(8, -1n, true);
  block(0x0a0d0d0a, shb);
  for (const lt of [a, b]) {
    const idb = new Uint8Array(8);
    new DataView(idb.buffer).setUint16(0, lt, true);
    new DataView(idb.buffer).setUint32(4, 262144, true);
    block(1, idb);
  }
  [fileA, fileB].forEach((f, iface) => {
    readCapture(new Uint8Array(readFileSync(f)), (p) => {
      const data = storedBytes(p);
      const body = new Uint8Array(20 + data.length);
      const v = new DataView(body.buffer);
      v.setUint32(0, iface, true);
      v.setUint32(12, data.length, true);
      v.setUint32(16, p.originalLength, true);
      body.set(data, 20);
      block(6, body);
    });
  });
  const out = join(dir, 'mixed.pcapng');
  writeFileSync(out, Buffer.concat(blocks));
  return out;
}

test('a pcapng capture with Ethernet and SLL interfaces: the expression is compiled for each interface', async (t) => {
  if (skip !== undefined) return t.skip(skip);
  const ether = join(CORPUS_DIR, 'dhcp-rfc3004.pcap');
  const sll = join(CORPUS_DIR, 'babel.pcap');
  if (!existsSync(ether)) return t.skip(`no ${ether}`);
  const mixed = mixedPcapng(ether, 1, sll, 113);
  for (const expr of ['udp', 'ip6', 'len > 200', 'link[0] = 0']) {
    const want = tcpdumpCount(ether, expr)! + tcpdumpCount(sll, expr)!;
    const r = await runCli(['test', '--json', '-e', expr, mixed]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).accepted, want, `'${expr}' on the mixed capture`);
    const v = await runCli(['test', '--json', '--verdicts', '-e', expr, mixed]);
    assert.equal(JSON.parse(v.stdout).accepted, want);
  }
  const w = await runCli(['test', '--workers', '2', '-e', 'udp', mixed]);
  assert.equal(w.code, 2);
  assert.match(w.stderr, /interfaces of link types 1, 113; run without --workers/);
});
