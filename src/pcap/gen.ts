// pcap-filter code generation: the syntax tree to a Cond, following libpcap 1.10's gencode.c
// for the link types VFM reads (Ethernet, Linux cooked SLL and SLL2, raw IP, BSD NULL and
// LOOP): the same fixed offsets from the link header, the same order of tests, the same
// offsets shifted by vlan, mpls and pppoes for everything after them, the same qualifier
// rules and error messages. Primitives are generated in source order, as libpcap's parser
// actions run, because vlan/mpls/pppoes change the offsets of what follows.

import { CompileError } from '../diag/errors.js';
import type { SourceText, Span } from '../diag/source.js';
import { parseIpv6 } from '../util/inet.js';
import type { Arith, Expr, IdNode } from './ast.js';
import {
  type Cond, type Off, type Val, FALSE, TRUE, and, cmp, cmpGe, cmpGt, imm, iphl, ld, mcmp, not, or, plus, test,
} from './ir.js';
import { ETHER_PROTOS, LLC_PROTOS, type PcapNames, type ServicePorts } from './names.js';

/** Link types (LINKTYPE_* numbers) the generator knows. */
export const PCAP_LINK = {
  NULL: 0, ETHERNET: 1, RAW: 101, RAW_12: 12, RAW_14: 14, LOOP: 108, LINUX_SLL: 113, IPV4: 228, IPV6: 229, LINUX_SLL2: 276,
  /** Internal: the PPP header inside PPPoE session frames. */
  PPP: 9,
} as const;

const ETHERMTU = 1500;
const ET = { IP: 0x0800, ARP: 0x0806, REVARP: 0x8035, IPV6: 0x86dd, ATALK: 0x809b, AARP: 0x80f3, DN: 0x6003, SCA: 0x6007, LAT: 0x6004, MOPDL: 0x6001, MOPRC: 0x6002, IPX: 0x8137, VLAN: 0x8100, QINQ: 0x88a8, QINQ_OLD: 0x9100, MPLS: 0x8847, PPPOED: 0x8863, PPPOES: 0x8864 } as const;
const SAP = { ISONS: 0xfe, IP: 0x06, NETBEUI: 0xf0, IPX: 0xe0, STP: 0x42, SNAP: 0xaa } as const;
const IPPROTO = { TCP: 6, UDP: 17, SCTP: 132 } as const;
/** PROTO_UNDEF: a port of every transport protocol. */
const ANY = -1;

type Q = { readonly proto: string; readonly dir: string; readonly addr: string };
const QDEF: Q = { proto: 'default', dir: 'default', addr: 'default' };
const QERR: Q = { proto: 'undef', dir: 'undef', addr: 'undef' };

/** Where things are, as libpcap's compiler state keeps them (constant offsets only). */
interface Offsets {
  linktype: number;
  linkhdr: Off;
  /** Offset of the link-layer type field; undefined for raw IP (OFFSET_NOT_SET). */
  ltype: Off | undefined;
  linkpl: Off;
  nl: number;
  nlNosnap: number;
  labelDepth: number;
  vlanDepth: number;
}

function initialOffsets(linkType: number): Offsets {
  const base = { linkhdr: 0, labelDepth: 0, vlanDepth: 0 };
  switch (linkType) {
    case PCAP_LINK.ETHERNET:
      return { ...base, linktype: linkType, ltype: 12, linkpl: 14, nl: 0, nlNosnap: 3 };
    case PCAP_LINK.LINUX_SLL:
      return { ...base, linktype: linkType, ltype: 14, linkpl: 16, nl: 0, nlNosnap: 0 };
    case PCAP_LINK.LINUX_SLL2:
      return { ...base, linktype: linkType, ltype: 0, linkpl: 20, nl: 0, nlNosnap: 0 };
    case PCAP_LINK.NULL:
    case PCAP_LINK.LOOP:
      return { ...base, linktype: linkType, ltype: 0, linkpl: 4, nl: 0, nlNosnap: 0 };
    case PCAP_LINK.RAW:
    case PCAP_LINK.RAW_12:
    case PCAP_LINK.RAW_14:
    case PCAP_LINK.IPV4:
    case PCAP_LINK.IPV6:
      return { ...base, linktype: linkType === PCAP_LINK.RAW_12 || linkType === PCAP_LINK.RAW_14 ? PCAP_LINK.RAW : linkType, ltype: undefined, linkpl: 0, nl: 0, nlNosnap: 0 };
    default:
      throw new CompileError('ERR_PCAP_LINK', `pcap-filter expressions are not supported on link type ${linkType}`, {});
  }
}

const isEther = (o: Offsets): boolean => o.linktype === PCAP_LINK.ETHERNET;

/** `ntohs` on a little-endian host: libpcap's DECnet code compares byte-swapped constants. */
const swap16 = (v: number): number => ((v & 0xff) << 8) | ((v >> 8) & 0xff);

export interface GenOptions {
  readonly linkType: number;
  readonly names: PcapNames;
}

export interface Generated {
  readonly cond: Cond;
  /**
   * libpcap turns its optimizer off for this expression (`protochain` loops backwards, which
   * the optimizer cannot handle), so it is never "expression rejects all packets".
   */
  readonly noOptimize: boolean;
}

/** Generate the program's condition. @throws {CompileError} with libpcap's reason and the span */
export function generate(expr: Expr, source: SourceText, options: GenOptions): Generated {
  const gen = new Gen(source, options);
  const cond = gen.top(expr);
  return { cond, noOptimize: gen.noOptimize };
}

class Gen {
  private readonly o: Offsets;
  private span: Span = { start: 0, end: 0 };
  /** Set by protochain, as libpcap's cstate->no_optimize. */
  noOptimize = false;

  constructor(
    private readonly source: SourceText,
    private readonly options: GenOptions,
  ) {
    this.o = initialOffsets(options.linkType);
  }

  private err(message: string, span: Span = this.span, code = 'ERR_PCAP_FILTER'): never {
    throw new CompileError(code, message, { span, source: this.source });
  }

  top(e: Expr): Cond {
    return this.expr(e, QERR).c;
  }

  // ---- expressions and qualifier inheritance (grammar.y's $<blk>0) ----

  private expr(e: Expr, ctx: Q): { c: Cond; q: Q } {
    this.span = e.span;
    switch (e.k) {
      case 'and':
      case 'or': {
        const a = this.expr(e.a, ctx);
        const b = this.expr(e.b, a.q);
        return { c: e.k === 'and' ? and(a.c, b.c) : or(a.c, b.c), q: b.q };
      }
      case 'not': {
        const a = this.expr(e.a, ctx);
        return { c: not(a.c), q: a.q };
      }
      case 'id':
        return { c: this.id(e.id, ctx), q: ctx };
      case 'head': {
        const q: Q = { proto: e.head.proto ?? 'default', dir: e.head.dir ?? 'default', addr: e.head.addr ?? 'default' };
        return { c: this.id(e.id, q), q };
      }
      case 'paren':
        return { c: this.expr(e.e, ctx).c, q: ctx };
      case 'pname':
        return { c: this.protoAbbrev(e.proto), q: QERR };
      case 'rel':
        return { c: this.relation(e), q: QERR };
      case 'other':
        return { c: this.other(e), q: QERR };
    }
  }

