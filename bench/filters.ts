// The benchmark's filters as listed in bench/filters.json: each one's program, VFM assembly
// (bench/filters/NAME.vfm, assembled and verified here) or VFLisp (bench/filters/NAME.vfl,
// compiled here: what users write), its tcpdump equivalent (null when there is none, e.g. for
// stateful filters) and the flow table it needs, if any.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble } from '../src/asm/assemble.js';
import { compileVflisp } from '../src/lang/compile.js';
import { type VerifiedProgram, verifyProgram } from '../src/verify/verify.js';
import { FlowTable } from '../src/vm/flow-table.js';
import { pcapBenchFilters } from './pcap-filter.js';

/** bench/ in the source tree (filters, filters.json, bpf-bench.c). */
export const BENCH_DIR = fileURLToPath(new URL('../../bench/', import.meta.url)); // from dist/bench/

export interface BenchFilter {
  readonly name: string;
  readonly summary: string;
  /** The equivalent tcpdump expression, or null when there is none. */
  readonly tcpdump: string | null;
  /** Flow-table slots the filter needs (0: none). */
  readonly flowTableSlots: number;
  readonly path: string;
  /** The source language of the program (pcap: the tcpdump expression itself, bench/pcap-filter.ts). */
  readonly language: 'assembly' | 'vflisp' | 'pcap';
  readonly program: VerifiedProgram;
}

interface FilterEntry {
  name: string;
  summary: string;
  tcpdump: string | null;
  flowTableSlots?: number;
  /** 'vflisp' when the program is bench/filters/NAME.vfl (default: assembly, NAME.vfm). */
  language?: 'vflisp';
}

/** Every filter of bench/filters.json, assembled and verified, in file order, then the pcap-filter ones. */
export function loadBenchFilters(): BenchFilter[] {
  const list = JSON.parse(readFileSync(join(BENCH_DIR, 'filters.json'), 'utf8')) as { filters: FilterEntry[] };
  const fromFiles = list.filters.map((e): BenchFilter => {
    const language = e.language ?? 'assembly';
    const path = join(BENCH_DIR, 'filters', `${e.name}.${language === 'vflisp' ? 'vfl' : 'vfm'}`);
    const text = readFileSync(path, 'utf8');
    const bytes = language === 'vflisp' ? compileVflisp(text, path).bytes : assemble(text, path).bytes;
    return { name: e.name, summary: e.summary, tcpdump: e.tcpdump, flowTableSlots: e.flowTableSlots ?? 0, path, language, program: verifyProgram(bytes) };
  });
  return [...fromFiles, ...pcapBenchFilters()];
}

/** A fresh flow table for a filter that needs one. */
export function flowTableFor(filter: BenchFilter): FlowTable | undefined {
  return filter.flowTableSlots > 0 ? new FlowTable(filter.flowTableSlots) : undefined;
}
