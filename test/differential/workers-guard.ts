// The seeded guard of `--workers` (npm test and `npm run fuzz`): a random stateful VFLisp filter,
// written as .vfl, as assembly (.vfm, the disassembled bytecode) and as compiled bytecode (.bin),
// run by `vfm test --json --verdicts` single-threaded and with --workers 2 over a mixed capture.
// Every form must give the single-threaded verdicts (sharded, or single-threaded with a warning).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from '../../bench/mix.js';
import { disassemble } from '../../src/asm/index.js';
import { compileVflisp } from '../../src/lang/compile.js';
import { runCli } from '../helpers/cli.js';
import { mixedStatefulCapture } from '../helpers/stateful-mix.js';

const PARTS = ['src-ip', 'dst-ip', 'src-port', 'dst-port', 'proto', '(& src-ip 0xffffff00)', 'src-ip4', 'dst-ip6', 'ip-len'];
const GUARDS = ['(= proto 6)', '(= proto 17)', '(tcp-flag syn)', '(not (tcp-flag ack))', '(= dst-port 53)', '(= ip-version 6)', '(> ip-len 100)'];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function keyParts(r: () => number): string[] {
  const n = 1 + Math.floor(r() * 3);
  const out: string[] = [];
  while (out.length < n) {
    const p = pick(r, PARTS);
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

function statefulTerm(r: () => number): string {
  const keys = keyParts(r).join(' ');
  const x = r();
  if (x < 0.35) return `(${pick(r, ['<', '<=', '>'])} (count-by ${keys}) ${1 + Math.floor(r() * 20)})`;
  if (x < 0.6) return `(${pick(r, ['<', '<='])} (rate-by ${keys} ${pick(r, ['10ms', '100ms', '1s'])}) ${1 + Math.floor(r() * 30)})`;
  if (x < 0.8) return `(< (distinct-by ${keys} ${pick(r, ['dst-port', 'src-port', 'proto'])}${r() < 0.5 ? ' 1s' : ''}) ${2 + Math.floor(r() * 10)})`;
  const parts = keyParts(r);
  return `(if ${pick(r, GUARDS)} (flow-set (flow-key ${parts.join(' ')}) 1) (= (flow-get (flow-key ${[...parts].reverse().join(' ')})) 0))`;
}

/** A random stateful filter: one to three stateful terms under and/or/not, some guarded. */
export function randomStatefulFilter(seed: number): string {
  const r = rng(seed);
  const terms = Array.from({ length: 1 + Math.floor(r() * 3) }, () => {
    const t = statefulTerm(r);
    return r() < 0.4 ? `(and ${pick(r, GUARDS)} ${t})` : r() < 0.2 ? `(not ${t})` : t;
  });
  return terms.length === 1 ? terms[0] : `(${pick(r, ['and', 'or'])} ${terms.join(' ')})`;
}

interface Report {
  verdicts: number[];
  workers?: { count: number };
}

async function verdicts(args: string[]): Promise<{ report: Report; stderr: string } | string> {
  const r = await runCli(['test', '--json', '--verdicts', ...args]);
  if (r.code !== 0) return `vfm test ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`;
  return { report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

/** What one seed checked: the filter, and how each form was run with workers. */
export interface GuardResult {
  readonly filter: string;
  /** undefined when every form agreed, else what differed (with the files to reproduce it). */
  readonly failure: string | undefined;
  /** Per form: 'sharded' or 'single-threaded' (fell back with a warning). */
  readonly modes: Readonly<Record<string, string>>;
}

/**
 * Check one seed in `dir` (files are left there for reproduction).
 * @param capture pcap bytes; default: the mixed capture of this seed
 */
export async function checkWorkersSeed(seed: number, dir: string, capture?: Uint8Array): Promise<GuardResult> {
  const filter = randomStatefulFilter(seed);
  const bytes = compileVflisp(filter).bytes;
  const files = {
    vfl: join(dir, `guard-${seed}.vfl`),
    vfm: join(dir, `guard-${seed}.vfm`),
    bin: join(dir, `guard-${seed}.bin`),
  };
  writeFileSync(files.vfl, filter + '\n');
  writeFileSync(files.vfm, disassemble(bytes));
  writeFileSync(files.bin, bytes);
  const pcap = join(dir, `guard-${seed}.pcap`);
  writeFileSync(pcap, capture ?? mixedStatefulCapture(seed));
  const single = await verdicts([files.bin, pcap]);
  if (typeof single === 'string') return { filter, failure: single, modes: {} };
  const modes: Record<string, string> = {};
  for (const [form, path] of Object.entries(files)) {
    const multi = await verdicts(['--workers', '2', path, pcap]);
    if (typeof multi === 'string') return { filter, failure: multi, modes };
    modes[form] = multi.report.workers === undefined ? 'single-threaded' : 'sharded';
    const a = single.report.verdicts;
    const b = multi.report.verdicts;
    const at = a.findIndex((v, k) => v !== b[k]);
    if (a.length !== b.length || at >= 0) {
      return {
        filter,
        modes,
        failure: `${form}: --workers 2 differs from the single-threaded run at packet ${at + 1} (${b[at]} against ${a[at]}); reproduce: vfm test --json --verdicts --workers 2 ${path} ${pcap}`,
      };
    }
  }
  return { filter, failure: undefined, modes };
}
