/**
 * A user's BibTeX or BibLaTeX file as papers, read with
 * `@retorquere/bibtex-parser` (the parser behind Better BibTeX's imports): it
 * expands `@string` macros, applies `crossref`, reads month names, and turns
 * LaTeX (`{\"u}`, `\&`, `\emph{…}`) into Unicode text. Keys are kept exactly
 * as the file writes them.
 */
import type { Creator, Entry, Options } from '@retorquere/bibtex-parser' with { 'resolution-mode': 'import' };
import { type Paper } from '../paper';
import { isoDate, isoDateFromText, lineLocator, plainText, referencePaper, uniqueByKey, type LocatedPaper, type ReferenceDiagnostic, type ReferenceRead } from './referenceRead';

/**
 * Titles stay as written (no sentence-casing: the paper view and the
 * citations show them as the author typed them), and a TeX command the
 * parser does not know is kept as its source text rather than failing the
 * entry or vanishing.
 */
const OPTIONS: Options = {
  english: false,
  sentenceCase: false,
  caseProtection: false,
  unsupported: (_node, tex) => tex,
};

/**
 * Reads a `.bib` file. Entries that do not parse, and entries without a key
 * or a title, are skipped and reported at their line; everything else loads.
 * Asynchronous only because the parser is loaded on first use: it is an ES
 * module (so it cannot be `require`d under Node's CommonJS loader), and large
 * enough that a session with no `.bib` library should not pay for it.
 */
export async function readBibtexLibrary(text: string, file: string): Promise<ReferenceRead> {
  const { parse } = await import('@retorquere/bibtex-parser');
  const library = parse(text, OPTIONS);
  const lineAt = lineLocator(text);
  const diagnostics: ReferenceDiagnostic[] = [];
  let errorCursor = 0;
  for (const error of library.errors) {
    // An entry-level error carries the entry's source; locate it from there, in order.
    const at = error.input ? text.indexOf(error.input, errorCursor) : -1;
    if (at >= 0) errorCursor = at + 1;
    const reported = /at line (\d+)/.exec(error.error)?.[1];
    const line = at >= 0 ? lineAt(at) : reported !== undefined ? Number(reported) : 1;
    diagnostics.push({ file, line, message: `${shorten(error.error)}; the entry is skipped` });
  }
  const located: LocatedPaper[] = [];
  let cursor = 0;
  let entryCount = library.errors.filter((e) => e.input).length;
  for (const entry of library.entries) {
    // The parser returns what it read of a broken entry with no source; its error is reported above.
    if (entry.input === '') continue;
    entryCount += 1;
    const at = text.indexOf(entry.input, cursor);
    if (at >= 0) cursor = at + entry.input.length;
    const line = at >= 0 ? lineAt(at) : 1;
    const key = entry.key.trim();
    if (key === '') {
      diagnostics.push({ file, line, message: `an @${entry.type} entry has no key; skipped` });
      continue;
    }
    const title = plainText(field(entry, 'title') ?? '');
    if (title === '') {
      // A @proceedings or @collection that only lends its fields to others through crossref is not a paper.
      if ((entry.crossref?.donated.length ?? 0) === 0) diagnostics.push({ file, line, message: `"${key}" has no title; skipped` });
      continue;
    }
    located.push({ paper: bibtexPaper(entry, key, title, file, line), line });
  }
  return { ...uniqueByKey(file, located, diagnostics), entryCount };
}

function bibtexPaper(entry: Entry, key: string, title: string, file: string, line: number): Paper {
  const authors = creators(entry.fields.author ?? entry.fields.editor);
  const venue = plainText(field(entry, 'journaltitle') ?? field(entry, 'journal') ?? field(entry, 'booktitle') ?? field(entry, 'eventtitle') ?? '');
  const doi = field(entry, 'doi')?.trim();
  const url = field(entry, 'url')?.trim();
  const keywords = [...new Set((entry.fields.keywords ?? []).map((k) => k.trim()).filter((k) => k !== ''))];
  const date = bibtexDate(entry);
  return referencePaper({ key, title, abstract: plainText(field(entry, 'abstract') ?? ''), authors, date, venue, doi, url, keywords, entryType: entry.type.toLowerCase(), file, line });
}

/** BibLaTeX's `date` (`2020-05-01`, or a range `2020/2021`), else `year` with `month` (the parser turns `mar` into `3`). */
function bibtexDate(entry: Entry): string | undefined {
  const date = field(entry, 'date');
  if (date !== undefined) {
    const iso = isoDateFromText(date.split('/')[0] ?? date);
    if (iso !== undefined) return iso;
  }
  const year = field(entry, 'year');
  if (year === undefined) return undefined;
  const yearOnly = isoDateFromText(year);
  const withMonth = /^\s*\d{4}\s*$/.test(year) ? isoDate(year.trim(), field(entry, 'month')?.trim()) : undefined;
  return withMonth ?? yearOnly;
}

function creators(list: readonly Creator[] | undefined): string[] {
  return (list ?? []).flatMap((creator) => {
    const name = creator.name ?? [creator.firstName, creator.prefix, creator.lastName, creator.suffix].filter((part) => part !== undefined && part.trim() !== '').join(' ');
    const text = plainText(name);
    return text === '' ? [] : [text];
  });
}

/** A string field; the typed list fields (authors, keywords, publisher…) are read where they are needed. */
function field(entry: Entry, name: string): string | undefined {
  const value: unknown = (entry.fields as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function shorten(message: string): string {
  return message.length > 160 ? `${message.slice(0, 157)}…` : message;
}
