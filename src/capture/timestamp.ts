// pcapng timestamps: a 64-bit count (two 32-bit halves) of units of 10^-k or 2^-k seconds
// (if_tsresol), split into whole seconds and nanoseconds. The common resolutions (decimal
// k <= 9, binary k <= 20) use exact double arithmetic on 16-bit digits and allocate nothing;
// exotic ones fall back to bigint.

/** How an interface's timestamp units convert to seconds. */
export interface TimestampUnit {
  /** Units per second when it is a power of ten up to 10^9 or a power of two up to 2^20; else 0. */
  readonly unitsPerSec: number;
  /** Nanoseconds per unit for decimal resolutions (exact); 0 for binary. */
  readonly nsPerUnit: number;
  /** Exact units per second, for the bigint fallback. */
  readonly unitsPerSecBig: bigint;
}

/** The unit described by an if_tsresol byte (default 6: microseconds). */
export function timestampUnit(tsresol: number): TimestampUnit {
  const exp = tsresol & 0x7f;
  if ((tsresol & 0x80) === 0) {
    const big = 10n ** BigInt(exp);
    return exp <= 9 ? { unitsPerSec: 10 ** exp, nsPerUnit: 10 ** (9 - exp), unitsPerSecBig: big } : { unitsPerSec: 0, nsPerUnit: 0, unitsPerSecBig: big };
  }
  const big = 1n << BigInt(exp);
  return exp <= 20 ? { unitsPerSec: 2 ** exp, nsPerUnit: 0, unitsPerSecBig: big } : { unitsPerSec: 0, nsPerUnit: 0, unitsPerSecBig: big };
}

/** Result slots of `splitTimestamp` (reused; read right after the call). */
export const SPLIT = { sec: 0, nsec: 0 };

/** Split the unit count hi:lo into SPLIT.sec and SPLIT.nsec. */
export function splitTimestamp(hi: number, lo: number, unit: TimestampUnit): void {
  const d = unit.unitsPerSec;
  if (d === 0) {
    const v = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
    const sec = v / unit.unitsPerSecBig;
    SPLIT.sec = Number(sec);
    SPLIT.nsec = Number(((v - sec * unit.unitsPerSecBig) * 1_000_000_000n) / unit.unitsPerSecBig);
    return;
  }
  // Long division by 16-bit digits: every intermediate is below d * 2^16 < 2^46, exact in a double.
  let r = hi >>> 16;
  const q0 = Math.floor(r / d);
  r = (r - q0 * d) * 65536 + (hi & 0xffff);
  const q1 = Math.floor(r / d);
  r = (r - q1 * d) * 65536 + (lo >>> 16);
  const q2 = Math.floor(r / d);
  r = (r - q2 * d) * 65536 + (lo & 0xffff);
  const q3 = Math.floor(r / d);
  r -= q3 * d;
  SPLIT.sec = ((q0 * 65536 + q1) * 65536 + q2) * 65536 + q3;
  SPLIT.nsec = unit.nsPerUnit !== 0 ? r * unit.nsPerUnit : Math.floor((r * 1_000_000_000) / d);
}

/** Result slots of `nsHalves` (reused; read right after the call). */
export const NS = { hi: 0, lo: 0 };

/**
 * A capture timestamp as nanoseconds since 1970, in the 32-bit halves that `filter.exec`
 * takes for TSTAMP: NS.hi:NS.lo = sec * 10^9 + nsec (sec below 2^33, so no overflow).
 * Exact double arithmetic on 16-bit digits; nothing is allocated.
 */
export function nsHalves(sec: number, nsec: number): void {
  const secHi = Math.floor(sec / 65536);
  const secLo = sec - secHi * 65536;
  const high = secHi * 1e9; // < 2^47: this part is shifted left by 16 bits
  const low = secLo * 1e9 + nsec; // < 2^47
  // total = high * 2^16 + low
  const highTop = Math.floor(high / 65536); // bits 32.. of high * 2^16
  const highBottom = (high - highTop * 65536) * 65536; // < 2^32
  const lowTop = Math.floor(low / 4294967296);
  const sumLo = highBottom + (low - lowTop * 4294967296);
  const carry = sumLo >= 4294967296 ? 1 : 0;
  NS.lo = sumLo - carry * 4294967296;
  NS.hi = (highTop + lowTop + carry) >>> 0;
}
