import type { Catalog, CatalogPaper } from './catalog';

export type GroupMode = 'theme' | 'organisation' | 'year';
export type SortMode = 'upvotes' | 'date' | 'title';
export const groupModes: readonly GroupMode[] = ['theme', 'organisation', 'year'];
export const sortModes: readonly SortMode[] = ['upvotes', 'date', 'title'];

/** One first-level node of the Papers tree. */
export interface PaperGroup {
  /** Stable across reloads: the tree uses it as the item id. */
  readonly id: string;
  readonly label: string;
  readonly papers: readonly CatalogPaper[];
  /** Set when the group is a theme (for reveal and theme chips). */
  readonly themeUid?: string;
}

const titleCollator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Orders papers for display; ties fall back to title so the order is total and stable. */
export function comparePapers(mode: SortMode): (a: CatalogPaper, b: CatalogPaper) => number {
  const byTitle = (a: CatalogPaper, b: CatalogPaper) => titleCollator.compare(a.paper.title, b.paper.title);
  switch (mode) {
    case 'title':
      return byTitle;
    case 'upvotes':
      return (a, b) => (b.paper.upvotes ?? -1) - (a.paper.upvotes ?? -1) || byTitle(a, b);
    case 'date':
      return (a, b) => (b.paper.date ?? '').localeCompare(a.paper.date ?? '') || byTitle(a, b);
  }
}

/** Groups every paper of the catalog exactly once, by the given mode, each group sorted. */
export function groupPapers(catalog: Catalog, mode: GroupMode, sort: SortMode): PaperGroup[] {
  const compare = comparePapers(sort);
  if (mode === 'theme') {
    const placed = new Set<string>();
    const groups: PaperGroup[] = catalog.themes.map((theme) => {
      const papers = catalog.papersOfTheme(theme).filter((p) => !placed.has(p.uid));
      for (const p of papers) placed.add(p.uid);
      return { id: `theme:${theme.uid}`, label: theme.label, papers: papers.sort(compare), themeUid: theme.uid };
    });
    const loose = catalog.papers.filter((p) => !placed.has(p.uid));
    if (loose.length > 0) groups.push({ id: 'theme:(none)', label: 'Without a theme', papers: loose.sort(compare) });
    return groups.filter((g) => g.papers.length > 0).sort((a, b) => sortLast(a, b, 'theme:(none)') || titleCollator.compare(a.label, b.label));
  }
  const buckets = new Map<string, { label: string; papers: CatalogPaper[] }>();
  for (const entry of catalog.papers) {
    const [key, label] =
      mode === 'organisation'
        ? entry.paper.org
          ? [entry.paper.org.handle.toLowerCase(), entry.paper.org.name]
          : ['(none)', 'No organisation']
        : entry.paper.date
          ? [entry.paper.date.slice(0, 4), entry.paper.date.slice(0, 4)]
          : ['(none)', 'Undated'];
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = { label, papers: [] }));
    bucket.papers.push(entry);
  }
  const none = `${mode}:(none)`;
  return [...buckets]
    .map(([key, { label, papers }]) => ({ id: `${mode}:${key}`, label, papers: papers.sort(compare) }))
    .sort((a, b) => sortLast(a, b, none) || (mode === 'year' ? b.label.localeCompare(a.label) : titleCollator.compare(a.label, b.label)));
}

function sortLast(a: PaperGroup, b: PaperGroup, lastId: string): number {
  return Number(a.id === lastId) - Number(b.id === lastId);
}
