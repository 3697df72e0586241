// Compiles a verified program to JavaScript source for `new Function`. Each stack slot is a
// pair of locals h<s>/l<s> (unsigned 32-bit halves, always normalised); the verifier's value
// ranges (and what a block's own instructions establish) tell when a high half is zero, so
// arithmetic and compares run on plain int32/double values and only fall back to exact
// 64-bit code (inline or the shared halves.ts helpers) when a range demands it. Control flow
// uses labelled blocks (forward jumps are `break`), plus a `for` loop with a `switch`
// dispatch when the program has backward jumps. As in the wasm tier the body is emitted
// twice: a copy without fixed-offset bounds checks for packets long enough for all of them,
// and a fully checked copy, so the first failing instruction is always the one reported.

import type { Insn } from '../../bytecode/decode.js';
import { FAULT } from '../../diag/codes.js';
import { OP, type OpCode, assertNever } from '../../isa/index.js';
import type { Range } from '../../verify/ranges.js';
import { type Block, type CodePlan, fixedLoadWidth, indirectLoadWidth, limitThreshold } from '../plan.js';
import { REM, W, divmod64, mul64, shl64, shr64 } from '../../vm/halves.js';
import { HDR, HDR_FIELDS, IPV6_NOT_TRANSPORT, OUT, hash5, hash6, headerField, ipv4ChecksumOk, ipv6ExtField, locateHeaders } from '../../vm/packet-ops.js';
import { SET_MODE, SetIndex, inSet128, inSet64 } from '../../vm/set-lookup.js';
import type { JsBinder, JsCode } from './filter.js';
import { factLocal, headerWalkLocals, headerWalkSource } from './header-walk.js';

export interface JsCodegenOptions {
  readonly hasFlowTable: boolean;
}

const U32_MAX = 0xffffffff;
/** Above this many jump targets the code uses a flat switch rather than nested blocks. */
const FLAT_SEGMENTS = 256;
/**
 * Loop-free programs with more jump targets than FLAT_SEGMENTS are split into functions of
 * about this many instructions each (whole segments; a dispatcher runs one after the other, the
 * stack passed in arrays), so no function outgrows what the engine optimises (measured: parts
 * of ~500 instructions run 10x faster than one function; ~1300 fall off the same cliff).
 */
const PART_INSNS = 500;

/** Opcodes whose result always fits in 32 bits. */
const NARROW_RESULT: ReadonlySet<number> = new Set<number>([
  OP.ld8, OP.ld16, OP.ld32, OP.ldx8, OP.ldx16, OP.ldx32, OP.len, OP.wirelen, OP.csum, OP.parse, OP.hdr, OP.ip_ver, OP.ipv6_ext,
  OP.eq, OP.ne, OP.gt, OP.lt, OP.ge, OP.le, OP.eq128, OP.ne128, OP.gt128, OP.lt128, OP.ge128, OP.le128, OP.inset, OP.inset128,
]);

/** Frames whose header facts are known from a few byte tests (packet-ops' locateHeaders takes the same fast paths). */
interface FastFrame {
  readonly cond: string;
  /** Transport offset. */
  readonly l4: number;
  /** Each fact as a JS expression (portsOffset is computed into its local at entry). */
  readonly facts: Record<Exclude<(typeof HDR_FIELDS)[number], 'portsOffset'>, string>;
}

/** Larger programs get no per-frame fast copies (each copy is the whole program again). */
const MAX_FRAME_COPIES_INSNS = 1500;

const FAST_FRAMES: readonly FastFrame[] = [
  // untagged IPv4 without options, not a fragment, with a byte after the IPv4 header
  {
    cond: 'len > 34 && p[b + 12] === 8 && p[b + 13] === 0 && p[b + 14] === 0x45 && (p[b + 20] & 0x3f) === 0 && p[b + 21] === 0',
    l4: 34,
    facts: { l3: '14', etherType: '0x800', vlanTags: '0', ipVersion: '4', l4: '34', l4Proto: 'p[b + 23]', vlanId: '0', fragment: '0', l4Bytes: '(len - 34)', l3Bytes: '(len - 14)' },
  },
  // untagged IPv6 whose first next header is the transport, with a byte after the IPv6 header
  {
    cond: 'len > 54 && p[b + 12] === 0x86 && p[b + 13] === 0xdd && p[b + 14] >> 4 === 6 && IPV6_NOT_TRANSPORT[p[b + 20]] === 0',
    l4: 54,
    facts: { l3: '14', etherType: '0x86dd', vlanTags: '0', ipVersion: '6', l4: '54', l4Proto: 'p[b + 20]', vlanId: '0', fragment: '0', l4Bytes: '(len - 54)', l3Bytes: '(len - 14)' },
  },
];

/** The generated read of HDR selector n: its local, 0 for unknown selectors. */
function hdrRead(selector: number): string {
  return selector < HDR_FIELDS.length ? factLocal(selector) : '0';
}

const fits32 = (r: Range | undefined): boolean => r !== undefined && r.hi <= U32_MAX;

