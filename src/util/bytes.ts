// Growable byte buffer and hex helpers. Multi-byte writes name their byte order.

export class ByteWriter {
  private buf: Uint8Array;
  private len = 0;

  constructor(initialBytes = 64) {
    this.buf = new Uint8Array(initialBytes);
  }

  get length(): number {
    return this.len;
  }

  private reserve(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  u8(v: number): void {
    this.reserve(1);
    this.buf[this.len++] = v & 0xff;
  }

  u16le(v: number): void {
    this.u8(v);
    this.u8(v >>> 8);
  }

  u32le(v: number): void {
    this.u16le(v & 0xffff);
    this.u16le(v >>> 16);
  }

  /** 64-bit little-endian, from a bigint taken modulo 2^64. */
  u64le(v: bigint): void {
    const x = BigInt.asUintN(64, v);
    this.u32le(Number(x & 0xffffffffn));
    this.u32le(Number(x >> 32n));
  }

  /** 128-bit big-endian (network order), from a bigint taken modulo 2^128. */
  u128be(v: bigint): void {
    const x = BigInt.asUintN(128, v);
    for (let shift = 120n; shift >= 0n; shift -= 8n) this.u8(Number((x >> shift) & 0xffn));
  }

  bytes(data: Uint8Array): void {
    this.reserve(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
  }

  /** Overwrite a 16-bit little-endian value at an earlier position. */
  patchU16le(byteOffset: number, v: number): void {
    this.buf[byteOffset] = v & 0xff;
    this.buf[byteOffset + 1] = (v >>> 8) & 0xff;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** Lower-case hex, two digits a byte, separated by `sep`. */
export function toHex(bytes: Uint8Array, sep = ''): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0) out += sep;
    out += bytes[i].toString(16).padStart(2, '0');
  }
  return out;
}

/**
 * Parse hex text into bytes. Whitespace, `:` and `-` between bytes are ignored, as is a
 * leading `0x`. Returns `undefined` for an odd digit count or a non-hex character.
 */
export function parseHex(text: string): Uint8Array | undefined {
  let t = text.trim();
  if (t.startsWith('0x') || t.startsWith('0X')) t = t.slice(2);
  t = t.replace(/[\s:-]/g, '');
  if (t.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(t)) return undefined;
  const out = new Uint8Array(t.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(t.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Big-endian unsigned read of `n` bytes (n <= 16) at `off`, as a bigint. */
export function readBigBE(bytes: Uint8Array, off: number, n: number): bigint {
  let v = 0n;
  for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(bytes[off + i] ?? 0);
  return v;
}

/** Little-endian unsigned read of `n` bytes (n <= 8) at `off`, as a bigint. */
export function readBigLE(bytes: Uint8Array, off: number, n: number): bigint {
  let v = 0n;
  for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[off + i] ?? 0);
  return v;
}
