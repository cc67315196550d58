import { boundedEditDistance } from '../markdown/checker';

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