function hex32(v: number): string {
  return '0x' + (v >>> 0).toString(16);
}

/** Compare-and-jump instructions (and RET) a preceding PUSH (PUSH128) can be folded into. */
const JUMP_64: ReadonlySet<number> = new Set([OP.jeq, OP.jne, OP.jgt, OP.jlt, OP.jge, OP.jle, OP.ret]);
const JUMP_128: ReadonlySet<number> = new Set([OP.jeq128, OP.jne128, OP.jgt128, OP.jlt128, OP.jge128, OP.jle128]);

class JsEmitter {
  private out: string[] = [];
  /** Per slot: high half known to be zero (within the current block). */
  private hz: boolean[] = [];
  private seg = 0;
  private readonly segOf: Int32Array;
  private readonly segCount: number;
  /**
   * Halves (hi, lo, ... as literals) of a PUSH/PUSH128 whose only reader is the compare-and-jump
   * right after it in the same block: the jump compares with the literals and the push emits
   * nothing. Keeps the generated functions small enough for engines to inline.
   */
  private pendingImm: string[] | undefined;
  /** Flat switch dispatch instead of nested labelled blocks (programs with many jump targets). */
  private readonly flat: boolean;
  /** Flat and loop-free without instruction counting: split into one function per PART_SEGMENTS segments. */
  private readonly split: boolean;
  /** The part being emitted in split code. */
  private part = -1;
  /** Part of each segment in split code. */
  private readonly partOfSeg: Int32Array;
  /** HDR selectors the program reads (PARSE reads 4): each is a local `f<n>`. */
  private readonly hdrSelectors: readonly number[];
  /** The entry block reads a header fact, so every run walks the headers: once, at entry. */
  private readonly eagerHdr: boolean;
  /** Emitting a fast copy for these frames: header facts are constants and byte reads. */
  private hdrFast: FastFrame | undefined;

  constructor(
    private readonly plan: CodePlan,
    private readonly options: JsCodegenOptions,
  ) {
    this.segOf = new Int32Array(plan.blocks.length);
    let seg = 0;
    for (let b = 0; b < plan.blocks.length; b++) {
      if (b > 0 && plan.isTarget[b] === 1) seg++;
      this.segOf[b] = seg;
    }
    this.segCount = seg;
    this.flat = seg > FLAT_SEGMENTS;
    this.split = this.flat && !plan.countsInsns && !plan.program.hasBackwardJumps;
    this.partOfSeg = new Int32Array(seg + 1);
    if (this.split) {
      let part = 0;
      let insns = 0;
      for (let b = 0; b < plan.blocks.length; b++) {
        if (b > 0 && this.segOf[b] !== this.segOf[b - 1] && insns >= PART_INSNS) {
          part++;
          insns = 0;
        }
        this.partOfSeg[this.segOf[b]] = part;
        insns += plan.blocks[b].end - plan.blocks[b].start;
      }
    }
    const sels = new Set<number>();
    let eager = false;
    plan.program.insns.forEach((insn, i) => {
      if (insn.op.code !== OP.hdr && insn.op.code !== OP.parse) return;
      const sel = insn.op.code === OP.parse ? 4 : insn.arg;
      if (sel < HDR_FIELDS.length) sels.add(sel);
      if (plan.blocks.length > 0 && i < plan.blocks[0].end) eager = true;
    });
    this.hdrSelectors = [...sels].sort((x, y) => x - y);
    // Split code shares the header facts through HDR (each part is a function of its own).
    this.eagerHdr = eager && !this.split;
  }

  /** The part (function) of segment `seg` in split code. */
  private partOf(seg: number): number {
    return this.partOfSeg[seg];
  }

  /** Leave the current part for segment `seg` (first instruction `start`): the live slots go to the arrays. */
  private leave(seg: number, start: number): string {
    const live = this.plan.program.depthIn[start];
    const spill: string[] = [];
    for (let s = 0; s < live; s++) spill.push(`SH[${s}] = h${s}; SL[${s}] = l${s};`);
    return `{ ${spill.join(' ')} return ${seg + 2}; }`;
  }

