// Output formats of a classic BPF program: `ddd` (tcpdump -ddd: a count line, then decimal
// `code jt jf k` lines; joined with commas it is what `iptables -m bpf --bytecode` takes),
// `dd` (tcpdump -dd: a C array of struct sock_filter initialisers), `d` (tcpdump -d: the
// readable listing) and `json`.

import { type CbpfInsn, formatCbpfInsn } from './insn.js';
import type { CbpfProgram } from './lower.js';

export const CBPF_FORMATS = ['ddd', 'dd', 'd', 'json'] as const;
export type CbpfFormat = (typeof CBPF_FORMATS)[number];

/** tcpdump -ddd. */
export function formatCbpfDecimal(insns: readonly CbpfInsn[]): string {
  return [String(insns.length), ...insns.map((x) => `${x.code} ${x.jt} ${x.jf} ${x.k >>> 0}`)].join('\n') + '\n';
}

/** tcpdump -dd. */
export function formatCbpfC(insns: readonly CbpfInsn[]): string {
  const hex = (v: number, width: number): string => '0x' + (v >>> 0).toString(16).padStart(width, '0');
  return insns.map((x) => `{ ${hex(x.code, 1)}, ${x.jt}, ${x.jf}, ${hex(x.k, 8)} },`).join('\n') + '\n';
}

/** tcpdump -d. */
export function formatCbpfListing(insns: readonly CbpfInsn[]): string {
  return insns.map((x, n) => formatCbpfInsn(x, n)).join('\n') + '\n';
}

export function formatCbpfJson(prog: CbpfProgram): string {
  const insns = prog.insns.map((x) => ({ code: x.code, jt: x.jt, jf: x.jf, k: x.k >>> 0 }));
  return JSON.stringify({ target: 'cbpf', link: prog.link, semantics: prog.semantics, accept: prog.accept, scratchWords: prog.scratchWords, insns }, null, 2) + '\n';
}

export function formatCbpf(prog: CbpfProgram, format: CbpfFormat): string {
  switch (format) {
    case 'ddd':
      return formatCbpfDecimal(prog.insns);
    case 'dd':
      return formatCbpfC(prog.insns);
    case 'd':
      return formatCbpfListing(prog.insns);
    case 'json':
      return formatCbpfJson(prog);
  }
}

/**
 * Parse the `ddd` form back (a count line, then `code jt jf k` lines; commas also separate).
 * @returns the instructions, or a message saying what is wrong
 */
export function parseCbpfDecimal(text: string): CbpfInsn[] | string {
  const lines = text.split(/[\n,]/).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0 || !/^\d+$/.test(lines[0])) return 'the first line must be the instruction count';
  const count = Number(lines[0]);
  if (lines.length - 1 !== count) return `the count says ${count} instructions, ${lines.length - 1} follow`;
  const out: CbpfInsn[] = [];
  for (let n = 1; n < lines.length; n++) {
    const f = lines[n].split(/\s+/);
    if (f.length !== 4 || f.some((x) => !/^\d+$/.test(x))) return `line ${n + 1}: expected 'code jt jf k'`;
    out.push({ code: Number(f[0]), jt: Number(f[1]), jf: Number(f[2]), k: Number(f[3]) });
  }
  return out;
}
