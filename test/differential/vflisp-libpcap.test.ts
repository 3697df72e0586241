// VFLisp against libpcap: each filter of FILTERS has a tcpdump equivalent; test/oracle/
// pcap-verdicts.c (built here with gcc -lpcap) prints libpcap's verdict per packet for every
// Ethernet capture of the corpus, and the compiled VFLisp filter must agree on every packet
// (a fault counts as drop) except for the exact, documented counts in EXPECTED_DIFFERENCES
// (reasons in docs/vflisp.md, "Differences from libpcap"). Skips with a message when gcc or
// libpcap is missing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileVflisp } from '../../src/lang/compile.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { createFilter, type PacketFilter } from '../../src/tiers/select.js';
import { parseHex } from '../../src/util/bytes.js';
import { CORPUS_DIR, TEST_DIR } from '../helpers/paths.js';
import { FILTERS } from './vflisp-pcap-filters.js';

/**
 * Packets where libpcap and VFLisp disagree, by filter id and capture file: exact counts.
 * Each reason is explained in docs/vflisp.md ("Differences from libpcap").
 */
const EXT_WALK = 'VFLisp walks IPv6 extension headers (hop-by-hop, routing) to the transport header; libpcap looks only at the fixed header';
const BAD_IP = 'the EtherType says IPv4/IPv6 but the header is invalid (wrong version nibble, IHL < 5 or past the captured bytes): VFLisp sees no IP header, libpcap trusts the EtherType';
const RUNT_NOT = 'a frame too short for the EtherType (0-4 bytes): libpcap rejects the packet on the out-of-bounds load even under `not`; in VFLisp the absent field makes (= proto 6) false, so (not ...) is true';
const CUT_EXT = 'the IPv6 fragment header is cut off by the snap length: VFLisp counts only a complete header, libpcap tests the Next Header byte';

const EXPECTED_DIFFERENCES: Readonly<Record<string, Readonly<Record<string, readonly [number, string]>>>> = {
  'ip': {
    'bad-ipv4-version-pgm-heapoverflow.pcap': [1, BAD_IP],
    'gre-heapoverflow-1.pcap': [1, BAD_IP],
    'ip_printroute_asan.pcap': [1, BAD_IP],
    'kday3.pcap': [1, BAD_IP],
  },
  'not-net': {
    'bad-ipv4-version-pgm-heapoverflow.pcap': [1, BAD_IP],
    'gre-heapoverflow-1.pcap': [1, BAD_IP],
    'ip_printroute_asan.pcap': [1, BAD_IP],
    'kday3.pcap': [1, BAD_IP],
  },
  'ip4-field': {
    'bad-ipv4-version-pgm-heapoverflow.pcap': [1, BAD_IP],
    'gre-heapoverflow-1.pcap': [1, BAD_IP],
  },
  'ip-len': {
    'bad-ipv4-version-pgm-heapoverflow.pcap': [1, BAD_IP],
    'gre-heapoverflow-1.pcap': [1, BAD_IP],
    'ip_printroute_asan.pcap': [1, BAD_IP],
  },
  'not-tcp': {
    'bgp_vpn_rt-oobr.pcap': [37, RUNT_NOT],
    'bigtcp-ipv6-hbh.pcap': [1, EXT_WALK],
    'kday3.pcap': [1, BAD_IP],
    'olsr-oobr-2.pcap': [2, RUNT_NOT],
    'pim_header_asan-2.pcap': [2, RUNT_NOT],
    'rx_serviceid_oobr.pcap': [1, RUNT_NOT],
  },
  'tcp': {
    'bigtcp-ipv6-hbh.pcap': [1, EXT_WALK],
    'kday3.pcap': [1, BAD_IP],
  },
  'dst-portrange': {
    'bigtcp-ipv6-hbh.pcap': [1, EXT_WALK],
    'ipv6-srh-insert-cksum.pcap': [1, EXT_WALK],
    'kday3.pcap': [1, BAD_IP],
  },
  'flags-low': {
    'bigtcp-ipv6-hbh.pcap': [1, EXT_WALK],
  },
  'icmp6': {
    'dcb_qcn.pcap': [3, EXT_WALK],
    'ipv6-bad-version.pcap': [2, BAD_IP],
    'ipv6_jumbogram_1.pcap': [1, EXT_WALK],
  },
  'frag': {
    'ip6_frag_asan.pcap': [1, CUT_EXT],
    'ip_printroute_asan.pcap': [1, BAD_IP],
  },
  'udp': {
    'ip_printroute_asan.pcap': [1, BAD_IP],
    'ipv6-srh-insert-cksum.pcap': [1, EXT_WALK],
    'ipv6_39_byte_header.pcap': [1, BAD_IP],
  },
  'ip6': {
    'ipv6-bad-version.pcap': [2, BAD_IP],
    'ipv6_39_byte_header.pcap': [1, BAD_IP],
  },
  'src-ll6': {
    'ipv6-bad-version.pcap': [1, BAD_IP],
  },
  'dst-mc6': {
    'ipv6-bad-version.pcap': [2, BAD_IP],
  },
  'dst-host6': {
    'ipv6-bad-version.pcap': [2, BAD_IP],
  },
  'nd6': {
    'ipv6-bad-version.pcap': [2, BAD_IP],
  },
  'hop-255': {
    'ipv6-bad-version.pcap': [2, BAD_IP],
  },
};

