// Turning the lowering's symbolic instruction list into final classic BPF: labels become
// forward offsets, conditional jumps whose target lies more than 255 instructions ahead go
// through `ja` trampolines (inserted until the layout is stable), a `ja` to the very next
// instruction is dropped, and symbolic scratch words get M[] indices.

import { CompileError } from '../../diag/errors.js';
import { BPF, CBPF_MAX_INSNS, CBPF_MEMWORDS, type CbpfInsn } from './insn.js';
import { type FlatInsn, optimizeCbpf } from './optimize.js';

/** A scratch word named by what it holds: the low or high half of the stack slot at `depth`, or header-walk word `depth`. */
export interface MemRef {
  readonly half: 'lo' | 'hi' | 'hdr';
  readonly depth: number;
}

export type Item =
  | { readonly t: 'op'; readonly code: number; readonly k: number; readonly mem?: MemRef; readonly pc: number }
  | { readonly t: 'cond'; readonly code: number; readonly k: number; readonly jt: number; readonly jf: number; readonly pc: number; readonly near?: boolean }
  | { readonly t: 'ja'; readonly target: number; readonly pc: number }
  | { readonly t: 'label'; readonly id: number };

const MAX_COND = 255;

/**
 * Lay out the items.
 * @throws {CompileError} ERR_TARGET_SCRATCH when more than 16 scratch words are needed,
 *   ERR_TARGET_TOO_LARGE past 4096 instructions
 */
export function layoutCbpf(items: readonly Item[]): { insns: CbpfInsn[]; scratchWords: number } {
  // Drop `ja` to the next instruction, and `ld M[r]` right after `st M[r]` (A already holds it).
  const kept: Item[] = [];
  for (let n = 0; n < items.length; n++) {
    const it = items[n];
    const prev = kept[kept.length - 1];
    if (
      it.t === 'op' &&
      it.code === (BPF.LD | BPF.MEM) &&
      prev?.t === 'op' &&
      prev.code === BPF.ST &&
      prev.mem?.half === it.mem?.half &&
      prev.mem?.depth === it.mem?.depth
    ) {
      continue;
    }
    if (it.t === 'ja') {
      let m = n + 1;
      let falls = false;
      while (m < items.length && items[m].t === 'label') {
        if ((items[m] as { id: number }).id === it.target) falls = true;
        m++;
      }
      if (falls) continue;
    }
    kept.push(it);
  }

  removeDeadStores(kept);
  const flat = optimizeCbpf(flatten(kept));

  // Conditional jumps that need trampolines: for each, whether jt / jf go through a `ja`.
  const farT = new Uint8Array(flat.length);
  const farF = new Uint8Array(flat.length);
  const pos = new Int32Array(flat.length + 1);
  const isCond = (x: FlatInsn): boolean => (x.code & 0x07) === BPF.JMP && (x.code & 0xf0) !== BPF.JA;
  for (;;) {
    let at = 0;
    for (let n = 0; n < flat.length; n++) {
      pos[n] = at;
      at += 1 + (isCond(flat[n]) ? farT[n] + farF[n] : 0);
    }
    pos[flat.length] = at;
    let grew = false;
    for (let n = 0; n < flat.length; n++) {
      const it = flat[n];
      if (!isCond(it)) continue;
      if (farT[n] === 0 && pos[it.jt] - (pos[n] + 1) > MAX_COND) {
        farT[n] = 1;
        grew = true;
      }
      if (farF[n] === 0 && pos[it.jf] - (pos[n] + 1) > MAX_COND) {
        farF[n] = 1;
        grew = true;
      }
    }
    if (!grew) break;
  }

  const memIndex = allocateScratch(flat);
  const insns: CbpfInsn[] = [];
  for (let n = 0; n < flat.length; n++) {
    const it = flat[n];
    const here = insns.length;
    const rel = (target: number, from: number): number => pos[target] - (from + 1);
    if (it.code === (BPF.JMP | BPF.JA)) insns.push({ code: it.code, jt: 0, jf: 0, k: rel(it.jt, here) });
    else if (isCond(it)) {
      // cond; [ja T]; [ja F]
      const trampT = here + 1;
      const trampF = here + 1 + farT[n];
      const jt = farT[n] === 1 ? trampT - (here + 1) : rel(it.jt, here);
      const jf = farF[n] === 1 ? trampF - (here + 1) : rel(it.jf, here);
      insns.push({ code: it.code, jt, jf, k: it.k >>> 0 });
      if (farT[n] === 1) insns.push({ code: BPF.JMP | BPF.JA, jt: 0, jf: 0, k: rel(it.jt, trampT) });
      if (farF[n] === 1) insns.push({ code: BPF.JMP | BPF.JA, jt: 0, jf: 0, k: rel(it.jf, trampF) });
    } else {
      const k = it.mem !== undefined ? memIndex.get(`${it.mem.half}${it.mem.depth}`)! : it.k;
      insns.push({ code: it.code, jt: 0, jf: 0, k: k >>> 0 });
    }
  }
  const unproven = wordsReadBeforeProvenWritten(insns);
  if (unproven.length > 0) {
    // The kernel's checker is linear: a label right after a `ret` inherits what the `ret`'s
    // block had written. Zeroing those words up front satisfies it; every real path still
    // writes them before reading, so the verdicts do not change.
    insns.unshift(...unproven.flatMap((m) => [{ code: BPF.LD | BPF.IMM, jt: 0, jf: 0, k: 0 }, { code: BPF.ST, jt: 0, jf: 0, k: m }]));
  }
  if (insns.length > CBPF_MAX_INSNS) {
    throw new CompileError('ERR_TARGET_TOO_LARGE', `the classic BPF program has ${insns.length} instructions, at most ${CBPF_MAX_INSNS}`, { pc: 0 });
  }
  return { insns, scratchWords: new Set(memIndex.values()).size };
}

