// The header walk of PARSE and HDR (locateHeaders in vm/packet-ops.ts) unrolled into classic
// BPF: up to MAX_VLAN_TAGS tags at constant offsets, then IPv4 (IHL, fragments) or IPv6 with up
// to MAX_IPV6_EXT_HEADERS extension headers through X-relative loads. It runs once at the
// start of the program and leaves the facts in scratch words (Ethernet offsets, as VFM sees
// them); stores nobody reads are removed later. HDR is pure, so computing it early is exact.

import { MAX_IPV6_EXT_HEADERS, MAX_VLAN_TAGS } from '../../vm/packet-ops.js';
import { BPF } from './insn.js';
import type { MemRef } from './layout.js';

/** Scratch words of the walk: facts first, then temporaries. */
export const FACT = { l3: 0, etherType: 1, vlanTags: 2, ipVersion: 3, l4: 4, l4Proto: 5, vlanId: 6, fragment: 7 } as const;
const TMP = { l3Buf: 8, ihl: 9, l4Cand: 10, next: 11, at: 12, extLen: 13, newAt: 14, first: 15 } as const;

export interface WalkEmitter {
  op(code: number, k?: number, mem?: MemRef): void;
  cond(code: number, k: number, jt: number, jf: number): void;
  ja(target: number): void;
  bind(label: number): void;
  newLabel(): number;
  /** A = the EtherType --link ip implies from the IP version nibble. */
  impliedEtherType(): void;
}

export const hdrWord = (id: number): MemRef => ({ half: 'hdr', depth: id });

const TPIDS = [0x8100, 0x88a8, 0x9100];
const IPV6_EXT = [0, 43, 44, 51, 60, 135];

/** What the header facts mean: VFM's walk (VLAN tags, IPv6 extension headers), or libpcap's fixed offsets. */
export type Semantics = 'vfm' | 'libpcap';

/** The facts the walk must compute for the HDR selectors and PARSE a program uses (a PARSE is selector -1). */
export function factsFor(selectors: Iterable<number>): Set<number> {
  const need = new Set<number>();
  for (const n of selectors) {
    if (n === 0 || n === 10) need.add(FACT.l3);
    else if (n === 1) need.add(FACT.etherType);
    else if (n === 2) need.add(FACT.vlanTags);
    else if (n === 3) need.add(FACT.ipVersion);
    else if (n === 4 || n === 8 || n === -1) need.add(FACT.l4);
    else if (n === 5) need.add(FACT.l4Proto);
    else if (n === 6) need.add(FACT.vlanId);
    else if (n === 7) need.add(FACT.fragment);
    else if (n === 9) need.add(FACT.l4).add(FACT.l4Proto);
  }
  return need;
}

/**
 * Emit the walk. `base` is 14 for --link ip (the buffer starts at the IP header), else 0;
 * buffer offsets are Ethernet offsets minus base. Only the parts that the facts in `need`
 * depend on are emitted (the IPv6 extension-header walk only for l4, l4Proto and fragment).
 * `first` is the fact the program reads first: the libpcap walk stores it last on each path.
 */