interface CaptureRun {
  readonly file: string;
  readonly diffs: Map<string, number>;
  readonly packets: number;
}

function buildOracle(dir: string): string | undefined {
  const exe = join(dir, 'pcap-verdicts');
  const r = spawnSync('gcc', ['-O2', '-o', exe, join(TEST_DIR, 'oracle', 'pcap-verdicts.c'), '-lpcap'], { encoding: 'utf8' });
  return r.status === 0 ? exe : undefined;
}

test('VFLisp agrees with libpcap on every Ethernet capture of the corpus', (t) => {
  if (!existsSync(CORPUS_DIR)) {
    t.skip(`no capture corpus at ${CORPUS_DIR}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'vfm-oracle-'));
  try {
    const exe = buildOracle(dir);
    if (exe === undefined) {
      t.skip('gcc or libpcap (libpcap-dev) is missing: cannot build test/oracle/pcap-verdicts.c');
      return;
    }
    assert.ok(FILTERS.length >= 40);
    const filters: PacketFilter[] = FILTERS.map(([, src]) => createFilter(verifyProgram(compileVflisp(src).bytes)));
    const expressions = FILTERS.map(([, , pcap]) => pcap);
    const files = readFileSync(join(CORPUS_DIR, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).map((l) => l.split('\t')[0]).filter((f) => f !== undefined && f !== '');
    const observed: Record<string, Record<string, number>> = {};
    let ethernetFiles = 0;
    let packets = 0;
    let truncatedPackets = 0;
    for (const file of files) {
      const r = spawnSync(exe, [join(CORPUS_DIR, file), ...expressions], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const lines = r.stdout.split('\n');
      if (r.status === 2 || lines[0] !== 'linktype 1') continue; // not opened by libpcap, or not Ethernet
      assert.notEqual(r.status, 3, `${file}: libpcap rejected a filter: ${lines[1]}`);
      ethernetFiles++;
      for (const line of lines.slice(1)) {
        if (line === '' || line.startsWith('truncated')) continue;
        const [hex, verdicts, wireLength] = line.split(' ');
        const packet = parseHex(hex)!;
        packets++;
        const truncated = Number(wireLength) !== packet.length;
        if (truncated) truncatedPackets++;
        filters.forEach((f, i) => {
          if (truncated && FILTERS[i][3] === 'wire-length') return;
          const ours = f.exec(packet) === 1;
          const theirs = verdicts[i] === '1';
          if (ours !== theirs) {
            const id = FILTERS[i][0];
            (observed[id] ??= {})[file] = (observed[id]?.[file] ?? 0) + 1;
          }
        });
      }
    }
    t.diagnostic(`${FILTERS.length} filters, ${ethernetFiles} Ethernet captures, ${packets} packets (${truncatedPackets} cut short by the snap length)`);
    assert.ok(ethernetFiles > 100, `only ${ethernetFiles} Ethernet captures found`);
    const expected = Object.fromEntries(Object.entries(EXPECTED_DIFFERENCES).map(([id, files]) => [id, Object.fromEntries(Object.entries(files).map(([f, [n]]) => [f, n]))]));
    assert.deepEqual(observed, expected, `observed differences:\n${JSON.stringify(observed, null, 1)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
