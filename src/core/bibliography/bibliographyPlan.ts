/**
 * Plans citing papers in a note as one change to the note and one to its
 * bibliography, without doing any of it: the editor decides whether it may
 * write the files, then applies both edits together, and the CLI or a test
 * can apply them to strings.
 */
import { planCitationInsertion } from '../markdown/citationInsert';
import { PANDOC_STYLES, type CitationStyle, type CitationTextOptions } from '../markdown/citationText';
import { bibliographyPaths, planBibliographyField } from '../markdown/frontMatter';
import { LineMap, type OffsetRange, type TextEdit } from '../text/textEdit';
import { type Paper } from '../paper';
import { bibliographyFormat, bibliographyKeys, upsertBibliography } from './bibliographyFile';
import { missingEntries } from './missingEntries';

/** The settings that decide where entries go when a note names no bibliography. */
export interface BibliographySettings {
  /** The file, relative to the note, that takes entries when the note names none. */
  readonly defaultFile: string;
  /** Whether to name that file in the note's front matter. */
  readonly addToFrontMatter: boolean;
}

/** The bibliography files a note's citations go to, as written (relative to the note's folder). */
export interface BibliographyTargets {
  readonly paths: readonly string[];
  /** Whether the note's front matter names them; otherwise `paths` is the default file alone. */
  readonly named: boolean;
}

/** What to cite, and the texts the plan needs. */
export interface CitationPlanRequest {
  readonly noteText: string;
  /** Where to cite, as offsets of `noteText`; the result has one final selection for each. */
  readonly selections: readonly OffsetRange[];
  readonly papers: readonly Paper[];
  readonly style: CitationStyle;
  /** False to add the papers to the bibliography without citing them (the note already does). Default true. */
  readonly cite?: boolean;
  /** The text of every file {@link bibliographyTargets} names, keyed by its path as written; undefined when it does not exist. */
  readonly bibliographies: ReadonlyMap<string, string | undefined>;
  readonly settings: BibliographySettings;
  readonly citationOptions?: CitationTextOptions;
}

/** The change to the bibliography file: an edit of its text, or the whole text of a new file. */
export interface BibliographyChange {
  /** The file's path as the note names it. */
  readonly path: string;
  /** True when the file does not exist yet; `edit` then inserts its whole text into an empty one. */
  readonly created: boolean;
  readonly edit: TextEdit;
  /** The keys it adds, in order. */
  readonly added: readonly string[];
}

/** A plan the editor can apply, or why there is none. */
export type CitationPlan =
  | {
      readonly ok: true;
      /** Every edit of the note (front matter first, then the citations), in offsets of `noteText`, in document order. */
      readonly noteEdits: readonly TextEdit[];
      /** The edit of `noteEdits` that names the bibliography in the front matter, if any. */
      readonly frontMatter?: TextEdit;
      /** One per requested selection, as offsets of the note once `noteEdits` are applied. */
      readonly selections: readonly OffsetRange[];
      /** The file entries go to; undefined when the citation needs no bibliography (a link or footnote). */
      readonly target?: string;
      /** The keys of the cited papers no bibliography of the note defines. */
      readonly missing: readonly string[];
      /** Undefined when the bibliography already holds every paper. */
      readonly bibliography?: BibliographyChange;
    }
  | {
      readonly ok: false;
      /** One sentence saying what is wrong, starting with the file (and line) it is about. */
      readonly reason: string;
      /** The bibliography the refusal is about, as the note names it, and where in it (0-based). */
      readonly file?: string;
      readonly line?: number;
      readonly col?: number;
      /** Set when a bibliography defines a cited key in another letter case: the key it holds. */
      readonly caseConflict?: { readonly key: string; readonly existing: string };
    };

/** The files a note's bibliography entries go to: the ones its front matter names, else the default file. */
export function bibliographyTargets(noteText: string, settings: BibliographySettings): BibliographyTargets {
  const named = bibliographyPaths(noteText);
  if (named.length > 0) return { paths: named, named: true };
  return { paths: [defaultFileOf(settings)], named: false };
}

