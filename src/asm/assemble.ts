// The assembler: VFM assembly text to bytecode. Every file the C vfm-asm accepts assembles to the
// same bytes (its 33 upper-case mnemonics, its number rules, raw u16 jump operands and labels with
// displacement = label - end of the jump). On top of that it reads every mnemonic of the opcode
// table in any case, PUSH128 with IPv6 text, `RET n`, signed jump displacements and `.byte`
// (docs/assembly.md). It reports every error in one pass and does not verify the program.

import { AsmError, ErrorList, SourceText, type Span, guardCompile } from '../diag/index.js';
import { type Label, MAX_PROGRAM_BYTES, MAX_SET_ENTRIES, MAX_SET_TABLES, ProgramBuilder, joinImage, tableOf } from '../bytecode/index.js';
import { LEGACY_MAX_CODE } from '../bytecode/legacy.js';
import { type OpName, type OpSpec, opByName } from '../isa/index.js';
import { parseIpv6 } from '../util/inet.js';
import { U128_MAX } from '../util/u64.js';
import { Lexer, type Token } from './lexer.js';
import { parseAsmNumber } from './number.js';

export interface AsmOptions {
  /** Accept only what the C vfm-asm accepts: every extension becomes an ERR_ASM_EXTENSION error. */
  readonly compat?: boolean;
}

export interface AsmResult {
  readonly bytes: Uint8Array;
  /** Every label with the pc (byte offset) it names. */
  readonly labels: ReadonlyMap<string, number>;
  /** Source span of the instruction (or `.byte` data) at each pc. */
  readonly spans: ReadonlyMap<number, Span>;
  /** Instructions emitted (`RET n` counts two, `.byte` none). */
  readonly insnCount: number;
  /** The source, for printing errors found later (e.g. by the verifier) at a span. */
  readonly source: SourceText;
}

/** What each operand format expects, for error messages. */
const OPERAND_WORDS = {
  none: 'no operand',
  imm8: 'a number 0..255',
  off16: 'a packet offset 0..65535',
  rel16: 'a label or a displacement (0..65535 raw, or -32768..+32767)',
  imm32: 'a number 0..4294967295',
  imm64: 'a 64-bit number',
  imm128: 'IPv6 text (2001:db8::1) or 0x and up to 32 hex digits',
} as const satisfies Record<OpSpec['format'], string>;

const MAX_BY_FORMAT = { imm8: 0xffn, off16: 0xffffn, imm32: 0xffffffffn, imm64: (1n << 64n) - 1n } as const;

/** The C vfm-asm knows the original 33 opcodes: today's codes 0..33 without the reserved AND32. */
function isCMnemonic(op: OpSpec, spelling: string): boolean {
  return op.code <= LEGACY_MAX_CODE + 1 && op.reserved !== true && spelling === op.name.toUpperCase();
}

interface LabelEntry {
  readonly label: Label;
  defined?: Span;
  /** The pc the label names, once defined. */
  pc?: number;
}

/** A set table being assembled from `.set64`/`.set128` lines. */
interface TableEntry {
  readonly wide: boolean;
  readonly span: Span;
  readonly pairs: [bigint, bigint][];
  intervals: boolean;
}

interface JumpRef {
  readonly name: string;
  readonly span: Span;
  /** Byte offset of the 2-byte displacement. */
  readonly at: number;
}

class Assembler {
  private readonly lex: Lexer;
  private readonly b: ProgramBuilder;
  private readonly errors: AsmError[] = [];
  private readonly labels = new Map<string, LabelEntry>();
  private readonly refs: JumpRef[] = [];
  private readonly tables = new Map<number, TableEntry>();
  private tooLargeReported = false;
  /** The instruction last assembled on the current line (for "takes no operand" messages). */
  private lastOnLine: OpSpec | undefined;

  constructor(
    private readonly src: SourceText,
    private readonly compat: boolean,
  ) {
    this.lex = new Lexer(src.text);
    this.b = new ProgramBuilder(src);
  }

