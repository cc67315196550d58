/**
 * The entries whose key is not among `defined` yet, in order, each key once:
 * the one answer to "which keys are missing" that the bibliography writers,
 * the citation plan and citation groups share. Keys compare
 * case-insensitively: BibTeX keys are case-insensitive, and two CSL ids that
 * differ only in case are one paper typed twice, which citeproc would then
 * resolve by accident of case.
 */
export function missingEntries<T>(defined: readonly { readonly key: string }[], entries: readonly T[], keyOf: (entry: T) => string): T[] {
  const seen = new Set(defined.map((d) => d.key.toLowerCase()));
  return entries.filter((entry) => {
    const key = keyOf(entry).toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
