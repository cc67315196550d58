/**
 * A user's CSL-JSON (`.json`, Better BibTeX's "Better CSL JSON" included)
 * and CSL-YAML (`.yaml`, `.yml`) files as papers. An item's `id` is its
 * citation key and is kept exactly as written, even where it is not a valid
 * bare Pandoc key: it is the user's key, and their notes already cite it.
 */
import { LineCounter, parseDocument, isMap, isSeq, type Node as YamlNode } from 'yaml';
import { type Paper, type SourceLocation } from '../paper';
import { isoDate, isoDateFromText, lineLocator, plainText, referencePaper, uniqueByKey, type LocatedPaper, type ReferenceDiagnostic, type ReferenceRead } from './referenceRead';

/**
 * Papers from CSL items (parsed JSON or YAML objects). Items without an id
 * or a title, and items repeating an earlier id, are skipped and reported.
 *
 * @param file  the file name diagnostics and papers name
 * @param lineOf  the 1-based line where item `index` starts; line 1 for all when unknown
 */
export function papersFromCslItems(items: readonly unknown[], file: string, lineOf: (index: number) => number = () => 1): ReferenceRead {
  const located: LocatedPaper[] = [];
  const diagnostics: ReferenceDiagnostic[] = [];
  items.forEach((item, index) => {
    const problem = (message: string) => diagnostics.push({ file, line: lineOf(index), message });
    if (!isRecord(item)) return problem(`item ${index + 1} is not an object`);
    const id = typeof item['id'] === 'number' ? String(item['id']) : typeof item['id'] === 'string' ? item['id'].trim() : '';
    if (id === '') return problem(`item ${index + 1} has no id (its citation key); skipped`);
    const title = plainText(firstString(item['title']) ?? '');
    if (title === '') return problem(`"${id}" has no title; skipped`);
    const line = lineOf(index);
    located.push({ paper: cslPaper(item, id, title, { file, line }), line });
  });
  return { ...uniqueByKey(file, located, diagnostics), entryCount: items.length };
}

/**
 * Reads a CSL-JSON file: an array of items. A file that is not JSON, or not
 * an array, gives no papers and one diagnostic.
 */
export function readCslJsonLibrary(text: string, file: string): ReferenceRead {
  let value: unknown;
  try {
    value = JSON.parse(stripBom(text));
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position ? lineLocator(text)(Number(position[1])) : Number(/line (\d+)/.exec(message)?.[1] ?? 1);
    return failed(file, line, `not valid JSON: ${message}`);
  }
  if (!Array.isArray(value)) return failed(file, 1, 'a CSL-JSON file holds an array of items ([{"id": …, "title": …}, …])');
  // Lines are needed only for diagnostics, so the offsets are found only then.
  let starts: number[] | undefined;
  const lineOf = (index: number): number => {
    if (!starts) {
      const at = lineLocator(text);
      starts = arrayItemOffsets(text).map(at);
    }
    return starts[index] ?? 1;
  };
  return papersFromCslItems(value, file, lineOf);
}

/**
 * Reads a CSL-YAML file: a list of items, or a mapping whose `references:`
 * holds the list (the form pandoc writes and reads in front matter).
 */
export function readCslYamlLibrary(text: string, file: string): ReferenceRead {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const errors: ReferenceDiagnostic[] = doc.errors.map((error) => ({
    file,
    line: lineCounter.linePos(error.pos[0]).line,
    message: `not valid YAML: ${error.message.split('\n')[0] ?? error.code}`,
  }));
  const first = errors[0];
  if (first) return { papers: [], diagnostics: errors, entryCount: 0 };
  let list: YamlNode | null | undefined = doc.contents;
  if (isMap(list)) list = list.get('references', true);
  if (!isSeq(list)) return failed(file, 1, 'a CSL-YAML file holds a list of items, or a mapping with references: and the list');
  const items = list.items.map((node) => (node && typeof node === 'object' && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : node));
  const lines = list.items.map((node) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lineCounter.linePos(range[0]).line : 1;
  });
  return papersFromCslItems(items, file, (index) => lines[index] ?? 1);
}

function cslPaper(item: Record<string, unknown>, id: string, title: string, location: SourceLocation): Paper {
  const authors = names(item['author'] ?? item['editor']);
  const venue = plainText(firstString(item['container-title']) ?? '');
  const doi = firstString(item['DOI'] ?? item['doi'])?.trim();
  const url = firstString(item['URL'] ?? item['url'])?.trim();
  const keywords = keywordList(item['keyword'] ?? item['keywords']);
  const date = cslDate(item['issued']);
  const type = typeof item['type'] === 'string' && item['type'] !== '' ? item['type'] : undefined;
  return referencePaper({ key: id, title, abstract: plainText(firstString(item['abstract']) ?? ''), authors, date, venue, doi, url, keywords, entryType: type, file: location.file, line: location.line });
}

/** `[{family, given}, {literal}]` → display names, particles and suffix in reading order. */
function names(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((name) => {
    if (typeof name === 'string') return name.trim() === '' ? [] : [name.trim()];
    if (!isRecord(name)) return [];
    const literal = firstString(name['literal']);
    if (literal !== undefined && literal.trim() !== '') return [plainText(literal)];
    const parts = ['given', 'dropping-particle', 'non-dropping-particle', 'family', 'suffix'].map((part) => firstString(name[part])?.trim() ?? '');
    const display = parts.filter((part) => part !== '').join(' ');
    return display === '' ? [] : [plainText(display)];
  });
}

/** CSL dates: `{date-parts: [[y, m, d]]}`, `{raw}` or `{literal}`, an EDTF string (CSL-YAML), or `[{year, month, day}]` (older YAML). */
function cslDate(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return isoDateFromText(String(value));
  if (Array.isArray(value)) {
    const first: unknown = value[0];
    return isRecord(first) ? isoDate(first['year'], first['month'], first['day']) : undefined;
  }
  if (!isRecord(value)) return undefined;
  const parts: unknown = value['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0])) {
    const [year, month, day] = parts[0] as unknown[];
    return isoDate(year, month, day);
  }
  for (const field of ['raw', 'literal']) {
    const text = value[field];
    if (typeof text === 'string') return isoDateFromText(text);
  }
  return isoDate(value['year'], value['month'], value['day']);
}

/** CSL's `keyword` is one string, comma- or semicolon-separated; some files give a list. */
function keywordList(value: unknown): string[] {
  const list = Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : typeof value === 'string' ? value.split(/[,;]/) : [];
  return [...new Set(list.map((k) => k.trim()).filter((k) => k !== ''))];
}

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.find((v): v is string => typeof v === 'string');
  return undefined;
}

/**
 * Where each element of a top-level JSON array starts, by a scan that skips
 * strings and counts brackets (the text already parsed as JSON, so it is
 * well formed).
 */
function arrayItemOffsets(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let expectItem = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === ' ' || char === '\n' || char === '\r' || char === '\t' || char === '\ufeff') continue;
    if (depth === 1 && expectItem && char !== ']') {
      offsets.push(i);
      expectItem = false;
    }
    if (char === '"') {
      for (i += 1; i < text.length && text[i] !== '"'; i += 1) if (text[i] === '\\') i += 1;
    } else if (char === '[' || char === '{') {
      depth += 1;
      if (depth === 1) expectItem = true;
    } else if (char === ']' || char === '}') {
      depth -= 1;
    } else if (char === ',' && depth === 1) {
      expectItem = true;
    }
  }
  return offsets;
}

function failed(file: string, line: number, message: string): ReferenceRead {
  return { papers: [], diagnostics: [{ file, line, message }], entryCount: 0 };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
