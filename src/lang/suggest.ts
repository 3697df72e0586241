// "Did you mean" suggestions: the closest known name by edit distance, if it is close enough.

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

const MAX_SUGGEST_LENGTH = 64;

/** The candidate nearest to `name` (at most 2 edits, or a third of its length), or undefined. */
export function suggestName(name: string, candidates: Iterable<string>): string | undefined {
  // No name is this long: do not spend time on edit distances to a huge mistyped token.
  if (name.length > MAX_SUGGEST_LENGTH) return undefined;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    if (Math.abs(c.length - name.length) >= bestDistance) continue; // the distance is at least that
    const d = editDistance(name, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** ` (did you mean X?)` or the empty string. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const s = suggestName(name, candidates);
  return s === undefined ? '' : ` (did you mean ${s}?)`;
}
