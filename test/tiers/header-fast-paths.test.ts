// What users write takes the header walk's fast paths (packet-ops' locateHeaders, the js tier's
// per-frame fast copies and inlined walk): VFLisp `(and (= proto 6) (= dst-port 80))` and
// pcap-filter `tcp dst port 80` must give, on every tier, the verdict the full walk
// (locateHeadersFull) implies, on crafted edge cases (IPv4 options and fragments, 802.1Q, QinQ
// and too many tags, IPv6 extension headers, every truncation of each) and on every packet of
// the shared corpus, also when run in place inside a larger buffer (execAt).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileVflisp } from '../../src/lang/index.js';
import { compilePcapFilter } from '../../src/pcap/index.js';
import { concat, ether, ipv4, ipv6, tcp, udp } from '../../src/packet/craft.js';
import { createFilter, detectTiers } from '../../src/tiers/select.js';
import { toHex } from '../../src/util/bytes.js';
import { HDR, locateHeadersFull } from '../../src/vm/packet-ops.js';
import { runReference } from '../../src/vm/reference.js';
import { verifyProgram } from '../../src/verify/verify.js';
import { CORPUS_DIR, CORPUS_SKIP } from '../helpers/paths.js';
import { pcapRecords } from '../helpers/pcap-records.js';

const LISP = verifyProgram(compileVflisp('(and (= proto 6) (= dst-port 80))').bytes);
const PCAP = verifyProgram(compilePcapFilter('tcp dst port 80').bytes);

/** The VFLisp filter's verdict from the full walk's facts: TCP with 4 transport bytes and destination port 80. */
function lispVerdict(p: Uint8Array): number {
  locateHeadersFull(p, 0, p.length);
  return HDR.l4Proto === 6 && HDR.l4Bytes >= 4 && ((p[HDR.l4 + 2] << 8) | p[HDR.l4 + 3]) === 80 ? 1 : 0;
}

/** An EtherType frame behind raw tags (TPID, VLAN id) pairs, outermost first. */
function tagged(tags: readonly (readonly [number, number])[], etherType: number, payload: Uint8Array): Uint8Array {
  const base = ether(etherType, payload);
  return concat(base.subarray(0, 12), tags.flatMap(([tpid, id]) => [tpid >> 8, tpid & 0xff, id >> 8, id & 0xff]), base.subarray(12));
}

function crafted(): Uint8Array[] {
  const t80 = tcp(40000, 80, 0x02, [1, 2, 3, 4]);
  const t443 = tcp(40000, 443, 0x02);
  const v4 = (o: Partial<Parameters<typeof ipv4>[0]>, payload = t80): Uint8Array => ipv4({ proto: 6, ...o }, payload);
  const hop = { type: 0, body: [1, 4, 0, 0, 0, 0] };
  const dst = { type: 60, body: [1, 4, 0, 0, 0, 0] };
  const routing = { type: 43, body: [0, 0, 0, 0, 0, 0] };
  const frag = (offset: number, more: boolean): { type: number; body: number[] } => ({ type: 44, body: [(offset >> 5) & 0xff, ((offset << 3) & 0xf8) | (more ? 1 : 0), 0, 0, 0, 7] });
  const ah = { type: 51, body: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] };
  const frames = [
    ether(0x0800, v4({})),
    ether(0x0800, v4({}, t443)),
    ether(0x0800, ipv4({ proto: 17 }, udp(40000, 80))),
    ether(0x0800, v4({ options: [1, 1, 1, 0] })),
    ether(0x0800, v4({ options: [1, 1, 1, 1, 1, 1, 1, 0] })),
    ether(0x0800, v4({ options: new Array<number>(40).fill(1) })),
    ether(0x0800, v4({ moreFragments: true })),
    ether(0x0800, v4({ fragOffset: 1 })),
    ether(0x0800, v4({ fragOffset: 185, moreFragments: true })),
    ether(0x0800, v4({ options: [1, 1, 1, 0], fragOffset: 3 })),
    ether(0x0800, v4({}), [100]),
    ether(0x0800, v4({ options: [1, 1, 1, 0] }), [100]),
    ether(0x0800, v4({}), [100, 7]),
    tagged([[0x88a8, 100], [0x8100, 7]], 0x0800, v4({})),
    tagged([[0x9100, 100]], 0x0800, v4({})),
    tagged(Array.from({ length: 8 }, (_, k) => [0x8100, k] as const), 0x0800, v4({})),
    tagged(Array.from({ length: 9 }, (_, k) => [0x8100, k] as const), 0x0800, v4({})),
    ether(0x86dd, ipv6(6, t80)),
    ether(0x86dd, ipv6(6, t443)),
    ether(0x86dd, ipv6(17, udp(40000, 80))),
    ether(0x86dd, ipv6(6, t80, [hop])),
    ether(0x86dd, ipv6(6, t80, [hop, routing, dst])),
    ether(0x86dd, ipv6(6, t80, [frag(0, true)])),
    ether(0x86dd, ipv6(6, t80, [frag(8, false)])),
    ether(0x86dd, ipv6(6, t80, [ah])),
    ether(0x86dd, ipv6(59, t80)),
    ether(0x86dd, ipv6(6, t80, Array.from({ length: 9 }, () => dst))),
    ether(0x86dd, ipv6(6, t80), [200]),
    tagged([[0x88a8, 1], [0x8100, 2]], 0x86dd, ipv6(6, t80, [hop])),
    ether(0x0806, new Uint8Array(28)),
    ether(0x0800, new Uint8Array(20).fill(0x45)),
    ether(0x0800, concat([0x65], v4({}).subarray(1))),
    ether(0x86dd, concat([0x45], ipv6(6, t80).subarray(1))),
  ];
  // every truncation of every frame: each fast path's and walk's length limits
  return frames.flatMap((f) => Array.from({ length: f.length + 1 }, (_, n) => f.subarray(0, n)));
}

