import { type Paper } from '../paper';

/**
 * The CSL-JSON item Paper Atlas writes for a paper: what `pandoc --citeproc`
 * and Zotero read. Only fields the paper actually has are present.
 */
export interface CslItem {
  /** The citation key. */
  readonly id: string;
  /**
   * The CSL type. A listing paper is an `article` (a stand-alone paper with
   * no venue); a user's reference keeps its type, mapped from BibTeX's names.
   */
  readonly type: string;
  readonly title: string;
  readonly author?: readonly CslName[];
  readonly 'container-title'?: string;
  readonly abstract?: string;
  /** `[[year, month, day]]` from the paper's ISO date, as precise as it is. */
  readonly issued?: { readonly 'date-parts': readonly (readonly number[])[] };
  /** The organisation's display name (e.g. `Meta AI`), the nearest thing to a publisher a listing shows. */
  readonly publisher?: string;
  readonly DOI?: string;
  readonly URL?: string;
  readonly keyword?: string;
}

/** A CSL name: Paper Atlas keeps display names only, so each is a `literal`. */
export interface CslName {
  readonly literal: string;
}

/**
 * Converts a paper to a CSL-JSON item. Strings are copied as written: CSL-JSON
 * is JSON, so nothing needs escaping, and citeproc leaves mixed-case words
 * such as `A^2FM` or `TÜLU` alone when it changes a title's case.
 */
export function toCslJson(paper: Paper): CslItem {
  const dateParts = paper.date === undefined ? undefined : isoDateParts(paper.date);
  return {
    id: paper.key,
    type: cslType(paper.entryType),
    title: paper.title,
    ...(paper.authors === undefined || paper.authors.length === 0 ? {} : { author: paper.authors.map((literal) => ({ literal })) }),
    ...(paper.venue === undefined ? {} : { 'container-title': paper.venue }),
    ...(paper.abstract === '' ? {} : { abstract: paper.abstract }),
    ...(dateParts === undefined ? {} : { issued: { 'date-parts': [dateParts] } }),
    ...(paper.org === undefined ? {} : { publisher: paper.org.name }),
    ...(paper.doi === undefined ? {} : { DOI: paper.doi }),
    ...(paper.url === undefined ? {} : { URL: paper.url }),
    ...(paper.keywords === undefined || paper.keywords.length === 0 ? {} : { keyword: paper.keywords.join(', ') }),
  };
}

/** BibTeX entry types whose CSL type differs in name. */
const BIBTEX_TO_CSL: Readonly<Record<string, string>> = {
  inproceedings: 'paper-conference',
  conference: 'paper-conference',
  incollection: 'chapter',
  inbook: 'chapter',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  techreport: 'report',
  online: 'webpage',
  proceedings: 'book',
  unpublished: 'manuscript',
  misc: 'article',
};

const CSL_TYPES = new Set(
  ('article article-journal article-magazine article-newspaper bill book broadcast chapter classic collection dataset document entry entry-dictionary ' +
    'entry-encyclopedia event figure graphic hearing interview legal_case legislation manuscript map motion_picture musical_score pamphlet ' +
    'paper-conference patent performance periodical personal_communication post post-weblog regulation report review review-book software song ' +
    'speech standard thesis treaty webpage').split(' '),
);

function cslType(entryType: string | undefined): string {
  if (entryType === undefined) return 'article';
  const type = entryType.toLowerCase();
  // `article` is both a BibTeX type (a journal article) and a CSL one (a
  // stand-alone article); the name alone cannot tell them apart, so it stays.
  return BIBTEX_TO_CSL[type] ?? (CSL_TYPES.has(type) ? type : 'article');
}

/** A CSL-JSON file for the papers: a JSON array, one item per paper. */
export function toCslJsonFile(papers: readonly Paper[]): string {
  return `${JSON.stringify(papers.map(toCslJson), null, 2)}\n`;
}

function isoDateParts(iso: string): number[] | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!match) return undefined;
  return match.slice(1).flatMap((part) => (part === undefined ? [] : [Number(part)]));
}
