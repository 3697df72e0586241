// Lowering a verified VFM program to classic BPF. Stack slots live in scratch memory (slot d
// in one word, a second word for slots that hold pairs), constants stay virtual until they are
// stored, A and X are the working registers. Compares of 64- and 128-bit values become 32-bit
// word compares. A VFM fault becomes a drop: classic BPF returns 0 on an out-of-bounds load
// or a division by zero, and the lowering emits `ret #0` where VFM would always fault.
// What classic BPF cannot express raises CompileError with the pc and the reason.

import { CompileError } from '../../diag/errors.js';
import type { Insn } from '../../bytecode/decode.js';
import { type LiveOpName, assertNever } from '../../isa/index.js';
import type { VerifiedProgram } from '../../verify/verify.js';
import { BPF, CBPF_MAX_INSNS, CBPF_SNAP_ACCEPT, type CbpfInsn } from './insn.js';
import { type SetWord, emitSetTree } from './sets.js';
import { type Item, type MemRef, layoutCbpf } from './layout.js';
import { PAIR_PRODUCERS, analyzeValues } from './values.js';
import { FACT, type Semantics, emitHeaderWalk, factsFor, hdrWord } from './headers.js';
export type { Semantics } from './headers.js';
import { analyzeLinkFacts, vlanSelectorReason } from './link.js';

/** How packets reach the filter: from the Ethernet header, or from the IP header (iptables, SOCK_DGRAM). */
export type LinkMode = 'ethernet' | 'ip';
/** What an accepting run returns: the snap length 0x40000 (whole packet), or the VFM value itself. */
export type AcceptMode = 'snap' | 'value';

export interface CbpfOptions {
  readonly link?: LinkMode;
  readonly accept?: AcceptMode;
  /**
   * `vfm` (default): the VM's header facts exactly (VLAN tags, IPv6 extension headers).
   * `libpcap`: libpcap's fixed offsets (no VLAN or extension-header walk; a load past the end
   * rejects the packet), for much smaller programs; see docs/targets.md.
   */
  readonly semantics?: Semantics;
}

export interface CbpfProgram {
  readonly insns: readonly CbpfInsn[];
  readonly link: LinkMode;
  readonly semantics: Semantics;
  readonly accept: AcceptMode;
  /** Scratch words M[] the program uses. */
  readonly scratchWords: number;
}

/** Length of the Ethernet header that `--link ip` consumers never see. */
export const ETHER_HEADER = 14;
const U32 = 0xffffffff;
/** Indirect loads with a base at or above this are out of bounds for any packet; checked explicitly. */
const IND_GUARD = 0x7ffe0000;

type Word = number | 'mem';
interface Slot {
  id: number;
  lo: Word;
  hi: Word;
}
type Src = { readonly k: number } | { readonly m: MemRef };
type Rel = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

const fail = (code: string, pc: number, message: string): never => {
  throw new CompileError(code, message, { pc });
};

/** The reason each opcode classic BPF cannot express is rejected. */
const UNSUPPORTED: Partial<Record<LiveOpName, string>> = {
  hash5: 'HASH5 needs 64-bit multiplication; classic BPF registers are 32 bits',
  hash6: 'HASH6 needs 64-bit multiplication; classic BPF registers are 32 bits',
  flow_load: 'classic BPF has no maps: the flow table needs the eBPF target',
  flow_store: 'classic BPF has no maps: the flow table needs the eBPF target',
  csum: 'CSUM sums a variable number of header words; it is not lowered to classic BPF',
  ipv6_ext: 'IPV6_EXT walks IPv6 extension headers without a bound (a loop); classic BPF has no loops',
  tstamp: 'classic BPF filters cannot read the capture timestamp',
};

/**
 * Compile a verified program to classic BPF.
 * @throws {CompileError} with the pc of the first instruction classic BPF cannot express
 */