  private error(code: string, message: string, span: Span): void {
    this.errors.push(new AsmError(code, message, { span, source: this.src }));
  }

  private extension(what: string, span: Span): void {
    if (this.compat) this.error('ERR_ASM_EXTENSION', `${what} is a VFM extension that the C vfm-asm rejects`, span);
  }

  run(): AsmResult {
    for (let t = this.lex.next(); t.kind !== 'eof'; t = this.lex.next()) {
      const before = this.b.pc;
      this.statement(t);
      if (!this.tooLargeReported && this.b.pc > MAX_PROGRAM_BYTES && before <= MAX_PROGRAM_BYTES) {
        this.tooLargeReported = true;
        this.error('ERR_ASM_TOO_LARGE', `program too large: this ends at byte ${this.b.pc}, at most ${MAX_PROGRAM_BYTES} bytes fit`, t.span);
      }
    }
    for (const bad of this.lex.badChars) {
      const hint = bad.char === '#' ? " (comments start with ';')" : '';
      this.error('ERR_ASM_CHAR', `unexpected character '${printable(bad.char)}'${hint}`, bad.span);
    }
    this.resolveJumps();
    if (this.errors.length > 0) {
      const sorted = this.errors.map((e, k) => ({ e, k })).sort((x, y) => x.e.where.span!.start - y.e.where.span!.start || x.k - y.k);
      throw new ErrorList(sorted.map((x) => x.e));
    }
    const tables = this.setTables();
    if (this.errors.length > 0) throw new ErrorList(this.errors);
    const built = this.b.build();
    return { bytes: joinImage(built.bytes, tables), labels: built.labels, spans: built.spans, insnCount: this.b.insnCount, source: this.src };
  }

  private statement(t: Token): void {
    switch (t.kind) {
      case 'newline':
        this.lastOnLine = undefined;
        return;
      case 'label':
        return this.defineLabel(t);
      case 'directive':
        return this.directive(t);
      case 'ident': {
        const op = opByName(t.text);
        if (op === undefined) {
          this.error('ERR_ASM_MNEMONIC', `unknown instruction '${t.text}'`, t.span);
          this.skipOperandsOfUnknown();
          return;
        }
        if (!isCMnemonic(op, t.text)) this.extension(`'${t.text}'`, t.span);
        this.instruction(op, t);
        this.lastOnLine = op;
        return;
      }
      case 'number': {
        const last = this.lastOnLine;
        const why =
          last === undefined
            ? 'a number must follow an instruction on the same line'
            : `${last.name} takes ${last.format === 'none' ? 'no operand' : 'a single operand'}`;
        this.error('ERR_ASM_TOKEN', `unexpected number '${t.text}': ${why}`, t.span);
        return;
      }
      case 'comma':
        this.error('ERR_ASM_TOKEN', "unexpected ',': commas only separate .byte values", t.span);
        return;
      case 'eof':
        return;
    }
  }

  /** After an unknown mnemonic, drop what look like its operands (numbers, commas, non-mnemonic names). */
  private skipOperandsOfUnknown(): void {
    for (;;) {
      const p = this.lex.peek();
      if (p.kind === 'number' || p.kind === 'comma' || (p.kind === 'ident' && opByName(p.text) === undefined)) this.lex.next();
      else return;
    }
  }

  private defineLabel(t: Token): void {
    const entry = this.labelEntry(t.text);
    if (entry.defined !== undefined) {
      const { line, col } = this.src.position(entry.defined.start);
      this.error('ERR_ASM_LABEL_DUPLICATE', `label '${t.text}' already defined at ${line}:${col}`, t.span);
      return;
    }
    entry.defined = t.span;
    entry.pc = this.b.pc;
    this.b.bind(entry.label);
  }