  private id(n: IdNode, q: Q): Cond {
    this.span = n.span;
    switch (n.k) {
      case 'not':
        return not(this.id(n.a, q));
      case 'op': {
        const a = this.id(n.a, q);
        const b = this.id(n.b, q);
        return n.op === 'and' ? and(a, b) : or(a, b);
      }
      case 'name':
        return this.scode(n.text, q);
      case 'num':
        return this.ncode(undefined, n.v, q);
      case 'hid':
        if (q.addr === 'port') this.err("'port' modifier applied to ip host");
        if (q.addr === 'portrange') this.err("'portrange' modifier applied to ip host");
        if (q.addr === 'proto') this.err("'proto' modifier applied to ip host");
        if (q.addr === 'protochain') this.err("'protochain' modifier applied to ip host");
        return this.ncode(n.text, 0, q);
      case 'masked':
        return this.mcode(n.text, n.mask, n.len ?? 0, q);
      case 'hid6':
        return this.mcode6(n.text, 128, q);
      case 'masked6':
        return this.mcode6(n.text, n.len, q);
      case 'eid':
        return this.ecode(n.text, q);
      case 'aid':
        return this.err('aid supported only on ARCnet');
    }
  }

  // ---- link-layer type tests (gen_linktype and friends) ----

  private linktype(proto: number): Cond {
    const o = this.o;
    if (o.labelDepth > 0) return this.mplsLinktype(proto);
    switch (o.linktype) {
      case PCAP_LINK.ETHERNET:
        return this.etherLinktype(proto);
      case PCAP_LINK.PPP:
        return cmp(o.ltype!, 2, etherToPpp(proto));
      case PCAP_LINK.LINUX_SLL:
      case PCAP_LINK.LINUX_SLL2:
        return this.sllLinktype(proto);
      case PCAP_LINK.NULL:
      case PCAP_LINK.LOOP: {
        const family = (af: number): Cond => cmp(o.linkhdr, 4, o.linktype === PCAP_LINK.NULL ? swap32(af) : af);
        if (proto === ET.IP) return family(2);
        if (proto === ET.IPV6) return or(or(family(24), family(28)), family(30));
        return FALSE;
      }
      case PCAP_LINK.IPV4:
        return proto === ET.IP ? TRUE : FALSE;
      case PCAP_LINK.IPV6:
        return proto === ET.IPV6 ? TRUE : FALSE;
      default:
        // Raw IP: the version nibble.
        if (proto === ET.IP) return mcmp(o.linkhdr, 1, 0x40, 0xf0);
        if (proto === ET.IPV6) return mcmp(o.linkhdr, 1, 0x60, 0xf0);
        return FALSE;
    }
  }

  private etherLinktype(proto: number): Cond {
    const t = this.o.ltype!;
    const llc = this.o.linkpl;
    const is8023 = (): Cond => not(cmpGt(t, 2, ETHERMTU));
    switch (proto) {
      case SAP.ISONS:
      case SAP.IP:
      case SAP.NETBEUI:
        return and(is8023(), cmp(llc, 2, (proto << 8) | proto));
      case SAP.IPX: {
        let b = or(cmp(llc, 1, SAP.IPX), cmp(llc, 2, 0xffff));
        b = or(this.snap(0x000000, ET.IPX), b);
        b = and(is8023(), b);
        return or(cmp(t, 2, ET.IPX), b);
      }
      case ET.ATALK:
      case ET.AARP: {
        const b = and(is8023(), proto === ET.ATALK ? this.snap(0x080007, ET.ATALK) : this.snap(0x000000, ET.AARP));
        return or(cmp(t, 2, proto), b);
      }
      default:
        if (proto <= ETHERMTU) return and(is8023(), cmp(plus(t, 2), 1, proto));
        return cmp(t, 2, proto);
    }
  }

  private sllLinktype(proto: number): Cond {
    const t = this.o.ltype!;
    const llc = this.o.linkpl;
    // LINUX_SLL_P_802_2 (4) and LINUX_SLL_P_802_3 (1) in the protocol field.
    switch (proto) {
      case SAP.ISONS:
      case SAP.IP:
      case SAP.NETBEUI:
        return and(cmp(t, 2, 4), cmp(llc, 2, (proto << 8) | proto));
      case SAP.IPX: {
        const b = or(this.snap(0x000000, ET.IPX), cmp(llc, 1, SAP.IPX));
        const c = and(cmp(t, 2, 4), b);
        return or(cmp(t, 2, ET.IPX), or(cmp(t, 2, 1), c));
      }
      case ET.ATALK:
      case ET.AARP: {
        const b = and(cmp(t, 2, 4), proto === ET.ATALK ? this.snap(0x080007, ET.ATALK) : this.snap(0x000000, ET.AARP));
        return or(cmp(t, 2, proto), b);
      }
      default:
        if (proto <= ETHERMTU) return and(cmp(t, 2, 4), cmp(llc, 1, proto));
        return cmp(t, 2, proto);
    }
  }

  /** gen_snap: AA AA 03, the OUI and the type, compared in words from the end (gen_bcmp). */
  private snap(org: number, ptype: number): Cond {
    const bytes = [0xaa, 0xaa, 0x03, (org >> 16) & 0xff, (org >> 8) & 0xff, org & 0xff, ptype >> 8, ptype & 0xff];
    return this.bcmp(this.o.linkpl, bytes);
  }

  private bcmp(offset: Off, bytes: readonly number[]): Cond {
    let size = bytes.length;
    let b: Cond | undefined;
    const add = (c: Cond) => (b = b === undefined ? c : and(b, c));
    while (size >= 4) {
      const p = size - 4;
      add(cmp(plus(offset, p), 4, ((bytes[p] << 24) | (bytes[p + 1] << 16) | (bytes[p + 2] << 8) | bytes[p + 3]) >>> 0));
      size -= 4;
    }
    while (size >= 2) {
      const p = size - 2;
      add(cmp(plus(offset, p), 2, (bytes[p] << 8) | bytes[p + 1]));
      size -= 2;
    }
    if (size > 0) add(cmp(offset, 1, bytes[0]));
    return b!;
  }

  private mplsLinktype(proto: number): Cond {
    const o = this.o;
    if (proto === ET.IP) return and(mcmp(this.nl(-2), 1, 0x01, 0x01), mcmp(this.nl(0), 1, 0x40, 0xf0));
    if (proto === ET.IPV6) return and(mcmp(this.nl(-2), 1, 0x01, 0x01), mcmp(this.nl(0), 1, 0x60, 0xf0));
    return this.err(`unsupported protocol over mpls`);
  }

  /** OR_LINKPL: the network layer (link payload plus off_nl). */
  private nl(off: number): Off {
    return plus(this.o.linkpl, this.o.nl + off);
  }

  /** p[idx + off] (BPF_IND): the run-time part of `off`, if any, is added to the index. */
  private indexed(idx: Val, off: Off, size: 1 | 2 | 4): Val {
    if (typeof off === 'number') return { k: 'ldi', idx, off, size };
    return { k: 'ldi', idx: { k: 'alu', op: 'add', a: idx, b: off.v }, off: off.c, size };
  }

  private constNl(what: string): number {
    const nl = this.nl(0);
    if (typeof nl !== 'number') this.err(`${what} not supported with variable length headers`);
    return nl as number;
  }

  // ---- protocol abbreviations (gen_proto_abbrev) ----