export function compileCbpf(prog: VerifiedProgram, options: CbpfOptions = {}): CbpfProgram {
  const link = options.link ?? 'ethernet';
  const accept = options.accept ?? 'snap';
  const semantics = options.semantics ?? 'vfm';
  const { insns } = prog;
  for (const insn of insns) {
    if (insn.op.flow !== 'return' && insn.op.format === 'rel16' && insn.target <= insn.pc) {
      fail('ERR_TARGET_LOOP', insn.pc, `backward jump from pc ${insn.pc} to ${insn.target}: classic BPF jumps only forward (no loops)`);
    }
    const why = UNSUPPORTED[insn.op.name as LiveOpName];
    if (why !== undefined) fail('ERR_TARGET_UNSUPPORTED', insn.pc, `${insn.op.name.toUpperCase()} is not expressible in classic BPF: ${why}`);
  }
  const facts = analyzeValues(prog);
  const linkFacts = link === 'ip' ? analyzeLinkFacts(prog, facts) : undefined;
  if (link === 'ip') {
    for (const insn of insns) {
      const why = insn.op.name === 'hdr' ? vlanSelectorReason(insn.arg) : undefined;
      if (why !== undefined) fail('ERR_TARGET_LINK', insn.pc, why);
    }
  }
  const items: Item[] = [];
  let nextLabel = insns.length;
  const newLabel = (): number => nextLabel++;
  const DROP = newLabel();
  const ACCEPT = newLabel();
  let usedDrop = false;
  let usedAccept = false;
  const isTarget = new Uint8Array(insns.length);
  for (let i = 0; i < insns.length; i++) {
    const insn = insns[i];
    if (insn.op.format === 'rel16') isTarget[prog.indexOfPc[insn.target]] = 1;
    if (insn.op.flow === 'branch' || insn.op.flow === 'jump' || insn.op.flow === 'return') if (i + 1 < insns.length) isTarget[i + 1] = 1;
  }

  let pc = 0;
  const op = (code: number, k = 0, mem?: MemRef): void => void items.push({ t: 'op', code, k, mem, pc });
  const cond = (code: number, k: number, jt: number, jf: number): void => void items.push({ t: 'cond', code, k, jt, jf, pc });
  const ja = (target: number): void => void items.push({ t: 'ja', target, pc });
  const bind = (id: number): void => void items.push({ t: 'label', id });
  const drop = (): number => {
    usedDrop = true;
    return DROP;
  };

  let stack: Slot[] = [];
  const isPair = (s: Slot): boolean => facts.isPair(s.id);
  const mem = (half: 'lo' | 'hi', depth: number): MemRef => ({ half, depth });
  const src = (depth: number, half: 'lo' | 'hi'): Src => {
    const w = stack[depth][half];
    return w === 'mem' ? { m: mem(half, depth) } : { k: w };
  };
  const ldA = (s: Src): void => ('k' in s ? op(BPF.LD | BPF.IMM, s.k) : op(BPF.LD | BPF.MEM, 0, s.m));
  const ldX = (s: Src): void => ('k' in s ? op(BPF.LDX | BPF.IMM, s.k) : op(BPF.LDX | BPF.MEM, 0, s.m));
  const stA = (depth: number, half: 'lo' | 'hi'): void => op(BPF.ST, 0, mem(half, depth));
  const alu = (aluOp: number, s: Src): void => {
    if ('k' in s) op(BPF.ALU | aluOp | BPF.K, s.k);
    else {
      ldX(s);
      op(BPF.ALU | aluOp | BPF.X);
    }
  };
  /** Store every virtual constant of slots [0, depth) so that another path can read them. */
  const flush = (depth: number): void => {
    for (let d = 0; d < depth; d++) {
      const s = stack[d];
      if (s.lo !== 'mem') {
        op(BPF.LD | BPF.IMM, s.lo);
        stA(d, 'lo');
        s.lo = 'mem';
      }
      if (isPair(s) && s.hi !== 'mem') {
        op(BPF.LD | BPF.IMM, s.hi);
        stA(d, 'hi');
        s.hi = 'mem';
      }
    }
  };

  /** Load `size` (B, H or W) bytes at Ethernet offset `off` into A (X may be clobbered). */
  const loadAbs = (size: number, off: number): void => {
    const width = size === BPF.B ? 1 : size === BPF.H ? 2 : 4;
    if (link === 'ethernet' || off >= ETHER_HEADER) {
      op(BPF.LD | size | BPF.ABS, link === 'ethernet' ? off : off - ETHER_HEADER);
      return;
    }
    if (off < 12) {
      fail('ERR_TARGET_LINK', pc, `load of ${width} byte${width > 1 ? 's' : ''} at offset ${off} reads the Ethernet MAC addresses, which --link ip consumers never see`);
    }
    const fromEther = ETHER_HEADER - off; // 1 or 2 bytes of the implied EtherType
    const used = Math.min(width, fromEther);
    const rest = width - used;
    if (rest > 2) fail('ERR_TARGET_LINK', pc, `load of 4 bytes at offset ${off} straddles the implied EtherType and 3 IP header bytes; --link ip cannot express it`);
    if (rest > 0) op(BPF.LD | BPF.B | BPF.ABS, rest - 1); // bounds first: VFM faults when the IP bytes are missing
    emitImpliedEtherType();
    if (off === 12 && used === 1) op(BPF.ALU | BPF.RSH | BPF.K, 8);
    if (off === 13) op(BPF.ALU | BPF.AND | BPF.K, 0xff);
    if (rest > 0) {
      op(BPF.ALU | BPF.LSH | BPF.K, 8 * rest);
      op(BPF.MISC | BPF.TAX);
      op(BPF.LD | (rest === 1 ? BPF.B : BPF.H) | BPF.ABS, 0);
      op(BPF.ALU | BPF.OR | BPF.X);
    }
  };
  /** A = 0x0800 for an IPv4 packet, 0x86DD for IPv6, else 0 (the EtherType --link ip implies). */
  const emitImpliedEtherType = (): void => {
    const v4 = newLabel();
    const not4 = newLabel();
    const v6 = newLabel();
    const none = newLabel();
    const done = newLabel();
    op(BPF.LD | BPF.B | BPF.ABS, 0);
    op(BPF.ALU | BPF.RSH | BPF.K, 4);
    cond(BPF.JMP | BPF.JEQ | BPF.K, 4, v4, not4);
    bind(not4);
    cond(BPF.JMP | BPF.JEQ | BPF.K, 6, v6, none);
    bind(none);
    op(BPF.LD | BPF.IMM, 0);
    ja(done);
    bind(v6);
    op(BPF.LD | BPF.IMM, 0x86dd);
    ja(done);
    bind(v4);
    op(BPF.LD | BPF.IMM, 0x0800);
    bind(done);
  };

  /** Branch to `t` when `a rel b` holds, else to `f`; words are most significant first. */
  const compareWords = (rel: Rel, a: Src[], b: Src[], t: number, f: number): void => {
    const as: Src[] = [];
    const bs: Src[] = [];
    for (let j = 0; j < a.length; j++) {
      const x = a[j];
      const y = b[j];
      if ('k' in x && 'k' in y && x.k === y.k) continue; // equal constants decide nothing
      as.push(x);
      bs.push(y);
    }
    if (rel === 'ne') return compareWords('eq', a, b, f, t);
    const n = as.length;
    if (n === 0) {
      ja(rel === 'eq' || rel === 'ge' || rel === 'le' ? t : f);
      return;
    }
    const jcc = (kind: number, y: Src, jt: number, jf: number): void => {
      if ('k' in y) cond(BPF.JMP | kind | BPF.K, y.k, jt, jf);
      else cond(BPF.JMP | kind | BPF.X, 0, jt, jf);
    };
    for (let j = 0; j < n; j++) {
      const last = j === n - 1;
      const y = bs[j];
      if (!('k' in y)) ldX(y);
      ldA(as[j]);
      const next = newLabel();
      if (rel === 'eq') jcc(BPF.JEQ, y, last ? t : next, f);
      else if (rel === 'gt' || rel === 'ge') {
        if (last) jcc(rel === 'gt' ? BPF.JGT : BPF.JGE, y, t, f);
        else {
          const same = newLabel();
          jcc(BPF.JGT, y, t, same);
          bind(same);
          jcc(BPF.JEQ, y, next, f);
        }
      } else if (last) jcc(rel === 'lt' ? BPF.JGE : BPF.JGT, y, f, t);
      else {
        const same = newLabel();
        jcc(BPF.JGE, y, same, t);
        bind(same);
        jcc(BPF.JEQ, y, next, f);
      }
      bind(next);
    }
  };
  /** Words of the values in slots [from, from + count), most significant first. */
  const wordsOf = (from: number, count: number): Src[] => {
    const out: Src[] = [];
    for (let d = from; d < from + count; d++) out.push(src(d, 'hi'), src(d, 'lo'));
    return out;
  };
  const compareSlots = (rel: Rel, width: 1 | 2, t: number, f: number): void => {
    const d = stack.length;
    const a = wordsOf(d - 2 * width, width);
    const b = wordsOf(d - width, width);
    compareWords(rel, a, b, t, f);
  };

  const requireNarrow = (slot: Slot, what: string): void => {
    if (!facts.values[slot.id].fits32) {
      fail('ERR_TARGET_WIDE', pc, `${what} may exceed 32 bits; classic BPF registers hold 32`);
    }
  };

  const DEFAULT_HI = 0;
  const pushSlot = (id: number, lo: Word, hi: Word = DEFAULT_HI): void => void stack.push({ id, lo, hi });
  const entryStack = (i: number): Slot[] =>
    facts.entry[i].map((id) => ({ id, lo: 'mem' as Word, hi: (facts.isPair(id) ? 'mem' : 0) as Word }));

  const firstHeaderUse = insns.find((x) => x.op.name === 'hdr' || x.op.name === 'parse');
  if (firstHeaderUse !== undefined) {
    pc = firstHeaderUse.pc;
    const selectors = insns.filter((x) => x.op.name === 'hdr' || x.op.name === 'parse').map((x) => (x.op.name === 'parse' ? -1 : x.arg));
    emitHeaderWalk({ op, cond, ja, bind, newLabel, impliedEtherType: emitImpliedEtherType }, link === 'ip' ? ETHER_HEADER : 0, factsFor(selectors), semantics, [...factsFor(selectors.slice(0, 1))][0]);
  }

  for (let i = 0; i < insns.length; i++) {
    const insn = insns[i];
    pc = insn.pc;
    if (isTarget[i] === 1) {
      if (i > 0 && insns[i - 1].op.flow === 'next') flush(stack.length);
      bind(i);
      stack = entryStack(i);
    }
    lowerOne(insn, i);
  }
  if (usedDrop) {
    bind(DROP);
    op(BPF.RET | BPF.K, 0);
  }
  if (usedAccept) {
    bind(ACCEPT);
    op(BPF.RET | BPF.K, CBPF_SNAP_ACCEPT);
  }
  const { insns: out, scratchWords } = layoutCbpf(items);
  return { insns: out, link, semantics, accept, scratchWords };

  /** The value is a header offset (HDR or PARSE, or a merge of them): at most 65535. */
  function isHeaderOffset(id: number, seen = new Set<number>()): boolean {
    if (seen.has(id)) return true;
    seen.add(id);
    const v = facts.values[id];
    if (v.producer < 0) return v.sources.every((x) => isHeaderOffset(x, seen));
    const name = insns[v.producer].op.name;
    return name === 'hdr' || name === 'parse';
  }

  function outId(i: number, k = 0): number {
    return facts.pushed[i][k];
  }

  function lowerOne(insn: Insn, i: number): void {
    const name = insn.op.name as LiveOpName;
    const d = stack.length;
    switch (name) {
      case 'ld8':
      case 'ld16':
      case 'ld32': {
        const id = outId(i);
        loadAbs(name === 'ld8' ? BPF.B : name === 'ld16' ? BPF.H : BPF.W, insn.arg);
        stA(d, 'lo');
        pushSlot(id, 'mem');
        return;
      }
      case 'ld64':
      case 'ld128': {
        const n = name === 'ld64' ? 1 : 2;
        // The last word first: it carries the bounds check of the whole load.
        for (let s = n - 1; s >= 0; s--) {
          const id = outId(i, s);
          loadAbs(BPF.W, insn.arg + 8 * s + 4);
          stA(d + s, 'lo');
          if (facts.isPair(id)) {
            loadAbs(BPF.W, insn.arg + 8 * s);
            stA(d + s, 'hi');
          }
        }
        for (let s = 0; s < n; s++) {
          const id = outId(i, s);
          pushSlot(id, 'mem', facts.isPair(id) ? 'mem' : 0);
        }
        return;
      }
      case 'ldx8':
      case 'ldx16':
      case 'ldx32':
      case 'ldx64':
      case 'ldx128': {
        const base = stack[d - 1];
        requireNarrow(base, `the base of ${name.toUpperCase()}`);
        const baseRange = prog.ranges.inputs(i)[0];
        if (base.lo !== 'mem') {
          // A constant base is a plain absolute load.
          stack.pop();
          const fake = { ...insn, arg: base.lo + insn.arg };
          if (fake.arg > 0xffff) {
            ja(drop()); // beyond any packet: VFM faults
            for (let s = 0; s < (name === 'ldx128' ? 2 : 1); s++) pushSlot(outId(i, s), 0);
            return;
          }
          lowerOne({ ...fake, op: { ...insn.op, name: name.replace('ldx', 'ld') } } as Insn, i);
          return;
        }
        let k = insn.arg;
        let low = 0;
        if (link === 'ip') {
          low = Math.max(baseRange.lo, linkFacts!.lowest(base.id, i) ?? 0);
          if (low + insn.arg < ETHER_HEADER) {
            fail('ERR_TARGET_LINK', pc, `${name.toUpperCase()} at base+${insn.arg} may read the Ethernet header (the base can be as low as ${low}), which --link ip consumers never see`);
          }
          k -= ETHER_HEADER;
        }
        if (!isHeaderOffset(base.id) && baseRange.hi + insn.arg + 16 > IND_GUARD) {
          ldA({ m: mem('lo', d - 1) });
          const ok = newLabel();
          cond(BPF.JMP | BPF.JGT | BPF.K, IND_GUARD, drop(), ok);
          bind(ok);
        }
        const size = name === 'ldx8' ? BPF.B : name === 'ldx16' ? BPF.H : BPF.W;
        const n = name === 'ldx64' ? 1 : name === 'ldx128' ? 2 : 0;
        if (k < 0) {
          // A negative offset means ancillary data to the kernel and fails libpcap's bounds
          // check: move the Ethernet header's length into X instead.
          ldA({ m: mem('lo', d - 1) });
          const bias = Math.min(low, ETHER_HEADER); // X stays >= 0 and k >= 0
          op(BPF.ALU | BPF.SUB | BPF.K, bias);
          op(BPF.MISC | BPF.TAX);
          k += bias;
        } else ldX({ m: mem('lo', d - 1) });
        stack.pop();
        if (n === 0) {
          op(BPF.LD | size | BPF.IND, k);
          stA(d - 1, 'lo');
          pushSlot(outId(i), 'mem');
          return;
        }
        for (let s = n - 1; s >= 0; s--) {
          const id = outId(i, s);
          op(BPF.LD | BPF.W | BPF.IND, k + 8 * s + 4);
          stA(d - 1 + s, 'lo');
          if (facts.isPair(id)) {
            op(BPF.LD | BPF.W | BPF.IND, k + 8 * s);
            stA(d - 1 + s, 'hi');
          }
        }
        for (let s = 0; s < n; s++) {
          const id = outId(i, s);
          pushSlot(id, 'mem', facts.isPair(id) ? 'mem' : 0);
        }
        return;
      }
      case 'push':
        pushSlot(outId(i), Number(insn.imm & 0xffffffffn), Number(insn.imm >> 32n));
        return;
      case 'push128':
        pushSlot(outId(i, 0), Number((insn.imm >> 64n) & 0xffffffffn), Number(insn.imm >> 96n));
        pushSlot(outId(i, 1), Number(insn.imm & 0xffffffffn), Number((insn.imm >> 32n) & 0xffffffffn));
        return;
      case 'pop':
        stack.pop();
        return;
      case 'dup': {
        const top = stack[d - 1];
        const copy: Slot = { id: top.id, lo: top.lo, hi: top.hi };
        for (const half of ['lo', 'hi'] as const) {
          if (top[half] === 'mem') {
            op(BPF.LD | BPF.MEM, 0, mem(half, d - 1));
            stA(d, half);
          }
        }
        stack.push(copy);
        return;
      }
      case 'swap': {
        const a = stack[d - 2];
        const b = stack[d - 1];
        for (const half of ['lo', 'hi'] as const) {
          const x = a[half];
          const y = b[half];
          if (x === 'mem' && y === 'mem') {
            op(BPF.LD | BPF.MEM, 0, mem(half, d - 2));
            op(BPF.LDX | BPF.MEM, 0, mem(half, d - 1));
            stA(d - 1, half);
            op(BPF.STX, 0, mem(half, d - 2));
          } else if (x === 'mem') {
            op(BPF.LD | BPF.MEM, 0, mem(half, d - 2));
            stA(d - 1, half);
          } else if (y === 'mem') {
            op(BPF.LD | BPF.MEM, 0, mem(half, d - 1));
            stA(d - 2, half);
          }
          a[half] = y;
          b[half] = x;
        }
        const id = a.id;
        a.id = b.id;
        b.id = id;
        return;
      }
      case 'add':
      case 'sub':
      case 'mul':
      case 'div':
      case 'mod':
      case 'and':
      case 'or':
      case 'xor':
      case 'shl':
      case 'shr':
        return lowerBinary(name, i);
      case 'not':
      case 'neg': {
        const id = outId(i);
        checkProducer(id, name);
        const top = stack[d - 1];
        if (top.lo !== 'mem' && top.hi !== 'mem') {
          const v = (BigInt(top.hi) << 32n) | BigInt(top.lo);
          const r = BigInt.asUintN(64, name === 'not' ? ~v : -v);
          stack[d - 1] = { id, lo: Number(r & 0xffffffffn), hi: Number(r >> 32n) };
          return;
        }
        ldA(src(d - 1, 'lo'));
        if (name === 'not') op(BPF.ALU | BPF.XOR | BPF.K, U32);
        else op(BPF.ALU | BPF.NEG);
        stA(d - 1, 'lo');
        let hi: Word = 0;
        if (facts.isPair(id)) {
          ldA(src(d - 1, 'hi'));
          op(BPF.ALU | BPF.XOR | BPF.K, U32);
          stA(d - 1, 'hi');
          hi = 'mem';
        }
        stack[d - 1] = { id, lo: 'mem', hi };
        return;
      }
      case 'and128':
      case 'or128':
      case 'xor128': {
        const aluOp = name === 'and128' ? BPF.AND : name === 'or128' ? BPF.OR : BPF.XOR;
        for (let s = 0; s < 2; s++) {
          const id = outId(i, s);
          const out: Slot = { id, lo: 'mem', hi: 0 };
          for (const half of ['lo', 'hi'] as const) {
            if (half === 'hi' && !facts.isPair(id)) continue;
            const x = stack[d - 4 + s][half];
            const y = stack[d - 2 + s][half];
            if (x !== 'mem' && y !== 'mem') {
              out[half] = (aluOp === BPF.AND ? x & y : aluOp === BPF.OR ? x | y : x ^ y) >>> 0;
              continue;
            }
            // A mask word of all zeros or all ones: the result is a constant or the other word.
            const zero = aluOp === BPF.AND ? 0 : U32;
            const same = aluOp === BPF.AND ? U32 : 0;
            if ((aluOp === BPF.AND || aluOp === BPF.OR) && (x === zero || y === zero)) {
              out[half] = zero;
              continue;
            }
            if (y === same) {
              out[half] = x; // x stays where it is
              continue;
            }
            if (x === same) {
              ldA(src(d - 2 + s, half));
              stA(d - 4 + s, half);
              out[half] = 'mem';
              continue;
            }
            ldA(src(d - 4 + s, half));
            alu(aluOp, src(d - 2 + s, half));
            stA(d - 4 + s, half);
            out[half] = 'mem';
          }
          stack[d - 4 + s] = out;
        }
        stack.length = d - 2;
        return;
      }
      case 'eq':
      case 'ne':
      case 'gt':
      case 'lt':
      case 'ge':
      case 'le':
      case 'eq128':
      case 'ne128':
      case 'gt128':
      case 'lt128':
      case 'ge128':
      case 'le128': {
        const width = name.endsWith('128') ? 2 : 1;
        const t = newLabel();
        const f = newLabel();
        const done = newLabel();
        compareSlots(name.replace('128', '') as Rel, width, t, f);
        bind(f);
        op(BPF.LD | BPF.IMM, 0);
        ja(done);
        bind(t);
        op(BPF.LD | BPF.IMM, 1);
        bind(done);
        stack.length = d - 2 * width;
        stA(stack.length, 'lo');
        pushSlot(outId(i), 'mem');
        return;
      }
      case 'jmp':
        flush(d);
        ja(prog.indexOfPc[insn.target]);
        return;
      case 'jeq':
      case 'jne':
      case 'jgt':
      case 'jlt':
      case 'jge':
      case 'jle':
      case 'jeq128':
      case 'jne128':
      case 'jgt128':
      case 'jlt128':
      case 'jge128':
      case 'jle128': {
        const width = name.endsWith('128') ? 2 : 1;
        flush(d - 2 * width);
        compareSlots(name.slice(1).replace('128', '') as Rel, width, prog.indexOfPc[insn.target], i + 1);
        stack.length = d - 2 * width;
        return;
      }
      case 'ret':
        lowerReturn();
        stack.pop();
        return;
      case 'len':
        op(BPF.LD | BPF.W | BPF.LEN);
        if (link === 'ip') op(BPF.ALU | BPF.ADD | BPF.K, ETHER_HEADER);
        stA(d, 'lo');
        pushSlot(outId(i), 'mem');
        return;
      case 'wirelen':
        // BPF_LEN is the wire length (libpcap's bpf_filter wirelen, the kernel's skb->len).
        op(BPF.LD | BPF.W | BPF.LEN);
        stA(d, 'lo');
        pushSlot(outId(i), 'mem');
        return;
      case 'ip_ver': {
        // 0 when the packet is shorter than 15 bytes, else the high nibble of byte 14.
        const short = newLabel();
        const long = newLabel();
        const done = newLabel();
        op(BPF.LD | BPF.W | BPF.LEN);
        cond(BPF.JMP | BPF.JGE | BPF.K, link === 'ip' ? 1 : 15, long, short);
        bind(short);
        op(BPF.LD | BPF.IMM, 0);
        ja(done);
        bind(long);
        op(BPF.LD | BPF.B | BPF.ABS, link === 'ip' ? 0 : 14);
        op(BPF.ALU | BPF.RSH | BPF.K, 4);
        bind(done);
        stA(d, 'lo');
        pushSlot(outId(i), 'mem');
        return;
      }
      case 'parse':
        op(BPF.LD | BPF.MEM, 0, hdrWord(FACT.l4));
        stA(d, 'lo');
        pushSlot(outId(i), 'mem');
        return;
      case 'hdr':
        if (insn.arg === 0 && (link === 'ip' || semantics === 'libpcap')) {
          pushSlot(outId(i), ETHER_HEADER); // the network header is where the packet starts
          return;
        }
        lowerHeaderFact(insn.arg);
        stA(d, 'lo');
        pushSlot(outId(i), 'mem');
        return;
      case 'inset':
      case 'inset128':
        lowerInset(insn.arg, name === 'inset' ? 1 : 2, i);
        return;
      case 'hash5':
      case 'hash6':
      case 'csum':
      case 'ipv6_ext':
      case 'flow_load':
      case 'flow_store':
      case 'tstamp':
        return fail('ERR_TARGET_UNSUPPORTED', pc, `${name.toUpperCase()} is not expressible in classic BPF`);
      default:
        return assertNever(name, 'classic BPF lowering');
    }
  }

  /** INSET/INSET128 on the value in the top `width` slots: a jump tree (sets.ts) to 1 or 0. */
  function lowerInset(tableIndex: number, width: 1 | 2, i: number): void {
    const d = stack.length;
    const table = prog.tables[tableIndex];
    const words: SetWord[] = wordsOf(d - width, width).map((s) => ('k' in s ? { k: s.k } : { load: () => ldA(s) }));
    const done = newLabel();
    const start = items.length;
    const outcome = (hit: boolean): void => {
      op(BPF.LD | BPF.IMM, hit ? 1 : 0);
      ja(done);
    };
    const nearCond = (code: number, k: number, jt: number, jf: number): void => void items.push({ t: 'cond', code, k, jt, jf, pc, near: true });
    emitSetTree({ cond: nearCond, ja, bind, newLabel }, table, tableIndex, words, outcome, pc);
    const used = items.length - start - items.slice(start).filter((x) => x.t === 'label').length;
    if (used > CBPF_MAX_INSNS) {
      fail('ERR_TARGET_TOO_LARGE', pc, `set table ${tableIndex} (${table.count} ${table.kind}) lowers to a jump tree of ${used} classic BPF instructions; a program holds at most ${CBPF_MAX_INSNS} (use the eBPF target, whose sets are maps)`);
    }
    bind(done);
    stack.length = d - width;
    stA(stack.length, 'lo');
    pushSlot(outId(i), 'mem');
  }

  /** A = HDR selector n (packet-ops headerField) from the facts the walk left. */
  function lowerHeaderFact(n: number): void {
    const direct = [FACT.l3, FACT.etherType, FACT.vlanTags, FACT.ipVersion, FACT.l4, FACT.l4Proto, FACT.vlanId, FACT.fragment];
    if (n < direct.length) {
      op(BPF.LD | BPF.MEM, 0, hdrWord(direct[n]));
      return;
    }
    if (n > 10) {
      op(BPF.LD | BPF.IMM, 0);
      return;
    }
    // 8: bytes after the transport offset, 10: after the network offset (0 without one);
    // 9: the transport offset when TCP/UDP/SCTP ports fit, else 0.
    if (semantics === 'libpcap') return lowerLibpcapLength(n);
    const fact = n === 10 ? FACT.l3 : FACT.l4;
    const zero = newLabel();
    const present = newLabel();
    const done = newLabel();
    op(BPF.LD | BPF.MEM, 0, hdrWord(fact));
    cond(BPF.JMP | BPF.JEQ | BPF.K, 0, zero, present);
    bind(present);
    op(BPF.LDX | BPF.MEM, 0, hdrWord(fact));
    op(BPF.LD | BPF.W | BPF.LEN);
    if (link === 'ip') op(BPF.ALU | BPF.ADD | BPF.K, ETHER_HEADER);
    op(BPF.ALU | BPF.SUB | BPF.X);
    if (n === 9) {
      const proto = newLabel();
      cond(BPF.JMP | BPF.JGE | BPF.K, 4, proto, zero);
      bind(proto);
      branchOnPortProtocol(zero);
      op(BPF.MISC | BPF.TXA);
    }
    ja(done);
    bind(zero);
    op(BPF.LD | BPF.IMM, 0);
    bind(done);
  }

  /** Go on when the transport protocol carries ports (TCP, UDP, SCTP), else to `other`; A is clobbered. */
  function branchOnPortProtocol(other: number): void {
    const ports = newLabel();
    const notTcp = newLabel();
    const notUdp = newLabel();
    op(BPF.LD | BPF.MEM, 0, hdrWord(FACT.l4Proto));
    cond(BPF.JMP | BPF.JEQ | BPF.K, 6, ports, notTcp);
    bind(notTcp);
    cond(BPF.JMP | BPF.JEQ | BPF.K, 17, ports, notUdp);
    bind(notUdp);
    cond(BPF.JMP | BPF.JEQ | BPF.K, 132, ports, other);
    bind(ports);
  }

  /**
   * HDR 8-10 with libpcap's meaning: nothing checks lengths (a load past the end rejects the
   * packet), so the bytes after a header read as 65535 when the header exists; ports exist
   * for TCP, UDP and SCTP.
   */
  function lowerLibpcapLength(n: number): void {
    const zero = newLabel();
    const present = newLabel();
    const done = newLabel();
    op(BPF.LD | BPF.MEM, 0, hdrWord(n === 10 ? FACT.l3 : FACT.l4));
    cond(BPF.JMP | BPF.JEQ | BPF.K, 0, zero, present);
    bind(present);
    if (n === 9) {
      branchOnPortProtocol(zero);
      op(BPF.LD | BPF.MEM, 0, hdrWord(FACT.l4));
    } else op(BPF.LD | BPF.IMM, 0xffff);
    ja(done);
    bind(zero);
    op(BPF.LD | BPF.IMM, 0);
    bind(done);
  }

  function checkProducer(id: number, name: string): void {
    if (facts.isPair(id) && !facts.values[id].fits32 && !PAIR_PRODUCERS.has(name)) {
      fail('ERR_TARGET_WIDE', pc, `the result of ${name.toUpperCase()} may exceed 32 bits and all its bits are used later; classic BPF registers hold 32`);
    }
  }

  function lowerBinary(name: 'add' | 'sub' | 'mul' | 'div' | 'mod' | 'and' | 'or' | 'xor' | 'shl' | 'shr', i: number): void {
    const d = stack.length;
    const id = outId(i);
    const a = stack[d - 2];
    const b = stack[d - 1];
    stack.length = d - 2;
    if (a.lo !== 'mem' && a.hi !== 'mem' && b.lo !== 'mem' && b.hi !== 'mem') {
      const x = (BigInt(a.hi) << 32n) | BigInt(a.lo);
      const y = (BigInt(b.hi) << 32n) | BigInt(b.lo);
      if ((name === 'div' || name === 'mod') && y === 0n) {
        ja(drop()); // VFM faults: division by zero
        pushSlot(id, 0);
        return;
      }
      const r = BigInt.asUintN(64, foldBinary(name, x, y));
      pushSlot(id, Number(r & 0xffffffffn), Number(r >> 32n));
      return;
    }
    if ((name === 'shl' || name === 'shr') && b.lo === 'mem' && prog.ranges.inputs(i)[0].hi > 31) {
      const hi = prog.ranges.inputs(i)[0].hi;
      fail('ERR_TARGET_SHIFT', pc, `${name.toUpperCase()} by a run-time amount that may reach 32 (up to ${hi === Infinity ? '2^64-1' : hi}); classic BPF shifts are 32-bit`);
    }
    if (name === 'div' || name === 'mod') {
      requireNarrow(a, `the dividend of ${name.toUpperCase()}`);
      requireNarrow(b, `the divisor of ${name.toUpperCase()}`);
    }
    if (name === 'shr') requireNarrow(a, 'the value shifted right');
    checkProducer(id, name);
    const aLo: Src = a.lo === 'mem' ? { m: mem('lo', d - 2) } : { k: a.lo };
    const bLo: Src = b.lo === 'mem' ? { m: mem('lo', d - 1) } : { k: b.lo };
    const out: Slot = { id, lo: 'mem', hi: 0 };
    if ((name === 'add' || name === 'sub') && facts.isPair(id) && !facts.values[id].fits32) {
      lowerCarry(name, a, b, d);
      out.hi = 'mem';
      stack.push(out);
      return;
    }
    switch (name) {
      case 'div':
      case 'mod':
        if ('k' in bLo && bLo.k === 0) {
          ja(drop()); // VFM faults: division by zero
          pushSlot(id, 0);
          return;
        }
        ldA(aLo);
        alu(name === 'div' ? BPF.DIV : BPF.MOD, bLo);
        break;
      case 'shl':
      case 'shr': {
        const aluOp = name === 'shl' ? BPF.LSH : BPF.RSH;
        if ('k' in bLo) {
          const n = bLo.k & 63;
          if (n >= 32) {
            pushSlot(id, 0);
            return;
          }
          ldA(aLo);
          if (n > 0) op(BPF.ALU | aluOp | BPF.K, n);
        } else {
          ldA(aLo);
          alu(aluOp, bLo);
        }
        break;
      }
      default: {
        const aluOp = { add: BPF.ADD, sub: BPF.SUB, mul: BPF.MUL, and: BPF.AND, or: BPF.OR, xor: BPF.XOR }[name];
        ldA(aLo);
        alu(aluOp, bLo);
        if (facts.isPair(id) && !facts.values[id].fits32) {
          op(BPF.ST, 0, mem('lo', d - 2));
          const aHi: Src = a.hi === 'mem' ? { m: mem('hi', d - 2) } : { k: a.hi };
          const bHi: Src = b.hi === 'mem' ? { m: mem('hi', d - 1) } : { k: b.hi };
          ldA(aHi);
          alu(aluOp, bHi);
          op(BPF.ST, 0, mem('hi', d - 2));
          out.hi = 'mem';
          stack.push(out);
          return;
        }
      }
    }
    op(BPF.ST, 0, mem('lo', d - 2));
    stack.push(out);
  }

  /**
   * 64-bit add or sub of the slots at d-2 and d-1 into the pair at d-2: the low words, then the
   * high words plus the carry (add: the low sum is below b's low word) or minus the borrow
   * (sub: a's low word is below b's).
   */
  function lowerCarry(name: 'add' | 'sub', a: Slot, b: Slot, d: number): void {
    const w = (s: Slot, half: 'lo' | 'hi', depth: number): Src => (s[half] === 'mem' ? { m: mem(half, depth) } : { k: s[half] as number });
    const aLo = w(a, 'lo', d - 2);
    const bLo = w(b, 'lo', d - 1);
    const aHi = w(a, 'hi', d - 2);
    const bHi = w(b, 'hi', d - 1);
    const carry = newLabel();
    const noCarry = newLabel();
    const join = newLabel();
    const jgeB = (t: number, f: number): void => {
      if ('k' in bLo) cond(BPF.JMP | BPF.JGE | BPF.K, bLo.k, t, f);
      else {
        ldX(bLo);
        cond(BPF.JMP | BPF.JGE | BPF.X, 0, t, f);
      }
    };
    if ('k' in bLo) {
      // A constant b: the low word first, its carry read from the result, so that the high
      // word is stored last (the compare that follows reads it first).
      ldA(aLo);
      alu(name === 'add' ? BPF.ADD : BPF.SUB, bLo);
      op(BPF.ST, 0, mem('lo', d - 2));
      if (name === 'add') cond(BPF.JMP | BPF.JGE | BPF.K, bLo.k, noCarry, carry); // the sum wrapped below k
      else if (bLo.k === 0) ja(noCarry);
      else cond(BPF.JMP | BPF.JGE | BPF.K, (2 ** 32 - bLo.k) >>> 0, carry, noCarry); // a.lo < k wraps up high
    } else if (name === 'sub') {
      ldA(aLo);
      jgeB(noCarry, carry); // a.lo >= b.lo: no borrow
    } else {
      ldA(aLo);
      alu(BPF.ADD, bLo);
      jgeB(noCarry, carry); // the low sum wrapped past b.lo: a carry
    }
    const aluOp = name === 'add' ? BPF.ADD : BPF.SUB;
    bind(carry);
    ldA(aHi);
    alu(aluOp, bHi);
    op(BPF.ALU | aluOp | BPF.K, 1);
    ja(join);
    bind(noCarry);
    ldA(aHi);
    alu(aluOp, bHi);
    bind(join);
    op(BPF.ST, 0, mem('hi', d - 2));
    if ('k' in bLo) return;
    ldA(aLo);
    alu(aluOp, bLo);
    op(BPF.ST, 0, mem('lo', d - 2));
  }

  function lowerReturn(): void {
    const d = stack.length;
    const top = stack[d - 1];
    if (top.lo !== 'mem' && top.hi !== 'mem') {
      const v = (BigInt(top.hi) << 32n) | BigInt(top.lo);
      if (v === 0n) op(BPF.RET | BPF.K, 0);
      else if (accept === 'snap') op(BPF.RET | BPF.K, CBPF_SNAP_ACCEPT);
      else if (v > BigInt(U32)) fail('ERR_TARGET_WIDE', pc, `the returned value ${v} exceeds 32 bits; classic BPF returns 32`);
      else op(BPF.RET | BPF.K, Number(v));
      return;
    }
    if (accept === 'value') {
      if (facts.isPair(top.id)) fail('ERR_TARGET_WIDE', pc, 'the returned value may exceed 32 bits; classic BPF returns 32 (use the default snap-length accept)');
      ldA(src(d - 1, 'lo'));
      op(BPF.RET | BPF.A);
      return;
    }
    usedAccept = true;
    const words = facts.isPair(top.id) ? [src(d - 1, 'hi'), src(d - 1, 'lo')] : [src(d - 1, 'lo')];
    for (let j = 0; j < words.length; j++) {
      const next = j === words.length - 1 ? drop() : newLabel();
      ldA(words[j]);
      cond(BPF.JMP | BPF.JEQ | BPF.K, 0, next, ACCEPT);
      if (j < words.length - 1) bind(next);
    }
  }
}

function foldBinary(name: string, x: bigint, y: bigint): bigint {
  switch (name) {
    case 'add':
      return x + y;
    case 'sub':
      return x - y;
    case 'mul':
      return x * y;
    case 'div':
      return x / y;
    case 'mod':
      return x % y;
    case 'and':
      return x & y;
    case 'or':
      return x | y;
    case 'xor':
      return x ^ y;
    case 'shl':
      return x << (y & 63n);
    default:
      return x >> (y & 63n);
  }
}
