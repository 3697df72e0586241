// Captures of the link types other than Ethernet that pcap-filter compiles for: the corpus's
// Linux cooked (SLL), raw IP (101, 228, 229) and BSD NULL files as they are, plus copies
// rewritten as SLL2 (from SLL), LOOP (from NULL) and DLT_RAW 12 (from raw IP 101), so every
// link type is covered by real traffic, and a small synthesized Geneve capture per link type
// (the corpus has no Geneve). All written as classic pcap files in a temp folder.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { readCapture } from '../../src/capture/reader.js';
import { storedBytes } from '../../src/capture/types.js';
import { CORPUS_DIR, CORPUS_SKIP } from './paths.js';

/** MANIFEST.tsv link-type names of the corpus files used as they are. */
const MANIFEST_LINKS: Readonly<Record<string, number>> = { 'linux-sll': 113, null: 0, rawip: 101, rawip4: 228, rawip6: 229 };

export interface LinkCapture {
  readonly file: string;
  readonly linkType: number;
}

interface Rec {
  sec: number;
  usec: number;
  data: Uint8Array;
  wire: number;
}

function readRecords(path: string): Rec[] {
  const out: Rec[] = [];
  try {
    readCapture(new Uint8Array(readFileSync(path)), (p) => {
      out.push({ sec: p.timestampSec, usec: Math.floor(p.timestampNsec / 1000), data: storedBytes(p).slice(), wire: p.originalLength });
    });
  } catch {
    // A damaged tail: keep the packets before it.
  }
  return out;
}

function writePcap(path: string, linkType: number, recs: readonly Rec[]): void {
  const size = 24 + recs.reduce((s, r) => s + 16 + r.data.length, 0);
  const b = new Uint8Array(size);
  const v = new DataView(b.buffer);
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, 262144, true);
  v.setUint32(20, linkType, true);
  let at = 24;
  for (const r of recs) {
    v.setUint32(at, r.sec >>> 0, true);
    v.setUint32(at + 4, r.usec, true);
    v.setUint32(at + 8, r.data.length, true);
    v.setUint32(at + 12, r.wire, true);
    b.set(r.data, at + 16);
    at += 16 + r.data.length;
  }
  writeFileSync(path, b);
}

/** SLL (16-byte header) to SLL2 (20-byte header), keeping every field; short headers stay short. */
function sllToSll2(r: Rec): Rec {
  const d = r.data;
  if (d.length < 16) return { ...r, data: d.slice(), wire: r.wire };
  const h = new Uint8Array(20 + d.length - 16);
  h[0] = d[14]; // protocol
  h[1] = d[15];
  h[4] = 0; // interface index 3
  h[7] = 3;
  h[8] = d[2]; // ARPHRD type
  h[9] = d[3];
  h[10] = d[1]; // packet type
  h[11] = d[5]; // address length
  h.set(d.subarray(6, 14), 12);
  h.set(d.subarray(16), 20);
  return { ...r, data: h, wire: r.wire + 4 };
}

/** NULL (family in the writer's byte order) to LOOP (family in network byte order). */
function nullToLoop(r: Rec): Rec {
  const d = r.data.slice();
  if (d.length >= 4) {
    let family = (d[0] | (d[1] << 8) | (d[2] << 16) | (d[3] << 24)) >>> 0;
    if ((family & 0xffff0000) !== 0) family = ((d[0] << 24) | (d[1] << 16) | (d[2] << 8) | d[3]) >>> 0;
    d[0] = family >>> 24;
    d[1] = (family >>> 16) & 0xff;
    d[2] = (family >>> 8) & 0xff;
    d[3] = family & 0xff;
  }
  return { ...r, data: d };
}