export function emitHeaderWalk(
  e: WalkEmitter,
  base: number,
  need: ReadonlySet<number> = new Set(Object.values(FACT)),
  semantics: Semantics = 'vfm',
  first?: number,
): void {
  if (semantics === 'libpcap') return emitLibpcapWalk(e, base, need, first);
  const { op, cond, ja, bind, newLabel } = e;
  const st = (id: number): void => op(BPF.ST, 0, hdrWord(id));
  const ldM = (id: number): void => op(BPF.LD | BPF.MEM, 0, hdrWord(id));
  const ldxM = (id: number): void => op(BPF.LDX | BPF.MEM, 0, hdrWord(id));
  const ldK = (k: number): void => op(BPF.LD | BPF.IMM, k);
  const ldLen = (): void => op(BPF.LD | BPF.W | BPF.LEN);
  const jeq = (k: number, t: number, f: number): void => cond(BPF.JMP | BPF.JEQ | BPF.K, k, t, f);
  const jgeK = (k: number, t: number, f: number): void => cond(BPF.JMP | BPF.JGE | BPF.K, k, t, f);
  const jgeX = (t: number, f: number): void => cond(BPF.JMP | BPF.JGE | BPF.X, 0, t, f);
  const jgtX = (t: number, f: number): void => cond(BPF.JMP | BPF.JGT | BPF.X, 0, t, f);
  const alu = (o: number, k: number): void => op(BPF.ALU | o | BPF.K, k);
  const ind = (size: number, k: number): void => op(BPF.LD | size | BPF.IND, k);
  /** Jump to t when A is one of the values, else to f. */
  const oneOf = (values: readonly number[], t: number, f: number): void => {
    values.forEach((v, n) => {
      const next = n === values.length - 1 ? f : newLabel();
      jeq(v, t, next);
      if (n < values.length - 1) bind(next);
    });
  };
  /** Continue when buffer length >= M[id] + k, else go to f. */
  const roomFor = (id: number, k: number, f: number): void => {
    const ok = newLabel();
    ldM(id);
    alu(BPF.ADD, k);
    op(BPF.MISC | BPF.TAX);
    ldLen();
    jgeX(ok, f);
    bind(ok);
  };

  const done = newLabel();
  const ipParse = newLabel();
  /** l4 = the buffer offset in M[id] as an Ethernet offset, when a byte follows it. */
  const setTransport = (id: number): void => {
    const has = newLabel();
    ldxM(id);
    ldLen();
    jgtX(has, done);
    bind(has);
    ldM(id);
    if (base !== 0) alu(BPF.ADD, base);
    st(FACT.l4);
  };
  for (const id of Object.values(FACT)) {
    if (!need.has(id)) continue;
    ldK(0);
    st(id);
  }
  const deep = need.has(FACT.l4) || need.has(FACT.l4Proto) || need.has(FACT.fragment);

  if (base === 0) {
    const start = newLabel();
    ldLen();
    jgeK(14, start, done);
    bind(start);
    op(BPF.LD | BPF.H | BPF.ABS, 12);
    const exits: number[] = [];
    for (let k = 0; k <= MAX_VLAN_TAGS; k++) {
      const off = 12 + 4 * k;
      const tag = newLabel();
      const notTag = newLabel();
      exits.push(newLabel());
      oneOf(TPIDS, k < MAX_VLAN_TAGS ? tag : exits[k], notTag);
      bind(notTag);
      st(FACT.etherType);
      ldK(k);
      st(FACT.vlanTags);
      ldK(off + 2);
      st(FACT.l3);
      st(TMP.l3Buf);
      ja(ipParse);
      if (k === MAX_VLAN_TAGS) break;
      bind(tag);
      const room = newLabel();
      ldLen();
      jgeK(off + 6, room, exits[k]);
      bind(room);
      if (k === 0) {
        op(BPF.LD | BPF.H | BPF.ABS, 14);
        alu(BPF.AND, 0x0fff);
        st(FACT.vlanId);
      }
      op(BPF.LD | BPF.H | BPF.ABS, off + 4);
    }
    // A tag with no room for the inner EtherType, or one tag too many: no network header.
    exits.forEach((exit, k) => {
      bind(exit);
      ldK(k);
      st(FACT.vlanTags);
      ja(done);
    });
  } else {
    e.impliedEtherType();
    st(FACT.etherType);
    ldK(14);
    st(FACT.l3);
    ldK(0);
    st(TMP.l3Buf);
  }

  // IPv4 or IPv6 behind the network offset in M[l3Buf] (a buffer offset).
  bind(ipParse);
  const v4 = newLabel();
  const v6 = newLabel();
  const notV4 = newLabel();
  ldM(FACT.etherType);
  jeq(0x0800, v4, notV4);
  bind(notV4);
  jeq(0x86dd, v6, done);

  bind(v4);
  {
    const a = newLabel();
    const b = newLabel();
    const c = newLabel();
    const notFrag = newLabel();
    const isFrag = newLabel();
    const first = newLabel();
    roomFor(TMP.l3Buf, 20, done);
    ldxM(TMP.l3Buf);
    ind(BPF.B, 0);
    alu(BPF.RSH, 4);
    jeq(4, a, done);
    bind(a);
    ind(BPF.B, 0);
    alu(BPF.AND, 0x0f);
    alu(BPF.LSH, 2);
    st(TMP.ihl);
    jgeK(20, b, done);
    bind(b);
    ldM(TMP.l3Buf);
    ldxM(TMP.ihl);
    op(BPF.ALU | BPF.ADD | BPF.X);
    st(TMP.l4Cand);
    op(BPF.MISC | BPF.TAX);
    ldLen();
    jgeX(c, done);
    bind(c);
    ldK(4);
    st(FACT.ipVersion);
    if (!deep) ja(done);
    ldxM(TMP.l3Buf);
    ind(BPF.B, 9);
    st(FACT.l4Proto);
    ind(BPF.H, 6);
    alu(BPF.AND, 0x3fff);
    jeq(0, notFrag, isFrag);
    bind(isFrag);
    ldK(1);
    st(FACT.fragment);
    bind(notFrag);
    ldxM(TMP.l3Buf);
    ind(BPF.H, 6);
    alu(BPF.AND, 0x1fff);
    jeq(0, first, done);
    bind(first);
    // A transport header only when a byte follows the IP header.
    setTransport(TMP.l4Cand);
    ja(done);
  }

  bind(v6);
  {
    const a = newLabel();
    roomFor(TMP.l3Buf, 40, done);
    ldxM(TMP.l3Buf);
    ind(BPF.B, 0);
    alu(BPF.RSH, 4);
    jeq(6, a, done);
    bind(a);
    ldK(6);
    st(FACT.ipVersion);
    if (!deep) {
      bind(done);
      return;
    }
    ind(BPF.B, 6);
    st(TMP.next);
    ldM(TMP.l3Buf);
    alu(BPF.ADD, 40);
    st(TMP.at);
    ldK(1);
    st(TMP.first);
    const endWalk = newLabel();
    for (let n = 0; n < MAX_IPV6_EXT_HEADERS; n++) {
      const isExt = newLabel();
      const len8 = newLabel();
      const notFragHdr = newLabel();
      const ah = newLabel();
      const generic = newLabel();
      const gotLen = newLabel();
      const fits = newLabel();
      const fragHdr = newLabel();
      const advance = newLabel();
      const later = newLabel();
      ldM(TMP.next);
      oneOf(IPV6_EXT, isExt, endWalk);
      bind(isExt);
      roomFor(TMP.at, 8, endWalk);
      ldM(TMP.next);
      jeq(44, len8, notFragHdr);
      bind(notFragHdr);
      jeq(51, ah, generic);
      bind(len8);
      ldK(8);
      ja(gotLen);
      bind(ah);
      ldxM(TMP.at);
      ind(BPF.B, 1);
      alu(BPF.ADD, 2);
      alu(BPF.LSH, 2);
      ja(gotLen);
      bind(generic);
      ldxM(TMP.at);
      ind(BPF.B, 1);
      alu(BPF.ADD, 1);
      alu(BPF.LSH, 3);
      bind(gotLen);
      st(TMP.extLen);
      ldM(TMP.at);
      ldxM(TMP.extLen);
      op(BPF.ALU | BPF.ADD | BPF.X);
      st(TMP.newAt);
      op(BPF.MISC | BPF.TAX);
      ldLen();
      jgeX(fits, endWalk); // the header runs past the end: stop
      bind(fits);
      ldM(TMP.next);
      jeq(44, fragHdr, advance);
      bind(fragHdr);
      ldK(1);
      st(FACT.fragment);
      ldxM(TMP.at);
      ind(BPF.H, 2);
      alu(BPF.AND, 0xfff8);
      jeq(0, advance, later);
      bind(later);
      ldK(0);
      st(TMP.first);
      bind(advance);
      ldxM(TMP.at);
      ind(BPF.B, 0);
      st(TMP.next);
      ldM(TMP.newAt);
      st(TMP.at);
    }
    bind(endWalk);
    const notExt = newLabel();
    const notNone = newLabel();
    const firstFrag = newLabel();
    ldM(TMP.next);
    st(FACT.l4Proto);
    oneOf(IPV6_EXT, done, notExt);
    bind(notExt);
    jeq(59, done, notNone);
    bind(notNone);
    ldM(TMP.first);
    jeq(0, done, firstFrag);
    bind(firstFrag);
    setTransport(TMP.at);
  }
  bind(done);
}

