// pcap-filter IR to VFM bytecode through the shared Emitter. Tests become compare-and-jump
// instructions with short circuits; values are 32-bit (sums, differences, products, left
// shifts and negations are masked, a shift by 32 or more gives 0); loads fault outside the
// packet and divisions by zero fault, and a fault rejects the packet, as in libpcap. The
// protochain walk is a loop. libpcap's A register is kept on the stack only when a
// `byte N & V` or `byte N | V` primitive needs it.

import { Emitter, type EmitterFacts, NoFacts } from '../bytecode/emitter.js';
import type { Label } from '../bytecode/builder.js';
import type { OpName } from '../isa/index.js';
import { type Cond, type Val, constOf } from './ir.js';

const LOAD: Readonly<Record<1 | 2 | 4, OpName>> = { 1: 'ld8', 2: 'ld16', 4: 'ld32' };
const LOADX: Readonly<Record<1 | 2 | 4, OpName>> = { 1: 'ldx8', 2: 'ldx16', 4: 'ldx32' };
const MAX_OFF = 0xffff;

/** Whether a value reads the packet (such values are never folded: their loads may fault). */
function readsPacket(v: Val): boolean {
  switch (v.k) {
    case 'ld':
    case 'ldi':
    case 'iphl':
    case 'sel':
      return true;
    case 'alu':
      return readsPacket(v.a) || readsPacket(v.b);
    case 'neg':
      return readsPacket(v.a);
    default:
      return false;
  }
}

function usesA(c: Cond): boolean {
  switch (c.k) {
    case 'areg':
      return true;
    case 'and':
    case 'or':
      return usesA(c.a) || usesA(c.b);
    case 'not':
      return usesA(c.a);
    default:
      return false;
  }
}

/** Bytecode for a condition: returns `acceptValue` when it holds, else 0. */
export function emitProgram(root: Cond, acceptValue: number): Uint8Array {
  return new CondEmitter(new Emitter<NoFacts>(undefined, NoFacts.INSTANCE), usesA(root)).program(root, acceptValue);
}

/**
 * Emit `c` into another front end's code (VFLisp's `(pcap "EXPR")`): jump to `target` when
 * it evaluates to `jumpIf`, else fall through, leaving the stack as it was.
 */
