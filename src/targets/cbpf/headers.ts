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

/**
 * Emit the walk. `base` is 14 for --link ip (the buffer starts at the IP header), else 0;
 * buffer offsets are Ethernet offsets minus base.
 */
export function emitHeaderWalk(e: WalkEmitter, base: number): void {
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
    ldK(0);
    st(id);
  }

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
