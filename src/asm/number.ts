// Numbers in VFM assembly, read exactly as the C vfm-asm reads them with strtoull: `0x`/`0X`
// means hex and anything else decimal (so `010` is 10), a leading `-` wraps modulo 2^64 (`-1` is
// 2^64-1), values past 2^64-1 saturate, and any trailing character makes the number invalid.

import { U64_MAX } from '../util/u64.js';

/** The value of a number token, or `undefined` when the C assembler calls it an invalid number format. */
export function parseAsmNumber(text: string): bigint | undefined {
  if (text.startsWith('0x') || text.startsWith('0X')) {
    const digits = text.slice(2);
    if (!/^[0-9a-fA-F]+$/.test(digits)) return undefined;
    const v = BigInt('0x' + digits);
    return v > U64_MAX ? U64_MAX : v;
  }
  const m = /^(-?)([0-9]+)$/.exec(text);
  if (m === null) return undefined;
  const magnitude = BigInt(m[2]);
  // strtoull saturates on overflow before it applies the sign.
  if (magnitude > U64_MAX) return U64_MAX;
  return m[1] === '-' ? BigInt.asUintN(64, -magnitude) : magnitude;
}