  protoAbbrev(proto: string): Cond {
    switch (proto) {
      case 'sctp':
        return this.proto(IPPROTO.SCTP, 'default', 'default');
      case 'tcp':
        return this.proto(IPPROTO.TCP, 'default', 'default');
      case 'udp':
        return this.proto(IPPROTO.UDP, 'default', 'default');
      case 'icmp':
        return this.proto(1, 'ip', 'default');
      case 'igmp':
        return this.proto(2, 'ip', 'default');
      case 'igrp':
        return this.proto(9, 'ip', 'default');
      case 'pim':
        return this.proto(103, 'default', 'default');
      case 'vrrp':
      case 'carp':
        return this.proto(112, 'ip', 'default');
      case 'ip':
        return this.linktype(ET.IP);
      case 'arp':
        return this.linktype(ET.ARP);
      case 'rarp':
        return this.linktype(ET.REVARP);
      case 'link':
        return this.err('link layer applied in wrong context');
      case 'atalk':
        return this.linktype(ET.ATALK);
      case 'aarp':
        return this.linktype(ET.AARP);
      case 'decnet':
        return this.linktype(ET.DN);
      case 'sca':
        return this.linktype(ET.SCA);
      case 'lat':
        return this.linktype(ET.LAT);
      case 'mopdl':
        return this.linktype(ET.MOPDL);
      case 'moprc':
        return this.linktype(ET.MOPRC);
      case 'ip6':
        return this.linktype(ET.IPV6);
      case 'icmp6':
        return this.proto(58, 'ip6', 'default');
      case 'ah':
        return this.proto(51, 'default', 'default');
      case 'esp':
        return this.proto(50, 'default', 'default');
      case 'iso':
        return this.linktype(SAP.ISONS);
      case 'esis':
        return this.proto(0x82, 'iso', 'default');
      case 'isis':
        return this.proto(0x83, 'iso', 'default');
      case 'l1':
        return this.isisAny([15, 17, 18, 24, 26]);
      case 'l2':
        return this.isisAny([16, 17, 20, 25, 27]);
      case 'iih':
        return this.isisAny([15, 16, 17]);
      case 'lsp':
        return this.isisAny([18, 20]);
      case 'snp':
        return this.isisAny([24, 25, 26, 27]);
      case 'csnp':
        return this.isisAny([24, 25]);
      case 'psnp':
        return this.isisAny([26, 27]);
      case 'clnp':
        return this.proto(0x81, 'iso', 'default');
      case 'stp':
        return this.linktype(SAP.STP);
      case 'ipx':
        return this.linktype(SAP.IPX);
      case 'netbeui':
        return this.linktype(SAP.NETBEUI);
      case 'radio':
        return this.err("'radio' supported only on 802.11 with radiotap headers");
    }
    return this.err(`unknown protocol '${proto}'`);
  }

  /** IS-IS PDU types: gen_or(new, old) puts each later one first. */
  private isisAny(types: readonly number[]): Cond {
    let b = or(this.proto(types[0], 'isis', 'default'), this.proto(types[1], 'isis', 'default'));
    for (const t of types.slice(2)) b = or(this.proto(t, 'isis', 'default'), b);
    return b;
  }

  // ---- gen_proto ----

  private proto(v: number, proto: string, dir: string): Cond {
    if (dir !== 'default') this.err("direction applied to 'proto'");
    const o = this.o;
    switch (proto) {
      case 'default':
        return or(this.proto(v, 'ip', dir), this.proto(v, 'ip6', dir));
      case 'link':
        return this.linktype(v);
      case 'ip':
        return and(this.linktype(ET.IP), cmp(this.nl(9), 1, v));
      case 'ip6':
        return and(this.linktype(ET.IPV6), or(cmp(this.nl(6), 1, v), and(cmp(this.nl(6), 1, 44), cmp(this.nl(40), 1, v))));
      case 'iso':
        if (o.linktype === PCAP_LINK.PPP) return and(this.linktype(SAP.ISONS), cmp(o.linkpl, 1, v));
        return and(this.linktype(SAP.ISONS), cmp(plus(o.linkpl, o.nlNosnap), 1, v));
      case 'isis':
        return and(this.proto(0x83, 'iso', 'default'), cmp(plus(o.linkpl, o.nlNosnap + 4), 1, v));
      case 'arp':
      case 'rarp':
      case 'sctp':
      case 'tcp':
      case 'udp':
      case 'icmp':
      case 'igmp':
      case 'igrp':
      case 'atalk':
      case 'aarp':
      case 'decnet':
      case 'lat':
      case 'sca':
      case 'moprc':
      case 'mopdl':
      case 'stp':
      case 'ipx':
      case 'netbeui':
      case 'pim':
      case 'vrrp':
      case 'carp':
      case 'icmp6':
      case 'ah':
      case 'esp':
      case 'esis':
      case 'clnp':
      case 'l1':
      case 'l2':
      case 'iih':
      case 'lsp':
      case 'snp':
      case 'csnp':
      case 'psnp':
      case 'radio':
        return this.err(`${PROTO_WORD[proto] ?? proto} does not encapsulate another protocol`);
    }
    return this.err(`bad protocol '${proto}' for 'proto'`);
  }

  // ---- hosts and networks ----

  private ncode(s: string | undefined, num: number, q: Q): Cond {
    let v = num >>> 0;
    let vlen = 32;
    if (s !== undefined) {
      if (q.proto === 'decnet') {
        const dn = decnetAddr(s);
        if (dn === undefined) this.err(`malformed decnet address '${s}'`);
        v = dn!;
      } else {
        const r = atoin(s);
        if (r === undefined) this.err(`invalid IPv4 address '${s}'`);
        v = r!.v;
        vlen = r!.len;
      }
    }
    switch (q.addr) {
      case 'default':
      case 'host':
      case 'net': {
        if (q.proto === 'decnet') return this.host(v, 0, q.proto, q.dir, q.addr);
        if (q.proto === 'link') this.err('illegal link layer address');
        let mask = 0xffffffff;
        if (s === undefined && q.addr === 'net') {
          while (v !== 0 && (v & 0xff000000) === 0) {
            v = (v << 8) >>> 0;
            mask = (mask << 8) >>> 0;
          }
        } else if (vlen < 32) {
          v = (v << (32 - vlen)) >>> 0;
          mask = (mask << (32 - vlen)) >>> 0;
        }
        return this.host(v, mask, q.proto, q.dir, q.addr);
      }
      case 'port':
      case 'portrange': {
        const proto = q.proto === 'udp' ? IPPROTO.UDP : q.proto === 'tcp' ? IPPROTO.TCP : q.proto === 'sctp' ? IPPROTO.SCTP : q.proto === 'default' ? ANY : undefined;
        if (proto === undefined) this.err(`illegal qualifier of '${q.addr}'`);
        if (v > 65535) this.err(`illegal port number ${v} > 65535`);
        return this.ports(v, v, proto!, q.dir, q.addr === 'portrange');
      }
      case 'gateway':
        return this.err("'gateway' requires a name");
      case 'proto':
        return this.proto(v, q.proto, q.dir);
      case 'protochain':
        return this.protochain(v, q.proto);
    }
    return this.err('syntax error: this number needs a qualifier such as host, net or port (libpcap: syntax error in filter expression)', this.span, 'ERR_PCAP_SYNTAX');
  }

  private mcode(s1: string, s2: string | undefined, masklen: number, q: Q): Cond {
    const a = atoin(s1);
    if (a === undefined) this.err(`invalid IPv4 address '${s1}'`);
    const n = a!.len >= 32 ? a!.v : (a!.v << (32 - a!.len)) >>> 0;
    let m: number;
    if (s2 !== undefined) {
      const b = atoin(s2);
      if (b === undefined) this.err(`invalid IPv4 address '${s2}'`);
      m = b!.len >= 32 ? b!.v : (b!.v << (32 - b!.len)) >>> 0;
      if ((n & ~m) !== 0) this.err(`non-network bits set in "${s1} mask ${s2}"`);
    } else {
      if (masklen > 32) this.err('mask length must be <= 32');
      m = masklen === 0 ? 0 : (0xffffffff << (32 - masklen)) >>> 0;
      if ((n & ~m) !== 0) this.err(`non-network bits set in "${s1}/${masklen}"`);
    }
    if (q.addr !== 'net') this.err('Mask syntax for networks only');
    return this.host(n, m, q.proto, q.dir, q.addr);
  }

