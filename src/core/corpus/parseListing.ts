import { type Organisation } from '../paper';
import { type CorpusDiagnostic } from './corpusDiagnostic';
import { parseDateLine } from './listingDate';
import { type ListingDate, type RawEntry } from './rawEntry';
import { type SourceFormat } from './sourceManifest';

/** Which listing a text came from, as the manifest describes it. */
export interface ListingSource {
  readonly file: string;
  readonly format: SourceFormat;
  readonly captureYear: number;
}

/** Entries read from one listing, plus what could not be read. */
export interface ListingParse {
  readonly entries: RawEntry[];
  readonly diagnostics: CorpusDiagnostic[];
}

/**
 * Longest line still read as a title. Real titles are under 180 characters,
 * so a longer line is an abstract whatever comes after it. A shorter line
 * after a title is read by what it looks like instead (see
 * `readsAsAbstract`): length alone would take a short abstract for the next
 * title and report the entry as having none.
 */
export const MAX_TITLE_LENGTH = 250;

// Page chrome both formats wrap around the entries.
const CHROME = new Set([
  'new',
  'Get trending papers in your email inbox once a day!',
  'Get trending papers in your email inbox!',
  'Subscribe',
  'Daily Papers',
  'byAK and the research community',
]);

// The search page glues its Subscribe button to the first title
// (`SubscribeEnhancing Infrared …`).
const GLUED_SUBSCRIBE = /^Subscribe(?=\S)/;
const AUTHORS = /^•\s*(\d{1,5})\s+authors?$/;
// Control characters other than tab, and U+FFFD (what a UTF-8 decoder leaves
// for bytes it could not read): text pages never contain them.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNREADABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/g;
// How a finished abstract ends: a sentence (with any closing quote or
// bracket after it), or the link many end with ("Code: https://…").
const FINISHED_TEXT = /(?:[.!?…]["'”’)\]}]*|https?:\/\/\S+)$/;
// A title may end in a question mark; it never ends in a full stop or a link.
const QUESTION_END = /\?["'”’)\]}]*$/;
// An organisation line: a Hugging Face handle, then perhaps a short display name.
const ORGANISATION = /^[A-Za-z0-9][\w.-]*(?:\s+\S+){0,5}$/;
// Above this share of unreadable characters the file is not a listing at all,
// and reporting every garbled line would bury the one useful message.
const BINARY_FILE_RATIO = 0.05;

type Line =
  | { readonly kind: 'blank'; readonly line: number }
  | { readonly kind: 'unreadable'; readonly line: number }
  | { readonly kind: 'dot'; readonly line: number }
  | { readonly kind: 'text'; readonly line: number; readonly text: string }
  | { readonly kind: 'authors'; readonly line: number; readonly count: number }
  | { readonly kind: 'org'; readonly line: number; readonly org: Organisation }
  | { readonly kind: 'date'; readonly line: number; readonly date: ListingDate; readonly upvotes?: number }
  | { readonly kind: 'badDate'; readonly line: number; readonly message: string };

type MetaLine = Exclude<Line, { kind: 'blank' | 'unreadable' | 'text' }>;

/** Where an entry's metadata block has got to: who (authors or org), `·`, then the date. */
type MetaStage = 'none' | 'who' | 'dot' | 'done';

interface EntryDraft {
  title: string;
  abstract: string;
  line: number;
  abstractLine: number;
  authorCount?: number;
  org?: Organisation;
  date?: ListingDate;
  upvotes?: number;
  meta: MetaStage;
  metaDotLine?: number;
}

/**
 * Reads one captured listing into raw entries.
 *
 * Both formats are read by one machine over classified lines: a title, then an
 * abstract, then (Daily Papers only) an optional metadata block of up to three
 * lines. Blank lines carry no meaning, which is what makes stray ones and CRLF
 * harmless. Anything that breaks the pattern becomes a diagnostic and the
 * machine resynchronises on the next title, so one bad entry costs only itself.
 */
export function parseListing(text: string, source: ListingSource): ListingParse {
  const diagnostics: CorpusDiagnostic[] = [];
  const report = (line: number, message: string): void => {
    diagnostics.push({ file: source.file, line, message });
  };
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') {
    report(1, 'file is empty: expected a captured paper listing');
    return { entries: [], diagnostics };
  }
  const unreadable = body.match(UNREADABLE)?.length ?? 0;
  if (unreadable / body.length > BINARY_FILE_RATIO) {
    report(1, 'file holds binary data, not a text listing');
    return { entries: [], diagnostics };
  }

  const lines = classify(body.split(/\r\n|\r|\n/), source);
  const entries: EntryDraft[] = [];
  let pendingTitle: { text: string; line: number } | undefined;
  let last: EntryDraft | undefined;
  let orphanMeta = false;
  let unreadableRun: number | undefined;

  const dropPendingTitle = (why: string): void => {
    if (pendingTitle) report(pendingTitle.line, `title has no abstract${why}: "${clip(pendingTitle.text)}"`);
    pendingTitle = undefined;
  };
  const closeMeta = (): void => {
    if (last && last.meta === 'dot') report(last.metaDotLine ?? last.line, 'metadata block ends without a date');
    if (last) last.meta = 'done';
  };

  const entryLines = skipHeader(lines);
  // The next line that says anything, for telling a short abstract from a title.
  const nextMeaningful = (index: number): Line | undefined => {
    for (let at = index + 1; at < entryLines.length; at++) {
      const line = entryLines[at]!;
      if (line.kind !== 'blank' && line.kind !== 'unreadable') return line;
    }
    return undefined;
  };
  for (const [index, line] of entryLines.entries()) {
    if (line.kind === 'unreadable') {
      if (unreadableRun === undefined) {
        unreadableRun = line.line;
        report(line.line, 'unreadable (binary) data; line skipped');
      }
      continue;
    }
    if (line.kind !== 'blank') unreadableRun = undefined;
    switch (line.kind) {
      case 'blank':
        break;
      case 'text':
        orphanMeta = false;
        if (pendingTitle && readsAsAbstract(line.text, nextMeaningful(index))) {
          closeMeta();
          last = { title: pendingTitle.text, abstract: line.text, line: pendingTitle.line, abstractLine: line.line, meta: 'none' };
          entries.push(last);
          pendingTitle = undefined;
        } else if (line.text.length > MAX_TITLE_LENGTH) {
          report(line.line, 'abstract has no title before it; skipped');
        } else {
          dropPendingTitle('');
          closeMeta();
          pendingTitle = { text: line.text, line: line.line };
        }
        break;
      default: {
        if (pendingTitle) {
          dropPendingTitle('');
          orphanMeta = true;
        }
        if (orphanMeta) break;
        if (!last || last.meta === 'done') {
          report(line.line, 'metadata line has no paper before it');
          orphanMeta = true;
          break;
        }
        applyMeta(last, line, report);
      }
    }
  }
  dropPendingTitle(' (the file ends; is it truncated?)');
  // A capture cut short mid-abstract leaves an entry that looks whole but for
  // its last words; nothing after it (no metadata, no next title) vouches for it.
  if (last && last.meta === 'none' && !FINISHED_TEXT.test(last.abstract)) {
    report(last.abstractLine, `the file ends in the middle of an abstract (is it truncated?): "${clip(last.title)}" ends "...${last.abstract.slice(-30)}"`);
  }
  closeMeta();

  // Problems are found out of order (a missing abstract shows only at the next title).
  diagnostics.sort((a, b) => a.line - b.line);
  return { entries: entries.map((draft) => toRawEntry(draft, source.file)), diagnostics };
}

/**
 * Whether `text`, the line after a title, is that title's abstract rather
 * than the next title (which would leave the first without one). A line too
 * long for a title is an abstract; so is one the metadata block follows
 * (Daily Papers), and one that ends like finished prose, which titles never
 * do except with a question mark.
 */
function readsAsAbstract(text: string, next: Line | undefined): boolean {
  if (text.length > MAX_TITLE_LENGTH) return true;
  if (next !== undefined && next.kind !== 'blank' && next.kind !== 'unreadable' && next.kind !== 'text') return true;
  return FINISHED_TEXT.test(text) && !QUESTION_END.test(text);
}

function applyMeta(entry: EntryDraft, line: MetaLine, report: (line: number, message: string) => void): void {
  const order: Record<MetaLine['kind'], MetaStage[]> = {
    // The stages each kind of line may follow.
    authors: ['none'],
    org: ['none'],
    dot: ['none', 'who'],
    date: ['none', 'who', 'dot'],
    badDate: ['none', 'who', 'dot'],
  };
  if (!order[line.kind].includes(entry.meta)) {
    report(line.line, `unexpected ${describe(line.kind)} in a metadata block; skipped`);
    return;
  }
  switch (line.kind) {
    case 'authors':
      entry.authorCount = line.count;
      entry.meta = 'who';
      break;
    case 'org':
      entry.org = line.org;
      entry.meta = 'who';
      break;
    case 'dot':
      entry.meta = 'dot';
      entry.metaDotLine = line.line;
      break;
    case 'date':
      entry.date = line.date;
      if (line.upvotes !== undefined) entry.upvotes = line.upvotes;
      entry.meta = 'done';
      break;
    case 'badDate':
      report(line.line, line.message);
      entry.meta = 'done';
      break;
  }
}

function describe(kind: string): string {
  return { authors: 'author count', org: 'organisation line', dot: '"·" line', date: 'date line', badDate: 'date line' }[kind] ?? kind;
}

/** Classifies each line; metadata kinds exist only in Daily Papers listings. */
function classify(rawLines: readonly string[], source: ListingSource): Line[] {
  const daily = source.format === 'hf-daily';
  const lines: Line[] = rawLines.map((raw, index): Line => {
    const line = index + 1;
    const text = raw.trim();
    if (text === '') return { kind: 'blank', line };
    if (UNREADABLE.test(text)) {
      UNREADABLE.lastIndex = 0;
      return { kind: 'unreadable', line };
    }
    UNREADABLE.lastIndex = 0;
    if (!daily) return { kind: 'text', line, text };
    if (text === '·') return { kind: 'dot', line };
    const authors = AUTHORS.exec(text);
    if (authors) return { kind: 'authors', line, count: Number(authors[1]) };
    const date = parseDateLine(text, source.captureYear);
    if (typeof date === 'string') return { kind: 'badDate', line, message: date };
    if (date) return { kind: 'date', line, ...date };
    return { kind: 'text', line, text };
  });
  if (!daily) return lines;
  // An organisation line is only recognisable by the `·` line after it. Walking
  // backwards keeps the next non-blank line at hand, so a long page stays linear.
  const result = [...lines];
  let next: Line | undefined;
  for (let index = lines.length - 1; index >= 0; index--) {
    const current = lines[index]!;
    if (current.kind === 'text' && next?.kind === 'dot' && looksLikeOrganisation(current.text)) {
      result[index] = { kind: 'org', line: current.line, org: parseOrganisation(current.text) };
    }
    if (current.kind !== 'blank') next = current;
  }
  return result;
}

// A short abstract can stand right before the `·` too; an organisation is a
// handle and a few words, and never a finished sentence.
function looksLikeOrganisation(text: string): boolean {
  return text.length <= 100 && ORGANISATION.test(text) && !FINISHED_TEXT.test(text);
}

/**
 * Splits `AI-at-Meta Meta AI` into handle `AI-at-Meta` and name `Meta AI`; a
 * single token (`OpenRubrics`) is both.
 */
export function parseOrganisation(text: string): Organisation {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  if (space < 0) return { handle: trimmed, name: trimmed };
  return { handle: trimmed.slice(0, space), name: trimmed.slice(space).trim() };
}

/** Skips the page chrome before the first entry and unglues `Subscribe` from the first title. */
function skipHeader(lines: readonly Line[]): Line[] {
  let start = 0;
  while (start < lines.length) {
    const line = lines[start];
    if (!line) break;
    // The Daily Papers header ends with the page's own date (`Nov 21`).
    const chrome = line.kind === 'blank' || line.kind === 'date' || (line.kind === 'text' && CHROME.has(line.text));
    if (!chrome) break;
    start += 1;
  }
  const rest = lines.slice(start);
  const first = rest[0];
  if (first?.kind === 'text' && GLUED_SUBSCRIBE.test(first.text)) {
    rest[0] = { ...first, text: first.text.replace(GLUED_SUBSCRIBE, '') };
  }
  return rest;
}

function toRawEntry(draft: EntryDraft, file: string): RawEntry {
  return {
    title: draft.title,
    abstract: draft.abstract,
    ...(draft.authorCount === undefined ? {} : { authorCount: draft.authorCount }),
    ...(draft.org === undefined ? {} : { org: draft.org }),
    ...(draft.date === undefined ? {} : { date: draft.date }),
    ...(draft.upvotes === undefined ? {} : { upvotes: draft.upvotes }),
    file,
    line: draft.line,
  };
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
