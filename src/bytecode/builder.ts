// ProgramBuilder: emits instructions by mnemonic, with forward and backward labels that are
// patched when the program is built. The assembler and the VFLisp code generator use it, so
// operand encoding lives in one place. Each instruction may carry a source span.

import { CompileError, type SourceText, type Span } from '../diag/index.js';
import { OPERAND_BYTES, type OpName, type OpSpec, opByName } from '../isa/index.js';
import { ByteWriter } from '../util/bytes.js';
import { MAX_PROGRAM_BYTES } from './decode.js';

export interface Label {
  readonly id: number;
  readonly name: string;
}

interface Fixup {
  readonly label: Label;
  /** Byte offset of the 2-byte displacement. */
  readonly at: number;
  readonly span?: Span;
}

export interface BuiltProgram {
  readonly bytes: Uint8Array;
  /** Source span of the instruction at each pc, where known. */
  readonly spans: ReadonlyMap<number, Span>;
  readonly labels: ReadonlyMap<string, number>;
}

export class ProgramBuilder {
  private readonly w = new ByteWriter(256);
  private readonly labelPcs: (number | undefined)[] = [];
  private readonly labelList: Label[] = [];
  private readonly fixups: Fixup[] = [];
  private readonly spans = new Map<number, Span>();
  private count = 0;

  constructor(private readonly source?: SourceText) {}

  /** Byte offset where the next instruction goes. */
  get pc(): number {
    return this.w.length;
  }

  /** Number of instructions emitted so far. */
  get insnCount(): number {
    return this.count;
  }

  newLabel(name = `L${this.labelList.length}`): Label {
    const label = { id: this.labelList.length, name };
    this.labelList.push(label);
    this.labelPcs.push(undefined);
    return label;
  }

  /** Bind a label to the current pc. */
  bind(label: Label): void {
    if (this.labelPcs[label.id] !== undefined) throw new Error(`label ${label.name} bound twice`);
    this.labelPcs[label.id] = this.pc;
  }

  isBound(label: Label): boolean {
    return this.labelPcs[label.id] !== undefined;
  }

  private opcode(name: OpName, span?: Span): OpSpec {
    const op = opByName(name)!;
    if (span !== undefined) this.spans.set(this.pc, span);
    this.w.u8(op.code);
    this.count++;
    return op;
  }

  /** Emit an instruction whose operand is a number (off16, imm8, imm32) or none. */
  emit(name: OpName, arg = 0, span?: Span): void {
    const op = this.opcode(name, span);
    switch (op.format) {
      case 'none':
        break;
      case 'imm8':
        this.w.u8(arg);
        break;
      case 'off16':
      case 'rel16':
        this.w.u16le(arg);
        break;
      case 'imm32':
        this.w.u32le(arg);
        break;
      case 'imm64':
        this.w.u64le(BigInt(arg));
        break;
      case 'imm128':
        this.w.u128be(BigInt(arg));
        break;
    }
  }

  /** PUSH of a 64-bit value, or PUSH128 of a 128-bit value. */
  emitImm(name: 'push' | 'push128', imm: bigint, span?: Span): void {
    this.opcode(name, span);
    if (name === 'push') this.w.u64le(imm);
    else this.w.u128be(imm);
  }

  /** A jump (any rel16 opcode) to a label, patched at build time. */
  emitJump(name: OpName, label: Label, span?: Span): void {
    const op = this.opcode(name, span);
    if (OPERAND_BYTES[op.format] !== 2 || op.format !== 'rel16') throw new Error(`${name} is not a jump`);
    this.fixups.push({ label, at: this.pc, span });
    this.w.u16le(0);
  }

  /** A jump with a raw displacement (the assembler's numeric operands). */
  emitJumpRaw(name: OpName, disp: number, span?: Span): void {
    this.opcode(name, span);
    this.w.u16le(disp & 0xffff);
  }

  /** Raw bytes (the assembler's `.byte` directive). */
  emitBytes(data: Uint8Array, span?: Span): void {
    if (span !== undefined) this.spans.set(this.pc, span);
    this.w.bytes(data);
  }

  /**
   * Patch every jump and return the bytes.
   * @throws {CompileError} for an unbound label, a displacement outside the i16 range or a program over 64 KiB.
   */
  build(): BuiltProgram {
    for (const f of this.fixups) {
      const target = this.labelPcs[f.label.id];
      if (target === undefined) {
        throw new CompileError('ERR_ASM_LABEL_UNDEFINED', `undefined label '${f.label.name}'`, { span: f.span, source: this.source });
      }
      const disp = target - (f.at + 2);
      if (disp < -32768 || disp > 32767) {
        throw new CompileError('ERR_ASM_JUMP_RANGE', `jump to '${f.label.name}' needs displacement ${disp}, outside -32768..32767: program too large`, {
          span: f.span,
          source: this.source,
          pc: f.at - 1,
        });
      }
      this.w.patchU16le(f.at, disp);
    }
    if (this.w.length > MAX_PROGRAM_BYTES) {
      throw new CompileError('ERR_ASM_TOO_LARGE', `program too large: ${this.w.length} bytes, at most ${MAX_PROGRAM_BYTES}`, {});
    }
    const labels = new Map<string, number>();
    for (const l of this.labelList) {
      const pc = this.labelPcs[l.id];
      if (pc !== undefined) labels.set(l.name, pc);
    }
    return { bytes: this.w.finish(), spans: this.spans, labels };
  }
}