  private mcode6(s: string, masklen: number, q: Q): Cond {
    const addr = parseIpv6(s);
    if (addr === undefined) this.err(`invalid ip6 address ${s}`);
    if (masklen > 128) this.err('mask length must be <= 128');
    const mask = masklen === 0 ? 0n : ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - masklen)) - 1n);
    if ((addr! & ~mask & ((1n << 128n) - 1n)) !== 0n) this.err(`non-network bits set in "${s}/${masklen}"`);
    if (q.addr !== 'default' && q.addr !== 'host' && q.addr !== 'net') this.err('invalid qualifier against IPv6 address');
    if (q.addr !== 'net' && masklen !== 128) this.err('Mask syntax for networks only');
    return this.host6(addr!, mask, q.proto, q.dir, q.addr);
  }

  private host(addr: number, mask: number, proto: string, dir: string, type: string): Cond {
    const typestr = type === 'net' ? 'net' : 'host';
    switch (proto) {
      case 'default': {
        let b0 = this.host(addr, mask, 'ip', dir, type);
        if (this.o.labelDepth === 0) {
          const b1 = or(b0, this.host(addr, mask, 'arp', dir, type));
          b0 = or(b1, this.host(addr, mask, 'rarp', dir, type));
        }
        return b0;
      }
      case 'link':
        return this.err(`link-layer modifier applied to ${typestr}`);
      case 'ip':
        return this.hostop(addr, mask, dir, ET.IP, 12, 16);
      case 'rarp':
        return this.hostop(addr, mask, dir, ET.REVARP, 14, 24);
      case 'arp':
        return this.hostop(addr, mask, dir, ET.ARP, 14, 24);
      case 'decnet':
        return this.dnhostop(addr, dir);
      case 'ip6':
        return this.err("'ip6' modifier applied to ip host");
      case 'atalk':
        return this.err('AppleTalk host filtering not implemented');
      case 'aarp':
        return this.err('AARP host filtering not implemented');
      case 'lat':
        return this.err('LAT host filtering not implemented');
      case 'sca':
        return this.err('SCA host filtering not implemented');
      case 'moprc':
        return this.err('MOPRC host filtering not implemented');
      case 'mopdl':
        return this.err('MOPDL host filtering not implemented');
      case 'iso':
        return this.err('ISO host filtering not implemented');
      case 'ipx':
        return this.err('IPX host filtering not implemented');
      case 'undef':
        return this.err('syntax error in filter expression', this.span, 'ERR_PCAP_SYNTAX');
    }
    return this.err(`'${proto}' modifier applied to ${typestr}`);
  }

  private hostop(addr: number, mask: number, dir: string, ethertype: number, src: number, dst: number): Cond {
    switch (dir) {
      case 'src':
        return and(this.linktype(ethertype), mcmp(this.nl(src), 4, addr, mask));
      case 'dst':
        return and(this.linktype(ethertype), mcmp(this.nl(dst), 4, addr, mask));
      case 'and':
        return and(this.hostop(addr, mask, 'src', ethertype, src, dst), this.hostop(addr, mask, 'dst', ethertype, src, dst));
      case 'default':
      case 'or':
        return or(this.hostop(addr, mask, 'src', ethertype, src, dst), this.hostop(addr, mask, 'dst', ethertype, src, dst));
    }
    return this.err(dirError(dir, 'addresses other than 802.11 MAC addresses'));
  }

  private host6(addr: bigint, mask: bigint, proto: string, dir: string, type: string): Cond {
    const typestr = type === 'net' ? 'net' : 'host';
    switch (proto) {
      case 'default':
      case 'ip6':
        return this.hostop6(addr, mask, dir, 8, 24);
      case 'link':
        return this.err(`link-layer modifier applied to ip6 ${typestr}`);
      case 'ip':
        return this.err(`'ip' modifier applied to ip6 ${typestr}`);
      case 'arp':
      case 'rarp':
        return this.err(`'${proto}' modifier applied to ip6 ${typestr}`);
      case 'undef':
        return this.err('syntax error in filter expression', this.span, 'ERR_PCAP_SYNTAX');
    }
    return this.err(`'${proto}' modifier applied to ip6 ${typestr}`);
  }

  private hostop6(addr: bigint, mask: bigint, dir: string, src: number, dst: number): Cond {
    let off: number;
    switch (dir) {
      case 'src':
        off = src;
        break;
      case 'dst':
        off = dst;
        break;
      case 'and':
        return and(this.hostop6(addr, mask, 'src', src, dst), this.hostop6(addr, mask, 'dst', src, dst));
      case 'default':
      case 'or':
        return or(this.hostop6(addr, mask, 'src', src, dst), this.hostop6(addr, mask, 'dst', src, dst));
      default:
        return this.err(dirError(dir, 'addresses other than 802.11 MAC addresses'));
    }
    const word = (x: bigint, k: number) => Number((x >> BigInt(96 - 32 * k)) & 0xffffffffn);
    let b = mcmp(this.nl(off + 12), 4, word(addr, 3), word(mask, 3));
    for (const k of [2, 1, 0]) b = and(mcmp(this.nl(off + 4 * k), 4, word(addr, k), word(mask, k)), b);
    return and(this.linktype(ET.IPV6), b);
  }

  private dnhostop(addr: number, dir: string): Cond {
    let sh: number;
    let lh: number;
    switch (dir) {
      case 'dst':
        sh = 1;
        lh = 7;
        break;
      case 'src':
        sh = 3;
        lh = 15;
        break;
      case 'and':
        return and(this.dnhostop(addr, 'src'), this.dnhostop(addr, 'dst'));
      case 'default':
      case 'or':
        return or(this.dnhostop(addr, 'src'), this.dnhostop(addr, 'dst'));
      default:
        return this.err(dirError(dir, 'addresses other than 802.11 MAC addresses'));
    }
    const a = swap16(addr & 0xffff);
    let b1 = and(mcmp(this.nl(2), 2, swap16(0x0681), swap16(0x07ff)), cmp(this.nl(2 + 1 + lh), 2, a));
    b1 = or(and(mcmp(this.nl(2), 1, 0x06, 0x07), cmp(this.nl(2 + lh), 2, a)), b1);
    b1 = or(and(mcmp(this.nl(2), 2, swap16(0x0281), swap16(0x07ff)), cmp(this.nl(2 + 1 + sh), 2, a)), b1);
    b1 = or(and(mcmp(this.nl(2), 1, 0x02, 0x07), cmp(this.nl(2 + sh), 2, a)), b1);
    return and(this.linktype(ET.DN), b1);
  }

  private ecode(s: string, q: Q): Cond {
    if ((q.addr === 'host' || q.addr === 'default') && q.proto === 'link') {
      const mac = parseMac(s);
      if (mac === undefined) this.err(`invalid ethernet address '${s}'`);
      if (!isEther(this.o)) this.err('ethernet addresses supported only on ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel', this.span, 'ERR_PCAP_LINK');
      return this.ehostop(mac!, q.dir);
    }
    return this.err('ethernet address used in non-ether expression');
  }

  private ehostop(mac: readonly number[], dir: string): Cond {
    const h = this.o.linkhdr;
    switch (dir) {
      case 'src':
        return this.bcmp(plus(h, 6), mac);
      case 'dst':
        return this.bcmp(h, mac);
      case 'and':
        return and(this.ehostop(mac, 'src'), this.ehostop(mac, 'dst'));
      case 'default':
      case 'or':
        return or(this.ehostop(mac, 'src'), this.ehostop(mac, 'dst'));
    }
    return this.err(dir === 'ra' || dir === 'ta' ? `'${dir}' is only supported on 802.11 with 802.11 headers` : `'${dir}' and 'address${dir.slice(4)}' are only supported on 802.11 with 802.11 headers`);
  }

  // ---- names ----

  private scode(name: string, q: Q): Cond {
    const names = this.options.names;
    switch (q.addr) {
      case 'net': {
        // pcap_nametonetaddr; 0 is "unknown", then left-justified with its mask, as libpcap does.
        let addr = names.network?.(name) ?? 0;
        if (addr === 0) return this.err(`unknown network '${name}'`, this.span, 'ERR_PCAP_NAME');
        let mask = 0xffffffff;
        while (addr !== 0 && (addr & 0xff000000) === 0) {
          addr = (addr << 8) >>> 0;
          mask = (mask << 8) >>> 0;
        }
        return this.host(addr, mask, q.proto, q.dir, q.addr);
      }
      case 'default':
      case 'host': {
        if (q.proto === 'link') {
          if (!isEther(this.o)) this.err('only ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel supports link-level host name', this.span, 'ERR_PCAP_LINK');
          const mac = names.ether?.(name);
          if (mac === undefined) return this.err(`unknown ether host '${name}'`, this.span, 'ERR_PCAP_NAME');
          return this.ehostop(mac, q.dir);
        }
        if (q.proto === 'decnet') return this.err('decnet name support not included', this.span, 'ERR_PCAP_NAME');
        const addrs = names.host?.(name) ?? [];
        let b: Cond | undefined;
        const all = 0xffffffffffffffffffffffffffffffffn;
        for (const a of addrs) {
          let t: Cond;
          if (typeof a === 'number') {
            if (q.proto === 'ip6') continue;
            t = this.host(a, 0xffffffff, q.proto, q.dir, q.addr);
          } else {
            if (q.proto === 'ip') continue;
            t = this.host6(a, all, q.proto, q.dir, q.addr);
          }
          b = b === undefined ? t : or(b, t);
        }
        if (b === undefined) this.err(`unknown host '${name}'${q.proto === 'default' ? '' : ' for specified address family'}`, this.span, 'ERR_PCAP_NAME');
        return b!;
      }
      case 'port': {
        if (!['default', 'udp', 'tcp', 'sctp'].includes(q.proto)) this.err("illegal qualifier of 'port'");
        const s = names.service(name);
        if (s === undefined) this.err(`unknown port '${name}'`, this.span, 'ERR_PCAP_NAME');
        const { port, proto } = servicePort(s!);
        const real = this.portProto(q.proto, proto, `port '${name}'`);
        if (port > 65535) this.err(`illegal port number ${port} > 65535`);
        return this.ports(port, port, real, q.dir, false);
      }
      case 'portrange': {
        if (!['default', 'udp', 'tcp', 'sctp'].includes(q.proto)) this.err("illegal qualifier of 'portrange'");
        const r = this.portRange(name);
        const real = this.portProto(q.proto, r.proto, `port in range '${name}'`);
        if (r.p1 > 65535) this.err(`illegal port number ${r.p1} > 65535`);
        if (r.p2 > 65535) this.err(`illegal port number ${r.p2} > 65535`);
        return this.ports(r.p1, r.p2, real, q.dir, true);
      }
      case 'gateway':
        return this.err("'gateway' not supported in this configuration");
      case 'proto':
      case 'protochain': {
        const v = this.lookupProto(name, q.proto);
        if (v === undefined) this.err(`unknown protocol: ${name}`, this.span, 'ERR_PCAP_NAME');
        return q.addr === 'proto' ? this.proto(v!, q.proto, q.dir) : this.protochain(v!, q.proto);
      }
    }
    return this.err('syntax error: this name needs a qualifier such as host or port (libpcap: syntax error in filter expression)', this.span, 'ERR_PCAP_SYNTAX');
  }

  private lookupProto(name: string, proto: string): number | undefined {
    switch (proto) {
      case 'default':
      case 'ip':
      case 'ip6': {
        const v = this.options.names.protocol(name);
        if (v === undefined) this.err(`unknown ip proto '${name}'`, this.span, 'ERR_PCAP_NAME');
        return v;
      }
      case 'link': {
        const v = Object.hasOwn(ETHER_PROTOS, name) ? ETHER_PROTOS[name] : Object.hasOwn(LLC_PROTOS, name) ? LLC_PROTOS[name] : undefined;
        if (v === undefined) this.err(`unknown ether proto '${name}'`, this.span, 'ERR_PCAP_NAME');
        return v;
      }
      case 'iso': {
        const v = name === 'esis' ? 0x82 : name === 'isis' ? 0x83 : name === 'clnp' ? 0x81 : undefined;
        if (v === undefined) this.err(`unknown osi proto '${name}'`, this.span, 'ERR_PCAP_NAME');
        return v;
      }
    }
    return undefined;
  }

  /** The transport protocol of a named port under a tcp/udp/sctp qualifier (gen_scode's checks). */
  private portProto(q: string, real: number, what: string): number {
    const byName: Record<string, number> = { tcp: IPPROTO.TCP, udp: IPPROTO.UDP, sctp: IPPROTO.SCTP };
    if (q === 'default') return real;
    const want = byName[q];
    if (real !== ANY && real !== want) this.err(`${what} is ${real === IPPROTO.TCP ? 'tcp' : real === IPPROTO.UDP ? 'udp' : 'sctp'}`);
    return want;
  }

  private portRange(text: string): { p1: number; p2: number; proto: number } {
    const hyphen = text.indexOf('-');
    if (hyphen < 0) this.err(`port range '${text}' contains no hyphen`);
    if (text.indexOf('-', hyphen + 1) >= 0) this.err(`port range '${text}' contains more than one hyphen`);
    if (hyphen === 0) this.err(`port range '${text}' has no starting port`);
    if (hyphen === text.length - 1) this.err(`port range '${text}' has no ending port`);
    const one = (s: string): { port: number; proto: number } => {
      if (/^[0-9]+$/.test(s) || /^0[xX][0-9a-fA-F]+$/.test(s)) {
        const v = s.startsWith('0x') || s.startsWith('0X') ? parseInt(s.slice(2), 16) : s.length > 1 && s.startsWith('0') ? parseInt(s, 8) : Number(s);
        if (!Number.isFinite(v) || v > 0xffffffff) this.err(`number ${s} does not fit in 32 bits`);
        return { port: v, proto: ANY };
      }
      const sp = this.options.names.service(s);
      if (sp === undefined) this.err(`'${s}' is not a valid port`, this.span, 'ERR_PCAP_NAME');
      return servicePort(sp!);
    };
    const a = one(text.slice(0, hyphen));
    const b = one(text.slice(hyphen + 1));
    return { p1: a.port, p2: b.port, proto: a.proto === b.proto ? a.proto : ANY };
  }

  // ---- ports (gen_port, gen_port6, gen_portrange, gen_portrange6) ----

  /** Port (or, for portrange, range p1..p2) over IPv6 then IPv4: gen_or(gen_port6(...), gen_port(...)). */
  private ports(p1: number, p2: number, proto: number, dir: string, range: boolean): Cond {
    const v6 = this.portFamily(p1, p2, proto, dir, true, range);
    const v4 = this.portFamily(p1, p2, proto, dir, false, range);
    return or(v6, v4);
  }

  private portFamily(p1: number, p2: number, proto: number, dir: string, ipv6: boolean, range: boolean): Cond {
    const b0 = this.linktype(ipv6 ? ET.IPV6 : ET.IP);
    const op = (pr: number): Cond => this.portop(p1, p2, pr, dir, ipv6, range);
    let b1: Cond;
    if (proto === ANY) b1 = or(op(IPPROTO.SCTP), or(op(IPPROTO.TCP), op(IPPROTO.UDP)));
    else b1 = op(proto);
    return and(b0, b1);
  }

  private portop(p1: number, p2: number, proto: number, dir: string, ipv6: boolean, range: boolean): Cond {
    const base = ipv6 ? cmp(this.nl(6), 1, proto) : and(cmp(this.nl(9), 1, proto), this.ipfrag());
    const atom = (off: number): Cond => {
      const v: Val = ipv6 ? ld(this.nl(40 + off), 2) : this.tranIpv4(off, 2);
      if (!range) return test(v, 'eq', p1);
      const lo = Math.min(p1, p2);
      const hi = Math.max(p1, p2);
      return and(test(v, 'ge', lo), not(test(v, 'gt', hi)));
    };
    let b1: Cond;
    switch (dir) {
      case 'src':
        b1 = atom(0);
        break;
      case 'dst':
        b1 = atom(2);
        break;
      case 'and':
        b1 = and(atom(0), atom(2));
        break;
      case 'default':
      case 'or':
        b1 = or(atom(0), atom(2));
        break;
      default:
        return this.err(dirError(dir, 'ports'));
    }
    return and(base, b1);
  }

  /** OR_TRAN_IPV4: p[X + linkpl + nl + off] with X = the IPv4 header length. */
  private tranIpv4(off: number, size: 1 | 2 | 4): Val {
    return ld(plus(this.tranBase(), off), size);
  }

  /** OR_TRAN_IPV4's base: X (the IPv4 header length, plus the run-time part of the offset) + the constant part. */
  private tranBase(): { v: Val; c: number } {
    const nl = this.nl(0);
    if (typeof nl === 'number') return { v: iphl(nl), c: nl };
    return { v: { k: 'alu', op: 'add', a: iphl(nl), b: nl.v }, c: nl.c };
  }

  /** Not a fragment other than the first: !(p[nl+6:2] & 0x1fff). */
  private ipfrag(): Cond {
    return not(test(ld(this.nl(6), 2), 'set', 0x1fff));
  }

  // ---- protochain ----

  private protochain(v: number, proto: string): Cond {
    this.noOptimize = true;
    switch (proto) {
      case 'default':
        return or(this.protochain(v, 'ip'), this.protochain(v, 'ip6'));
      case 'ip':
        return and(this.linktype(ET.IP), { k: 'chain', proto: v >>> 0, ipv6: false, base: this.constNl("'protochain'") });
      case 'ip6':
        return and(this.linktype(ET.IPV6), { k: 'chain', proto: v >>> 0, ipv6: true, base: this.constNl("'protochain'") });
    }
    return this.err("bad protocol applied for 'protochain'");
  }

  // ---- relations and accessors ----

  private relation(e: Extract<Expr, { k: 'rel' }>): Cond {
    const a0 = this.arith(e.a);
    const a1 = this.arith(e.b);
    this.span = e.span;
    let b: Cond;
    switch (e.op) {
      case '=':
      case '!=':
        b = test({ k: 'alu', op: 'sub', a: a0.v, b: a1.v }, 'eq', 0);
        break;
      case '>':
      case '<=':
        b = test(a0.v, 'gt', a1.v);
        break;
      case '>=':
      case '<':
        b = test(a0.v, 'ge', a1.v);
        break;
    }
    if (e.op === '!=' || e.op === '<=' || e.op === '<') b = not(b);
    const guard = a0.g !== undefined && a1.g !== undefined ? and(a0.g, a1.g) : (a0.g ?? a1.g);
    return guard === undefined ? b : and(guard, b);
  }

  /** An arithmetic value and the condition it is computed under (libpcap's arth->b). */
  private arith(a: Arith): { v: Val; g: Cond | undefined } {
    switch (a.k) {
      case 'num':
        return { v: imm(a.v), g: undefined };
      case 'len':
        return { v: { k: 'len' }, g: undefined };
      case 'neg': {
        const x = this.arith(a.a);
        return { v: { k: 'neg', a: x.v }, g: x.g };
      }
      case 'bin': {
        const x = this.arith(a.a);
        const y = this.arith(a.b);
        this.span = a.span;
        // libpcap looks at the first instruction of the right operand's code: a constant there
        // (the operand's leftmost number, also an accessor's index) is taken for the operand.
        const first = firstConstant(a.b);
        if (first !== undefined) {
          if (a.op === '/' && first === 0) this.err('division by zero');
          if (a.op === '%' && first === 0) this.err('modulus by zero');
          if ((a.op === '<<' || a.op === '>>') && first > 31) this.err('shift by more than 31 bits');
        }
        // gen_arth keeps the left operand's protocol check and drops the right one's (libpcap 1.10).
        return { v: { k: 'alu', op: ALU_OF[a.op], a: x.v, b: y.v }, g: x.g };
      }
      case 'index':
        return this.load(a);
    }
  }

  private load(a: Extract<Arith, { k: 'index' }>): { v: Val; g: Cond | undefined } {
    const inner = this.arith(a.idx);
    this.span = a.span;
    if (a.size !== 1 && a.size !== 2 && a.size !== 4) this.err('data size must be 1, 2, or 4', a.sizeSpan ?? a.span);
    const size = a.size as 1 | 2 | 4;
    const o = this.o;
    const withGuard = (b: Cond): Cond => (inner.g !== undefined ? and(inner.g, b) : b);
    switch (a.proto) {
      case 'link':
        return { v: this.indexed(inner.v, o.linkhdr, size), g: inner.g };
      case 'ip':
      case 'arp':
      case 'rarp':
      case 'atalk':
      case 'decnet':
      case 'sca':
      case 'lat':
      case 'moprc':
      case 'mopdl':
      case 'ip6':
        return { v: this.indexed(inner.v, this.nl(0), size), g: withGuard(this.protoAbbrev(a.proto)) };
      case 'sctp':
      case 'tcp':
      case 'udp':
      case 'icmp':
      case 'igmp':
      case 'igrp':
      case 'pim':
      case 'vrrp':
      case 'carp': {
        const tb = this.tranBase();
        const v: Val = { k: 'ldi', idx: { k: 'alu', op: 'add', a: inner.v, b: tb.v }, off: tb.c, size };
        const b = and(this.protoAbbrev(a.proto), this.ipfrag());
        return { v, g: and(this.protoAbbrev('ip'), withGuard(b)) };
      }
      case 'icmp6': {
        const g = and(withGuard(this.protoAbbrev('ip6')), cmp(this.nl(6), 1, 58));
        return { v: this.indexed(inner.v, this.nl(40), size), g };
      }
      case 'radio':
        return this.err('radio information not present in capture');
    }
    return this.err('unsupported index operation');
  }

  // ---- the other primitives ----

  private other(e: Extract<Expr, { k: 'other' }>): Cond {
    const o = this.o;
    switch (e.what) {
      case 'broadcast':
        return this.broadcast(e.proto ?? 'default');
      case 'multicast':
        return this.multicast(e.proto ?? 'default');
      case 'less':
        return not(test({ k: 'len' }, 'gt', e.arg!));
      case 'greater':
        return test({ k: 'len' }, 'ge', e.arg!);
      case 'byte': {
        const idx = e.arg!;
        const v = e.arg2!;
        switch (e.op) {
          case '=':
            return cmp(plus(o.linkhdr, idx), 1, v);
          case '<':
            return not(cmpGe(plus(o.linkhdr, idx), 1, v));
          case '>':
            return cmpGt(plus(o.linkhdr, idx), 1, v);
          default:
            return { k: 'areg', op: e.op === '|' ? 'or' : 'and', v: v >>> 0 };
        }
      }
      case 'inbound':
      case 'outbound':
        if (o.linktype === PCAP_LINK.LINUX_SLL || o.linktype === PCAP_LINK.LINUX_SLL2) {
          const off = o.linktype === PCAP_LINK.LINUX_SLL ? 0 : 10;
          const b = cmp(off, 2, 4);
          return e.what === 'inbound' ? not(b) : b;
        }
        return this.err(`inbound/outbound not supported on ${linkName(o.linktype)} when reading savefiles`, e.span, 'ERR_PCAP_LINK');
      case 'ifindex':
        if (o.linktype === PCAP_LINK.LINUX_SLL2) return cmp(4, 4, e.arg!);
        return this.err(`ifindex not supported on ${linkName(o.linktype)} when reading savefiles`, e.span, 'ERR_PCAP_LINK');
      case 'vlan':
        return this.vlan(e.arg);
      case 'mpls':
        return this.mpls(e.arg);
      case 'pppoed':
        return this.linktype(ET.PPPOED);
      case 'pppoes':
        return this.pppoes(e.arg);
      case 'geneve':
        return this.geneve(e.arg);
      case 'llc':
        return this.llc(e.name);
    }
    return this.err(`unknown primitive '${e.what}'`);
  }

  private broadcast(proto: string): Cond {
    if (proto === 'default' || proto === 'link') {
      if (!isEther(this.o)) this.err('not a broadcast link', this.span, 'ERR_PCAP_LINK');
      return this.ehostop([0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 'dst');
    }
    if (proto === 'ip') return this.err("netmask not known, so 'ip broadcast' not supported");
    return this.err('only link-layer/IP broadcast filters supported');
  }

  private multicast(proto: string): Cond {
    if (proto === 'default' || proto === 'link') {
      if (!isEther(this.o)) this.err('link-layer multicast filters supported only on ethernet/FDDI/token ring/ARCNET/802.11/ATM LANE/Fibre Channel', this.span, 'ERR_PCAP_LINK');
      return test(ld(this.o.linkhdr, 1), 'set', 1);
    }
    if (proto === 'ip') return and(this.linktype(ET.IP), cmpGe(this.nl(16), 1, 224));
    if (proto === 'ip6') return and(this.linktype(ET.IPV6), cmp(this.nl(24), 1, 255));
    return this.err('only IP multicast filters supported on ethernet/FDDI/token ring/ARCNET/802.11/ATM LANE/Fibre Channel');
  }

  private vlan(id: number | undefined): Cond {
    const o = this.o;
    if (o.labelDepth > 0) this.err('no VLAN match after MPLS');
    if (!isEther(o)) this.err(`no VLAN support for ${linkName(o.linktype)}`, this.span, 'ERR_PCAP_LINK');
    if (id !== undefined && id > 4095) this.err(`VLAN tag ${id} greater than maximum 4095`);
    let b = or(or(this.linktype(ET.VLAN), this.linktype(ET.QINQ)), this.linktype(ET.QINQ_OLD));
    if (id !== undefined) b = and(b, mcmp(this.nl(0), 2, id, 0x0fff));
    o.linkpl = plus(o.linkpl, 4);
    o.ltype = plus(o.ltype!, 4);
    o.vlanDepth++;
    return b;
  }

  private mpls(label: number | undefined): Cond {
    const o = this.o;
    let b: Cond;
    if (o.labelDepth > 0) b = mcmp(this.nl(-4 + 2), 1, 0, 0x01);
    else if (isEther(o)) b = this.linktype(ET.MPLS);
    else if (o.linktype === PCAP_LINK.PPP) b = this.linktype(0x0281);
    else return this.err(`no MPLS support for ${linkName(o.linktype)}`, this.span, 'ERR_PCAP_LINK');
    if (label !== undefined) {
      if (label > 0xfffff) this.err(`MPLS label ${label} greater than maximum 1048575`);
      b = and(b, mcmp(this.nl(0), 4, (label << 12) >>> 0, 0xfffff000));
    }
    o.nlNosnap += 4;
    o.nl += 4;
    o.labelDepth++;
    return b;
  }

  /**
   * gen_geneve: UDP to port 6081 over IPv4 or IPv6 with Geneve version 0 (and the VNI), after
   * which the link header, type and payload are those of the encapsulated frame: run-time
   * offsets (libpcap keeps them in scratch memory; here they are recomputed where used,
   * from the same packet bytes).
   */
  private geneve(vni: number | undefined): Cond {
    const o = this.o;
    if (vni !== undefined && vni > 0xffffff) this.err(`Geneve VNI ${vni} greater than maximum 16777215`);
    const check = (ipv6: boolean): Cond => {
      let b = and(this.portFamily(6081, 6081, IPPROTO.UDP, 'dst', ipv6, false), this.tranTest(ipv6, 8, 1, 0, 0xc0));
      if (vni !== undefined) b = and(b, this.tranTest(ipv6, 12, 4, (vni << 8) >>> 0, 0xffffff00));
      return b;
    };
    const b0 = or(check(false), check(true));
    // X: the IPv4 header length on the IPv4 path, 40 on the IPv6 one (the EtherType tells which).
    const nl = this.nl(0);
    const tb = this.tranBase();
    const x6: Val = typeof nl === 'number' ? imm(40) : { k: 'alu', op: 'add', a: imm(40), b: nl.v };
    const isIpv4 = this.ipv4Selector();
    const x: Val = isIpv4 === true ? tb.v : isIpv4 === false ? x6 : { k: 'sel', v: isIpv4.v, eq: isIpv4.eq, a: tb.v, b: x6 };
    const g: Val = { k: 'alu', op: 'add', a: x, b: imm(tb.c + 8) };
    const inner: Val = { k: 'alu', op: 'add', a: { k: 'alu', op: 'add', a: { k: 'alu', op: 'mul', a: { k: 'alu', op: 'and', a: ld({ v: g, c: 0 }, 1), b: imm(0x3f) }, b: imm(4) }, b: imm(8) }, b: g };
    const ptype = ld({ v: g, c: 2 }, 2);
    const ltype: Val = { k: 'sel', v: ptype, eq: 0x6558, a: { k: 'alu', op: 'add', a: inner, b: imm(12) }, b: { k: 'alu', op: 'add', a: g, b: imm(2) } };
    const linkpl: Val = { k: 'sel', v: ptype, eq: 0x6558, a: { k: 'alu', op: 'add', a: inner, b: imm(14) }, b: inner };
    // libpcap computes the offsets (reading the option length and protocol type) when Geneve matches.
    const compute = test({ k: 'alu', op: 'and', a: linkpl, b: imm(0) }, 'eq', 0);
    // Like libpcap's PUSH_LINKHDR(DLT_EN10MB): what follows sees an Ethernet link layer,
    // whatever the capture's link type.
    if (o.linktype !== PCAP_LINK.ETHERNET) {
      o.linktype = PCAP_LINK.ETHERNET;
      o.nlNosnap = initialOffsets(PCAP_LINK.ETHERNET).nlNosnap;
    }
    o.linkhdr = { v: inner, c: 0 };
    o.ltype = { v: ltype, c: 0 };
    o.linkpl = { v: linkpl, c: 0 };
    o.nl = 0;
    return and(b0, compute);
  }

  /**
   * What tells an IPv4 packet from an IPv6 one at the current link layer, as a value and the
   * number it equals for IPv4 (the field linktype(IP) tests); true/false when the link type
   * itself says (raw IPv4 or IPv6 link types).
   */
  private ipv4Selector(): { v: Val; eq: number } | boolean {
    const o = this.o;
    if (o.labelDepth === 0) {
      switch (o.linktype) {
        case PCAP_LINK.NULL:
          return { v: ld(o.linkhdr, 4), eq: swap32(2) };
        case PCAP_LINK.LOOP:
          return { v: ld(o.linkhdr, 4), eq: 2 };
        case PCAP_LINK.IPV4:
          return true;
        case PCAP_LINK.IPV6:
          return false;
        case PCAP_LINK.RAW:
          return { v: { k: 'alu', op: 'and', a: ld(o.linkhdr, 1), b: imm(0xf0) }, eq: 0x40 };
      }
    }
    return { v: ld(o.ltype!, 2), eq: ET.IP };
  }

  /** (transport-layer byte/word at off) & mask = v, over IPv4 (OR_TRAN_IPV4) or IPv6 (OR_TRAN_IPV6). */
  private tranTest(ipv6: boolean, off: number, size: 1 | 2 | 4, v: number, mask: number): Cond {
    return ipv6 ? mcmp(this.nl(40 + off), size, v, mask) : test({ k: 'alu', op: 'and', a: this.tranIpv4(off, size), b: imm(mask) }, 'eq', v);
  }

  private pppoes(session: number | undefined): Cond {
    const o = this.o;
    let b = this.linktype(ET.PPPOES);
    if (session !== undefined) {
      if (session > 0xffff) this.err(`PPPoE session number ${session} greater than maximum 65535`);
      b = and(b, mcmp(this.nl(0), 4, session, 0x0000ffff));
    }
    const hdr = plus(o.linkpl, o.nl + 6);
    o.linktype = PCAP_LINK.PPP;
    o.linkhdr = hdr;
    o.ltype = hdr;
    o.linkpl = plus(hdr, 2);
    o.nl = 0;
    o.nlNosnap = 0;
    return b;
  }

  private llc(name: string | undefined): Cond {
    const o = this.o;
    let base: Cond;
    if (isEther(o)) base = and(not(cmpGt(o.ltype!, 2, ETHERMTU)), not(cmp(o.linkpl, 2, 0xffff)));
    else return this.err(`'llc' not supported for ${linkName(o.linktype)}`, this.span, 'ERR_PCAP_LINK');
    if (name === undefined) return base;
    const ctl = ld(plus(o.linkpl, 2), 1);
    switch (name) {
      case 'i':
        return and(base, not(test(ctl, 'set', 0x01)));
      case 's':
        return and(base, mcmp(plus(o.linkpl, 2), 1, 0x01, 0x03));
      case 'u':
        return and(base, mcmp(plus(o.linkpl, 2), 1, 0x03, 0x03));
    }
    const s = LLC_S[name];
    if (s !== undefined) return and(base, mcmp(plus(o.linkpl, 2), 1, s, 0x0f));
    const u = LLC_U[name];
    if (u !== undefined) return and(base, mcmp(plus(o.linkpl, 2), 1, u, 0xef));
    return this.err(`unknown LLC type name '${name}'`, this.span, 'ERR_PCAP_NAME');
  }
}

