// What the pcap-filter code generator produces, one level above VFM bytecode: the boolean
// structure of libpcap's unoptimized program (and, or, not over tests, evaluated left to
// right with short circuits) and the 32-bit values the tests compare. A load outside the
// captured bytes or a division by zero anywhere rejects the packet, as in libpcap.

/** A 32-bit unsigned value, computed from the packet. */
export type Val =
  | { readonly k: 'imm'; readonly v: number }
  /** p[off..off+size) big-endian. */
  | { readonly k: 'ld'; readonly off: number; readonly size: 1 | 2 | 4 }
  /** p[idx + off ..] big-endian (BPF_IND: idx in X). */
  | { readonly k: 'ldi'; readonly idx: Val; readonly off: number; readonly size: 1 | 2 | 4 }
  /** 4 * (p[idx + off] & 0xf): the IPv4 header length (BPF_MSH; idx for variable offsets). */
  | { readonly k: 'iphl'; readonly off: number; readonly idx?: Val }
  /** v = eq ? a : b (the offsets Geneve leaves depend on the encapsulated protocol). */
  | { readonly k: 'sel'; readonly v: Val; readonly eq: number; readonly a: Val; readonly b: Val }
  /** The packet's length on the wire (BPF_LEN). */
  | { readonly k: 'len' }
  | { readonly k: 'alu'; readonly op: AluOp; readonly a: Val; readonly b: Val }
  | { readonly k: 'neg'; readonly a: Val };

export type AluOp = 'add' | 'sub' | 'mul' | 'div' | 'mod' | 'and' | 'or' | 'xor' | 'lsh' | 'rsh';

/** Comparisons of classic BPF: =, >, >= (unsigned) and "some bit of the mask is set". */
export type TestOp = 'eq' | 'gt' | 'ge' | 'set';

export type Cond =
  | { readonly k: 'true' }
  | { readonly k: 'false' }
  | { readonly k: 'and' | 'or'; readonly a: Cond; readonly b: Cond }
  | { readonly k: 'not'; readonly a: Cond }
  /** v OP rhs; libpcap's A register holds v afterwards. */
  | { readonly k: 'test'; readonly v: Val; readonly op: TestOp; readonly rhs: Val }
  /** `byte N & V` / `byte N | V`: A = A op V, then A != 0 (libpcap does not load byte N). */
  | { readonly k: 'areg'; readonly op: 'and' | 'or'; readonly v: number }
  /**
   * libpcap's protochain loop: start with A = p[nextOff], X = the first header's length,
   * follow IPv6 extension headers (ipv6) and AH headers until A is `proto`, no-next-header
   * or something else, then test A = proto.
   */
  | { readonly k: 'chain'; readonly proto: number; readonly ipv6: boolean; readonly base: number };

/** A packet offset: constant, or a value computed at run time plus a constant (after Geneve). */
export type Off = number | { readonly v: Val; readonly c: number };

export const plus = (o: Off, n: number): Off => (typeof o === 'number' ? o + n : { v: o.v, c: o.c + n });

export const TRUE: Cond = { k: 'true' };
export const FALSE: Cond = { k: 'false' };

export const imm = (v: number): Val => ({ k: 'imm', v: v >>> 0 });
export const ld = (off: Off, size: 1 | 2 | 4): Val => (typeof off === 'number' ? { k: 'ld', off, size } : { k: 'ldi', idx: off.v, off: off.c, size });
/** 4 * (p[off] & 0xf) at a constant or run-time offset. */
export const iphl = (off: Off): Val => (typeof off === 'number' ? { k: 'iphl', off } : { k: 'iphl', off: off.c, idx: off.v });
export const and = (a: Cond, b: Cond): Cond => ({ k: 'and', a, b });
export const or = (a: Cond, b: Cond): Cond => ({ k: 'or', a, b });
export const not = (a: Cond): Cond => ({ k: 'not', a });
export const test = (v: Val, op: TestOp, rhs: number | Val): Cond => ({ k: 'test', v, op, rhs: typeof rhs === 'number' ? imm(rhs) : rhs });

/** gen_cmp: p[off:size] = v. */
export const cmp = (off: Off, size: 1 | 2 | 4, v: number): Cond => test(ld(off, size), 'eq', v);
/** gen_mcmp: p[off:size] & mask = v (no AND for an all-ones mask). */
export const mcmp = (off: Off, size: 1 | 2 | 4, v: number, mask: number): Cond =>
  test((mask >>> 0) === 0xffffffff ? ld(off, size) : { k: 'alu', op: 'and', a: ld(off, size), b: imm(mask) }, 'eq', v);
export const cmpGt = (off: Off, size: 1 | 2 | 4, v: number): Cond => test(ld(off, size), 'gt', v);
export const cmpGe = (off: Off, size: 1 | 2 | 4, v: number): Cond => test(ld(off, size), 'ge', v);

/** Canonical text of a value (equal texts are equal values: libpcap's value numbering). */
export function valKey(v: Val): string {
  switch (v.k) {
    case 'imm':
      return `#${v.v}`;
    case 'ld':
      return `[${v.off}:${v.size}]`;
    case 'ldi': {
      const c = constOf(v.idx);
      return c !== undefined ? `[${c + v.off}:${v.size}]` : `[${valKey(v.idx)}+${v.off}:${v.size}]`;
    }
    case 'iphl':
      return v.idx === undefined ? `msh[${v.off}]` : `msh[${valKey(v.idx)}+${v.off}]`;
    case 'sel':
      return `(${valKey(v.v)}=${v.eq}?${valKey(v.a)}:${valKey(v.b)})`;
    case 'len':
      return 'len';
    case 'alu': {
      const c = constOf(v);
      return c !== undefined ? `#${c}` : `(${valKey(v.a)} ${v.op} ${valKey(v.b)})`;
    }
    case 'neg':
      return `-${valKey(v.a)}`;
  }
}

/** The value when it is a constant (folded as libpcap's optimizer does), else undefined. */
export function constOf(v: Val): number | undefined {
  if (v.k === 'imm') return v.v;
  if (v.k === 'neg') {
    const a = constOf(v.a);
    return a === undefined ? undefined : (-a) >>> 0;
  }
  if (v.k !== 'alu') return undefined;
  const a = constOf(v.a);
  const b = constOf(v.b);
  // x & 0 and x * 0 are 0 whatever x is (the optimizer folds them; the load stays for faults).
  if ((v.op === 'and' || v.op === 'mul') && (a === 0 || b === 0)) return 0;
  if (a === undefined || b === undefined) return undefined;
  switch (v.op) {
    case 'add':
      return (a + b) >>> 0;
    case 'sub':
      return (a - b) >>> 0;
    case 'mul':
      return Number((BigInt(a) * BigInt(b)) & 0xffffffffn);
    case 'div':
      return b === 0 ? undefined : Math.floor(a / b);
    case 'mod':
      return b === 0 ? undefined : a % b;
    case 'and':
      return (a & b) >>> 0;
    case 'or':
      return (a | b) >>> 0;
    case 'xor':
      return (a ^ b) >>> 0;
    case 'lsh':
      return b >= 32 ? 0 : (a << b) >>> 0;
    case 'rsh':
      return b >= 32 ? 0 : a >>> b;
  }
}
