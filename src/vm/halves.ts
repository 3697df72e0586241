// Exact 64-bit arithmetic on unsigned 32-bit halves, for the interpreter and the closure tier.
// Results go to the shared register pair W (no allocation). Edge cases are defined once here:
// wrap-around modulo 2^64, shift counts masked with & 63, division by zero left to the caller.

/** Result register: high and low unsigned 32-bit halves. */
export const W = { hi: 0, lo: 0 };

const TWO32 = 4294967296;

export function add64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  const lo = aLo + bLo;
  W.lo = lo >>> 0;
  W.hi = (aHi + bHi + (lo >= TWO32 ? 1 : 0)) >>> 0;
}

export function sub64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  const lo = aLo - bLo;
  W.lo = lo >>> 0;
  W.hi = (aHi - bHi - (lo < 0 ? 1 : 0)) >>> 0;
}

export function mul64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  const a0 = aLo & 0xffff;
  const a1 = aLo >>> 16;
  const b0 = bLo & 0xffff;
  const b1 = bLo >>> 16;
  const p1 = a1 * b0;
  const p2 = a0 * b1;
  const t = a0 * b0 + ((p1 & 0xffff) + (p2 & 0xffff)) * 65536; // < 2^34, exact
  W.lo = t >>> 0;
  const carry = Math.floor(t / TWO32);
  W.hi = (a1 * b1 + (p1 >>> 16) + (p2 >>> 16) + carry + Math.imul(aHi, bLo) + Math.imul(aLo, bHi)) >>> 0;
}

export function neg64(aHi: number, aLo: number): void {
  sub64(0, 0, aHi, aLo);
}

export function shl64(aHi: number, aLo: number, count: number): void {
  const n = count & 63;
  if (n === 0) {
    W.hi = aHi;
    W.lo = aLo;
  } else if (n < 32) {
    W.hi = ((aHi << n) | (aLo >>> (32 - n))) >>> 0;
    W.lo = (aLo << n) >>> 0;
  } else {
    W.hi = (aLo << (n - 32)) >>> 0;
    W.lo = 0;
  }
}

export function shr64(aHi: number, aLo: number, count: number): void {
  const n = count & 63;
  if (n === 0) {
    W.hi = aHi;
    W.lo = aLo;
  } else if (n < 32) {
    W.lo = ((aLo >>> n) | (aHi << (32 - n))) >>> 0;
    W.hi = aHi >>> n;
  } else {
    W.lo = aHi >>> (n - 32);
    W.hi = 0;
  }
}

/** Unsigned a < b. */
export function ltU(aHi: number, aLo: number, bHi: number, bLo: number): boolean {
  return aHi < bHi || (aHi === bHi && aLo < bLo);
}

/** Quotient to W, remainder to REM. The divisor must not be zero. */
export const REM = { hi: 0, lo: 0 };

export function divmod64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  if (aHi === 0 && bHi === 0) {
    const q = Math.floor(aLo / bLo);
    W.hi = 0;
    W.lo = q;
    REM.hi = 0;
    REM.lo = aLo - q * bLo;
    return;
  }
  // Shift-subtract long division, 64 steps, on halves.
  let qHi = 0;
  let qLo = 0;
  let rHi = 0;
  let rLo = 0;
  for (let i = 63; i >= 0; i--) {
    // r = (r << 1) | bit i of a
    const bit = i >= 32 ? (aHi >>> (i - 32)) & 1 : (aLo >>> i) & 1;
    rHi = ((rHi << 1) | (rLo >>> 31)) >>> 0;
    rLo = ((rLo << 1) | bit) >>> 0;
    if (!ltU(rHi, rLo, bHi, bLo)) {
      const lo = rLo - bLo;
      rLo = lo >>> 0;
      rHi = (rHi - bHi - (lo < 0 ? 1 : 0)) >>> 0;
      if (i >= 32) qHi = (qHi | (1 << (i - 32))) >>> 0;
      else qLo = (qLo | (1 << i)) >>> 0;
    }
  }
  W.hi = qHi;
  W.lo = qLo;
  REM.hi = rHi;
  REM.lo = rLo;
}

/** Join halves into a bigint (for results and tests, not hot paths). */
export function toBigInt(hi: number, lo: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}
