// A small WebAssembly binary emitter: LEB128, a byte buffer for function bodies with the
// opcodes the compiler uses, and a module builder for types, imports, functions, memory and
// exports. It writes the MVP binary format only (no dependency, no text format).

/** Value types. */
export const I32 = 0x7f;
export const I64 = 0x7e;
export type ValType = typeof I32 | typeof I64;

/** Opcodes used by the compiler (MVP). */
export const W = {
  unreachable: 0x00,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  brTable: 0x0e,
  return: 0x0f,
  call: 0x10,
  drop: 0x1a,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  i64Load: 0x29,
  i32Load8U: 0x2d,
  i32Load16U: 0x2f,
  i32Store: 0x36,
  i64Store: 0x37,
  i32Const: 0x41,
  i64Const: 0x42,
  i32Eqz: 0x45,
  i32Eq: 0x46,
  i32Ne: 0x47,
  i32LtU: 0x49,
  i32GtU: 0x4b,
  i32LeU: 0x4d,
  i32GeU: 0x4f,
  i64Eqz: 0x50,
  i64Eq: 0x51,
  i64Ne: 0x52,
  i64LtU: 0x54,
  i64GtU: 0x56,
  i64LeU: 0x58,
  i64GeU: 0x5a,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32And: 0x71,
  i32Or: 0x72,
  i32Shl: 0x74,
  i32ShrU: 0x76,
  i32Rotl: 0x77,
  i32Rotr: 0x78,
  i64Add: 0x7c,
  i64Sub: 0x7d,
  i64Mul: 0x7e,
  i64DivU: 0x80,
  i64RemU: 0x82,
  i64And: 0x83,
  i64Or: 0x84,
  i64Xor: 0x85,
  i64Shl: 0x86,
  i64ShrU: 0x88,
  i32WrapI64: 0xa7,
  i64ExtendI32U: 0xad,
} as const;

/** Block type with no result. */
export const VOID = 0x40;

/** A growable byte buffer with LEB128 writers. */
export class Bytes {
  private buf = new Uint8Array(256);
  length = 0;

