// Exact 64-bit and 128-bit helpers on bigint, for the reference semantics, the assembler and
// formatting. Hot paths use the 32-bit-halves helpers in vm/halves.ts instead.

export const U64_MAX = (1n << 64n) - 1n;
export const U128_MAX = (1n << 128n) - 1n;

export function asU64(v: bigint): bigint {
  return BigInt.asUintN(64, v);
}

/** The C int view of a 64-bit value: its low 32 bits read as two's complement. */
export function toCInt(v: bigint): number {
  return Number(BigInt.asIntN(32, v));
}

/** `0x`-prefixed lower-case hex. */
export function hex(v: bigint | number): string {
  return '0x' + v.toString(16);
}

/** Decimal up to 2^32-1, hex above (the C disassembler's rule for PUSH operands). */
export function formatImm(v: bigint): string {
  return v <= 0xffffffffn ? v.toString(10) : '0x' + v.toString(16);
}
