// "Did you mean …?" for a mistyped key: the known key at the smallest edit distance, if close enough.

/** Levenshtein distance, capped: anything above `cap` counts as `cap + 1` (keeps long inputs cheap). */
export function editDistance(a: string, b: string, cap = 8): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]);
    }
    if (best > cap) return cap + 1;
    prev = row;
  }
  return prev[b.length];
}

/** The closest of `known` to `key` (case-insensitive), when at most a third of its length away (≥ 2 edits allowed). */
export function nearest(key: string, known: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(key.length / 3));
  let best: { k: string; d: number } | undefined;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase(), limit);
    if (d <= limit && (best === undefined || d < best.d)) best = { k, d };
  }
  return best?.k;
}
