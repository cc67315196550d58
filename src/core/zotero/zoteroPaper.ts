/**
 * Turns Zotero items into Paper Atlas papers, so a Zotero library shows in
 * the tree, search and citation commands like any other.
 */
import { type Paper } from '../paper';
import { type ZoteroItem } from './zoteroItem';

/**
 * The paper for one item. Its id names the item, not the title
 * (`zotero-1-ABCD2345`: library id and Zotero item key), because a Zotero
 * library may well hold two items with one title. `source` is the file name
 * shown as where the paper came from, normally `zotero.sqlite`.
 */
export function zoteroItemToPaper(item: ZoteroItem, source: string): Paper {
  const authors = item.creators.filter((c) => c.primary).length;
  return {
    id: `zotero-${item.libraryID}-${item.itemKey}`,
    key: item.citationKey,
    title: item.title === '' ? `Untitled ${item.itemType} ${item.itemKey}` : item.title,
    abstract: item.abstract,
    ...(authors > 0 ? { authorCount: authors } : {}),
    ...(item.date === undefined ? {} : { date: item.date }),
    sources: [source],
  };
}