/** Network-layer packets carrying Geneve (UDP 6081): over IPv4 and IPv6, Ethernet and IP inside, with options and a VNI. */
function genevePackets(): { v6: boolean; data: Uint8Array }[] {
  const bytes = (...parts: (number[] | Uint8Array)[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));
  const ipv4 = (proto: number, payload: Uint8Array) => bytes([0x45, 0, 0, 20 + payload.length, 0, 1, 0, 0, 64, proto, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2], payload);
  const ipv6 = (next: number, payload: Uint8Array) => bytes([0x60, 0, 0, 0, payload.length >> 8, payload.length & 0xff, next, 64], new Array(15).fill(0), [1], new Array(15).fill(0), [2], payload);
  const udp = (sport: number, dport: number, payload: Uint8Array) => bytes([sport >> 8, sport & 0xff, dport >> 8, dport & 0xff, 0, 8 + payload.length, 0, 0], payload);
  const tcp = (sport: number, dport: number, flags: number) => bytes([sport >> 8, sport & 0xff, dport >> 8, dport & 0xff, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, flags, 0xff, 0xff, 0, 0, 0, 0], new Array(8).fill(0xab));
  const geneve = (optWords: number, proto: number, vni: number, inner: Uint8Array) =>
    bytes([optWords & 0x3f, 0, proto >> 8, proto & 0xff, vni >> 16, (vni >> 8) & 0xff, vni & 0xff, 0], new Array(optWords * 4).fill(0x11), inner);
  const ether = (type: number, payload: Uint8Array) => bytes([0, 1, 2, 3, 4, 5, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, type >> 8, type & 0xff], payload);
  const out: { v6: boolean; data: Uint8Array }[] = [];
  for (const [v6, outer] of [[false, (p: Uint8Array) => ipv4(17, p)], [true, (p: Uint8Array) => ipv6(17, p)]] as const) {
    out.push({ v6, data: outer(udp(5000, 6081, geneve(0, 0x6558, 10, ether(0x0800, ipv4(6, tcp(1234, 80, 0x02)))))) });
    out.push({ v6, data: outer(udp(5000, 6081, geneve(2, 0x6558, 0xabcdef, ether(0x86dd, ipv6(17, udp(53, 53, new Uint8Array(12))))))) });
    out.push({ v6, data: outer(udp(5000, 6081, geneve(1, 0x0800, 10, ipv4(17, udp(1000, 2000, new Uint8Array(30)))))) });
    out.push({ v6, data: outer(udp(5000, 6081, geneve(0, 0x86dd, 7, ipv6(6, tcp(443, 1234, 0x12))))) });
    out.push({ v6, data: outer(udp(6081, 9999, new Uint8Array(20))) });
    out.push({ v6, data: outer(udp(5000, 6081, bytes([0x40], new Array(30).fill(0)))) });
  }
  return out;
}

/** The link-layer header of a packet for `linkType` (v6: the network layer is IPv6), or undefined when the link type cannot carry it. */
function linkHeader(linkType: number, v6: boolean): number[] | undefined {
  const et = v6 ? [0x86, 0xdd] : [0x08, 0x00];
  switch (linkType) {
    case 113:
      return [0, 0, 0, 1, 0, 6, 0, 1, 2, 3, 4, 5, 0, 0, ...et];
    case 276:
      return [...et, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 0, 1, 2, 3, 4, 5, 0, 0];
    case 0:
      return v6 ? [24, 0, 0, 0] : [2, 0, 0, 0];
    case 108:
      return v6 ? [0, 0, 0, 24] : [0, 0, 0, 2];
    case 228:
      return v6 ? undefined : [];
    case 229:
      return v6 ? [] : undefined;
    default:
      return [];
  }
}

let cached: LinkCapture[] | undefined;

/** Every capture of SLL, SLL2, NULL, LOOP and raw IP link types (corpus files and rewritten copies); none without the corpus. */
export function otherLinkCaptures(): LinkCapture[] {
  if (cached !== undefined) return cached;
  if (CORPUS_SKIP !== undefined) return (cached = []);
  const manifest = readFileSync(join(CORPUS_DIR, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  const native = manifest
    .filter((f) => Object.hasOwn(MANIFEST_LINKS, f[2]))
    .map((f) => ({ file: join(CORPUS_DIR, f[0]), linkType: MANIFEST_LINKS[f[2]] }))
    .sort((a, b) => (a.file < b.file ? -1 : 1));
  const dir = mkdtempSync(join(tmpdir(), 'vfm-links-'));
  const derived: LinkCapture[] = [];
  for (const c of native) {
    const to = c.linkType === 113 ? { lt: 276, f: sllToSll2 } : c.linkType === 0 ? { lt: 108, f: nullToLoop } : c.linkType === 101 ? { lt: 12, f: (r: Rec) => r } : undefined;
    if (to === undefined) continue;
    const file = join(dir, `${to.lt}-${basename(c.file).replace(/\.pcapng$/, '.pcap')}`);
    writePcap(file, to.lt, readRecords(c.file).map(to.f));
    derived.push({ file, linkType: to.lt });
  }
  // Geneve traffic (none in the corpus) on every link type.
  for (const lt of [113, 276, 0, 108, 101, 228, 229]) {
    const recs: Rec[] = [];
    for (const g of genevePackets()) {
      const h = linkHeader(lt, g.v6);
      if (h === undefined) continue;
      const data = Uint8Array.from([...h, ...g.data]);
      recs.push({ sec: 1, usec: recs.length, data, wire: data.length });
      // The same packet cut short inside the Geneve header.
      recs.push({ sec: 1, usec: recs.length, data: data.subarray(0, h.length + (g.v6 ? 40 : 20) + 10), wire: data.length });
    }
    const file = join(dir, `${lt}-geneve.pcap`);
    writePcap(file, lt, recs);
    derived.push({ file, linkType: lt });
  }
  return (cached = [...native, ...derived]);
}