  /** Split code: one function per part (about PART_INSNS instructions) and the dispatcher `run`. */
  private splitSource(depth: number): string[] {
    const blocks = this.plan.blocks;
    const load: string[] = [];
    for (let s = 0; s < depth; s++) load.push(`h${s} = SH[${s}], l${s} = SL[${s}]`);
    const lines: string[] = [`const SH = new Uint32Array(${depth}), SL = new Uint32Array(${depth});`, `const PART_OF = Int32Array.of(${[...this.partOfSeg].join(', ')});`];
    const names: string[] = [];
    for (let b = 0; b < blocks.length; ) {
      const part = this.partOf(this.segOf[b]);
      this.part = part;
      const out: string[] = [];
      this.out = out;
      this.seg = this.segOf[b];
      this.line('top: for (;;) {');
      this.line('switch (bb) {');
      this.line(`case ${this.seg}:`);
      for (; b < blocks.length && this.partOf(this.segOf[b]) === part; b++) {
        if (this.segOf[b] !== this.seg) {
          this.seg = this.segOf[b];
          this.line(`case ${this.seg}:`);
        }
        this.emitBlock(blocks[b], false);
      }
      this.line('}');
      // Falling off the part's last segment continues in the next part.
      this.line(b < blocks.length ? this.leave(this.segOf[b], blocks[b].start) : 'return -7;');
      this.line('}');
      names.push(`part${part}`);
      lines.push(`const part${part} = function part${part}(p, b, len, tsh, tsl, wl, bb) {`, `let ${[...load, 't = 0', 'o = 0', 'count = 0'].join(', ')};`, ...out, '};');
    }
    this.part = -1;
    lines.push(
      `const PARTS = [${names.join(', ')}];`,
      'return function run(p, b, len, tsh, tsl, wl) {',
      'st.parsed = false;',
      'let r = part0(p, b, len, tsh, tsl, wl, 0);',
      'while (r >= 2) r = PARTS[PART_OF[r - 2]](p, b, len, tsh, tsl, wl, r - 2);',
      'return r;',
      '};',
    );
    return lines;
  }

  /** HDR selector n on a fast frame. */
  private fastFact(frame: FastFrame, selector: number): string {
    const name = HDR_FIELDS[selector];
    if (name === undefined) return '0';
    return name === 'portsOffset' ? factLocal(selector) : frame.facts[name];
  }

  /** Code that sets the header-fact locals: inline (header-walk.ts) or by the full walk. */
  private hdrCompute(inline: boolean): string {
    const full = `locateHeaders(${this.helperView()}, len)`;
    if (inline) return headerWalkSource(full);
    return `${full}; ${this.hdrSelectors.map((s) => `${factLocal(s)} = HDR.${HDR_FIELDS[s]};`).join(' ')}`;
  }

  private line(s: string): void {
    this.out.push(s);
  }

  private byte(off: string): string {
    return `p[b + ${off}]`;
  }

  private be16(off: string): string {
    return `(${this.byte(off)} << 8 | ${this.byte(`${off} + 1`)})`;
  }

  private be32(off: string): string {
    return `((${this.byte(off)} << 24 | ${this.byte(`${off} + 1`)} << 16 | ${this.byte(`${off} + 2`)} << 8 | ${this.byte(`${off} + 3`)}) >>> 0)`;
  }

  /** Record the faulting pc (an index known now, or an expression for one) and return the code. */
  private fault(code: number, index: string | number): string {
    const pc = typeof index === 'number' ? String(this.plan.pcs[index]) : `pcs[${index}]`;
    return `{ st.faultPc = ${pc}; return ${code}; }`;
  }

  source(): string {
    const plan = this.plan;
    const depth = Math.max(1, plan.program.maxDepth) + 1;
    // Fast copies: no fixed-offset bounds checks (the packet is long enough for all of them)
    // and, for programs that walk the headers on every run, the header facts of the common
    // frames (FAST_FRAMES) as constants and byte reads. Each copy is a small function of its
    // own, so the engine can inline the first into the caller's packet loop; a packet that
    // fits none goes on to the next, the last one being the fully checked copy.
    if (this.split) {
      return [
        '"use strict";',
        'const { OUT, HDR, hash5, hash6, ipv4ChecksumOk, ipv6ExtField, locateHeaders, headerField, W, REM, mul64, divmod64, shl64, shr64, inSet64, inSet128 } = H;',
        'return function bind(st, ft, pcs) {',
        ...this.setLocals(),
        ...this.splitSource(depth),
        '};',
      ].join('\n');
    }
    const frameCopies = this.eagerHdr && plan.program.insns.length <= MAX_FRAME_COPIES_INSNS;
    const variants: (FastFrame | undefined)[] = frameCopies ? [...FAST_FRAMES] : plan.fixedLoadEnd > 0 ? [undefined] : [];
    const copies = variants.map((frame) => {
      const out: string[] = [];
      this.out = out;
      this.hdrFast = frame;
      this.emitBody(plan.fixedLoadEnd > 0);
      this.hdrFast = undefined;
      const cond = [...(plan.fixedLoadEnd > 0 ? [`len >= ${plan.fixedLoadEnd}`] : []), ...(frame === undefined ? [] : [frame.cond])];
      return { frame, out, cond };
    });
    const checked: string[] = [];
    this.out = checked;
    this.emitBody(false);
    const decl: string[] = [];
    for (let s = 0; s < depth; s++) decl.push(`h${s} = 0, l${s} = 0`);
    const common = 't = 0, o = 0, count = 0, bb = 0, parsed = false';
    const portsSel = HDR_FIELDS.indexOf('portsOffset');
    const usesPorts = this.hdrSelectors.includes(portsSel);
    const head = [`let ${[...decl, ...(this.eagerHdr ? headerWalkLocals() : this.hdrSelectors.map((sel) => `${factLocal(sel)} = 0`))].join(', ')}, ${common};`];
    if (this.eagerHdr) head.push(this.hdrCompute(true));
    const fastHead = (frame: FastFrame | undefined): string[] => {
      if (frame === undefined) return [`let ${[...decl, ...this.hdrSelectors.map((sel) => `${factLocal(sel)} = 0`)].join(', ')}, ${common};`];
      const lines = [`let ${[...decl, ...(usesPorts ? [`${factLocal(portsSel)} = 0`] : [])].join(', ')}, ${common};`];
      if (usesPorts) lines.push(`t = ${frame.facts.l4Proto}; ${factLocal(portsSel)} = (t === 6 || t === 17 || t === 132) && len >= ${frame.l4 + 4} ? ${frame.l4} : 0;`);
      return lines;
    };
    const run: string[] = [];
    if (copies.length === 0) run.push('return function run(p, b, len, tsh, tsl, wl) {', ...head, ...checked, '};');
    else {
      run.push('const checked = function checked(p, b, len, tsh, tsl, wl) {', ...head, ...checked, '};');
      for (let k = copies.length - 1; k >= 0; k--) {
        const next = k === copies.length - 1 ? 'checked' : `fast${k + 1}`;
        const name = k === 0 ? 'run' : `fast${k}`;
        run.push(`${k === 0 ? 'return' : 'const ' + name + ' ='} function ${name}(p, b, len, tsh, tsl, wl) {`);
        run.push(`if (!(${copies[k].cond.join(' && ')})) return ${next}(p, b, len, tsh, tsl, wl);`, ...fastHead(copies[k].frame), ...copies[k].out, '};');
      }
    }
    return [
      '"use strict";',
      'const { OUT, HDR, IPV6_NOT_TRANSPORT, hash5, hash6, ipv4ChecksumOk, ipv6ExtField, locateHeaders, headerField, W, REM, mul64, divmod64, shl64, shr64, inSet64, inSet128 } = H;',
      'return function bind(st, ft, pcs) {',
      ...this.setLocals(),
      ...run,
      '};',
    ].join('\n');
  }

