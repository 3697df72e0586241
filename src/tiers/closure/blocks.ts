// Block closures for the closure tier: one closure per basic block of a loop-free program. The
// block's instructions are executed symbolically: its stack values become expression nodes
// (constants, fused loads `((LDn off & mask) * mul + add)`, indirect loads on such a value or a
// header fact, the packet length, small closures), held in JS locals rather than the stack
// arrays, and the block's last instruction becomes one closure that evaluates its operands inline
// and calls the successor block's closure directly; a successor that is a constant verdict
// (`PUSH k; RET`) is folded into the branch. Each shape of test has a factory of its own, so the
// engine sees few distinct closures per call site. Values are exact when the verifier's ranges
// say they fit in 32 bits; a block with anything else (64-bit values, division, the flow table,
// 128-bit values, SWAP) runs the per-instruction handlers instead, so every program still works.
// Values still on the stack at the end of a block go to the stack arrays, deepest first, so
// loads fault in program order.

import { FAULT } from '../../diag/codes.js';
import { OP } from '../../isa/index.js';
import { HDR_FIELDS, IPV6_NOT_TRANSPORT, headerField, ipv4ChecksumOk, ipv6ExtField, ipVersion, locateHeaders } from '../../vm/packet-ops.js';
import { type SetIndex, inSet64 } from '../../vm/set-lookup.js';
import type { CodePlan } from '../plan.js';

/** Runs a block and everything after it; returns the run's status (1, 0 or a fault code). */
export type BlockRun = (p: Uint8Array, b: number, len: number) => number;
/** A 32-bit value (as a non-negative number), or -1 after recording a fault on the host. */
type Val = (p: Uint8Array, b: number, len: number) => number;

/** The filter state the block closures read and write. */
export interface BlockHost {
  status: number;
  faultPc: number;
  valueHi: number;
  valueLo: number;
  parsed: boolean;
  readonly sh: Uint32Array;
  readonly sl: Uint32Array;
  /** Values computed once for two uses (DUP), by DUP number within the program. */
  readonly scratch: Float64Array;
  /** The program's set tables, prepared for lookups. */
  readonly sets: readonly SetIndex[];
}

/** A fixed load fused with constant operations: ((LDn off & mask) >>> 0) * mul + add. */
interface Lin {
  readonly k: 'lin';
  readonly off: number;
  readonly width: number;
  readonly pc: number;
  readonly mask: number;
  readonly mul: number;
  readonly add: number;
}

type Node =
  | { readonly k: 'const'; readonly v: number }
  | Lin
  /** LDXn off on a fused load, a header fact or a 32-bit value on the stack arrays. */
  | { readonly k: 'ldx'; readonly base: Lin | { readonly k: 'hdr'; readonly sel: number } | { readonly k: 'slot'; readonly s: number }; readonly off: number; readonly width: number; readonly pc: number }
  /** The packet length plus a constant (LEN, header byte counts on a fast frame). */
  | { readonly k: 'len'; readonly add: number }
  | { readonly k: 'hdr'; readonly sel: number }
  | { readonly k: 'slot'; readonly s: number }
  | { readonly k: 'fn'; readonly f: Val; readonly faults: boolean };

const U32 = 0xffffffff;
const CONDITION: Partial<Record<number, number>> = { [OP.jeq]: 0, [OP.jne]: 1, [OP.jgt]: 2, [OP.jlt]: 3, [OP.jge]: 4, [OP.jle]: 5, [OP.eq]: 0, [OP.ne]: 1, [OP.gt]: 2, [OP.lt]: 3, [OP.ge]: 4, [OP.le]: 5 };
/** The condition with its operands swapped: k cond v is v MIRROR[cond] k. */
const MIRROR = [0, 1, 3, 2, 5, 4];

/** Does condition `c` (0 eq, 1 ne, 2 gt, 3 lt, 4 ge, 5 le) hold for x, y? */
function holds(c: number, x: number, y: number): boolean {
  return c === 0 ? x === y : c === 1 ? x !== y : c === 2 ? x > y : c === 3 ? x < y : c === 4 ? x >= y : x <= y;
}

