import type { Catalog, CatalogPaper } from '../core/library/catalog';
import type { PapersNode } from '../views/papersTree';

/**
 * How a command is told which paper: a tree node (a click or context menu),
 * a catalog entry (from another command or a test), or a string — a catalog
 * id (the paper view, quick picks) or a citation key, with or without `@`.
 */
export type PaperRef = string | PapersNode | CatalogPaper;

/**
 * The papers named by a command's arguments: one {@link PaperRef} or an array
 * of them. A tree context menu passes (clicked node, all selected nodes); the
 * selection wins when it includes the click. Anything else is skipped.
 */
export function papersFromArgs(catalog: Catalog | undefined, args: readonly unknown[]): CatalogPaper[] {
  if (!catalog) return [];
  const [first, second] = args;
  const refs: unknown[] = Array.isArray(second) && second.includes(first) ? second : Array.isArray(first) ? first : first === undefined ? [] : [first];
  const seen = new Set<string>();
  const result: CatalogPaper[] = [];
  for (const ref of refs) {
    const entry = paperFromRef(catalog, ref);
    if (entry && !seen.has(entry.uid)) {
      seen.add(entry.uid);
      result.push(entry);
    }
  }
  return result;
}

function paperFromRef(catalog: Catalog, ref: unknown): CatalogPaper | undefined {
  if (typeof ref === 'string') {
    const text = ref.startsWith('@') ? ref.slice(1) : ref;
    return catalog.paper(text) ?? catalog.paperByKey(text);
  }
  if (typeof ref !== 'object' || ref === null) return undefined;
  const value = ref as Partial<PapersNode> & Partial<CatalogPaper>;
  // A tree node: a paper node carries its catalog entry; a group node names no single paper.
  if (value.kind === 'paper') return value.entry ? catalog.paper(value.entry.uid) : undefined;
  // A catalog entry, possibly from before a reload: look it up afresh.
  return typeof value.uid === 'string' && value.paper !== undefined ? catalog.paper(value.uid) : undefined;
}
