/**
 * Zotero's item types in the vocabularies citations are written in: BibTeX
 * entry types and CSL types. Zotero's own CSL export and Better BibTeX's
 * defaults are the reference; a type with no close match falls back to
 * `misc` / `document` rather than claiming a kind the item is not.
 */

const CSL_TYPES: Readonly<Record<string, string>> = {
  artwork: 'graphic',
  audioRecording: 'song',
  bill: 'bill',
  blogPost: 'post-weblog',
  book: 'book',
  bookSection: 'chapter',
  case: 'legal_case',
  computerProgram: 'software',
  conferencePaper: 'paper-conference',
  dataset: 'dataset',
  dictionaryEntry: 'entry-dictionary',
  document: 'document',
  email: 'personal_communication',
  encyclopediaArticle: 'entry-encyclopedia',
  film: 'motion_picture',
  forumPost: 'post',
  hearing: 'hearing',
  instantMessage: 'personal_communication',
  interview: 'interview',
  journalArticle: 'article-journal',
  letter: 'personal_communication',
  magazineArticle: 'article-magazine',
  manuscript: 'manuscript',
  map: 'map',
  newspaperArticle: 'article-newspaper',
  patent: 'patent',
  podcast: 'song',
  preprint: 'article',
  presentation: 'speech',
  radioBroadcast: 'broadcast',
  report: 'report',
  standard: 'standard',
  statute: 'legislation',
  thesis: 'thesis',
  tvBroadcast: 'broadcast',
  videoRecording: 'motion_picture',
  webpage: 'webpage',
};

const BIBTEX_TYPES: Readonly<Record<string, string>> = {
  book: 'book',
  bookSection: 'incollection',
  conferencePaper: 'inproceedings',
  journalArticle: 'article',
  magazineArticle: 'article',
  manuscript: 'unpublished',
  newspaperArticle: 'article',
  report: 'techreport',
  thesis: 'phdthesis',
};

/** The CSL type for a Zotero item type (`journalArticle` → `article-journal`); `document` if unknown. */
export function zoteroTypeToCsl(itemType: string): string {
  return Object.hasOwn(CSL_TYPES, itemType) ? (CSL_TYPES[itemType] ?? 'document') : 'document';
}

/** The BibTeX entry type for a Zotero item type (`bookSection` → `incollection`); `misc` if none fits. */
export function zoteroTypeToBibtex(itemType: string): string {
  return Object.hasOwn(BIBTEX_TYPES, itemType) ? (BIBTEX_TYPES[itemType] ?? 'misc') : 'misc';
}