  /** `S<k>` (and `B<k>`, the bitmap of a port-sized table) for every set table, bound once per filter. */
  private setLocals(): string[] {
    return this.plan.program.tables.map((_, k) => `const S${k} = st.sets[${k}], B${k} = S${k}.bits;`);
  }

  private emitBody(fixedLoadsSafe: boolean): void {
    const m = this.segCount;
    const blocks = this.plan.blocks;
    this.seg = 0;
    if (this.flat) {
      // Many jump targets: one flat switch (cases fall through) instead of deep nesting,
      // which would overflow the parser's stack.
      this.line('bb = 0;');
      this.line('top: for (;;) {');
      this.line('switch (bb) {');
      this.line('case 0:');
      for (let b = 0; b < blocks.length; b++) {
        if (this.segOf[b] !== this.seg) {
          this.seg = this.segOf[b];
          this.line(`case ${this.seg}:`);
        }
        this.emitBlock(blocks[b], fixedLoadsSafe);
      }
      this.line('}');
      this.line('}');
      return;
    }
    const loopMode = this.plan.program.hasBackwardJumps;
    if (loopMode) this.line('top: for (;;) {');
    for (let k = m; k >= 1; k--) this.line(`L${k}: {`);
    if (loopMode && m > 0) {
      this.line('switch (bb) {');
      for (let k = 1; k <= m; k++) this.line(`case ${k}: break L${k};`);
      this.line('}');
    }
    for (let b = 0; b < blocks.length; b++) {
      if (this.segOf[b] !== this.seg) {
        this.line('}');
        this.seg = this.segOf[b];
      }
      this.emitBlock(blocks[b], fixedLoadsSafe);
    }
    if (loopMode) this.line('}');
  }

  private emitBlock(block: Block, fixedLoadsSafe: boolean): void {
    const plan = this.plan;
    const length = block.end - block.start;
    this.hz = [];
    if (plan.countsInsns) this.line(`count += ${length};`);
    for (let k = 0; k < length; k++) {
      const threshold = limitThreshold(plan, block, k, fixedLoadsSafe);
      if (threshold >= 0) this.line(`if (count > ${threshold}) ${this.fault(FAULT.LIMIT, `${block.start + length + plan.insnLimit} - count`)}`);
      this.emitInsn(block.start + k, fixedLoadsSafe);
    }
  }

  private jump(target: number): string {
    const seg = this.segOf[this.plan.blockAt[target]];
    if (this.split && this.partOf(seg) !== this.part) return this.leave(seg, target);
    if (seg > this.seg && !this.flat) return `break L${seg};`;
    return `{ bb = ${seg}; continue top; }`;
  }

  /** Is the high half of the input value `k` (0 = top) of instruction i known zero? */
  private inHz(i: number, slot: number, k: number): boolean {
    return this.hz[slot] === true || fits32(this.plan.program.ranges.inputs(i)[k]);
  }

  private setOut(i: number, slot: number, narrow: boolean): void {
    this.hz[slot] = narrow || fits32(this.plan.program.ranges.outputs(i)[0]);
  }