/** The number libpcap's code for `a` starts with (`ld #k`), if any: its leftmost leaf. */
function firstConstant(a: Arith): number | undefined {
  switch (a.k) {
    case 'num':
      return a.v;
    case 'len':
      return undefined;
    case 'neg':
    case 'bin':
      return firstConstant(a.a);
    case 'index':
      return firstConstant(a.idx);
  }
}

const LLC_S: Readonly<Record<string, number>> = { rr: 0x01, rnr: 0x05, rej: 0x09 };
const LLC_U: Readonly<Record<string, number>> = { ui: 0x03, ua: 0x63, disc: 0x43, dm: 0x0f, sabme: 0x6f, test: 0xe3, xid: 0xaf, frmr: 0x87 };

const ALU_OF = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '%': 'mod', '&': 'and', '|': 'or', '^': 'xor', '<<': 'lsh', '>>': 'rsh' } as const;

const PROTO_WORD: Readonly<Record<string, string>> = { arp: 'arp', rarp: 'rarp', tcp: "'tcp proto'", udp: "'udp proto'", sctp: "'sctp proto'" };

function dirError(dir: string, what: string): string {
  if (dir === 'ra' || dir === 'ta') return `'${dir}' is not a valid qualifier for ${what}`;
  const n = dir.slice(4);
  return `'addr${n}' and 'address${n}' are not valid qualifiers for ${what}`;
}