/**
 * libpcap's meaning (`--semantics libpcap`): no VLAN or extension-header walk. The EtherType
 * is at 12 and the network header at 14; IPv4's transport header is IHL words later unless
 * the packet is a non-first fragment; IPv6's next header is the fixed header's, or the
 * fragment header's when that comes first (as libpcap's `ip6 proto`), and the transport
 * header is right after the fixed header (none behind a fragment header). Nothing checks the
 * packet length: a load past the end rejects the packet, as in libpcap. vlan-tags is 1 and
 * vlan-id the first tag's when the EtherType at 12 is a VLAN TPID (libpcap's `vlan`).
 */
function emitLibpcapWalk(e: WalkEmitter, base: number, need: ReadonlySet<number>, first: number | undefined): void {
  const { op, cond, ja, bind, newLabel } = e;
  const st = (id: number): void => op(BPF.ST, 0, hdrWord(id));
  const ldK = (k: number): void => op(BPF.LD | BPF.IMM, k);
  const jeq = (k: number, t: number, f: number): void => cond(BPF.JMP | BPF.JEQ | BPF.K, k, t, f);
  const jset = (k: number, t: number, f: number): void => cond(BPF.JMP | 0x40 | BPF.K, k, t, f);
  /** A = `size` bytes at offset o of the IP header. */
  const ip = (size: number, o: number): void => op(BPF.LD | size | BPF.ABS, 14 - base + o);
  const done = newLabel();
  for (const id of Object.values(FACT)) {
    if (!need.has(id) || id === FACT.l3) continue;
    ldK(0);
    st(id);
  }
  if (need.has(FACT.l3)) {
    ldK(14);
    st(FACT.l3);
  }
  const ipFacts = [FACT.ipVersion, FACT.l4, FACT.l4Proto, FACT.fragment].some((f) => need.has(f));
  if (!ipFacts && !need.has(FACT.etherType) && !need.has(FACT.vlanTags) && !need.has(FACT.vlanId)) return bind(done);
  if (base === 0) op(BPF.LD | BPF.H | BPF.ABS, 12);
  else e.impliedEtherType();
  if (need.has(FACT.etherType)) st(FACT.etherType);
  if (base === 0 && (need.has(FACT.vlanTags) || need.has(FACT.vlanId))) {
    const tagged = newLabel();
    const untagged = newLabel();
    TPIDS.forEach((tpid, n) => {
      const next = n === TPIDS.length - 1 ? untagged : newLabel();
      jeq(tpid, tagged, next);
      if (next !== untagged) bind(next);
    });
    bind(tagged);
    if (need.has(FACT.vlanTags)) {
      ldK(1);
      st(FACT.vlanTags);
    }
    if (need.has(FACT.vlanId)) {
      op(BPF.LD | BPF.H | BPF.ABS, 14);
      op(BPF.ALU | BPF.AND | BPF.K, 0x0fff);
      st(FACT.vlanId);
    }
    ja(done);
    bind(untagged);
  }
  if (!ipFacts) return bind(done);
  const v4 = newLabel();
  const v6 = newLabel();
  const notV4 = newLabel();
  jeq(0x0800, v4, notV4);
  bind(notV4);
  jeq(0x86dd, v6, done);

  // Each path stores the fact the program reads first last, so that A still holds it.
  const lastFirst = (facts: [number, () => void][]): void => {
    facts.sort((a, b) => (a[0] === first ? 1 : 0) - (b[0] === first ? 1 : 0));
    for (const [id, emit] of facts) if (need.has(id)) emit();
  };
  bind(v4);
  lastFirst([
    [FACT.ipVersion, () => (ldK(4), st(FACT.ipVersion))],
    [FACT.l4Proto, () => (ip(BPF.B, 9), st(FACT.l4Proto))],
    [
      FACT.fragment,
      () => {
        const frag = newLabel();
        const whole = newLabel();
        ip(BPF.H, 6);
        jset(0x3fff, frag, whole);
        bind(frag);
        ldK(1);
        st(FACT.fragment);
        bind(whole);
      },
    ],
    [
      FACT.l4,
      () => {
        const first = newLabel();
        const later = newLabel();
        ip(BPF.H, 6);
        jset(0x1fff, later, first);
        bind(first);
        op(BPF.LDX | BPF.B | 0xa0, 14 - base); // X = 4 * IHL
        op(BPF.MISC | BPF.TXA);
        op(BPF.ALU | BPF.ADD | BPF.K, 14);
        st(FACT.l4);
        bind(later);
      },
    ],
  ]);
  ja(done);

  bind(v6);
  if (need.has(FACT.ipVersion)) {
    ldK(6);
    st(FACT.ipVersion);
  }
  if (need.has(FACT.l4) || need.has(FACT.l4Proto) || need.has(FACT.fragment)) {
    const frag = newLabel();
    const plain = newLabel();
    ip(BPF.B, 6);
    jeq(44, frag, plain);
    bind(plain);
    lastFirst([
      [FACT.l4Proto, () => (ip(BPF.B, 6), st(FACT.l4Proto))],
      [FACT.l4, () => (ldK(54), st(FACT.l4))],
    ]);
    ja(done);
    bind(frag);
    if (need.has(FACT.fragment)) {
      ldK(1);
      st(FACT.fragment);
    }
    if (need.has(FACT.l4Proto)) {
      ip(BPF.B, 40);
      st(FACT.l4Proto);
    }
  }
  bind(done);
}
