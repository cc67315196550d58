/**
 * The keys nearest to a mistyped one, for "did you mean" messages. Levenshtein
 * distance, with keys that start with the query ranked first: people often
 * type only the beginning of a key.
 */
export function closestKeys(query: string, keys: Iterable<string>, limit = 3): string[] {
  const q = query.toLowerCase();
  return [...keys]
    .map((key) => ({ key, score: key.toLowerCase().startsWith(q) && q !== '' ? -1 : editDistance(q, key.toLowerCase()) }))
    .sort((a, b) => a.score - b.score || a.key.length - b.key.length || a.key.localeCompare(b.key))
    .slice(0, limit)
    .map((c) => c.key);
}

/** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
