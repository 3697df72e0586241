// IPv4 and IPv6 address text: parsing (RFC 4291 forms, including `::` and an IPv4 tail)
// and canonical printing (RFC 5952: lower case, longest run of zero groups as `::`).

/** Dotted-quad IPv4 text to a 32-bit number, or `undefined` if it is not one. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0;
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = v * 256 + n;
  }
  return v;
}

export function formatIpv4(v: number): string {
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}

/** IPv6 text (RFC 4291 section 2.2, no zone id) to a 128-bit bigint, or `undefined`. */
export function parseIpv6(text: string): bigint | undefined {
  if (text.length === 0 || text.length > 45 || text.includes('%')) return undefined;
  let groups: number[] = [];
  let tail = text;
  // An embedded IPv4 address may end the text.
  const lastColon = text.lastIndexOf(':');
  let v4: number | undefined;
  if (text.includes('.')) {
    v4 = parseIpv4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = text.slice(0, lastColon + 1);
    if (tail.endsWith('::')) {
      // keep "::" intact
    } else if (tail.endsWith(':')) {
      tail = tail.slice(0, -1);
    }
  }
  const halves = tail.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const want = v4 === undefined ? 8 : 6;
  if (halves.length === 2) {
    const head = parseGroups(halves[0]);
    const rest = parseGroups(halves[1]);
    if (head === undefined || rest === undefined) return undefined;
    if (head.length + rest.length > want - 1) return undefined;
    groups = [...head, ...new Array<number>(want - head.length - rest.length).fill(0), ...rest];
  } else {
    const all = parseGroups(halves[0]);
    if (all === undefined || all.length !== want) return undefined;
    groups = all;
  }
  if (v4 !== undefined) groups.push(v4 >>> 16, v4 & 0xffff);
  let v = 0n;
  for (const g of groups) v = (v << 16n) | BigInt(g);
  return v;
}

/** Canonical RFC 5952 text of a 128-bit value. */
export function formatIpv6(v: bigint): string {
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((v >> shift) & 0xffffn));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hexOf = (gs: number[]) => gs.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hexOf(groups);
  return hexOf(groups.slice(0, bestStart)) + '::' + hexOf(groups.slice(bestStart + bestLen));
}
