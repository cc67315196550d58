import type { Catalog, CatalogPaper } from './catalog';

/**
 * What a search offers before anything is typed (the Search Papers and Insert
 * Citation pickers, `@` completion): the papers cited or opened lately, newest
 * first, then the most upvoted, each once, at most `limit` in all.
 */
export function suggestedPapers(catalog: Catalog, recentKeys: readonly string[], limit: number): CatalogPaper[] {
  const seen = new Set<string>();
  const result: CatalogPaper[] = [];
  const add = (entry: CatalogPaper | undefined): void => {
    if (entry && result.length < limit && !seen.has(entry.uid)) {
      seen.add(entry.uid);
      result.push(entry);
    }
  };
  for (const key of recentKeys) add(catalog.paperByKey(key));
  if (result.length < limit) {
    const byUpvotes = [...catalog.papers].sort((a, b) => (b.paper.upvotes ?? -1) - (a.paper.upvotes ?? -1));
    for (const entry of byUpvotes) add(entry);
  }
  return result;
}
