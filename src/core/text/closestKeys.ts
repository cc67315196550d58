/**
 * Finding the keys nearest a mistyped one: the editor's "did you mean" (only
 * keys close enough to be a typo) and the CLI's "closest keys" (always the
 * nearest few, keys that start with what was typed first).
 */

/**
 * The keys nearest to a mistyped one, for "did you mean" messages. Edit
 * distance, with keys that start with the query ranked first: people often
 * type only the beginning of a key.
 */
export function closestKeys(query: string, keys: Iterable<string>, limit = 3): string[] {
  const q = query.toLowerCase();
  const unbounded = (key: string) => boundedEditDistance(q, key, Math.max(q.length, key.length));
  return [...keys]
    .map((key) => ({ key, score: key.toLowerCase().startsWith(q) && q !== '' ? -1 : unbounded(key.toLowerCase()) }))
    .sort((a, b) => a.score - b.score || a.key.length - b.key.length || a.key.localeCompare(b.key))
    .slice(0, limit)
    .map((c) => c.key);
}

/** Levenshtein distance, giving up (returning `limit + 1`) once it must exceed `limit`. */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return Math.min(previous[b.length] ?? 0, limit + 1);
}

/**
 * The known keys closest to `key` by edit distance (ignoring case), closest
 * first, at most `limit`; only keys near enough to be a typo of it (a third
 * of its length, and at least 2, edits away).
 */
export function suggestKeys(key: string, known: Iterable<string>, limit = 3): string[] {
  const wanted = key.toLowerCase();
  const threshold = Math.max(2, Math.floor(wanted.length / 3));
  const scored: { key: string; distance: number }[] = [];
  for (const candidate of new Set(known)) {
    const distance = boundedEditDistance(wanted, candidate.toLowerCase(), threshold);
    if (distance <= threshold) scored.push({ key: candidate, distance });
  }
  return scored
    .sort((x, y) => x.distance - y.distance || x.key.localeCompare(y.key))
    .slice(0, limit)
    .map((s) => s.key);
}
