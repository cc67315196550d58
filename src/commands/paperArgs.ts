import type { Catalog, CatalogPaper } from '../core/library/catalog';

/**
 * Reads papers out of command arguments, whatever invoked the command: a tree
 * node (and the multi-selection VS Code passes beside it), a catalog entry, a
 * citation key or paper id as a string, `{ key }` or `{ id }`, or an array of
 * any of these. Unknown values are skipped.
 */
export function papersFromArgs(catalog: Catalog | undefined, args: readonly unknown[]): CatalogPaper[] {
  if (!catalog) return [];
  const [first, second] = args;
  // A tree context menu passes (clicked node, all selected nodes); the selection wins when it includes the click.
  const source: unknown[] = Array.isArray(second) && second.includes(first) ? second : Array.isArray(first) ? first : first === undefined ? [] : [first];
  const seen = new Set<string>();
  const result: CatalogPaper[] = [];
  for (const value of source) {
    const entry = paperFromValue(catalog, value);
    if (entry && !seen.has(entry.uid)) {
      seen.add(entry.uid);
      result.push(entry);
    }
  }
  return result;
}

function paperFromValue(catalog: Catalog, value: unknown): CatalogPaper | undefined {
  if (typeof value === 'string') {
    const text = value.startsWith('@') ? value.slice(1) : value;
    return catalog.paper(text) ?? catalog.paperByKey(text);
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (record.kind === 'paper' && typeof record.entry === 'object' && record.entry !== null) {
    const uid = (record.entry as { uid?: unknown }).uid;
    return typeof uid === 'string' ? catalog.paper(uid) : undefined;
  }
  if (typeof record.uid === 'string') return catalog.paper(record.uid);
  if (typeof record.key === 'string') return catalog.paperByKey(record.key);
  if (typeof record.id === 'string') return catalog.paper(record.id);
  return undefined;
}
