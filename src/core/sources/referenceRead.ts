/**
 * What reading a user's reference file gives, whatever its format: the
 * papers that could be read and a located problem for each entry that could
 * not. Shared by the BibTeX, CSL-JSON and CSL-YAML readers.
 */
import { type CorpusDiagnostic } from '../corpus/corpusDiagnostic';
import { type Paper } from '../paper';

/** A problem with one entry (or the whole file, at line 1), as `file:line: message`. */
export type ReferenceDiagnostic = CorpusDiagnostic;

/** The result of every reference reader. */
export interface ReferenceRead {
  /** Papers in file order, keys exactly as written, each key once. */
  readonly papers: readonly Paper[];
  /** Entries skipped (unparsable, no key, no title, a repeated key), in file order. */
  readonly diagnostics: readonly ReferenceDiagnostic[];
  /** Entries the file holds, read or not (for a manifest's counts). */
  readonly entryCount: number;
}

/** A paper read from one entry, with the entry's 1-based line. */
export interface LocatedPaper {
  readonly paper: Paper;
  readonly line: number;
}

/**
 * Keeps the first paper for each key and reports the later ones: keys are
 * unique ignoring case everywhere in Paper Atlas (the catalog, the CLI), so a
 * second `Smith2020` or `smith2020` could never be cited. The order of
 * diagnostics follows the file.
 */
export function uniqueByKey(file: string, located: readonly LocatedPaper[], diagnostics: readonly ReferenceDiagnostic[]): { papers: Paper[]; diagnostics: ReferenceDiagnostic[] } {
  const firstLine = new Map<string, number>();
  const papers: Paper[] = [];
  const all = [...diagnostics];
  for (const { paper, line } of located) {
    const lower = paper.key.toLowerCase();
    const first = firstLine.get(lower);
    if (first !== undefined) {
      all.push({ file, line, message: `the key "${paper.key}" is already used by the entry at line ${first}; this entry is skipped` });
      continue;
    }
    firstLine.set(lower, line);
    papers.push(paper);
  }
  all.sort((a, b) => a.line - b.line);
  return { papers, diagnostics: all };
}

/** Maps a text offset to its 1-based line, by binary search over line starts. */
export function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

// The rich-text markup both BibTeX (as the parser renders \emph, \textsc,
// case protection) and CSL (its "HTML-like" title markup) put in text fields.
const MARKUP = /<\/?(?:i|b|em|strong|sup|sub|sc|span|code|tt)(?:\s[^>]*)?>/gi;

/**
 * A field as plain text: markup tags dropped, white space collapsed, and
 * composed to NFC (the BibTeX parser writes `{\\"U}` as `U` and a combining
 * diaeresis, which would neither match a typed `Ü` nor fold the same way).
 */
export function plainText(text: string): string {
  return text.replace(MARKUP, '').replace(/\s+/g, ' ').trim().normalize('NFC');
}

/**
 * An ISO date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) from its parts, or
 * undefined when the year is not a plausible four-digit number. A month or
 * day out of range is dropped rather than guessed.
 */
export function isoDate(year: unknown, month?: unknown, day?: unknown): string | undefined {
  const y = toInt(year);
  if (y === undefined || y < 1000 || y > 9999) return undefined;
  const m = toInt(month);
  if (m === undefined || m < 1 || m > 12) return String(y);
  const d = toInt(day);
  const mm = String(m).padStart(2, '0');
  return d === undefined || d < 1 || d > 31 ? `${y}-${mm}` : `${y}-${mm}-${String(d).padStart(2, '0')}`;
}

/** An ISO date from free text: `2020-05-01`, `2020-5`, `2020/05/01` or any text holding a year (`May 2020`). */
export function isoDateFromText(text: string): string | undefined {
  const iso = /^\s*(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?/.exec(text);
  if (iso) return isoDate(iso[1], iso[2], iso[3]);
  const year = /\b(\d{4})\b/.exec(text);
  return year ? isoDate(year[1]) : undefined;
}

function toInt(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

/** What one reference says about a paper, before empty values are dropped. */
export interface ReferenceFields {
  readonly key: string;
  readonly title: string;
  readonly abstract: string;
  readonly authors: readonly string[];
  readonly date?: string | undefined;
  readonly venue: string;
  readonly doi?: string | undefined;
  readonly url?: string | undefined;
  readonly keywords: readonly string[];
  readonly entryType?: string | undefined;
  readonly file: string;
  readonly line: number;
}

/**
 * The paper a reference describes, keyed and identified by its own key, with
 * only the details it gives (no empty author list, venue or DOI): the one
 * shape every reference reader returns.
 */
export function referencePaper(f: ReferenceFields): Paper {
  return {
    id: f.key,
    key: f.key,
    title: f.title,
    abstract: f.abstract,
    ...(f.authors.length > 0 ? { authors: [...f.authors], authorCount: f.authors.length } : {}),
    ...(f.date === undefined ? {} : { date: f.date }),
    ...(f.venue === '' ? {} : { venue: f.venue }),
    ...(f.doi ? { doi: f.doi } : {}),
    ...(f.url ? { url: f.url } : {}),
    ...(f.keywords.length > 0 ? { keywords: [...f.keywords] } : {}),
    ...(f.entryType === undefined ? {} : { entryType: f.entryType }),
    sources: [f.file],
    locations: [{ file: f.file, line: f.line }],
  };
}