  private labelEntry(name: string): LabelEntry {
    let entry = this.labels.get(name);
    if (entry === undefined) {
      entry = { label: this.b.newLabel(name) };
      this.labels.set(name, entry);
    }
    return entry;
  }

  private directive(t: Token): void {
    if (t.text === 'set64' || t.text === 'set128') return this.setDirective(t, t.text === 'set128');
    if (t.text !== 'byte') {
      this.error('ERR_ASM_DIRECTIVE', `unknown directive '.${t.text}': the directives are .byte, .set64 and .set128`, t.span);
      while (this.lex.peek().kind !== 'newline' && this.lex.peek().kind !== 'eof') this.lex.next();
      return;
    }
    this.extension("'.byte'", t.span);
    const data: number[] = [];
    let end = t.span.end;
    for (;;) {
      const v = this.operandToken(t, 'byte', 'a byte value 0..255');
      if (v === undefined) break;
      end = v.span.end;
      data.push(Number(this.numberValue(v, MAX_BY_FORMAT.imm8, 'a .byte value') ?? 0n));
      if (this.lex.peek().kind !== 'comma') break;
      this.lex.next();
    }
    this.b.emitBytes(Uint8Array.from(data), { start: t.span.start, end });
  }

  /**
   * `.set64 T e, e, ...` / `.set128 T e, ...`: entries of set table T, each a value or `lo..hi`
   * (64-bit numbers; 128-bit IPv6 text or 0x hex). Lines naming the same table append to it;
   * entries are kept in the order written (the verifier checks that they ascend).
   */
  private setDirective(t: Token, wide: boolean): void {
    this.extension(`'.${t.text}'`, t.span);
    const skipLine = (): void => {
      while (this.lex.peek().kind !== 'newline' && this.lex.peek().kind !== 'eof') this.lex.next();
    };
    const n = this.lex.readWord();
    const index = n === undefined ? undefined : parseAsmNumber(n.text);
    if (n === undefined || index === undefined || index >= BigInt(MAX_SET_TABLES)) {
      this.error('ERR_ASM_OPERAND', `.${t.text} takes a table number 0..${MAX_SET_TABLES - 1} and then entries`, n?.span ?? t.span);
      return skipLine();
    }
    let table = this.tables.get(Number(index));
    if (table === undefined) {
      table = { wide, span: t.span, pairs: [], intervals: false };
      this.tables.set(Number(index), table);
    } else if (table.wide !== wide) {
      this.error('ERR_ASM_OPERAND', `set table ${index} was started with .set${table.wide ? 128 : 64}`, t.span);
      return skipLine();
    }
    const parse = (text: string): bigint | undefined => (wide ? parse128(text) : parseAsmNumber(text));
    for (;;) {
      const w = this.lex.readWord();
      if (w === undefined) {
        this.error('ERR_ASM_OPERAND', `.${t.text} ${index}: missing entry (a value or lo..hi)`, t.span);
        return skipLine();
      }
      const parts = w.text.split('..');
      const values = parts.map(parse);
      if (parts.length > 2 || values.some((v) => v === undefined)) {
        this.error('ERR_ASM_NUMBER', `invalid set entry '${w.text}': write ${wide ? 'IPv6 text or 0x hex' : 'a number'}, or lo..hi`, w.span);
      } else if (table.pairs.length >= MAX_SET_ENTRIES) {
        this.error('ERR_ASM_RANGE', `set table ${index} has more than ${MAX_SET_ENTRIES} entries`, w.span);
        return skipLine();
      } else {
        if (parts.length === 2) table.intervals = true;
        table.pairs.push([values[0]!, values[values.length - 1]!]);
      }
      if (this.lex.peek().kind !== 'comma') break;
      this.lex.next();
    }
  }