  /** Compare slot `a` with slot `b`, or with the pending literal halves `imm` in place of `b`. */
  private cmp(op: number, a: number, b: number, narrow: boolean, imm?: string[]): string {
    const kind = op === OP.eq || op === OP.jeq ? 'eq' : op === OP.ne || op === OP.jne ? 'ne' : op === OP.gt || op === OP.jgt ? 'gt' : op === OP.lt || op === OP.jlt ? 'lt' : op === OP.ge || op === OP.jge ? 'ge' : 'le';
    const js = { eq: '===', ne: '!==', gt: '>', lt: '<', ge: '>=', le: '<=' }[kind];
    const [hb, lb] = imm ?? [`h${b}`, `l${b}`];
    if (narrow) return `l${a} ${js} ${lb}`;
    if (kind === 'eq') return `(l${a} === ${lb} && h${a} === ${hb})`;
    if (kind === 'ne') return `(l${a} !== ${lb} || h${a} !== ${hb})`;
    const strict = kind === 'gt' || kind === 'lt' ? (kind === 'gt' ? '>' : '<') : kind === 'ge' ? '>' : '<';
    return `(h${a} ${strict} ${hb} || h${a} === ${hb} && l${a} ${js} ${lb})`;
  }

  private cmp128(op: number, s: number, imm?: string[]): string {
    const a = [`h${s}`, `l${s}`, `h${s + 1}`, `l${s + 1}`];
    const b = imm ?? [`h${s + 2}`, `l${s + 2}`, `h${s + 3}`, `l${s + 3}`];
    if (op === OP.eq128 || op === OP.jeq128) return `(${a.map((x, k) => `${x} === ${b[k]}`).join(' && ')})`;
    if (op === OP.ne128 || op === OP.jne128) return `(${a.map((x, k) => `${x} !== ${b[k]}`).join(' || ')})`;
    const greater = op === OP.gt128 || op === OP.jgt128 || op === OP.ge128 || op === OP.jge128;
    const orEqual = op === OP.ge128 || op === OP.jge128 || op === OP.le128 || op === OP.jle128;
    const rel = greater ? '>' : '<';
    let expr = `${a[3]} ${rel}${orEqual ? '=' : ''} ${b[3]}`;
    for (let k = 2; k >= 0; k--) expr = `${a[k]} ${rel} ${b[k]} || ${a[k]} === ${b[k]} && (${expr})`;
    return `(${expr})`;
  }

  /** Is instruction i+1 one of `ops` in the same block (so nothing else can see slot values in between)? */
  private isFusedWithNext(i: number, ops: ReadonlySet<number>): boolean {
    const plan = this.plan;
    const next = i + 1;
    // blockAt is set for the first instruction of each block only.
    return next < plan.program.insns.length && plan.blockAt[next] === -1 && ops.has(plan.program.insns[next].op.code);
  }

  private takePendingImm(): string[] | undefined {
    const imm = this.pendingImm;
    this.pendingImm = undefined;
    return imm;
  }

  /** The packet arguments of the shared packet-op helpers: the buffer and the packet's offset in it. */
  private helperView(): string {
    return 'p, b';
  }

