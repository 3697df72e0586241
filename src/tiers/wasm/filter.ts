// The wasm tier at run time: one instance (own memory, own flow table) of a compiled module.
// `exec` copies the packet into memory and calls `run`; `runBatch` runs many packets in one
// call; `reserveBatch` hands out views into the module memory so capture readers can write
// packets there directly and batches need no copy at all. Imported helpers read the packet
// from the caller's array when there is one, else from a view of the module memory.

import type { VerifiedProgram } from '../../verify/verify.js';
import type { FlowTable } from '../../vm/flow-table.js';
import { inSet128, inSet64, prepareSets } from '../../vm/set-lookup.js';
import { OUT, hash5, hash6, headerField, ipv4ChecksumOk, ipv6ExtField, locateHeaders } from '../../vm/packet-ops.js';
import { CompiledFilter, checkBatch } from '../filter.js';
import { DATA_BASE, FAULT_ADDR, VALUE_ADDR, type WasmCodegenOptions, compileWasmModule } from './compile.js';
import type { CodePlan } from '../plan.js';
import { type WasmMemory, wasmApi } from './wasm-api.js';

const PAGE = 65536;

/** A compiled module and what its instances need. */
export interface WasmCode {
  readonly module: object;
  /** pc of each instruction index (fault indices are mapped through it). */
  readonly pcs: Int32Array;
}

/** Views into the module memory for zero-copy batches; re-created if the memory grows. */
export class WasmBatch {
  private buf: ArrayBuffer | undefined;
  private views: { data: Uint8Array; offsets: Uint32Array; lengths: Uint32Array; verdicts: Int32Array } | undefined;

  constructor(
    private readonly memory: WasmMemory,
    /** Byte address of each array in the module memory. */
    readonly dataAt: number,
    readonly dataBytes: number,
    readonly arraysAt: number,
    readonly maxPackets: number,
  ) {}

  private get v(): { data: Uint8Array; offsets: Uint32Array; lengths: Uint32Array; verdicts: Int32Array } {
    if (this.views === undefined || this.buf !== this.memory.buffer) {
      const b = this.memory.buffer;
      const n = this.maxPackets;
      this.buf = b;
      this.views = {
        data: new Uint8Array(b, this.dataAt, this.dataBytes),
        offsets: new Uint32Array(b, this.arraysAt, n),
        lengths: new Uint32Array(b, this.arraysAt + 4 * n, n),
        verdicts: new Int32Array(b, this.arraysAt + 8 * n, n),
      };
    }
    return this.views;
  }

  /** Packet bytes; offsets are relative to this array. */
  get data(): Uint8Array {
    return this.v.data;
  }
  get offsets(): Uint32Array {
    return this.v.offsets;
  }
  get lengths(): Uint32Array {
    return this.v.lengths;
  }
  get verdicts(): Int32Array {
    return this.v.verdicts;
  }
}

export class WasmFilter extends CompiledFilter {
  readonly tier = 'wasm' as const;

  private readonly memory: WasmMemory;
  private readonly pcs: Int32Array;
  private readonly runFn: (ptr: number, len: number, tsHi: number, tsLo: number, wireLength: number) => number;
  private readonly batchFn: (base: number, offs: number, lens: number, count: number, out: number) => void;
  private u8!: Uint8Array;
  private u32!: Uint32Array;
  private i32!: Int32Array;
  /** Where `exec` copies a packet: after any reserved batch area. */
  private packetAt = DATA_BASE;
  /** DataViews for copying packets in: one per source buffer (a capture chunk), not per packet. */
  private srcBuffer: ArrayBufferLike | undefined;
  private srcView: DataView | undefined;
  private dstView!: DataView;

  constructor(code: WasmCode, program: VerifiedProgram, flowTable: FlowTable | undefined) {
    super(program, flowTable);
    this.pcs = code.pcs;
    // The helpers read the packet straight from the module memory (no view per call).
    const table = flowTable;
    const sets = prepareSets(program.tables);
    const imports = {
      hash5: (ptr: number, len: number): number => {
        hash5(this.u8, ptr, len);
        return OUT.lo;
      },
      hash6: (ptr: number, len: number): number => {
        hash6(this.u8, ptr, len);
        return OUT.lo;
      },
      outHi: (): number => OUT.hi,
      csum: (ptr: number, len: number): number => ipv4ChecksumOk(this.u8, ptr, len),
      ipv6Ext: (ptr: number, len: number, field: number): number => ipv6ExtField(this.u8, ptr, len, field),
      locate: (ptr: number, len: number): void => locateHeaders(this.u8, ptr, len),
      field: (selector: number): number => headerField(selector),
      flowLoad: (hi: number, lo: number): number => (table === undefined ? 0 : table.lookup(hi >>> 0, lo >>> 0)),
      flowHi: (): number => (table === undefined ? 0 : table.resultHi),
      flowStore: (kh: number, kl: number, vh: number, vl: number): void => table?.store(kh >>> 0, kl >>> 0, vh >>> 0, vl >>> 0),
      inSet: (k: number, hi: number, lo: number): number => inSet64(sets[k], hi, lo),
      inSet128: (k: number, a: number, b: number, c: number, d: number): number => inSet128(sets[k], a, b, c, d),
    };
    const instance = new (wasmApi()!.Instance)(code.module, { vfm: imports });
    this.memory = instance.exports.memory as WasmMemory;
    this.runFn = instance.exports.run as (ptr: number, len: number, tsHi: number, tsLo: number, wireLength: number) => number;
    this.batchFn = instance.exports.batch as (base: number, offs: number, lens: number, count: number, out: number) => void;
    this.refresh();
  }

