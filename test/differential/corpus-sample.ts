// A deterministic sample of real packets from the tcpdump corpus (classic pcap files only).

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR } from '../helpers/paths.js';
import { pcapRecords } from '../helpers/pcap-records.js';

export function loadCorpusSample(max: number): Uint8Array[] {
  if (!existsSync(CORPUS_DIR)) return [];
  const files = readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.pcap')).sort();
  const out: Uint8Array[] = [];
  for (let k = 0; k < files.length && out.length < max; k += Math.max(1, Math.floor(files.length / 40))) {
    for (const p of pcapRecords(new Uint8Array(readFileSync(join(CORPUS_DIR, files[k]))), 5)) out.push(p);
  }
  return out.slice(0, max);
}
