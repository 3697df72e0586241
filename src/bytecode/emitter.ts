// The front ends' view of ProgramBuilder (VFLisp and pcap-filter share it): it drops code
// that no path reaches, drops a jump to the very next instruction, and carries the front
// end's facts along every edge. A label's facts are the meet of the facts of the jumps to it
// and of the fall-through; code after an unconditional jump is dead until a label that some
// jump uses is bound. Facts are exact for forward jumps (every jump to a label is known when
// the label is bound); a backward jump (a loop) to a bound label adds no facts there.

import type { Span } from '../diag/source.js';
import { type Label, ProgramBuilder, type BuiltProgram } from './builder.js';
import { MAX_PROGRAM_BYTES } from './decode.js';
import { CompileError, ErrorList } from '../diag/errors.js';
import { MAX_CODEGEN_STEPS } from '../diag/limits.js';
import type { OpName } from '../isa/index.js';
import type { SourceText } from '../diag/source.js';

/** What a front end knows at a program point; `meet` combines the knowledge of two paths. */
export interface EmitterFacts<F> {
  meet(other: F): F;
}

/** Facts for a front end that tracks none: only whether a point is reachable. */
export class NoFacts implements EmitterFacts<NoFacts> {
  static readonly INSTANCE = new NoFacts();
  meet(): NoFacts {
    return this;
  }
}

export class Emitter<F extends EmitterFacts<F> = NoFacts> {
  private readonly b: ProgramBuilder;
  /** Facts where the next instruction goes; `undefined` when no path gets there. */
  facts: F | undefined;
  private readonly incoming = new Map<number, F>();
  /** An unconditional jump held back in case its label is bound right after it. */
  private pendingJump: { label: Label; span?: Span } | undefined;
  private steps = 0;

  constructor(
    private readonly source: SourceText | undefined,
    initial: F,
  ) {
    this.b = new ProgramBuilder(source);
    this.facts = initial;
  }

  private fail(code: string, message: string, span: Span | undefined): never {
    throw new ErrorList([new CompileError(code, message, span !== undefined && this.source !== undefined ? { span, source: this.source } : {})]);
  }

  /**
   * One step of the code generator (a visit of an expression). An expression that repeats a
   * shared part (nested `in`, `range`, stateful keys) can need exponentially many visits; past
   * MAX_CODEGEN_STEPS the compilation stops with ERR_COMPILE_LIMIT.
   */
  step(span?: Span): void {
    if (++this.steps > MAX_CODEGEN_STEPS) {
      this.fail('ERR_COMPILE_LIMIT', `code generation needs more than ${MAX_CODEGEN_STEPS} steps: the filter repeats a large subexpression too often`, span);
    }
  }

  /** Stop as soon as the code outgrows what any program may hold. */
  private checkSize(span: Span | undefined): void {
    if (this.b.pc > MAX_PROGRAM_BYTES) this.fail('ERR_COMPILE_TOO_LARGE', `the filter compiles to more than ${MAX_PROGRAM_BYTES} bytes of bytecode`, span);
  }

  get isLive(): boolean {
    return this.facts !== undefined;
  }

  get insnCount(): number {
    return this.b.insnCount + (this.pendingJump !== undefined ? 1 : 0);
  }

  newLabel(name?: string): Label {
    return this.b.newLabel(name);
  }

  private flush(): void {
    const j = this.pendingJump;
    if (j === undefined) return;
    this.pendingJump = undefined;
    this.b.emitJump('jmp', j.label, j.span);
  }

  private addEdge(label: Label, facts: F): void {
    const old = this.incoming.get(label.id);
    this.incoming.set(label.id, old === undefined ? facts : old.meet(facts));
  }

  emit(name: OpName, arg = 0, span?: Span): void {
    if (this.facts === undefined) return;
    this.flush();
    this.b.emit(name, arg, span);
    this.checkSize(span);
  }

  emitImm(name: 'push' | 'push128', imm: bigint, span?: Span): void {
    if (this.facts === undefined) return;
    this.flush();
    this.b.emitImm(name, imm, span);
    this.checkSize(span);
  }

  /**
   * A conditional jump. `taken` and `notTaken` are the facts on each edge (default: the
   * current facts); the fall-through continues with `notTaken`.
   */
  branch(name: OpName, label: Label, taken?: F, notTaken?: F, span?: Span): void {
    if (this.facts === undefined) return;
    this.flush();
    this.b.emitJump(name, label, span);
    this.checkSize(span);
    this.addEdge(label, taken ?? this.facts);
    this.facts = notTaken ?? this.facts;
  }

  jump(label: Label, span?: Span): void {
    if (this.facts === undefined) return;
    this.flush();
    this.addEdge(label, this.facts);
    this.pendingJump = { label, span };
    this.facts = undefined;
  }

  /** RET: the path ends here. */
  ret(span?: Span): void {
    this.emit('ret', 0, span);
    this.facts = undefined;
  }

  bind(label: Label): void {
    const j = this.pendingJump;
    // A label no jump uses, where no path arrives: nothing to bind (keep a held-back jump held).
    if (this.facts === undefined && !this.incoming.has(label.id)) return;
    let fall = this.facts;
    if (j !== undefined && j.label.id === label.id) {
      // The held-back jump goes to the next instruction: it becomes a fall-through.
      this.pendingJump = undefined;
      fall = this.incoming.get(label.id);
    } else {
      this.flush();
    }
    const jumped = this.incoming.get(label.id);
    this.incoming.delete(label.id);
    if (jumped === undefined && fall === undefined) {
      this.facts = undefined;
      return;
    }
    this.b.bind(label);
    this.facts = fall === undefined ? jumped : jumped === undefined ? fall : fall.meet(jumped);
  }

  build(): BuiltProgram {
    this.flush();
    return this.b.build();
  }
}
