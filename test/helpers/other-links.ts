// Captures of the link types other than Ethernet that pcap-filter compiles for: the corpus's
// Linux cooked (SLL), raw IP (101, 228, 229) and BSD NULL files as they are, plus copies
// rewritten as SLL2 (from SLL), LOOP (from NULL) and DLT_RAW 12 (from raw IP 101), so every
// link type is covered by real traffic. The copies are classic pcap files in a temp folder.

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
  return (cached = [...native, ...derived]);
}
