// The flow table behind FLOW_LOAD and FLOW_STORE (spec 3.6): open addressing on the low key
// bits with a 5-slot probe window, LRU eviction inside the window, key 0 meaning "empty".
// Time is a logical clock that ticks on every store and every lookup hit, so eviction is
// deterministic. Unlike the C original, store updates a key wherever lookup would find it
// (the C store checked only the home slot and could duplicate a key: counters got stuck). Keys and values are 64-bit, kept as 32-bit halves; nothing allocates.

/** Default number of slots when a table is created without a size. */
export const DEFAULT_FLOW_TABLE_SIZE = 65536;
/** The largest table (2^26 slots, 1.5 GiB). */
export const MAX_FLOW_TABLE_SIZE = 1 << 26;
const PROBE = 4;

export interface FlowTableStats {
  readonly size: number;
  readonly lookups: number;
  readonly hits: number;
  readonly misses: number;
  readonly stores: number;
  readonly inserts: number;
  readonly updates: number;
  readonly evictions: number;
  readonly occupied: number;
  readonly loadFactor: number;
}

export class FlowTable {
  readonly size: number;
  private readonly mask: number;
  private readonly keyHi: Uint32Array;
  private readonly keyLo: Uint32Array;
  private readonly valHi: Uint32Array;
  private readonly valLo: Uint32Array;
  private readonly lastSeen: Float64Array;
  private clock = 0;
  /** High half of the last lookup's result (the low half is the return value). */
  resultHi = 0;
  private nLookups = 0;
  private nHits = 0;
  private nStores = 0;
  private nInserts = 0;
  private nUpdates = 0;
  private nEvictions = 0;
  private nOccupied = 0;

  /**
   * @param requested number of slots; rounded up to a power of two (at least 1).
   * @throws {RangeError} for 0, a negative number or more than 2^26 slots.
   */
  constructor(requested: number = DEFAULT_FLOW_TABLE_SIZE) {
    if (!Number.isInteger(requested) || requested < 1 || requested > MAX_FLOW_TABLE_SIZE) {
      throw new RangeError(`flow table size must be 1..${MAX_FLOW_TABLE_SIZE}, got ${requested}`);
    }
    let size = 1;
    while (size < requested) size *= 2;
    this.size = size;
    this.mask = size - 1;
    this.keyHi = new Uint32Array(size);
    this.keyLo = new Uint32Array(size);
    this.valHi = new Uint32Array(size);
    this.valLo = new Uint32Array(size);
    this.lastSeen = new Float64Array(size);
  }

  /** Forget every entry and zero the clock and statistics. */
  clear(): void {
    this.keyHi.fill(0);
    this.keyLo.fill(0);
    this.valHi.fill(0);
    this.valLo.fill(0);
    this.lastSeen.fill(0);
    this.clock = 0;
    this.nLookups = this.nHits = this.nStores = this.nInserts = this.nUpdates = this.nEvictions = this.nOccupied = 0;
  }

  /** Look a key up; returns the value's low half and leaves its high half in `resultHi`. 0 on a miss. */
  lookup(kHi: number, kLo: number): number {
    this.nLookups++;
    this.resultHi = 0;
    if (kHi === 0 && kLo === 0) return 0;
    const home = kLo & this.mask;
    for (let p = 0; p <= PROBE; p++) {
      const j = (home + p) & this.mask;
      if (this.keyLo[j] === kLo && this.keyHi[j] === kHi) {
        this.nHits++;
        this.lastSeen[j] = ++this.clock;
        this.resultHi = this.valHi[j];
        return this.valLo[j];
      }
      // An empty slot ends the probe, except the home slot (spec 3.6).
      if (p > 0 && this.keyLo[j] === 0 && this.keyHi[j] === 0) break;
    }
    return 0;
  }

  /**
   * Store a value under a key. A key already in its probe window (found the way `lookup` finds
   * it) is updated in place; otherwise the value goes to the first empty slot of the 5-slot
   * window, or evicts its least recently used entry. Key 0 is stored but never found.
   */
  store(kHi: number, kLo: number, vHi: number, vLo: number): void {
    this.nStores++;
    const home = kLo & this.mask;
    const isZeroKey = kHi === 0 && kLo === 0;
    if (!isZeroKey) {
      for (let p = 0; p <= PROBE; p++) {
        const j = (home + p) & this.mask;
        if (this.keyLo[j] === kLo && this.keyHi[j] === kHi) {
          this.valHi[j] = vHi;
          this.valLo[j] = vLo;
          this.lastSeen[j] = ++this.clock;
          this.nUpdates++;
          return;
        }
        if (p > 0 && this.keyLo[j] === 0 && this.keyHi[j] === 0) break;
      }
    }
    let best = home;
    let oldest = this.lastSeen[home];
    let foundEmpty = false;
    for (let p = 0; p <= PROBE; p++) {
      const j = (home + p) & this.mask;
      if (this.keyLo[j] === 0 && this.keyHi[j] === 0) {
        best = j;
        foundEmpty = true;
        break;
      }
      if (this.lastSeen[j] < oldest) {
        best = j;
        oldest = this.lastSeen[j];
      }
    }
    if (foundEmpty) {
      if (!isZeroKey) this.nOccupied++;
      this.nInserts++;
    } else {
      this.nEvictions++;
      if (isZeroKey) this.nOccupied--;
    }
    this.keyHi[best] = kHi;
    this.keyLo[best] = kLo;
    this.valHi[best] = vHi;
    this.valLo[best] = vLo;
    this.lastSeen[best] = ++this.clock;
  }

  stats(): FlowTableStats {
    return {
      size: this.size,
      lookups: this.nLookups,
      hits: this.nHits,
      misses: this.nLookups - this.nHits,
      stores: this.nStores,
      inserts: this.nInserts,
      updates: this.nUpdates,
      evictions: this.nEvictions,
      occupied: this.nOccupied,
      loadFactor: this.nOccupied / this.size,
    };
  }
}