  private refresh(): void {
    const b = this.memory.buffer;
    this.u8 = new Uint8Array(b);
    this.dstView = new DataView(b);
    this.u32 = new Uint32Array(b, 0, 4);
    this.i32 = new Int32Array(b, 0, 4);
  }

  /** Make the memory at least `bytes` long. */
  private ensure(bytes: number): void {
    if (bytes <= this.u8.length) return;
    this.memory.grow(Math.ceil((bytes - this.u8.length) / PAGE));
    this.refresh();
  }

  private finish(status: number): number {
    if (status >= 0) {
      this.valueLo = this.u32[VALUE_ADDR >> 2];
      this.valueHi = this.u32[(VALUE_ADDR >> 2) + 1];
    } else {
      this.faultPc = this.pcs[this.i32[FAULT_ADDR >> 2]];
    }
    return status;
  }

  exec(p: Uint8Array, tsHi = 0, tsLo = 0, wireLength = p.length): number {
    const at = this.packetAt;
    const len = p.length;
    if (at + len > this.u8.length) this.ensure(at + len);
    this.u8.set(p, at);
    return this.finish(this.runFn(at, len, tsHi, tsLo, wireLength));
  }

  /** Copy the `len` bytes at `b` of `p` into the module memory, 4 bytes a step, and run them. */
  execAt(p: Uint8Array, b: number, len: number, tsHi = 0, tsLo = 0, wireLength = len): number {
    const at = this.packetAt;
    if (at + len > this.u8.length) this.ensure(at + len);
    if (p.buffer !== this.srcBuffer) {
      this.srcBuffer = p.buffer;
      this.srcView = new DataView(p.buffer);
    }
    const src = this.srcView!;
    const dst = this.dstView;
    const from = p.byteOffset + b;
    const words = len & ~3;
    for (let k = 0; k < words; k += 4) dst.setUint32(at + k, src.getUint32(from + k, true), true);
    for (let k = words; k < len; k++) dst.setUint8(at + k, src.getUint8(from + k));
    return this.finish(this.runFn(at, len, tsHi, tsLo, wireLength));
  }


  /**
   * Reserve memory for zero-copy batches: `dataBytes` of packet data and arrays for
   * `maxPackets` packets. Write packets into `batch.data`, their offsets and lengths into
   * `batch.offsets`/`batch.lengths`, then call `runBatch(batch.data, batch.offsets,
   * batch.lengths, count, batch.verdicts)`. A new reservation replaces the previous one.
   */
  reserveBatch(dataBytes: number, maxPackets: number): WasmBatch {
    const arraysAt = DATA_BASE;
    const dataAt = arraysAt + 12 * maxPackets;
    this.packetAt = (dataAt + dataBytes + 7) & ~7;
    this.ensure(this.packetAt + PAGE);
    return new WasmBatch(this.memory, dataAt, dataBytes, arraysAt, maxPackets);
  }

  runBatch(buffer: Uint8Array, offsets: Uint32Array, lengths: Uint32Array, count: number, verdictsOut: Int32Array): void {
    checkBatch(buffer, offsets, lengths, count, verdictsOut);
    if (count === 0) return;
    const mine = this.memory.buffer;
    const outIsMine = verdictsOut.buffer === mine;
    // Anything not already in the module memory is staged after the exec packet area.
    let cursor = this.packetAt;
    const place = (a: Uint8Array | Uint32Array | Int32Array, bytes: number, copy: boolean): number => {
      if (a.buffer === mine) return a.byteOffset;
      const at = (cursor + 7) & ~7;
      cursor = at + bytes;
      this.ensure(cursor);
      if (copy) this.u8.set(new Uint8Array(a.buffer, a.byteOffset, bytes), at);
      return at;
    };
    const base = place(buffer, buffer.length, true);
    const offs = place(offsets, 4 * count, true);
    const lens = place(lengths, 4 * count, true);
    const out = place(verdictsOut, 4 * count, false);
    this.batchFn(base, offs, lens, count, out);
    const statuses = new Int32Array(this.memory.buffer, out, count);
    if (!outIsMine) verdictsOut.set(statuses);
    this.finish(statuses[count - 1]);
  }
}

/**
 * Compile a plan to a WebAssembly module (synchronously).
 * @throws {Error} when WebAssembly is missing or the engine rejects the module
 */
export function buildWasmCode(plan: CodePlan, options: WasmCodegenOptions): WasmCode {
  const api = wasmApi();
  if (api === undefined) throw new Error('WebAssembly is not available in this runtime');
  return { module: new api.Module(compileWasmModule(plan, options)), pcs: plan.pcs };
}