  private emitInsn(i: number, fixedLoadsSafe: boolean): void {
    const insn: Insn = this.plan.program.insns[i];
    const d = this.plan.program.depthIn[i];
    const top = d - 1;
    const op = insn.op.code as OpCode;
    const L = (s: string): void => this.line(s);
    switch (op) {
      case OP.ld8:
      case OP.ld16:
      case OP.ld32:
      case OP.ld64:
      case OP.ld128: {
        const width = fixedLoadWidth(insn.op);
        const off = insn.arg;
        if (!fixedLoadsSafe) L(`if (len < ${off + width}) ${this.fault(FAULT.BOUNDS, i)}`);
        if (width === 1) L(`h${d} = 0; l${d} = ${this.byte(String(off))};`);
        else if (width === 2) L(`h${d} = 0; l${d} = ${this.be16(String(off))};`);
        else if (width === 4) L(`h${d} = 0; l${d} = ${this.be32(String(off))};`);
        else {
          L(`h${d} = ${this.be32(String(off))}; l${d} = ${this.be32(String(off + 4))};`);
          if (width === 16) L(`h${d + 1} = ${this.be32(String(off + 8))}; l${d + 1} = ${this.be32(String(off + 12))};`);
        }
        this.hz[d] = width <= 4;
        this.hz[d + 1] = false;
        return;
      }
      case OP.ldx8:
      case OP.ldx16:
      case OP.ldx32:
      case OP.ldx64:
      case OP.ldx128: {
        const width = indirectLoadWidth(insn.op);
        // A base of 2^32 or more is always past the end of a packet.
        const hiCheck = this.inHz(i, top, 0) ? '' : `h${top} !== 0 || `;
        L(`if (${hiCheck}(o = l${top} + ${insn.arg}) + ${width} > len) ${this.fault(FAULT.BOUNDS, i)}`);
        if (width === 1) L(`h${top} = 0; l${top} = ${this.byte('o')};`);
        else if (width === 2) L(`h${top} = 0; l${top} = ${this.be16('o')};`);
        else if (width === 4) L(`h${top} = 0; l${top} = ${this.be32('o')};`);
        else {
          L(`h${top} = ${this.be32('o')}; l${top} = ${this.be32('o + 4')};`);
          if (width === 16) L(`h${top + 1} = ${this.be32('o + 8')}; l${top + 1} = ${this.be32('o + 12')};`);
        }
        this.hz[top] = width <= 4;
        this.hz[top + 1] = false;
        return;
      }
      case OP.push: {
        const hi = Number(insn.imm >> 32n);
        const words = [hex32(hi), hex32(Number(insn.imm & 0xffffffffn))];
        this.hz[d] = hi === 0;
        if (this.isFusedWithNext(i, JUMP_64)) this.pendingImm = words;
        else L(`h${d} = ${words[0]}; l${d} = ${words[1]};`);
        return;
      }
      case OP.push128: {
        const words = [96n, 64n, 32n, 0n].map((s) => hex32(Number((insn.imm >> s) & 0xffffffffn)));
        this.hz[d] = words[0] === '0x0';
        this.hz[d + 1] = words[2] === '0x0';
        if (this.isFusedWithNext(i, JUMP_128)) {
          this.pendingImm = words;
          return;
        }
        L(`h${d} = ${words[0]}; l${d} = ${words[1]}; h${d + 1} = ${words[2]}; l${d + 1} = ${words[3]};`);
        this.hz[d] = words[0] === '0x0';
        this.hz[d + 1] = words[2] === '0x0';
        return;
      }
      case OP.pop:
        return;
      case OP.dup:
        L(`h${d} = h${top}; l${d} = l${top};`);
        this.hz[d] = this.inHz(i, top, 0);
        return;
      case OP.swap: {
        L(`t = h${top}; h${top} = h${top - 1}; h${top - 1} = t; t = l${top}; l${top} = l${top - 1}; l${top - 1} = t;`);
        const x = this.inHz(i, top, 0);
        this.hz[top] = this.inHz(i, top - 1, 1);
        this.hz[top - 1] = x;
        return;
      }
      case OP.add:
      case OP.sub:
      case OP.mul:
      case OP.div:
      case OP.mod:
      case OP.and:
      case OP.or:
      case OP.xor:
      case OP.shl:
      case OP.shr:
        this.emitBinary(i, insn, op, top);
        return;
      case OP.not:
        L(`h${top} = ~h${top} >>> 0; l${top} = ~l${top} >>> 0;`);
        this.hz[top] = false;
        return;
      case OP.neg:
        L(`t = -l${top}; l${top} = t >>> 0; h${top} = (-h${top} - (t < 0 ? 1 : 0)) >>> 0;`);
        this.hz[top] = false;
        return;
      case OP.eq:
      case OP.ne:
      case OP.gt:
      case OP.lt:
      case OP.ge:
      case OP.le: {
        const narrow = this.inHz(i, top - 1, 1) && this.inHz(i, top, 0);
        L(`l${top - 1} = ${this.cmp(op, top - 1, top, narrow)} ? 1 : 0; h${top - 1} = 0;`);
        this.hz[top - 1] = true;
        return;
      }
      case OP.jeq:
      case OP.jne:
      case OP.jgt:
      case OP.jlt:
      case OP.jge:
      case OP.jle: {
        const narrow = this.inHz(i, top - 1, 1) && this.inHz(i, top, 0);
        L(`if (${this.cmp(op, top - 1, top, narrow, this.takePendingImm())}) ${this.jump(this.plan.targetIndex[i])}`);
        return;
      }
      case OP.jmp:
        L(this.jump(this.plan.targetIndex[i]));
        return;
      case OP.ret: {
        const imm = this.takePendingImm();
        if (imm !== undefined) {
          L(`st.valueHi = ${imm[0]}; st.valueLo = ${imm[1]}; return ${imm[0] === '0x0' && imm[1] === '0x0' ? 0 : 1};`);
          return;
        }
        if (this.inHz(i, top, 0)) L(`st.valueHi = 0; st.valueLo = l${top}; return l${top} !== 0 ? 1 : 0;`);
        else L(`st.valueHi = h${top}; st.valueLo = l${top}; return (h${top} | l${top}) !== 0 ? 1 : 0;`);
        return;
      }
      case OP.hash5:
      case OP.hash6:
        L(`${op === OP.hash5 ? 'hash5' : 'hash6'}(${this.helperView()}, len); h${d} = OUT.hi; l${d} = OUT.lo;`);
        this.hz[d] = false;
        return;
      case OP.csum:
        L(`h${d} = 0; l${d} = ipv4ChecksumOk(${this.helperView()}, len);`);
        this.hz[d] = true;
        return;
      case OP.parse:
      case OP.hdr:
        // Header facts are located once per run, on first use.
        if (this.split) {
          // parts share the facts through HDR and st.parsed
          L(`if (!st.parsed) { st.parsed = true; locateHeaders(${this.helperView()}, len); }`);
          L(`h${d} = 0; l${d} = ${(op === OP.parse ? 4 : insn.arg) < HDR_FIELDS.length ? `HDR.${HDR_FIELDS[op === OP.parse ? 4 : insn.arg]}` : '0'};`);
          this.hz[d] = true;
          return;
        }
        if (!this.eagerHdr) L(`if (!parsed) { parsed = true; ${this.hdrCompute(false)} }`);
        L(`h${d} = 0; l${d} = ${this.hdrFast !== undefined ? this.fastFact(this.hdrFast, op === OP.parse ? 4 : insn.arg) : hdrRead(op === OP.parse ? 4 : insn.arg)};`);
        this.hz[d] = true;
        return;
      case OP.ip_ver:
        L(`h${d} = 0; l${d} = len < 15 ? 0 : ${this.byte('14')} >> 4;`);
        this.hz[d] = true;
        return;
      case OP.ipv6_ext:
        L(`h${d} = 0; l${d} = ipv6ExtField(${this.helperView()}, len, ${insn.arg});`);
        this.hz[d] = true;
        return;
      case OP.len:
        L(`h${d} = 0; l${d} = len;`);
        this.hz[d] = true;
        return;
      case OP.tstamp:
        L(`h${d} = tsh; l${d} = tsl;`);
        this.hz[d] = false;
        return;
      case OP.wirelen:
        L(`h${d} = 0; l${d} = wl;`);
        this.hz[d] = true;
        return;
      case OP.inset: {
        // A table of port-sized keys is a bitmap test inline; others a binary search (set-lookup.ts).
        const k = insn.arg;
        const hz = this.inHz(i, top, 0);
        if (new SetIndex(this.plan.program.tables[k]).mode === SET_MODE.bitmap) {
          L(`l${top} = ${hz ? '' : `h${top} === 0 && `}l${top} < 65536 ? (B${k}[l${top} >>> 5] >>> (l${top} & 31)) & 1 : 0; h${top} = 0;`);
        } else L(`l${top} = inSet64(S${k}, h${top}, l${top}); h${top} = 0;`);
        this.hz[top] = true;
        return;
      }
      case OP.inset128:
        L(`l${d - 2} = inSet128(S${insn.arg}, h${d - 2}, l${d - 2}, h${d - 1}, l${d - 1}); h${d - 2} = 0;`);
        this.hz[d - 2] = true;
        return;
      case OP.flow_load:
        if (this.options.hasFlowTable) L(`l${top} = ft.lookup(h${top}, l${top}); h${top} = ft.resultHi;`);
        else L(`h${top} = 0; l${top} = 0;`);
        this.hz[top] = !this.options.hasFlowTable;
        return;
      case OP.flow_store:
        if (this.options.hasFlowTable) L(`ft.store(h${top - 1}, l${top - 1}, h${top}, l${top});`);
        return;
      case OP.eq128:
      case OP.ne128:
      case OP.gt128:
      case OP.lt128:
      case OP.ge128:
      case OP.le128:
        L(`l${d - 4} = ${this.cmp128(op, d - 4)} ? 1 : 0; h${d - 4} = 0;`);
        this.hz[d - 4] = true;
        return;
      case OP.jeq128:
      case OP.jne128:
      case OP.jgt128:
      case OP.jlt128:
      case OP.jge128:
      case OP.jle128:
        L(`if ${this.cmp128(op, d - 4, this.takePendingImm())} ${this.jump(this.plan.targetIndex[i])}`);
        return;
      case OP.and128:
      case OP.or128:
      case OP.xor128: {
        const js = op === OP.and128 ? '&' : op === OP.or128 ? '|' : '^';
        for (let k = 0; k < 2; k++) {
          const a = d - 4 + k;
          const b = d - 2 + k;
          L(`h${a} = (h${a} ${js} h${b}) >>> 0; l${a} = (l${a} ${js} l${b}) >>> 0;`);
          this.hz[a] = false;
        }
        return;
      }
      case OP.and32:
      case OP.bulk_load128:
      case OP.parallel_eq128:
      case OP.stack_prefetch:
      case OP.eq32:
      case OP.push32:
        // Rejected by the verifier; never reached.
        L(`${this.fault(FAULT.INVALID_OPCODE, i)}`);
        return;
      default:
        assertNever(op, 'js compiler');
    }
  }

