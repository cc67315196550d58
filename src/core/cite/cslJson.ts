import { type Paper } from '../paper';

/**
 * The CSL-JSON item Paper Atlas writes for a paper: what `pandoc --citeproc`
 * and Zotero read. Only fields the listings actually give are present.
 */
export interface CslItem {
  /** The citation key. */
  readonly id: string;
  /** `article`: a stand-alone paper with no venue (the listings name none). */
  readonly type: 'article';
  readonly title: string;
  readonly abstract?: string;
  /** `[[year, month, day]]` from the paper's ISO date. */
  readonly issued?: { readonly 'date-parts': readonly (readonly number[])[] };
  /** The organisation's display name (e.g. `Meta AI`), the nearest thing to a publisher a listing shows. */
  readonly publisher?: string;
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
    type: 'article',
    title: paper.title,
    ...(paper.abstract === '' ? {} : { abstract: paper.abstract }),
    ...(dateParts === undefined ? {} : { issued: { 'date-parts': [dateParts] } }),
    ...(paper.org === undefined ? {} : { publisher: paper.org.name }),
  };
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
