// Mutated captures for the standing fuzz guard (issue 17): seeded mutations of small pcap and
// pcapng files, each read whole and in chunks by our reader and, where gcc and libpcap-dev are
// installed, by libpcap in one oracle process (test/oracle/pcap-count.c) for the whole batch.
// `compareCaptures` returns a description of the first disagreement, or undefined.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAll, writePcap, writePcapng, type TestPacket } from '../helpers/capture.js';
import { buildOracle, runOracle } from '../helpers/oracle.js';
import { EXAMPLES_DIR } from '../helpers/paths.js';
import { pcapRecords } from '../helpers/pcap-records.js';

export type Rng = () => number;

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Rng, n: number): number => Math.floor(r() * n);

function pcapHead(file: Uint8Array, records: number): Uint8Array {
  const recs = pcapRecords(file, records);
  const out = new Uint8Array(24 + recs.reduce((n, r) => n + r.length, 0));
  out.set(file.subarray(0, 24));
  let at = 24;
  for (const r of recs) {
    out.set(r, at);
    at += r.length;
  }
  return out;
}

/** With the version field of a pcap file header set to major.minor (little-endian files). */
function withVersion(file: Uint8Array, major: number, minor: number): Uint8Array {
  const out = file.slice();
  const v = new DataView(out.buffer);
  v.setUint16(4, major, true);
  v.setUint16(6, minor, true);
  return out;
}

/** Small, varied base captures: pcap (both byte orders, ns, old versions) and pcapng (sections, interfaces). */
export function baseCaptures(): { name: string; bytes: Uint8Array }[] {
  const sample = pcapHead(new Uint8Array(readFileSync(join(EXAMPLES_DIR, 'sample.pcap'))), 12);
  const syn = pcapHead(new Uint8Array(readFileSync(join(EXAMPLES_DIR, 'stateful', 'syn_flood.pcap'))), 8);
  const frames: TestPacket[] = pcapRecords(sample).map((r, i) => ({ data: r.subarray(16), sec: 1_700_000_000 + i, nsec: i * 1000 }));
  const two = frames.map((f, i) => ({ ...f, interfaceId: i % 2 }));
  const sectioned = new Uint8Array([...writePcapng(frames.slice(0, 4)), ...writePcapng(frames.slice(4, 8), [1], false)]);
  return [
    { name: 'sample.pcap', bytes: sample },
    { name: 'syn_flood.pcap', bytes: syn },
    { name: 'big-endian-ns.pcap', bytes: writePcap(frames.slice(0, 6), { littleEndian: false, nanosecond: true }) },
    { name: 'v2.2-swapped.pcap', bytes: withVersion(swapLengths(sample), 2, 2) },
    { name: 'v2.3.pcap', bytes: withVersion(sample, 2, 3) },
    { name: 'two-interfaces.pcapng', bytes: writePcapng(two, [1, 1]) },
    { name: 'sections.pcapng', bytes: sectioned },
  ];
}

/** A pcap file with caplen and len exchanged in every record (the layout before version 2.3). */
export function swapLengths(file: Uint8Array): Uint8Array {
  const out = file.slice();
  const v = new DataView(out.buffer);
  for (let at = 24; at + 16 <= out.length; ) {
    const caplen = v.getUint32(at + 8, true);
    v.setUint32(at + 8, v.getUint32(at + 12, true), true);
    v.setUint32(at + 12, caplen, true);
    at += 16 + caplen;
  }
  return out;
}

const INTERESTING = [0, 1, 4, 12, 28, 0x7fffffff, 0xffffffff, 0x0a0d0d0a, 0x1a2b3c4d, 0x4d3c2b1a, 65535, 65536, 262144, 262145];

/** One to four seeded mutations: byte flips (mostly in headers), u32 overwrites, cuts, deletions, copies. */
export function mutate(base: Uint8Array, r: Rng): Uint8Array {
  let b = base.slice();
  const n = 1 + int(r, 4);
  for (let i = 0; i < n; i++) {
    const op = int(r, 6);
    if (b.length === 0) break;
    const pos = r() < 0.5 ? int(r, Math.min(b.length, 64)) : int(r, b.length);
    if (op <= 1) b[pos] ^= 1 << int(r, 8);
    else if (op === 2 && pos + 4 <= b.length) {
      const v = INTERESTING[int(r, INTERESTING.length)];
      new DataView(b.buffer, b.byteOffset).setUint32(pos & ~3, v, r() < 0.5);
    } else if (op === 3) b = b.slice(0, int(r, b.length + 1));
    else if (op === 4) {
      const len = 1 + int(r, 16);
      b = new Uint8Array([...b.subarray(0, pos), ...b.subarray(pos + len)]);
    } else {
      const len = 1 + int(r, 32);
      b = new Uint8Array([...b.subarray(0, pos), ...b.subarray(pos, pos + len), ...b.subarray(pos)]);
    }
  }
  return b;
}