export function emitPcapBranch<F extends EmitterFacts<F>>(em: Emitter<F>, c: Cond, target: Label, jumpIf: boolean): void {
  const trackA = usesA(c);
  const ce = new CondEmitter(em, trackA);
  if (!trackA) {
    ce.branch(c, target, jumpIf);
    return;
  }
  const hit = em.newLabel();
  const miss = em.newLabel();
  em.emitImm('push', 0n);
  ce.branch(c, hit, jumpIf);
  em.emit('pop');
  em.jump(miss);
  em.bind(hit);
  em.emit('pop');
  em.jump(target);
  em.bind(miss);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
class CondEmitter<F extends EmitterFacts<F> = any> {
  /** @param trackA keep libpcap's A register as the bottom stack slot */
  constructor(
    private readonly em: Emitter<F>,
    private readonly trackA: boolean,
  ) {}

  program(root: Cond, acceptValue: number): Uint8Array {
    const em = this.em;
    const reject = em.newLabel('reject');
    if (this.trackA) this.push(0);
    this.branch(root, reject, false);
    this.push(acceptValue);
    em.ret();
    em.bind(reject);
    this.push(0);
    em.ret();
    return em.build().bytes;
  }

  private push(v: number): void {
    this.em.emitImm('push', BigInt(v >>> 0));
  }

  private mask32(): void {
    this.push(0xffffffff);
    this.em.emit('and');
  }

  /** Jump to `target` when `c` evaluates to `jumpIf`, else fall through. */
  branch(c: Cond, target: Label, jumpIf: boolean): void {
    const em = this.em;
    switch (c.k) {
      case 'true':
      case 'false':
        if ((c.k === 'true') === jumpIf) em.jump(target);
        return;
      case 'not':
        this.branch(c.a, target, !jumpIf);
        return;
      case 'and':
      case 'or': {
        // and: jump on false as soon as one side is false; or: on true as soon as one is true.
        const shortCircuit = c.k === 'or';
        if (jumpIf === shortCircuit) {
          this.branch(c.a, target, jumpIf);
          this.branch(c.b, target, jumpIf);
        } else {
          const skip = em.newLabel();
          this.branch(c.a, skip, shortCircuit);
          this.branch(c.b, target, jumpIf);
          em.bind(skip);
        }
        return;
      }
      case 'test':
        this.test(c, target, jumpIf);
        return;
      case 'areg':
        // [A] -> [A op V]; jump on (A != 0) == jumpIf.
        this.push(c.v);
        em.emit(c.op);
        em.emit('dup');
        this.push(0);
        em.branch(jumpIf ? 'jne' : 'jeq', target);
        return;
      case 'chain':
        this.chain(c, target, jumpIf);
        return;
    }
  }

  private test(c: Extract<Cond, { k: 'test' }>, target: Label, jumpIf: boolean): void {
    const em = this.em;
    if (this.trackA) em.emit('pop');
    let v = c.v;
    let rhs = c.rhs;
    // (a - b) = 0 is a = b for 32-bit values; libpcap's A is a - b only when it is tracked.
    if (!this.trackA && c.op === 'eq' && v.k === 'alu' && v.op === 'sub' && constOf(rhs) === 0) {
      rhs = v.b;
      v = v.a;
    }
    this.val(v);
    if (this.trackA) em.emit('dup');
    this.val(rhs);
    switch (c.op) {
      case 'eq':
        em.branch(jumpIf ? 'jeq' : 'jne', target);
        return;
      case 'gt':
        em.branch(jumpIf ? 'jgt' : 'jle', target);
        return;
      case 'ge':
        em.branch(jumpIf ? 'jge' : 'jlt', target);
        return;
      case 'set':
        em.emit('and');
        this.push(0);
        em.branch(jumpIf ? 'jne' : 'jeq', target);
        return;
    }
  }

  /** Push a 32-bit value. */
  private val(v: Val): void {
    const em = this.em;
    if (!readsPacket(v)) {
      const c = constOf(v);
      if (c !== undefined) {
        this.push(c);
        return;
      }
    }
    switch (v.k) {
      case 'imm':
        this.push(v.v);
        return;
      case 'ld':
        if (v.off <= MAX_OFF) em.emit(LOAD[v.size], v.off);
        else {
          this.push(v.off);
          em.emit(LOADX[v.size], 0);
        }
        return;
      case 'ldi': {
        const c = constOf(v.idx);
        if (c !== undefined && !readsPacket(v.idx) && c + v.off <= MAX_OFF) {
          em.emit(LOAD[v.size], c + v.off);
          return;
        }
        this.val(v.idx);
        if (v.off <= MAX_OFF) em.emit(LOADX[v.size], v.off);
        else {
          this.push(v.off);
          em.emit('add');
          em.emit(LOADX[v.size], 0);
        }
        return;
      }
      case 'iphl':
        this.val(v.idx === undefined ? { k: 'ld', off: v.off, size: 1 } : { k: 'ldi', idx: v.idx, off: v.off, size: 1 });
        this.push(15);
        em.emit('and');
        this.push(2);
        em.emit('shl');
        return;
      case 'len':
        em.emit('wirelen');
        return;
      case 'sel': {
        const other = em.newLabel();
        const done = em.newLabel();
        this.val(v.v);
        this.push(v.eq);
        em.branch('jne', other);
        this.val(v.a);
        em.jump(done);
        em.bind(other);
        this.val(v.b);
        em.bind(done);
        return;
      }
      case 'neg':
        this.val(v.a);
        em.emit('neg');
        this.mask32();
        return;
      case 'alu':
        this.alu(v);
        return;
    }
  }

  private alu(v: Extract<Val, { k: 'alu' }>): void {
    const em = this.em;
    this.val(v.a);
    this.val(v.b);
    switch (v.op) {
      case 'add':
      case 'sub':
      case 'mul':
        em.emit(v.op);
        this.mask32();
        return;
      case 'div':
      case 'mod':
      case 'and':
      case 'or':
      case 'xor':
        em.emit(v.op);
        return;
      case 'lsh':
      case 'rsh': {
        const k = readsPacket(v.b) ? undefined : constOf(v.b);
        if (k === undefined || k > 31) {
          // A shift by 32 or more gives 0 (libpcap's bpf_filter); VFM shifts by the amount mod 64.
          const ok = em.newLabel();
          em.emit('dup');
          this.push(32);
          em.branch('jlt', ok);
          em.emit('pop');
          this.push(32);
          em.bind(ok);
        }
        em.emit(v.op === 'lsh' ? 'shl' : 'shr');
        if (v.op === 'lsh') this.mask32();
        return;
      }
    }
  }

  /**
   * libpcap's protochain loop with [X, A] on the stack: X is the offset of the current
   * header from `base`, A its protocol. Extension headers (IPv6: hop-by-hop 0, destination
   * options 60, routing 43, fragment 44) advance X by (length + 1) * 8; an AH header (51)
   * sets X to (length + 2) * 4 exactly as libpcap's code does.
   */
  private chain(c: Extract<Cond, { k: 'chain' }>, target: Label, jumpIf: boolean): void {
    const em = this.em;
    if (this.trackA) em.emit('pop');
    if (c.ipv6) this.push(40);
    else this.val({ k: 'iphl', off: c.base });
    this.val({ k: 'ld', off: c.base + (c.ipv6 ? 6 : 9), size: 1 });
    const loop = em.newLabel('chain');
    const found = em.newLabel();
    const ext = em.newLabel();
    const ah = em.newLabel();
    em.bind(loop);
    const is = (v: number, to: Label) => {
      em.emit('dup');
      this.push(v);
      em.branch('jeq', to);
    };
    is(c.proto, found);
    is(59, found);
    if (c.ipv6) for (const h of [0, 60, 43, 44]) is(h, ext);
    is(51, ah);
    em.jump(found);
    if (c.ipv6) {
      em.bind(ext);
      em.emit('pop');
      em.emit('dup');
      em.emit('ldx8', c.base);
      em.emit('swap');
      em.emit('dup');
      em.emit('ldx8', c.base + 1);
      this.push(1);
      em.emit('add');
      this.push(8);
      em.emit('mul');
      em.emit('add');
      this.mask32();
      em.emit('swap');
      em.jump(loop);
    }
    em.bind(ah);
    em.emit('pop');
    em.emit('dup');
    em.emit('ldx8', c.base);
    em.emit('swap');
    this.push(1);
    em.emit('add');
    em.emit('ldx8', c.base);
    this.push(2);
    em.emit('add');
    this.push(4);
    em.emit('mul');
    em.emit('swap');
    em.jump(loop);
    em.bind(found);
    em.emit('swap');
    em.emit('pop');
    if (this.trackA) em.emit('dup');
    this.push(c.proto);
    em.branch(jumpIf ? 'jeq' : 'jne', target);
  }
}