function corpusFrames(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const f of readdirSync(CORPUS_DIR).filter((n) => n.endsWith('.pcap')).sort()) out.push(...pcapRecords(new Uint8Array(readFileSync(join(CORPUS_DIR, f)))));
  return out;
}

const tiers = detectTiers().filter((t) => t.available).map((t) => t.tier);

/** Every tier gives `want` on every frame, alone and in place at offset 3 of a larger buffer. */
function checkTiers(name: string, program: typeof LISP, frames: readonly Uint8Array[], want: (p: Uint8Array) => number): void {
  for (const tier of tiers) {
    const f = createFilter(program, { tier });
    for (const p of frames) {
      const expect = want(p);
      assert.equal(f.exec(p), expect, `${name} on ${tier}: frame ${toHex(p.subarray(0, 80))} (${p.length} bytes)`);
      const padded = new Uint8Array(p.length + 9).fill(0x86);
      padded.set(p, 3);
      assert.equal(f.execAt(padded, 3, p.length), expect, `${name} on ${tier} in place: frame ${toHex(p.subarray(0, 80))} (${p.length} bytes)`);
    }
  }
}

const pcapVerdict = (p: Uint8Array): number => {
  const r = runReference(PCAP.bytes, p);
  return r.kind === 'accept' ? 1 : r.kind === 'drop' ? 0 : r.code;
};

test(`VFLisp (and (= proto 6) (= dst-port 80)): every tier (${tiers.join(', ')}) gives the full walk's verdict on crafted edge cases and all their truncations`, () => {
  const frames = crafted();
  checkTiers('lisp', LISP, frames, lispVerdict);
  // the reference machine runs the same HDR
  for (const p of frames) assert.equal(runReference(LISP.bytes, p).kind === 'accept' ? 1 : 0, lispVerdict(p), `reference: ${toHex(p.subarray(0, 80))}`);
});

test(`pcap-filter 'tcp dst port 80': every tier gives the reference machine's verdict on crafted edge cases`, () => {
  checkTiers('pcap', PCAP, crafted(), pcapVerdict);
});

test('VFLisp and pcap-filter tcp port 80 on every packet of the shared corpus: every tier gives the full walk\'s (reference\'s) verdict', { skip: CORPUS_SKIP }, () => {
  const frames = corpusFrames();
  assert.ok(frames.length > 0, `no classic pcap files in ${CORPUS_DIR}`);
  checkTiers('lisp', LISP, frames, lispVerdict);
  checkTiers('pcap', PCAP, frames, pcapVerdict);
});
