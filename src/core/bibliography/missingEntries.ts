import { type DefinedKey } from './parseError';

/**
 * The entries whose key a bibliography does not define yet, in order, each
 * key once. Keys compare case-insensitively: BibTeX keys are
 * case-insensitive, and two CSL ids that differ only in case are one paper
 * typed twice, which citeproc would then resolve by accident of case.
 */
export function missingEntries<T>(defined: readonly DefinedKey[], entries: readonly T[], keyOf: (entry: T) => string): T[] {
  const seen = new Set(defined.map((d) => d.key.toLowerCase()));
  return entries.filter((entry) => {
    const key = keyOf(entry).toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