/** The big-endian value of `width` (1, 2 or 4) bytes at `at`. */
function load(p: Uint8Array, at: number, width: number): number {
  return width === 1 ? p[at] : width === 2 ? (p[at] << 8) | p[at + 1] : ((p[at] << 24) | (p[at + 1] << 16) | (p[at + 2] << 8) | p[at + 3]) >>> 0;
}

/** A fused load's value, its bounds already checked. */
function linValue(p: Uint8Array, b: number, n: Lin): number {
  return ((load(p, b + n.off, n.width) & n.mask) >>> 0) * n.mul + n.add;
}

/** Record a bounds fault at `pc`; returns the status. */
function boundsFault(host: BlockHost, pc: number): number {
  host.status = FAULT.BOUNDS;
  host.faultPc = pc;
  return FAULT.BOUNDS;
}

/** Return the constant verdict `v` (high half 0). */
function verdictOut(host: BlockHost, v: number): number {
  host.valueHi = 0;
  host.valueLo = v;
  return v !== 0 ? 1 : 0;
}

/** A header fact, the headers located on first use. */
function fact(host: BlockHost, sel: number, p: Uint8Array, b: number, len: number): number {
  if (!host.parsed) {
    locateHeaders(p, b, len);
    host.parsed = true;
  }
  return headerField(sel);
}

/** Where a branch goes: the block's closure, and its verdict when it is a constant one (else -1). */
interface Exit {
  readonly run: BlockRun;
  readonly verdict: number;
}

/**
 * Frames whose header facts follow from a few byte tests (packet-ops' locateHeaders takes the
 * same fast paths): a program compiled for one reads them as constants and fixed loads.
 */
export interface FastFrame {
  /** Does the packet have this shape? */
  readonly test: (p: Uint8Array, b: number, len: number) => boolean;
  /** Transport offset. */
  readonly l4: number;
  /** Offset of the transport protocol byte. */
  readonly protoAt: number;
  readonly etherType: number;
  readonly version: number;
}

export const FAST_FRAMES: readonly FastFrame[] = [
  {
    // untagged IPv4 without options, not a fragment, with a byte after the IPv4 header
    test: (p, b, len) => len > 34 && p[b + 12] === 8 && p[b + 13] === 0 && p[b + 14] === 0x45 && (p[b + 20] & 0x3f) === 0 && p[b + 21] === 0,
    l4: 34,
    protoAt: 23,
    etherType: 0x0800,
    version: 4,
  },
  {
    // untagged IPv6 whose first next header is the transport, with a byte after the IPv6 header
    test: (p, b, len) => len > 54 && p[b + 12] === 0x86 && p[b + 13] === 0xdd && p[b + 14] >> 4 === 6 && IPV6_NOT_TRANSPORT[p[b + 20]] === 0,
    l4: 54,
    protoAt: 20,
    etherType: 0x86dd,
    version: 6,
  },
];

/** HDR selector `sel` on a fast frame, as a node. */
function fastFact(frame: FastFrame, sel: number, pc: number): Node {
  const { l4, protoAt } = frame;
  switch (HDR_FIELDS[sel]) {
    case 'l3':
      return { k: 'const', v: 14 };
    case 'etherType':
      return { k: 'const', v: frame.etherType };
    case 'ipVersion':
      return { k: 'const', v: frame.version };
    case 'l4':
      return { k: 'const', v: l4 };
    case 'l4Proto':
      return plainLoad(protoAt, 1, pc);
    case 'l4Bytes':
      return { k: 'len', add: -l4 };
    case 'l3Bytes':
      return { k: 'len', add: -14 };
    case 'portsOffset':
      return {
        k: 'fn',
        faults: false,
        f: (p, b, len) => {
          const t = p[b + protoAt];
          return (t === 6 || t === 17 || t === 132) && len >= l4 + 4 ? l4 : 0;
        },
      };
    default:
      // vlanTags, vlanId, fragment and unknown selectors
      return { k: 'const', v: 0 };
  }
}

function plainLoad(off: number, width: number, pc: number): Lin {
  return { k: 'lin', off, width, pc, mask: U32, mul: 1, add: 0 };
}

class Unsupported extends Error {}

/** Run values in order; -1 as soon as one faults, else 0. */
function sequence(fs: readonly Val[]): Val {
  return (p, b, len) => {
    for (let k = 0; k < fs.length; k++) if (fs[k](p, b, len) < 0) return -1;
    return 0;
  };
}

