// What `--link ip` needs to know about a program's indirect loads: the lowest Ethernet offset
// each load base can have on the paths that reach the load. The verifier's ranges say that
// HDR 4 (the transport offset) may be 0, but VFLisp reads through it only after a guard such
// as `HDR 8 >= 4` or `HDR 9 != 0`, which proves a transport header exists. A forward pass over
// the (loop-free) program collects the header facts proved nonzero on every path; the
// transport header then starts at least 20 bytes after the IP header (offset 34).

import type { VerifiedProgram } from '../../verify/verify.js';
import type { ValueFacts } from './values.js';

/** Ethernet offset of the IP header as a --link ip consumer's packet implies it. */
const IP_HEADER = 14;
/** The lowest transport offset: an IPv4 header of 20 bytes after the IP header. */
const LOWEST_L4 = IP_HEADER + 20;
/** HDR selectors whose being nonzero proves a transport header: l4, l4Bytes, portsOffset. */
const L4_SELECTORS = new Set([4, 8, 9]);

type Rel = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
const MIRROR: Record<Rel, Rel> = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };

/** For `v REL c` (v unsigned): whether the taken / the fall-through edge proves v != 0. */
function provesNonzero(rel: Rel, c: bigint): { taken: boolean; fall: boolean } {
  switch (rel) {
    case 'eq':
      return { taken: c !== 0n, fall: c === 0n };
    case 'ne':
      return { taken: c === 0n, fall: c !== 0n };
    case 'gt':
      return { taken: true, fall: false };
    case 'ge':
      return { taken: c >= 1n, fall: false };
    case 'lt':
      return { taken: false, fall: c >= 1n };
    case 'le':
      return { taken: false, fall: true };
  }
}

/** The reason --link ip refuses HDR selector n, when it does: VLAN tags are gone by then. */
export function vlanSelectorReason(n: number): string | undefined {
  if (n === 2) return 'HDR 2 (vlan-tags) reads the VLAN tags, which are stripped before a --link ip consumer sees the packet';
  if (n === 6) return 'HDR 6 (vlan-id) reads the VLAN id, which is stripped before a --link ip consumer sees the packet';
  return undefined;
}

export interface LinkFacts {
  /** Lowest Ethernet offset the value `id` can hold at instruction index i, or undefined when nothing better than the verifier's range is known. */
  lowest(id: number, i: number): number | undefined;
  /** The value is the network offset (HDR 0): always 14 for --link ip consumers. */
  isNetworkOffset(id: number): boolean;
}

export function analyzeLinkFacts(prog: VerifiedProgram, facts: ValueFacts): LinkFacts {
  const { insns } = prog;
  const producerOf = (id: number): number => facts.values[id].producer;
  const isL4 = (id: number): boolean => {
    const p = producerOf(id);
    if (p < 0) return false;
    const insn = insns[p];
    return insn.op.name === 'parse' || (insn.op.name === 'hdr' && L4_SELECTORS.has(insn.arg));
  };
  const constOf = (id: number): bigint | undefined => {
    const p = producerOf(id);
    return p >= 0 && insns[p].op.name === 'push' ? insns[p].imm : undefined;
  };
  // l4Known[i]: 1 when every path to instruction i proved a transport header; 2 = unreached.
  const l4Known = new Uint8Array(insns.length).fill(2);
  if (insns.length > 0) l4Known[0] = 0;
  const meet = (to: number, known: boolean): void => {
    if (to >= insns.length) return;
    l4Known[to] = l4Known[to] === 2 ? (known ? 1 : 0) : l4Known[to] & (known ? 1 : 0);
  };
  for (let i = 0; i < insns.length; i++) {
    const insn = insns[i];
    const known = l4Known[i] === 1;
    const flow = insn.op.flow;
    if (flow !== 'branch' && flow !== 'jump') {
      if (flow === 'next') meet(i + 1, known);
      continue;
    }
    const target = prog.indexOfPc[insn.target];
    if (flow === 'jump') {
      meet(target, known);
      continue;
    }
    let taken = known;
    let fall = known;
    const name = insn.op.name;
    const stack = facts.entry[i];
    if (!name.endsWith('128') && stack.length >= 2 && name.startsWith('j')) {
      const rel = name.slice(1) as Rel;
      const [a, b] = [stack[stack.length - 2], stack[stack.length - 1]];
      const ca = constOf(a);
      const cb = constOf(b);
      let p: { taken: boolean; fall: boolean } | undefined;
      if (isL4(a) && cb !== undefined) p = provesNonzero(rel, cb);
      else if (isL4(b) && ca !== undefined) p = provesNonzero(MIRROR[rel], ca);
      if (p !== undefined) {
        taken ||= p.taken;
        fall ||= p.fall;
      }
    }
    meet(target, taken);
    meet(i + 1, fall);
  }

  const lowestOf = (id: number, i: number, seen: Set<number>): number | undefined => {
    if (seen.has(id)) return undefined;
    seen.add(id);
    const v = facts.values[id];
    if (v.producer < 0) {
      let low = Infinity;
      for (const s of v.sources) {
        const l = lowestOf(s, i, seen);
        if (l === undefined) return undefined;
        low = Math.min(low, l);
      }
      return low;
    }
    const insn = insns[v.producer];
    if (insn.op.name === 'hdr' && insn.arg === 0) return IP_HEADER;
    if ((insn.op.name === 'parse' || (insn.op.name === 'hdr' && (insn.arg === 4 || insn.arg === 9))) && l4Known[i] === 1) return LOWEST_L4;
    if (insn.op.name === 'push') return insn.imm <= 0xffffn ? Number(insn.imm) : undefined;
    if (insn.op.name === 'add') {
      const st = facts.entry[v.producer];
      const [a, b] = [st[st.length - 2], st[st.length - 1]];
      const la = lowestOf(a, i, seen);
      const lb = lowestOf(b, i, seen);
      if (la !== undefined && lb !== undefined) return la + lb;
    }
    return undefined;
  };
  return {
    lowest: (id, i) => lowestOf(id, i, new Set()),
    isNetworkOffset: (id) => {
      const p = producerOf(id);
      return p >= 0 && insns[p].op.name === 'hdr' && insns[p].arg === 0;
    },
  };
}