  byte(b: number): this {
    if (this.length === this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = b;
    return this;
  }

  bytes(data: Uint8Array | readonly number[]): this {
    for (let i = 0; i < data.length; i++) this.byte(data[i]);
    return this;
  }

  /** Unsigned LEB128 of a non-negative integer below 2^32. */
  u32(v: number): this {
    let x = v >>> 0;
    do {
      const b = x & 0x7f;
      x >>>= 7;
      this.byte(x !== 0 ? b | 0x80 : b);
    } while (x !== 0);
    return this;
  }

  /** Signed LEB128 of a 32-bit integer. */
  s32(v: number): this {
    let x = v | 0;
    for (;;) {
      const b = x & 0x7f;
      x >>= 7;
      if ((x === 0 && (b & 0x40) === 0) || (x === -1 && (b & 0x40) !== 0)) return this.byte(b);
      this.byte(b | 0x80);
    }
  }

  /** Signed LEB128 of a 64-bit value given as an unsigned bigint. */
  s64(v: bigint): this {
    let x = BigInt.asIntN(64, v);
    for (;;) {
      const b = Number(x & 0x7fn);
      x >>= 7n;
      if ((x === 0n && (b & 0x40) === 0) || (x === -1n && (b & 0x40) !== 0)) return this.byte(b);
      this.byte(b | 0x80);
    }
  }

  /** A name; the compiler only uses ASCII names. */
  name(text: string): this {
    this.u32(text.length);
    for (let i = 0; i < text.length; i++) this.byte(text.charCodeAt(i) & 0x7f);
    return this;
  }

  /** A copy of another buffer's bytes. */
  append(inner: Bytes): this {
    while (this.length + inner.length > this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf.set(inner.buf.subarray(0, inner.length), this.length);
    this.length += inner.length;
    return this;
  }

  /** A length-prefixed copy of another buffer. */
  sized(inner: Bytes): this {
    return this.u32(inner.length).append(inner);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }

  // ---- instruction helpers ----
  op(code: number): this {
    return this.byte(code);
  }
  i32(v: number): this {
    return this.byte(W.i32Const).s32(v);
  }
  i64(v: bigint): this {
    return this.byte(W.i64Const).s64(v);
  }
  get(local: number): this {
    return this.byte(W.localGet).u32(local);
  }
  set(local: number): this {
    return this.byte(W.localSet).u32(local);
  }
  tee(local: number): this {
    return this.byte(W.localTee).u32(local);
  }
  /** A load or store with alignment hint 0 (packets are unaligned) and a static offset. */
  mem(code: number, offset: number): this {
    return this.byte(code).u32(0).u32(offset);
  }
}

export interface FuncType {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

interface ImportEntry {
  readonly module: string;
  readonly field: string;
  readonly type: number;
}

interface FuncEntry {
  readonly type: number;
  readonly locals: readonly ValType[];
  readonly body: Bytes;
}

/** Builds one module. Imported functions come first in the function index space. */
export class ModuleBuilder {
  private readonly types: FuncType[] = [];
  private readonly imports: ImportEntry[] = [];
  private readonly funcs: FuncEntry[] = [];
  private readonly exports: { name: string; kind: number; index: number }[] = [];
  private memoryPages = -1;

  private typeIndex(t: FuncType): number {
    const k = this.types.findIndex((x) => x.params.join() === t.params.join() && x.results.join() === t.results.join());
    if (k >= 0) return k;
    this.types.push(t);
    return this.types.length - 1;
  }

  /** Declare an imported function; returns its function index. Call before adding functions. */
  importFunc(module: string, field: string, type: FuncType): number {
    if (this.funcs.length > 0) throw new Error('imports must be declared before functions');
    this.imports.push({ module, field, type: this.typeIndex(type) });
    return this.imports.length - 1;
  }

  /** Index the next function added with `addFunc` will get. */
  nextFuncIndex(): number {
    return this.imports.length + this.funcs.length;
  }

  /** Add a function; `locals` excludes the parameters. The body must end with `end`. */
  addFunc(type: FuncType, locals: readonly ValType[], body: Bytes): number {
    this.funcs.push({ type: this.typeIndex(type), locals, body });
    return this.imports.length + this.funcs.length - 1;
  }

  /** A memory defined by the module (exported as `name`), `pages` of 64 KiB initially. */
  memory(pages: number, name: string): void {
    this.memoryPages = pages;
    this.exports.push({ name, kind: 2, index: 0 });
  }

  exportFunc(name: string, index: number): void {
    this.exports.push({ name, kind: 0, index });
  }

  finish(): Uint8Array {
    const out = new Bytes().bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    const section = (id: number, fill: (s: Bytes) => void): void => {
      const s = new Bytes();
      fill(s);
      out.byte(id).sized(s);
    };
    section(1, (s) => {
      s.u32(this.types.length);
      for (const t of this.types) {
        s.byte(0x60).u32(t.params.length).bytes(t.params).u32(t.results.length).bytes(t.results);
      }
    });
    if (this.imports.length > 0) {
      section(2, (s) => {
        s.u32(this.imports.length);
        for (const im of this.imports) s.name(im.module).name(im.field).byte(0x00).u32(im.type);
      });
    }
    section(3, (s) => {
      s.u32(this.funcs.length);
      for (const f of this.funcs) s.u32(f.type);
    });
    if (this.memoryPages >= 0) section(5, (s) => s.u32(1).byte(0x00).u32(this.memoryPages));
    section(7, (s) => {
      s.u32(this.exports.length);
      for (const e of this.exports) s.name(e.name).byte(e.kind).u32(e.index);
    });
    section(10, (s) => {
      s.u32(this.funcs.length);
      for (const f of this.funcs) {
        const fixed = new Bytes();
        // Run-length groups of equal local types, then the code.
        const groups: [number, ValType][] = [];
        for (const t of f.locals) {
          const last = groups[groups.length - 1];
          if (last !== undefined && last[1] === t) last[0]++;
          else groups.push([1, t]);
        }
        fixed.u32(groups.length);
        for (const [count, t] of groups) fixed.u32(count).byte(t);
        fixed.append(f.body);
        s.sized(fixed);
      }
    });
    return out.finish();
  }
}