  private emitBinary(i: number, insn: Insn, op: OpCode, top: number): void {
    const L = (s: string): void => this.line(s);
    const a = top - 1;
    const b = top;
    const ranges = this.plan.program.ranges;
    const narrow = this.inHz(i, a, 1) && this.inHz(i, b, 0);
    const outRange = ranges.outputs(i)[0];
    const resultNarrow = fits32(outRange);
    const zeroCheck = `if (${narrow ? '' : `h${b} === 0 && `}l${b} === 0) ${this.fault(FAULT.DIVISION_BY_ZERO, i)}`;
    switch (op) {
      case OP.add:
        if (narrow && resultNarrow) L(`l${a} = l${a} + l${b}; h${a} = 0;`);
        else if (narrow) L(`t = l${a} + l${b}; h${a} = t > 0xffffffff ? 1 : 0; l${a} = t >>> 0;`);
        else L(`t = l${a} + l${b}; l${a} = t >>> 0; h${a} = (h${a} + h${b} + (t > 0xffffffff ? 1 : 0)) >>> 0;`);
        break;
      case OP.sub:
        // A known output range means a >= b on every path, so no borrow.
        if (narrow && resultNarrow) L(`l${a} = l${a} - l${b}; h${a} = 0;`);
        else L(`t = l${a} - l${b}; l${a} = t >>> 0; h${a} = (h${a} - h${b} - (t < 0 ? 1 : 0)) >>> 0;`);
        break;
      case OP.mul:
        if (narrow && resultNarrow) L(`l${a} = l${a} * l${b}; h${a} = 0;`);
        else if (narrow && outRange.hi <= Number.MAX_SAFE_INTEGER) L(`t = l${a} * l${b}; h${a} = Math.floor(t / 4294967296); l${a} = t >>> 0;`);
        else L(`mul64(h${a}, l${a}, h${b}, l${b}); h${a} = W.hi; l${a} = W.lo;`);
        break;
      case OP.div:
      case OP.mod:
        L(zeroCheck);
        if (narrow) L(op === OP.div ? `l${a} = Math.floor(l${a} / l${b}); h${a} = 0;` : `l${a} = l${a} % l${b}; h${a} = 0;`);
        else L(`divmod64(h${a}, l${a}, h${b}, l${b}); h${a} = ${op === OP.div ? 'W' : 'REM'}.hi; l${a} = ${op === OP.div ? 'W' : 'REM'}.lo;`);
        break;
      case OP.and:
      case OP.or:
      case OP.xor: {
        const js = op === OP.and ? '&' : op === OP.or ? '|' : '^';
        if (narrow) L(`l${a} = (l${a} ${js} l${b}) >>> 0; h${a} = 0;`);
        else L(`h${a} = (h${a} ${js} h${b}) >>> 0; l${a} = (l${a} ${js} l${b}) >>> 0;`);
        break;
      }
      case OP.shl:
      case OP.shr: {
        const countRange = ranges.inputs(i)[0];
        const isLeft = op === OP.shl;
        if (countRange !== undefined && countRange.lo === countRange.hi) {
          const n = countRange.lo % 64;
          if (n === 0) break;
          if (n < 32 && this.inHz(i, a, 1) && (!isLeft || resultNarrow)) {
            // high half zero in and out (a left shift whose result fits in 32 bits): one 32-bit shift
            const wrap = isLeft && outRange.hi > 0x7fffffff ? ' >>> 0' : '';
            L(`l${a} = ${isLeft ? `(l${a} << ${n})${wrap}` : `l${a} >>> ${n}`}; h${a} = 0;`);
            this.hz[a] = true;
            return;
          }
          if (isLeft) {
            if (n < 32) L(`h${a} = (h${a} << ${n} | l${a} >>> ${32 - n}) >>> 0; l${a} = (l${a} << ${n}) >>> 0;`);
            else L(`h${a} = (l${a} << ${n - 32}) >>> 0; l${a} = 0;`);
          } else if (n < 32) L(`l${a} = (l${a} >>> ${n} | h${a} << ${32 - n}) >>> 0; h${a} = h${a} >>> ${n};`);
          else L(`l${a} = h${a} >>> ${n - 32}; h${a} = 0;`);
        } else {
          L(`${isLeft ? 'shl64' : 'shr64'}(h${a}, l${a}, l${b}); h${a} = W.hi; l${a} = W.lo;`);
        }
        break;
      }
      default:
        throw new Error(`not a binary opcode: ${insn.op.name}`);
    }
    this.setOut(i, a, narrow && (op === OP.and || op === OP.div || op === OP.mod || op === OP.or || op === OP.xor));
  }
}

/** The source of a factory `bind(st, ft, pcs) -> run(p, b, len, tsHi, tsLo, wireLength)`, to be wrapped by `new Function('H', source)`. */
export function generateJs(plan: CodePlan, options: JsCodegenOptions): string {
  return new JsEmitter(plan, options).source();
}

/** What generated code may use, passed as `H`. */
const JS_HELPERS = { OUT, HDR, IPV6_NOT_TRANSPORT, hash5, hash6, ipv4ChecksumOk, ipv6ExtField, locateHeaders, headerField, W, REM, mul64, divmod64, shl64, shr64, inSet64, inSet128 };

/**
 * Generate and evaluate the code for a plan.
 * @throws {EvalError} where code generation from strings is not allowed
 */
export function buildJsCode(plan: CodePlan, options: JsCodegenOptions): JsCode {
  const source = generateJs(plan, options);
  const factory = new Function('H', source) as (h: typeof JS_HELPERS) => JsBinder;
  return { bind: factory(JS_HELPERS), pcs: plan.pcs, source };
}