/**
 * Plans citing `papers` at every selection of a note, and the entries its
 * bibliography must gain so `pandoc --citeproc` finds every key. The
 * entries go to the first named file in a format Paper Atlas writes
 * (CSL-JSON or BibTeX); keys any named file defines are not added again.
 *
 * Refuses, changing nothing, when a named file does not parse, when no named
 * file is in a format Paper Atlas writes, or when a file defines a cited key
 * in another letter case (Pandoc matches keys exactly, so adding it again
 * would leave two entries for one paper).
 */
export function planCitation(request: CitationPlanRequest): CitationPlan {
  const { noteText, settings } = request;
  const citing = request.cite ?? true;
  const needsBibliography = request.papers.length > 0 && PANDOC_STYLES.has(request.style);
  if (!needsBibliography) return withCitations(request, citing, []);

  const targets = bibliographyTargets(noteText, settings);
  const defined: { key: string; path: string; line: number }[] = [];
  for (const path of targets.paths) {
    const text = request.bibliographies.get(path);
    if (text === undefined || !bibliographyFormat(path)) continue;
    const keys = bibliographyKeys(path, text);
    if (!keys.ok) return parseRefusal(path, keys.error);
    const lines = new LineMap(text);
    for (const k of keys.keys) defined.push({ key: k.key, path, line: lines.positionAt(k.start).line });
  }

  for (const paper of request.papers) {
    const exact = defined.some((d) => d.key === paper.key);
    const other = defined.find((d) => d.key !== paper.key && d.key.toLowerCase() === paper.key.toLowerCase());
    if (!exact && other) {
      return {
        ok: false,
        reason: `${other.path}:${other.line + 1}: the bibliography holds @${other.key}, which differs from @${paper.key} only in letter case, and pandoc matches keys exactly.`,
        file: other.path,
        line: other.line,
        col: 0,
        caseConflict: { key: paper.key, existing: other.key },
      };
    }
  }

  const target = targets.paths.find((path) => bibliographyFormat(path));
  if (!target) {
    return {
      ok: false,
      reason: `${targets.paths.join(', ')}: Paper Atlas adds entries to CSL-JSON (.json) and BibTeX (.bib) bibliographies only.`,
      file: targets.paths[0],
    };
  }
  const missing = missingEntries(defined, request.papers, (p) => p.key);
  const targetText = request.bibliographies.get(target);
  let bibliography: BibliographyChange | undefined;
  if (missing.length > 0) {
    const upsert = upsertBibliography(target, targetText ?? '', missing);
    if (!upsert.ok) return parseRefusal(target, upsert.error);
    if (upsert.edit) bibliography = { path: target, created: targetText === undefined, edit: upsert.edit, added: upsert.added };
  }

  let frontMatter: TextEdit | undefined;
  if (!targets.named && settings.addToFrontMatter) {
    const field = planBibliographyField(noteText, defaultFileOf(settings));
    // Entries in a file the note does not name would not reach pandoc: refuse rather than half-cite.
    if (field.kind === 'refused') return { ok: false, reason: `the note's metadata cannot name its bibliography: ${field.reason.replace(/\.?$/, '.')} Name it there yourself (bibliography: ${defaultFileOf(settings)}), then cite again.` };
    if (field.kind === 'edit') frontMatter = field.edit;
  }
  const planned = withCitations(request, citing, frontMatter ? [frontMatter] : []);
  return { ...planned, target, missing: missing.map((p) => p.key), ...(frontMatter ? { frontMatter } : {}), ...(bibliography ? { bibliography } : {}) };
}

function withCitations(request: CitationPlanRequest, citing: boolean, leading: readonly TextEdit[]): CitationPlan & { ok: true } {
  const insertion = planCitationInsertion(request.noteText, request.selections, citing ? request.papers : [], request.style, request.citationOptions, leading);
  return { ok: true, noteEdits: insertion.edits, selections: insertion.selections, missing: [] };
}

function parseRefusal(path: string, error: { message: string; line: number; col: number }): CitationPlan {
  return {
    ok: false,
    reason: `${path}:${error.line + 1}:${error.col + 1}: ${error.message.replace(/\.?$/, '.')} The bibliography was left untouched.`,
    file: path,
    line: error.line,
    col: error.col,
  };
}

function defaultFileOf(settings: BibliographySettings): string {
  return settings.defaultFile.trim() || 'references.json';
}