export interface OurRead {
  readonly count: number;
  readonly lengths: readonly number[];
  readonly error: string | undefined;
  readonly format: string | undefined;
  readonly linkTypes: readonly number[];
}

/** Read with our reader, whole and in seeded chunks; throws if they disagree or on a non-CaptureError. */
export function readOurs(bytes: Uint8Array, r: Rng): OurRead {
  const whole = readAll(bytes);
  const chunk = 1 + int(r, 97);
  const chunked = readAll(bytes, chunk);
  const summary = (x: ReturnType<typeof readAll>): string =>
    `${x.packets.length} ${x.packets.map((p) => `${p.capturedLength}/${p.originalLength}/${p.sec}.${p.nsec}`).join(',')} ${x.error?.code ?? ''}@${x.error?.where.byteOffset ?? ''}`;
  if (summary(whole) !== summary(chunked)) throw new Error(`whole and ${chunk}-byte chunked reads differ:\n  ${summary(whole)}\n  ${summary(chunked)}`);
  return {
    count: whole.packets.length,
    lengths: whole.packets.map((p) => p.originalLength),
    error: whole.error?.code,
    format: whole.reader.format,
    linkTypes: whole.reader.linkTypes,
  };
}

/** libpcap's packet count and wire lengths for each file (one oracle process), or a reason to skip. */
export function libpcapRead(files: readonly string[]): { results?: (number[] | 'open-error')[]; skip?: string } {
  const oracle = buildOracle('pcap-count', ['-lpcap']);
  if (oracle.path === undefined) return { skip: oracle.skip };
  const lines = runOracle(oracle.path, [...files]).trimEnd().split('\n');
  return {
    results: lines.map((l) => {
      if (l === 'open-error') return 'open-error';
      const [n, ...lens] = l.split(' ').map(Number);
      return lens.length === n ? lens : [...lens, ...new Array<number>(n - lens.length).fill(-1)];
    }),
  };
}

/**
 * Where we knowingly read differently from libpcap (docs/captures.md): formats libpcap does not
 * read (.pkt), and pcapng files whose interfaces have different link types (libpcap stops at
 * such an interface; we read every interface with its own link type).
 */
export function knownDeviation(ours: OurRead): string | undefined {
  if (ours.format === 'pkt' || ours.format === undefined) return 'not pcap or pcapng';
  if (ours.format === 'pcapng' && ours.linkTypes.length > 1) return 'pcapng interfaces of several link types';
  return undefined;
}

export interface CaptureCase {
  readonly id: string;
  readonly bytes: Uint8Array;
}

/** The mutated cases of one seed: `count` files from the base captures. */
export function captureCases(seed: number, count: number): CaptureCase[] {
  const r = prng(seed);
  const bases = baseCaptures();
  const out: CaptureCase[] = [];
  for (let i = 0; i < count; i++) {
    const base = bases[i % bases.length];
    out.push({ id: `${base.name}#${i}`, bytes: mutate(base.bytes, r) });
  }
  return out;
}

/**
 * Check every case: whole vs chunked always; against libpcap when available. Returns the first
 * problem (with the case id) and how many cases were compared with libpcap.
 */
export function compareCaptures(seed: number, cases: readonly CaptureCase[], dir: string): { problem?: string; compared: number; skip?: string } {
  const r = prng(seed ^ 0x5bd1e995);
  const ours: OurRead[] = [];
  for (const c of cases) {
    try {
      ours.push(readOurs(c.bytes, r));
    } catch (e) {
      return { problem: `${c.id}: ${(e as Error).stack ?? String(e)}`, compared: 0 };
    }
  }
  const files = cases.map((c, i) => {
    const path = join(dir, `case-${i}.cap`);
    writeFileSync(path, c.bytes);
    return path;
  });
  const lib = libpcapRead(files);
  if (lib.results === undefined) return { compared: 0, skip: lib.skip };
  let compared = 0;
  for (let i = 0; i < cases.length; i++) {
    const o = ours[i];
    if (knownDeviation(o) !== undefined) continue;
    const l = lib.results[i];
    compared++;
    const theirs = l === 'open-error' ? [] : l;
    const same = theirs.length === o.count && theirs.every((len, k) => len === -1 || len === o.lengths[k]);
    if (!same) {
      return {
        compared,
        problem: `${cases[i].id} (${files[i]}): libpcap reads ${l === 'open-error' ? 'nothing (open error)' : `${theirs.length} packets`}, we read ${o.count} (${o.error ?? 'no error'}); wire lengths libpcap ${theirs.slice(0, 12).join(',')} ours ${o.lengths.slice(0, 12).join(',')}`,
      };
    }
  }
  return { compared };
}