function linkName(linktype: number): string {
  switch (linktype) {
    case PCAP_LINK.ETHERNET:
      return 'Ethernet';
    case PCAP_LINK.LINUX_SLL:
      return 'Linux cooked v1';
    case PCAP_LINK.LINUX_SLL2:
      return 'Linux cooked v2';
    case PCAP_LINK.PPP:
      return 'PPP';
    case PCAP_LINK.NULL:
      return 'BSD loopback';
    case PCAP_LINK.LOOP:
      return 'OpenBSD loopback';
    default:
      return 'Raw IP';
  }
}

function swap32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}

function etherToPpp(proto: number): number {
  const map: Record<number, number> = { 0x0800: 0x0021, 0x86dd: 0x0057, 0x6003: 0x0027, 0x809b: 0x0029, 0x0600: 0x0025, 0xfe: 0x0023, 0x42: 0x0031, 0xe0: 0x002b, 0x8137: 0x002b };
  return map[proto] ?? proto;
}

/** __pcap_atoin: dotted decimal parts, each 0-255; the length is 8 bits per part. */
function atoin(s: string): { v: number; len: number } | undefined {
  const parts = s.split('.');
  let v = 0;
  for (const p of parts) {
    if (!/^[0-9]+$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = v * 256 + n;
  }
  return { v: v >>> 0, len: 8 * parts.length };
}

/** __pcap_atodn: "area.node" to area << 10 | node (sscanf "%d.%d"). */
function decnetAddr(s: string): number | undefined {
  const m = /^([0-9]+)\.([0-9]+)/.exec(s);
  if (m === null) return undefined;
  const area = Number(m[1]);
  const node = Number(m[2]);
  return (((area << 10) & 0xfc00) | (node & 0x3ff)) >>> 0;
}

/** pcap_ether_aton: hex bytes separated by ':', '-' or '.', or groups of four hex digits. */
function parseMac(s: string): number[] | undefined {
  const hex = s.replace(/[:.-]/g, '');
  let bytes: string[];
  if (/^[0-9A-Fa-f]{12}$/.test(hex) && !/[:.-]/.test(s.replace(/^[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}$/, ''))) bytes = hex.match(/../g)!;
  else {
    bytes = s.split(/[:.-]/);
    if (bytes.length !== 6) return undefined;
  }
  const out = bytes.map((b) => parseInt(b, 16));
  return out.length === 6 && out.every((b) => Number.isInteger(b) && b >= 0 && b <= 255) ? out : undefined;
}

/** The port of a service and its protocol: PROTO_UNDEF when TCP and UDP agree. */
function servicePort(s: ServicePorts): { port: number; proto: number } {
  if (s.tcp !== undefined) {
    if (s.udp !== undefined && s.udp === s.tcp) return { port: s.tcp, proto: ANY };
    return { port: s.tcp, proto: IPPROTO.TCP };
  }
  if (s.udp !== undefined) return { port: s.udp, proto: IPPROTO.UDP };
  if (s.sctp !== undefined) return { port: s.sctp, proto: IPPROTO.SCTP };
  return { port: 0, proto: ANY };
}