  /** The tables, numbered 0..n-1 without gaps. */
  private setTables(): ReturnType<typeof tableOf>[] {
    const out: ReturnType<typeof tableOf>[] = [];
    for (let k = 0; k < this.tables.size; k++) {
      const t = this.tables.get(k);
      if (t === undefined) {
        const missing = [...this.tables.entries()].find(([n]) => n > k)!;
        this.error('ERR_ASM_OPERAND', `set table ${missing[0]} is defined but table ${k} is not: tables are numbered from 0 without gaps`, missing[1].span);
        return [];
      }
      out.push(tableOf(t.wide, t.intervals ? 'intervals' : 'values', t.pairs));
    }
    return out;
  }

  /**
   * The operand token after `at` on the same line, consumed; otherwise an error at `at`.
   * A name that is not a mnemonic is consumed as a wrong operand; a mnemonic is left for the next statement.
   */
  private operandToken(at: Token, name: string, words: string): Token | undefined {
    const p = this.lex.peek();
    if (p.kind === 'number') return this.lex.next();
    if (p.kind === 'ident' && opByName(p.text) === undefined) {
      this.lex.next();
      this.error('ERR_ASM_OPERAND', `${name} takes ${words}, not the name '${p.text}'`, p.span);
      return undefined;
    }
    this.error('ERR_ASM_OPERAND', `missing operand: ${name} takes ${words} on the same line`, at.span);
    return undefined;
  }

  /** A C-style number operand no greater than `max`, or `undefined` after reporting why not. */
  private numberValue(t: Token, max: bigint, what: string): bigint | undefined {
    if (t.text.startsWith('+')) {
      this.error('ERR_ASM_NUMBER', `invalid number '${t.text}': a '+' sign is only allowed on jump displacements`, t.span);
      return undefined;
    }
    const v = parseAsmNumber(t.text);
    if (v === undefined) {
      this.error('ERR_ASM_NUMBER', `invalid number '${t.text}': write decimal digits (an optional leading '-') or 0x and hex digits`, t.span);
      return undefined;
    }
    if (v > max) {
      this.error('ERR_ASM_RANGE', `value ${v} too large for ${what}: at most ${max}`, t.span);
      return undefined;
    }
    return v;
  }

  private instruction(op: OpSpec, t: Token): void {
    const name = op.name as OpName;
    const words = OPERAND_WORDS[op.format];
    switch (op.format) {
      case 'none':
        if (name === 'ret' && this.lex.peek().kind === 'number') {
          // `RET n` = `PUSH n` + `RET` (the C manual's notation).
          const n = this.lex.next();
          const span = { start: t.span.start, end: n.span.end };
          this.extension(`'${t.text} ${n.text}'`, span);
          this.b.emitImm('push', this.numberValue(n, MAX_BY_FORMAT.imm64, 'ret') ?? 0n, span);
          this.b.emit('ret', 0, span);
          return;
        }
        this.b.emit(name, 0, t.span);
        return;
      case 'imm8':
      case 'off16':
      case 'imm32': {
        const v = this.operandToken(t, op.name, words);
        const value = v === undefined ? undefined : this.numberValue(v, MAX_BY_FORMAT[op.format], `${op.name}'s operand`);
        this.b.emit(name, Number(value ?? 0n), spanTo(t, v));
        return;
      }
      case 'imm64': {
        const v = this.operandToken(t, op.name, words);
        const value = v === undefined ? undefined : this.numberValue(v, MAX_BY_FORMAT.imm64, `${op.name}'s operand`);
        this.b.emitImm('push', value ?? 0n, spanTo(t, v));
        return;
      }
      case 'imm128': {
        const w = this.lex.readWord();
        let value: bigint | undefined;
        if (w === undefined) this.error('ERR_ASM_OPERAND', `missing operand: ${op.name} takes ${words} on the same line`, t.span);
        else {
          value = parse128(w.text);
          if (value === undefined) this.error('ERR_ASM_NUMBER', `invalid 128-bit operand '${w.text}': ${op.name} takes ${words}`, w.span);
        }
        this.b.emitImm('push128', value ?? 0n, spanTo(t, w));
        return;
      }
      case 'rel16':
        return this.jump(name, t);
    }
  }