/** Labels become absolute instruction indices (a label names the next instruction). */
function flatten(items: readonly Item[]): FlatInsn[] {
  const index = new Map<number, number>();
  let at = 0;
  for (const it of items) {
    if (it.t === 'label') index.set(it.id, at);
    else at++;
  }
  const out: FlatInsn[] = [];
  for (const it of items) {
    if (it.t === 'op') out.push({ code: it.code, k: it.k, mem: it.mem, jt: 0, jf: 0, pc: it.pc });
    else if (it.t === 'ja') out.push({ code: BPF.JMP | BPF.JA, k: 0, jt: index.get(it.target)!, jf: 0, pc: it.pc });
    else if (it.t === 'cond') out.push({ code: it.code, k: it.k, jt: index.get(it.jt)!, jf: index.get(it.jf)!, pc: it.pc, near: it.near });
  }
  return out;
}

/**
 * Drop stores to scratch words that no later instruction reads before they are stored again
 * (every jump goes forward, so one backward pass computes liveness exactly).
 */
function removeDeadStores(items: Item[]): void {
  const key = (m: MemRef): string => `${m.half}${m.depth}`;
  const liveAtLabel = new Map<number, Set<string>>();
  const dead = new Set<number>();
  let live = new Set<string>();
  for (let n = items.length - 1; n >= 0; n--) {
    const it = items[n];
    if (it.t === 'label') {
      liveAtLabel.set(it.id, new Set(live));
      continue;
    }
    if (it.t === 'ja') {
      live = new Set(liveAtLabel.get(it.target));
      continue;
    }
    if (it.t === 'cond') {
      live = new Set([...liveAtLabel.get(it.jt)!, ...liveAtLabel.get(it.jf)!]);
      continue;
    }
    const cls = it.code & 0x07;
    if (cls === BPF.RET) live = new Set();
    else if ((cls === BPF.ST || cls === BPF.STX) && it.mem !== undefined) {
      if (!live.has(key(it.mem))) dead.add(n);
      live.delete(key(it.mem));
    } else if ((it.code & 0xe0) === BPF.MEM && (cls === BPF.LD || cls === BPF.LDX) && it.mem !== undefined) live.add(key(it.mem));
  }
  let w = 0;
  for (let n = 0; n < items.length; n++) if (!dead.has(n)) items[w++] = items[n];
  items.length = w;
}

/**
 * The scratch words that the Linux classic BPF checker (check_load_and_stores in
 * net/core/filter.c) would reject as read before written: it walks the program once in order,
 * intersecting at jump targets, and does not reset its state after a `ret`.
 */
function wordsReadBeforeProvenWritten(insns: readonly CbpfInsn[]): number[] {
  const masks = new Uint16Array(insns.length + 1).fill(0xffff);
  let valid = 0;
  const bad = new Set<number>();
  for (let pc = 0; pc < insns.length; pc++) {
    valid &= masks[pc];
    const { code, k, jt, jf } = insns[pc];
    if (code === BPF.ST || code === BPF.STX) valid |= 1 << k;
    else if (code === (BPF.LD | BPF.MEM) || code === (BPF.LDX | BPF.MEM)) {
      if ((valid & (1 << k)) === 0) bad.add(k);
    } else if (code === (BPF.JMP | BPF.JA)) {
      masks[pc + 1 + k] &= valid;
      valid = 0xffff;
    } else if ((code & 0x07) === BPF.JMP) {
      masks[pc + 1 + jt] &= valid;
      masks[pc + 1 + jf] &= valid;
      valid = 0xffff;
    }
  }
  return [...bad].sort((a, b) => a - b);
}

/**
 * Give each symbolic scratch word an M[] index. Every jump goes forward, so all the paths from
 * a word's first reference to its last stay between them in program order: words whose spans
 * do not overlap can share an index (greedy interval colouring).
 * @throws {CompileError} ERR_TARGET_SCRATCH when more than 16 words are live at once
 */
function allocateScratch(items: readonly FlatInsn[]): Map<string, number> {
  const spans = new Map<string, { first: number; last: number; pc: number; depth: number }>();
  items.forEach((it, n) => {
    if (it.mem === undefined) return;
    const key = `${it.mem.half}${it.mem.depth}`;
    const span = spans.get(key);
    if (span === undefined) spans.set(key, { first: n, last: n, pc: it.pc, depth: it.mem.depth });
    else span.last = n;
  });
  const freeAfter = new Array<number>(CBPF_MEMWORDS).fill(-1);
  const index = new Map<string, number>();
  for (const [key, span] of [...spans].sort((a, b) => a[1].first - b[1].first)) {
    const m = freeAfter.findIndex((last) => last < span.first);
    if (m < 0) {
      throw new CompileError(
        'ERR_TARGET_SCRATCH',
        `classic BPF has ${CBPF_MEMWORDS} scratch words M[0..15], and more values than that are live here (stack slots and header facts)`,
        { pc: span.pc },
      );
    }
    freeAfter[m] = span.last;
    index.set(key, m);
  }
  return index;
}