function faults(n: Node): boolean {
  return n.k === 'lin' || n.k === 'ldx' || (n.k === 'fn' && n.faults);
}

/** Nodes that give the same value (or the same fault) each time they are evaluated in a run. */
function repeatable(n: Node): boolean {
  return n.k !== 'fn' || !n.faults;
}

/**
 * Compile every block of a loop-free program; returns the entry block's closure.
 * @param handlerBlock runs instructions start..end-1 with the per-instruction handlers and returns the index of the next instruction, or -1 when the run stopped
 * @param eagerHdr the header facts are located before the entry block runs
 */
export function compileBlocks(plan: CodePlan, host: BlockHost, handlerBlock: (start: number, end: number) => Val, eagerHdr: boolean, frame?: FastFrame): BlockRun {
  const { program, blocks } = plan;
  const runs: BlockRun[] = new Array(blocks.length);
  /** Per block: its constant verdict (a `PUSH k; RET` block with k below 2^31), else -1. */
  const verdicts = new Float64Array(blocks.length).fill(-1);
  let scratch = 0;
  const ranges = program.ranges;
  const sh = host.sh;
  const sl = host.sl;
  const fault = (code: number, pc: number): number => {
    host.status = code;
    host.faultPc = pc;
    return -1;
  };
  const runOf = (index: number): BlockRun => runs[plan.blockAt[index]];
  const exitOf = (index: number): Exit => ({ run: runs[plan.blockAt[index]], verdict: verdicts[plan.blockAt[index]] });
  void eagerHdr;

  const toVal = (n: Node): Val => {
    switch (n.k) {
      case 'const': {
        const v = n.v;
        return () => v;
      }
      case 'slot': {
        const s = n.s;
        return () => sl[s];
      }
      case 'hdr': {
        const sel = n.sel;
        return (p, b, len) => fact(host, sel, p, b, len);
      }
      case 'len': {
        const add = n.add;
        return (_p, _b, len) => len + add;
      }
      case 'fn':
        return n.f;
      case 'lin': {
        const { off, pc } = n;
        const end = off + n.width;
        if (n.mask === U32 && n.mul === 1 && n.add === 0) {
          if (n.width === 1) return (p, b, len) => (end > len ? fault(FAULT.BOUNDS, pc) : p[b + off]);
          if (n.width === 2) return (p, b, len) => (end > len ? fault(FAULT.BOUNDS, pc) : (p[b + off] << 8) | p[b + off + 1]);
        }
        return (p, b, len) => (end > len ? fault(FAULT.BOUNDS, pc) : linValue(p, b, n));
      }
      case 'ldx': {
        const { off, width, pc } = n;
        const base = n.base;
        if (base.k === 'lin') {
          const bend = base.off + base.width;
          const bpc = base.pc;
          return (p, b, len) => {
            if (bend > len) return fault(FAULT.BOUNDS, bpc);
            const o = linValue(p, b, base) + off;
            return o + width > len ? fault(FAULT.BOUNDS, pc) : load(p, b + o, width);
          };
        }
        if (base.k === 'slot') {
          const s = base.s;
          return (p, b, len) => {
            const o = sl[s] + off;
            return o + width > len ? fault(FAULT.BOUNDS, pc) : load(p, b + o, width);
          };
        }
        const sel = base.sel;
        return (p, b, len) => {
          const o = fact(host, sel, p, b, len) + off;
          return o + width > len ? fault(FAULT.BOUNDS, pc) : load(p, b + o, width);
        };
      }
    }
  };

  /** A fused load with one more constant operation, or undefined when the form does not take it. */
  const foldLin = (op: number, x: Lin, k: number): Lin | undefined => {
    switch (op) {
      case OP.and:
        if (k >>> 0 === U32) return x; // x fits 32 bits
        if (x.mul === 1 && x.add === 0) return { ...x, mask: (x.mask & k) >>> 0 };
        return undefined;
      case OP.add:
        return { ...x, add: x.add + k };
      case OP.sub:
        return { ...x, add: x.add - k };
      case OP.mul:
        return x.mul * k <= 2 ** 32 && k > 0 ? { ...x, mul: x.mul * k, add: x.add * k } : undefined;
      case OP.shl:
        return k < 32 && x.mul * 2 ** k <= 2 ** 32 ? { ...x, mul: x.mul * 2 ** k, add: x.add * 2 ** k } : undefined;
      default:
        return undefined;
    }
  };

  /** x op y over 32-bit values, with the result known to fit 32 bits. */
  const binary = (op: number, x: Node, y: Node): Node => {
    const commutes = op === OP.and || op === OP.or || op === OP.xor || op === OP.add || op === OP.mul;
    // A constant on the left of a commuting op: nothing to evaluate first, so swap.
    if (x.k === 'const' && y.k !== 'const' && commutes) return binary(op, y, x);
    if (y.k === 'const' && x.k === 'lin') {
      const folded = foldLin(op, x, y.v);
      if (folded !== undefined) return folded;
    }
    if (y.k === 'const' && x.k === 'len' && (op === OP.add || op === OP.sub)) return { k: 'len', add: op === OP.add ? x.add + y.v : x.add - y.v };
    const fx = toVal(x);
    const checks = faults(x) || faults(y);
    if (y.k === 'const') {
      const k = y.v;
      let f: (v: number) => number;
      switch (op) {
        case OP.and:
          f = (v) => (v & k) >>> 0;
          break;
        case OP.or:
          f = (v) => (v | k) >>> 0;
          break;
        case OP.xor:
          f = (v) => (v ^ k) >>> 0;
          break;
        case OP.add:
          f = (v) => v + k;
          break;
        case OP.sub:
          f = (v) => v - k;
          break;
        case OP.mul:
          f = (v) => v * k;
          break;
        case OP.shl: {
          const c = k & 63;
          f = c >= 32 ? () => 0 : (v) => (v << c) >>> 0;
          break;
        }
        case OP.shr: {
          const c = k & 63;
          f = c >= 32 ? () => 0 : (v) => v >>> c;
          break;
        }
        default:
          throw new Unsupported();
      }
      if (x.k === 'const') return { k: 'const', v: f(x.v) };
      if (!checks) return { k: 'fn', faults: false, f: (p, b, len) => f(fx(p, b, len)) };
      return {
        k: 'fn',
        faults: true,
        f: (p, b, len) => {
          const v = fx(p, b, len);
          return v < 0 ? -1 : f(v);
        },
      };
    }
    const fy = toVal(y);
    let g: (u: number, v: number) => number;
    switch (op) {
      case OP.and:
        g = (u, v) => (u & v) >>> 0;
        break;
      case OP.or:
        g = (u, v) => (u | v) >>> 0;
        break;
      case OP.xor:
        g = (u, v) => (u ^ v) >>> 0;
        break;
      case OP.add:
        g = (u, v) => u + v;
        break;
      case OP.sub:
        g = (u, v) => u - v;
        break;
      case OP.mul:
        g = (u, v) => u * v;
        break;
      case OP.shl:
        g = (u, v) => ((v & 63) >= 32 ? 0 : (u << (v & 63)) >>> 0);
        break;
      case OP.shr:
        g = (u, v) => ((v & 63) >= 32 ? 0 : u >>> (v & 63));
        break;
      default:
        throw new Unsupported();
    }
    return {
      k: 'fn',
      faults: checks,
      f: checks
        ? (p, b, len) => {
            const u = fx(p, b, len);
            if (u < 0) return -1;
            const v = fy(p, b, len);
            return v < 0 ? -1 : g(u, v);
          }
        : (p, b, len) => g(fx(p, b, len), fy(p, b, len)),
    };
  };

  /** Write the symbolic stack to the arrays (deepest first); returns a closure doing it, or undefined when nothing is to do. */
  const spiller = (stack: readonly Node[]): ((p: Uint8Array, b: number, len: number) => boolean) | undefined => {
    // A slot node elsewhere (from DUP) copies both halves; every other node is 32-bit.
    const writes: { s: number; from: number; f: Val }[] = [];
    stack.forEach((n, s) => {
      if (n.k === 'slot') {
        if (n.s !== s) writes.push({ s, from: n.s, f: () => 0 });
      } else writes.push({ s, from: -1, f: toVal(n) });
    });
    if (writes.length === 0) return undefined;
    const only = stack[stack.length - 1];
    if (writes.length === 1 && writes[0].s === stack.length - 1 && only.k === 'lin') {
      // one fused load (e.g. a header length kept for the next block), inline
      const s = stack.length - 1;
      const end = only.off + only.width;
      const pc = only.pc;
      return (p, b, len) => {
        if (end > len) {
          boundsFault(host, pc);
          return false;
        }
        sh[s] = 0;
        sl[s] = linValue(p, b, only);
        return true;
      };
    }
    if (writes.length === 1 && writes[0].from < 0) {
      const { s, f } = writes[0];
      return (p, b, len) => {
        const v = f(p, b, len);
        if (v < 0) return false;
        sh[s] = 0;
        sl[s] = v;
        return true;
      };
    }
    return (p, b, len) => {
      for (let k = 0; k < writes.length; k++) {
        const w = writes[k];
        if (w.from >= 0) {
          sh[w.s] = sh[w.from];
          sl[w.s] = sl[w.from];
          continue;
        }
        const v = w.f(p, b, len);
        if (v < 0) return false;
        sh[w.s] = 0;
        sl[w.s] = v;
      }
      return true;
    };
  };

  /**
   * The closure of a block that ends in a test of x against the constant range [lo, lo + span]
   * (as unsigned 32-bit: (x - lo) >>> 0 <= span): `yes` when x is in it, else `no`.
   */
  const rangeTest = (x: Node, lo: number, span: number, yes: Exit, no: Exit): BlockRun => {
    const ys = yes.run;
    const yv = yes.verdict;
    const ns = no.run;
    const nv = no.verdict;
    switch (x.k) {
      case 'lin': {
        const { off, pc } = x;
        const end = off + x.width;
        if (x.mask === U32 && x.mul === 1 && x.add === 0 && x.width === 1) {
          return (p, b, len) => {
            if (end > len) return boundsFault(host, pc);
            if ((p[b + off] - lo) >>> 0 <= span) return yv >= 0 ? verdictOut(host, yv) : ys(p, b, len);
            return nv >= 0 ? verdictOut(host, nv) : ns(p, b, len);
          };
        }
        if (x.mask === U32 && x.mul === 1 && x.add === 0 && x.width === 2) {
          return (p, b, len) => {
            if (end > len) return boundsFault(host, pc);
            if ((((p[b + off] << 8) | p[b + off + 1]) - lo) >>> 0 <= span) return yv >= 0 ? verdictOut(host, yv) : ys(p, b, len);
            return nv >= 0 ? verdictOut(host, nv) : ns(p, b, len);
          };
        }
        return (p, b, len) => {
          if (end > len) return boundsFault(host, pc);
          if ((linValue(p, b, x) - lo) >>> 0 <= span) return yv >= 0 ? verdictOut(host, yv) : ys(p, b, len);
          return nv >= 0 ? verdictOut(host, nv) : ns(p, b, len);
        };
      }
      case 'ldx': {
        const { off, width, pc } = x;
        const base = x.base;
        if (base.k === 'lin') {
          const bend = base.off + base.width;
          const bpc = base.pc;
          return (p, b, len) => {
            if (bend > len) return boundsFault(host, bpc);
            const o = linValue(p, b, base) + off;
            if (o + width > len) return boundsFault(host, pc);
            if ((load(p, b + o, width) - lo) >>> 0 <= span) return yv >= 0 ? verdictOut(host, yv) : ys(p, b, len);
            return nv >= 0 ? verdictOut(host, nv) : ns(p, b, len);
          };
        }
        if (base.k === 'slot') {
          const s = base.s;
          return (p, b, len) => {
            const o = sl[s] + off;
            if (o + width > len) return boundsFault(host, pc);
            if ((load(p, b + o, width) - lo) >>> 0 <= span) return yv >= 0 ? verdictOut(host, yv) : ys(p, b, len);
            return nv >= 0 ? verdictOut(host, nv) : ns(p, b, len);
          };
        }
        const sel = base.sel;
        return (p, b, len) => {
          const o = fact(host, sel, p, b, len) + off;
          if (o + width > len) return boundsFault(host, pc);
          if ((load(p, b + o, width) - lo) >>> 0 <= span) return yv >= 0 ? verdictOut(host, yv) : ys(p, b, len);
          return nv >= 0 ? verdictOut(host, nv) : ns(p, b, len);
        };
      }
      case 'len': {
        const add = x.add;
        return (p, b, len) => {
          if ((len + add - lo) >>> 0 <= span) return yv >= 0 ? verdictOut(host, yv) : ys(p, b, len);
          return nv >= 0 ? verdictOut(host, nv) : ns(p, b, len);
        };
      }
      case 'hdr': {
        const sel = x.sel;
        return (p, b, len) => {
          if ((fact(host, sel, p, b, len) - lo) >>> 0 <= span) return yv >= 0 ? verdictOut(host, yv) : ys(p, b, len);
          return nv >= 0 ? verdictOut(host, nv) : ns(p, b, len);
        };
      }
      default: {
        const fx = toVal(x);
        if (!faults(x)) {
          return (p, b, len) => {
            if ((fx(p, b, len) - lo) >>> 0 <= span) return yv >= 0 ? verdictOut(host, yv) : ys(p, b, len);
            return nv >= 0 ? verdictOut(host, nv) : ns(p, b, len);
          };
        }
        return (p, b, len) => {
          const v = fx(p, b, len);
          if (v < 0) return host.status;
          if ((v - lo) >>> 0 <= span) return yv >= 0 ? verdictOut(host, yv) : ys(p, b, len);
          return nv >= 0 ? verdictOut(host, nv) : ns(p, b, len);
        };
      }
    }
  };

  /** The closure of a block that ends in a conditional jump on x cond y. */
  const branch = (c: number, x: Node, y: Node, rest: readonly Node[], taken: Exit, fallThrough: Exit): BlockRun => {
    const spill = spiller(rest);
    let test: BlockRun;
    if (x.k === 'const' && y.k !== 'const') {
      // k cond y: y mirrored-cond k (the constant has nothing to evaluate)
      const t = x;
      x = y;
      y = t;
      c = MIRROR[c];
    }
    if (y.k === 'const') {
      // Every condition against a constant is "in a range" or "not in it".
      const k = y.v;
      const [lo, hi, inside] = c === 0 ? [k, k, true] : c === 1 ? [k, k, false] : c === 2 ? [k + 1, U32, true] : c === 5 ? [k + 1, U32, false] : c === 4 ? [k, U32, true] : [k, U32, false];
      test = inside ? rangeTest(x, lo, hi - lo, taken, fallThrough) : rangeTest(x, lo, hi - lo, fallThrough, taken);
    } else {
      const fx = toVal(x);
      const fy = toVal(y);
      const t = taken.run;
      const f = fallThrough.run;
      test = (p, b, len) => {
        const u = fx(p, b, len);
        if (u < 0) return host.status;
        const v = fy(p, b, len);
        return v < 0 ? host.status : holds(c, u, v) ? t(p, b, len) : f(p, b, len);
      };
    }
    if (spill === undefined) return test;
    return (p, b, len) => (spill(p, b, len) ? test(p, b, len) : host.status);
  };

  const verdict = (hi: number, lo: number): BlockRun => {
    const status = (hi | lo) !== 0 ? 1 : 0;
    return () => {
      host.valueHi = hi;
      host.valueLo = lo;
      return status;
    };
  };

  const compileBlock = (blockNo: number, start: number, end: number): BlockRun => {
    const insns = program.insns;
    const stack: Node[] = [];
    for (let s = 0; s < program.depthIn[start]; s++) stack.push({ k: 'slot', s });
    /** Pop input k (0 = top) of instruction i, which must fit 32 bits. */
    const pop = (i: number, k: number): Node => {
      const n = stack.pop()!;
      if (n.k === 'slot') {
        const r = ranges.inputs(i)[k];
        if (r === undefined || r.hi > U32) throw new Unsupported();
      }
      return n;
    };
    const next = (i: number): BlockRun => runOf(i + 1);
    for (let i = start; i < end; i++) {
      const insn = insns[i];
      const op = insn.op.code;
      const last = i === end - 1;
      if (i === end - 3 && (op === OP.ld128 || op === OP.ldx128) && insns[i + 1].op.code === OP.push128 && (insns[i + 2].op.code === OP.jeq128 || insns[i + 2].op.code === OP.jne128)) {
        // a 128-bit load compared with a constant (an IPv6 address test) ends the block
        let off = insn.arg;
        let base: Val | undefined;
        if (op === OP.ldx128) {
          const n = pop(i, 0);
          if (n.k === 'const') off += n.v;
          else base = toVal(n);
        }
        const imm = insns[i + 1].imm;
        const [w0, w1, w2, w3] = [96n, 64n, 32n, 0n].map((sh) => Number((imm >> sh) & 0xffffffffn));
        const eq = insns[i + 2].op.code === OP.jeq128;
        const taken = exitOf(plan.targetIndex[i + 2]);
        const fall = exitOf(i + 3);
        const [yes, no] = eq ? [taken, fall] : [fall, taken];
        const ys = yes.run;
        const yv = yes.verdict;
        const ns = no.run;
        const nv = no.verdict;
        const pc = insn.pc;
        const spill = spiller(stack);
        const be32 = (p: Uint8Array, at: number): number => ((p[at] << 24) | (p[at + 1] << 16) | (p[at + 2] << 8) | p[at + 3]) >>> 0;
        const test: BlockRun =
          base === undefined
            ? (p, b, len) => {
                if (off + 16 > len) return boundsFault(host, pc);
                const at = b + off;
                if (be32(p, at + 12) === w3 && be32(p, at + 8) === w2 && be32(p, at + 4) === w1 && be32(p, at) === w0) return yv >= 0 ? verdictOut(host, yv) : ys(p, b, len);
                return nv >= 0 ? verdictOut(host, nv) : ns(p, b, len);
              }
            : (p, b, len) => {
                const v = base(p, b, len);
                if (v < 0) return host.status;
                const o = off + v;
                if (o + 16 > len) return boundsFault(host, pc);
                const at = b + o;
                if (be32(p, at + 12) === w3 && be32(p, at + 8) === w2 && be32(p, at + 4) === w1 && be32(p, at) === w0) return yv >= 0 ? verdictOut(host, yv) : ys(p, b, len);
                return nv >= 0 ? verdictOut(host, nv) : ns(p, b, len);
              };
        return spill === undefined ? test : (p, b, len) => (spill(p, b, len) ? test(p, b, len) : host.status);
      }
      switch (op) {
        case OP.ld8:
        case OP.ld16:
        case OP.ld32:
          stack.push(plainLoad(insn.arg, op === OP.ld8 ? 1 : op === OP.ld16 ? 2 : 4, insn.pc));
          break;
        case OP.ldx8:
        case OP.ldx16:
        case OP.ldx32: {
          const base = pop(i, 0);
          const off = insn.arg;
          const width = op === OP.ldx8 ? 1 : op === OP.ldx16 ? 2 : 4;
          const pc = insn.pc;
          if (base.k === 'const') {
            // a fixed load in disguise (e.g. a header offset known from a fast frame)
            stack.push(plainLoad(base.v + off, width, pc));
            break;
          }
          if (base.k === 'lin' || base.k === 'hdr' || base.k === 'slot') {
            // (pop checked that a slot's value fits 32 bits)
            stack.push({ k: 'ldx', base, off, width, pc });
            break;
          }
          const fb = toVal(base);
          stack.push({
            k: 'fn',
            faults: true,
            f: (p, b, len) => {
              const v = fb(p, b, len);
              if (v < 0) return -1;
              const o = v + off;
              return o + width > len ? fault(FAULT.BOUNDS, pc) : load(p, b + o, width);
            },
          });
          break;
        }
        case OP.hdr:
        case OP.parse: {
          const sel = op === OP.parse ? 4 : insn.arg;
          stack.push(frame === undefined ? { k: 'hdr', sel } : fastFact(frame, sel, insn.pc));
          break;
        }
        case OP.len:
          stack.push({ k: 'len', add: 0 });
          break;
        case OP.ip_ver:
          stack.push({ k: 'fn', faults: false, f: (p, b, len) => ipVersion(p, b, len) });
          break;
        case OP.csum:
          stack.push({ k: 'fn', faults: false, f: (p, b, len) => ipv4ChecksumOk(p, b, len) });
          break;
        case OP.ipv6_ext: {
          const field = insn.arg;
          stack.push({ k: 'fn', faults: false, f: (p, b, len) => ipv6ExtField(p, b, len, field) });
          break;
        }
        case OP.inset: {
          const set = host.sets[insn.arg];
          const f = toVal(pop(i, 0));
          stack.push({
            k: 'fn',
            faults: true,
            f: (p, b, len) => {
              const v = f(p, b, len);
              return v < 0 ? -1 : inSet64(set, 0, v);
            },
          });
          break;
        }
        case OP.push:
          if (insn.imm > BigInt(U32)) throw new Unsupported();
          stack.push({ k: 'const', v: Number(insn.imm) });
          break;
        case OP.pop: {
          const n = stack.pop()!;
          if (faults(n)) throw new Unsupported();
          break;
        }
        case OP.dup: {
          const n = stack[stack.length - 1];
          if (repeatable(n)) {
            // pure, or a load that faults the same way each time: evaluate it twice
            stack.push(n);
            break;
          }
          // The deeper copy is always evaluated first (operands and spills go deepest first):
          // it computes the value once and keeps it; the copy on top reads it back.
          const f = toVal(n);
          const keep = scratch++;
          if (keep >= host.scratch.length) throw new Unsupported();
          const kept = host.scratch;
          stack[stack.length - 1] = {
            k: 'fn',
            faults: true,
            f: (p, b, len) => {
              const v = f(p, b, len);
              kept[keep] = v;
              return v;
            },
          };
          stack.push({ k: 'fn', faults: false, f: () => kept[keep] });
          break;
        }
        case OP.and:
        case OP.or:
        case OP.xor:
        case OP.add:
        case OP.sub:
        case OP.mul:
        case OP.shl:
        case OP.shr: {
          const out = ranges.outputs(i)[0];
          if (out === undefined || out.hi > U32) throw new Unsupported();
          const y = pop(i, 0);
          const x = pop(i, 1);
          stack.push(binary(op, x, y));
          break;
        }
        case OP.eq:
        case OP.ne:
        case OP.gt:
        case OP.lt:
        case OP.ge:
        case OP.le: {
          const c = CONDITION[op]!;
          const fy = toVal(pop(i, 0));
          const x = pop(i, 1);
          const fx = toVal(x);
          stack.push({
            k: 'fn',
            faults: true,
            f: (p, b, len) => {
              const u = fx(p, b, len);
              if (u < 0) return -1;
              const v = fy(p, b, len);
              return v < 0 ? -1 : holds(c, u, v) ? 1 : 0;
            },
          });
          break;
        }
        case OP.jeq:
        case OP.jne:
        case OP.jgt:
        case OP.jlt:
        case OP.jge:
        case OP.jle: {
          const y = pop(i, 0);
          const x = pop(i, 1);
          return branch(CONDITION[op]!, x, y, [...stack], exitOf(plan.targetIndex[i]), exitOf(i + 1));
        }
        case OP.jmp: {
          const target = runOf(plan.targetIndex[i]);
          const spill = spiller(stack);
          return spill === undefined ? target : (p, b, len) => (spill(p, b, len) ? target(p, b, len) : host.status);
        }
        case OP.ret: {
          const n = pop(i, 0);
          // Values left under the returned one still fault as the instructions that made them
          // would (a dead load past the end): evaluate them first, deepest (earliest) first.
          const rest = stack.some(faults) ? sequence(stack.filter(faults).map(toVal)) : undefined;
          if (n.k === 'const' && rest === undefined) {
            if (n.v < 2 ** 31) verdicts[blockNo] = n.v;
            return verdict(0, n.v);
          }
          const f = toVal(n);
          return (p, b, len) => {
            if (rest !== undefined && rest(p, b, len) < 0) return host.status;
            const v = f(p, b, len);
            if (v < 0) return host.status;
            host.valueHi = 0;
            host.valueLo = v;
            return v !== 0 ? 1 : 0;
          };
        }
        default:
          throw new Unsupported();
      }
      if (last) {
        const to = next(i);
        const spill = spiller(stack);
        return spill === undefined ? to : (p, b, len) => (spill(p, b, len) ? to(p, b, len) : host.status);
      }
    }
    throw new Error('empty block');
  };

  for (let k = blocks.length - 1; k >= 0; k--) {
    const { start, end } = blocks[k];
    try {
      runs[k] = compileBlock(k, start, end);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      verdicts[k] = -1;
      const step = handlerBlock(start, end);
      runs[k] = (p, b, len) => {
        const i = step(p, b, len);
        return i < 0 ? host.status : runOf(i)(p, b, len);
      };
    }
  }
  return runs[0];
}