  private jump(name: OpName, t: Token): void {
    const p = this.lex.peek();
    if (p.kind === 'ident') {
      this.lex.next();
      const span = spanTo(t, p);
      this.refs.push({ name: p.text, span: p.span, at: this.b.pc + 1 });
      this.b.emitJump(name, this.labelEntry(p.text).label, span);
      return;
    }
    const v = this.operandToken(t, name, OPERAND_WORDS.rel16);
    let disp = 0;
    if (v !== undefined) {
      const sign = v.text[0];
      if (sign === '+' || sign === '-') {
        this.extension(`signed displacement '${v.text}'`, v.span);
        const body = v.text.slice(1);
        const magnitude = body.startsWith('-') ? undefined : parseAsmNumber(body);
        const limit = sign === '-' ? 32768n : 32767n;
        if (magnitude === undefined) {
          this.error('ERR_ASM_NUMBER', `invalid jump displacement '${v.text}': write +N or -N with N decimal or 0x hex`, v.span);
        } else if (magnitude > limit) {
          this.error('ERR_ASM_RANGE', `jump displacement ${v.text} outside -32768..+32767`, v.span);
        } else disp = Number(sign === '-' ? -magnitude : magnitude);
      } else {
        const raw = parseAsmNumber(v.text);
        if (raw === undefined) this.error('ERR_ASM_NUMBER', `invalid number '${v.text}': write decimal digits or 0x and hex digits`, v.span);
        else if (raw > 0xffffn) {
          this.error('ERR_ASM_RANGE', `jump displacement ${raw} too large: a raw displacement is 0..65535 (or write -32768..+32767)`, v.span);
        } else disp = Number(raw);
      }
    }
    this.b.emitJumpRaw(name, disp, spanTo(t, v));
  }

  private resolveJumps(): void {
    for (const ref of this.refs) {
      const entry = this.labels.get(ref.name)!;
      if (entry.defined === undefined) {
        const near = [...this.labels.entries()].find(([n, e]) => e.defined !== undefined && n.toLowerCase() === ref.name.toLowerCase());
        const hint = near !== undefined ? ` (labels are case-sensitive; did you mean '${near[0]}'?)` : '';
        this.error('ERR_ASM_LABEL_UNDEFINED', `undefined label '${ref.name}'${hint}`, ref.span);
        continue;
      }
      const disp = entry.pc! - (ref.at + 2);
      if (disp < -32768 || disp > 32767) {
        this.error('ERR_ASM_JUMP_RANGE', `jump to '${ref.name}' needs displacement ${disp}, outside -32768..+32767`, ref.span);
      }
    }
  }
}

function spanTo(first: Token, last: Token | undefined): Span {
  return { start: first.span.start, end: (last ?? first).span.end };
}

/** PUSH128 operand: IPv6 text, or 0x and 1 to 32 hex digits. */
function parse128(text: string): bigint | undefined {
  if (/^0[xX][0-9a-fA-F]{1,32}$/.test(text)) return BigInt('0x' + text.slice(2)) & U128_MAX;
  return parseIpv6(text);
}

function printable(c: string): string {
  const code = c.codePointAt(0)!;
  return code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : c;
}

/**
 * Assemble VFM assembly text.
 * @param text the source
 * @param fileName name used in error positions
 * @param options `compat: true` accepts only what the C vfm-asm accepts
 * @returns the bytecode with labels and a source span per pc
 * @throws {ErrorList} of AsmError, one per problem, in source order; nothing is returned then
 */
export function assemble(text: string, fileName = '<input>', options: AsmOptions = {}): AsmResult {
  const source = new SourceText(fileName, text);
  return guardCompile('the assembly source', source, { start: 0, end: Math.min(1, text.length) }, () => new Assembler(source, options.compat === true).run());
}
