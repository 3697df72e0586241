// The benchmark's filters as listed in bench/filters.json: each one's VFM assembly
// (bench/filters/NAME.vfm, assembled and verified here), its tcpdump equivalent (null when
// there is none, e.g. for stateful filters) and the flow table it needs, if any.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble } from '../src/asm/assemble.js';
import { type VerifiedProgram, verifyProgram } from '../src/verify/verify.js';
import { FlowTable } from '../src/vm/flow-table.js';

function findBenchDir(): string {
  // Compiled to dist/bench/, the sources stay in bench/ of the repository.
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above the bench');
    dir = up;
  }
  return join(dir, 'bench');
}

/** bench/ in the source tree (filters, filters.json, bpf-bench.c). */
export const BENCH_DIR = findBenchDir();

export interface BenchFilter {
  readonly name: string;
  readonly summary: string;
  /** The equivalent tcpdump expression, or null when there is none. */
  readonly tcpdump: string | null;
  /** Flow-table slots the filter needs (0: none). */
  readonly flowTableSlots: number;
  readonly path: string;
  readonly program: VerifiedProgram;
}

interface FilterEntry {
  name: string;
  summary: string;
  tcpdump: string | null;
  flowTableSlots?: number;
}

/** Every filter of bench/filters.json, assembled and verified, in file order. */
export function loadBenchFilters(): BenchFilter[] {
  const list = JSON.parse(readFileSync(join(BENCH_DIR, 'filters.json'), 'utf8')) as { filters: FilterEntry[] };
  return list.filters.map((e) => {
    const path = join(BENCH_DIR, 'filters', `${e.name}.vfm`);
    const program = verifyProgram(assemble(readFileSync(path, 'utf8'), path).bytes);
    return { name: e.name, summary: e.summary, tcpdump: e.tcpdump, flowTableSlots: e.flowTableSlots ?? 0, path, program };
  });
}

/** A fresh flow table for a filter that needs one. */
export function flowTableFor(filter: BenchFilter): FlowTable | undefined {
  return filter.flowTableSlots > 0 ? new FlowTable(filter.flowTableSlots) : undefined;
}
