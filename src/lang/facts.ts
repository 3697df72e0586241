// What the code generator knows about the packet at a point of the program: a value range
// for HDR facts and the frame length, plus the names of guards already passed. Facts flow
// along the forward-only control flow (and meet at labels), so a check that an earlier
// test already implies is left out, and a test whose answer is known becomes a plain jump.

import { type Atom, LEN_ATOM, SEL } from './fields.js';

const MAX = (1n << 64n) - 1n;

export interface Range {
  readonly lo: bigint;
  readonly hi: bigint;
}

export class Facts {
  constructor(
    readonly ranges: ReadonlyMap<Atom, Range> = new Map(),
    readonly tags: ReadonlySet<string> = new Set(),
  ) {}

  range(atom: Atom): Range {
    return this.ranges.get(atom) ?? { lo: 0n, hi: atom === LEN_ATOM ? MAX : SEL_MAX };
  }

  /** The facts with `atom` also known to lie in [lo, hi], and what that implies. */
  narrow(atom: Atom, lo: bigint, hi: bigint): Facts {
    const ranges = new Map(this.ranges);
    narrowInto(ranges, atom, lo, hi);
    return new Facts(ranges, this.tags);
  }

  withTag(tag: string): Facts {
    return new Facts(this.ranges, new Set([...this.tags, tag]));
  }

  /** What holds on both paths: ranges joined, tags intersected. */
  meet(other: Facts): Facts {
    const ranges = new Map<Atom, Range>();
    for (const [atom, r] of this.ranges) {
      const o = other.ranges.get(atom);
      if (o !== undefined) ranges.set(atom, { lo: r.lo < o.lo ? r.lo : o.lo, hi: r.hi > o.hi ? r.hi : o.hi });
    }
    return new Facts(ranges, new Set([...this.tags].filter((t) => other.tags.has(t))));
  }
}

/** HDR facts are offsets, lengths and header fields of one frame: below 2^32. */
const SEL_MAX = 0xffffffffn;

function narrowInto(ranges: Map<Atom, Range>, atom: Atom, lo: bigint, hi: bigint): void {
  const old = ranges.get(atom) ?? { lo: 0n, hi: atom === LEN_ATOM ? MAX : SEL_MAX };
  const r = { lo: lo > old.lo ? lo : old.lo, hi: hi < old.hi ? hi : old.hi };
  if (r.lo === old.lo && r.hi === old.hi && ranges.has(atom)) return;
  ranges.set(atom, r);
  // Implications of locateHeaders (vm/packet-ops.ts).
  if (r.lo >= 1n) {
    if (atom === SEL.l4Proto || atom === SEL.l4Bytes || atom === SEL.portsOffset || atom === SEL.l4) narrowInto(ranges, SEL.ipVersion, 4n, 6n);
    if (atom === SEL.l4Bytes || atom === SEL.portsOffset) narrowInto(ranges, SEL.l4, 1n, SEL_MAX);
    if (atom === SEL.portsOffset) narrowInto(ranges, SEL.l4Bytes, 4n, SEL_MAX);
    if (atom === SEL.ipVersion) {
      narrowInto(ranges, SEL.ipVersion, 4n, 6n);
      narrowInto(ranges, SEL.l3, 14n, SEL_MAX);
    }
  }
}
