// libpcap as the oracle for the pcap-filter front end: test/oracle/pcap-filter-oracle.c,
// built with gcc -lpcap, compiles a list of expressions once per capture (against the
// capture's own handle, optimize=1, PCAP_NETMASK_UNKNOWN) and prints each packet with
// libpcap's verdicts; these helpers run it once for many expressions and captures and
// compare our compiled filters with it.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseHex } from '../../src/util/bytes.js';
import { buildOracle, etherCaptures } from './oracle.js';
import { CORPUS_DIR } from './paths.js';

export const PCAP_FILTER_CORPUS = join(CORPUS_DIR, '..', 'pcap-filter');

export interface OraclePacket {
  readonly data: Uint8Array;
  readonly wireLength: number;
  /** One character per expression: 1 both accept, 0 both reject, o/u only the optimized/unoptimized program accepts, e error. */
  readonly verdicts: string;
}

export interface OracleCapture {
  readonly file: string;
  readonly linkType: number;
  readonly snaplen: number;
  /** Compile errors by expression index. */
  readonly errors: ReadonlyMap<number, string>;
  readonly packets: readonly OraclePacket[];
}

/** Build the oracle; `skip` says why it cannot run here. */
export function pcapFilterOracle(): { path?: string; skip?: string } {
  return buildOracle('pcap-filter-oracle', ['-lpcap']);
}

let tmp: string | undefined;
function tempFile(name: string, text: string): string {
  tmp ??= mkdtempSync(join(tmpdir(), 'vfm-pcap-'));
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

/** libpcap's verdicts for `expressions` over `captures` (default: every Ethernet capture). */
export function oracleVerdicts(oracle: string, expressions: readonly string[], captures: readonly string[] = etherCaptures()): OracleCapture[] {
  const file = tempFile(`exprs-${expressions.length}-${Date.now()}.txt`, expressions.join('\n') + '\n');
  const r = spawnSync(oracle, ['verdicts', file, ...captures], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`pcap-filter-oracle failed (${r.status}): ${r.stderr} ${r.stdout.slice(-500)}`);
  const out: OracleCapture[] = [];
  let cur: { file: string; linkType: number; snaplen: number; errors: Map<number, string>; packets: OraclePacket[] } | undefined;
  let k = 0;
  for (const line of r.stdout.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('capture ')) {
      const [, lt, snap] = line.split(' ');
      cur = { file: captures[k++], linkType: Number(lt), snaplen: Number(snap), errors: new Map(), packets: [] };
      out.push(cur);
    } else if (line.startsWith('error ')) {
      const m = /^error (\d+) (.*)$/.exec(line)!;
      cur!.errors.set(Number(m[1]), m[2]);
    } else {
      const [hex, wire, verdicts] = line.split(' ');
      cur!.packets.push({ data: parseHex(hex) ?? new Uint8Array(0), wireLength: Number(wire), verdicts });
    }
  }
  return out;
}

/** Rows of a shared TSV file (the header line dropped), split on tabs. */
export function readTsv(name: string): string[][] {
  return readFileSync(join(PCAP_FILTER_CORPUS, name), 'utf8').split('\n').slice(1).filter((l) => l !== '').map((l) => l.split('\t'));
}

/** libpcap's optimized cBPF instruction count per expression for Ethernet, or undefined on error. */
export function oracleSizes(oracle: string, expressions: readonly string[]): (number | undefined)[] {
  const file = tempFile(`sizes-${Date.now()}.txt`, expressions.join('\n') + '\n');
  const r = spawnSync(oracle, ['size', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`pcap-filter-oracle size failed: ${r.stderr}`);
  return r.stdout.trim().split('\n').map((l) => (l.startsWith('error') ? undefined : Number(l)));
}

/** bpf_filter's verdict ('1'/'0' per program) for cBPF programs over the captures, one string per packet. */
export function oracleCbpf(oracle: string, programs: readonly string[], captures: readonly string[]): string[] {
  const file = tempFile(`cbpf-${Date.now()}.txt`, programs.join('\n') + '\n');
  const r = spawnSync(oracle, ['cbpf', file, ...captures], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`pcap-filter-oracle cbpf failed (${r.status}): ${r.stdout.slice(0, 300)} ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l !== '');
}
