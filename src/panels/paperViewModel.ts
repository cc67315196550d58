import type { Catalog } from '../core/library/catalog';
import type { PaperSearch } from '../core/search/paperSearch';
import type { PaperViewModel } from '../shared/messages';

const RELATED_COUNT = 6;

/** The citation key of every paper a view model was built for, so a view whose paper is gone can still name it. */
const seenKeys = new Map<string, string>();

/**
 * The citation key of a paper the paper view showed, by its catalog id, even
 * once the paper has left every library; undefined for a paper never shown
 * in this session.
 */
export function knownPaperKey(uid: string): string | undefined {
  return seenKeys.get(uid);
}

/** Builds what the paper view draws for one paper; undefined when the paper is not loaded. */
export async function buildPaperViewModel(
  catalog: Catalog | undefined,
  search: PaperSearch,
  uid: string,
  highlight: readonly string[],
): Promise<PaperViewModel | undefined> {
  const entry = catalog?.paper(uid);
  if (!catalog || !entry) return undefined;
  const { paper } = entry;
  seenKeys.set(entry.uid, paper.key);
  const related = await search.related(entry, RELATED_COUNT).catch(() => []);
  return {
    id: entry.uid,
    key: paper.key,
    title: paper.title,
    abstract: paper.abstract,
    ...(paper.org ? { orgName: paper.org.name, orgHandle: paper.org.handle } : {}),
    ...(paper.date ? { date: paper.date } : {}),
    ...(paper.authorCount !== undefined ? { authorCount: paper.authorCount } : {}),
    ...(paper.upvotes !== undefined ? { upvotes: paper.upvotes } : {}),
    library: entry.library.name,
    themes: catalog.themesOf(entry).map(({ theme, primary }) => ({ id: theme.uid, label: theme.label, primary })),
    related: related.map((hit) => ({ id: hit.entry.uid, key: hit.entry.paper.key, title: hit.entry.paper.title })),
    highlight: [...highlight],
  };
}
