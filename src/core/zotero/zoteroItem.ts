/**
 * The plain records a Zotero library is read into: one per regular item
 * (not an attachment, note or annotation, not in the trash, not a feed item).
 * They carry more than a {@link Paper} holds today, so nothing read from
 * Zotero has to be read again when the paper shape grows.
 */

/** Where an item's citation key came from, best first. */
export type ZoteroKeySource =
  /** Zotero's own `citationKey` field (Zotero 7 schemas; Better BibTeX fills it). */
  | 'citationKey'
  /** A `Citation Key: …` line in the item's Extra field. */
  | 'extra'
  /** Better BibTeX's `better-bibtex.sqlite` beside `zotero.sqlite`. */
  | 'betterBibtex'
  /** None of the above: made by Paper Atlas as `authorYYYYtitleword`. */
  | 'generated';

/** One creator of an item, as Zotero stores it. */
export interface ZoteroCreator {
  /** The name to show: `First Last`, or the single field for an institution. */
  readonly name: string;
  readonly firstName: string;
  /** The family name, or the whole name when {@link singleField}. */
  readonly lastName: string;
  /** Zotero's one-field mode (an organisation, or a name that should not be split). */
  readonly singleField: boolean;
  /** Zotero's creator type, e.g. `author`, `editor`, `bookAuthor`. */
  readonly creatorType: string;
  /** Whether this is the item type's primary creator type (`author` for articles). */
  readonly primary: boolean;
}

/** One regular Zotero item. */
export interface ZoteroItem {
  /** Zotero's local library id (1 is "My Library"; groups have their own). */
  readonly libraryID: number;
  /** "My Library", or the group's name. */
  readonly libraryName: string;
  /** The row id in `items`; local to this database file. */
  readonly itemID: number;
  /** Zotero's 8-character item key, stable across syncs within its library. */
  readonly itemKey: string;
  /** Zotero's item type name, e.g. `journalArticle`, `bookSection`. */
  readonly itemType: string;
  /** The title (or the type's title-like field, e.g. a case name); '' if none. */
  readonly title: string;
  /** Primary creators (authors) first, then the rest; each group in Zotero's order. */
  readonly creators: readonly ZoteroCreator[];
  /** The Abstract field; '' if none. */
  readonly abstract: string;
  /**
   * The date as far as Zotero parsed it, partial ISO: `1970`, `1970-05` or
   * `1970-05-12`. Absent when Zotero could not find a year.
   */
  readonly date?: string;
  /** The date as the user typed it (`Spring 1970`), when there is one. */
  readonly dateText?: string;
  readonly doi?: string;
  readonly url?: string;
  /**
   * Where the item appeared: a journal, proceedings, book, website or blog
   * (any field Zotero maps to `publicationTitle`).
   */
  readonly container?: string;
  /** Tag names, sorted. */
  readonly tags: readonly string[];
  /** Each collection holding the item, as its path from the top: `['Thesis', 'Chapter 2']`. */
  readonly collections: readonly (readonly string[])[];
  /** The citation key; never empty. */
  readonly citationKey: string;
  readonly keySource: ZoteroKeySource;
  /** True when Paper Atlas made the key up, so the UI can say it is not Zotero's. */
  readonly keyGenerated: boolean;
  /** Every field Zotero holds for the item, by Zotero field name (volume, pages, publisher, …). */
  readonly fields: Readonly<Record<string, string>>;
}
