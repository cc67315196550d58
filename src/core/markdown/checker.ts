/**
 * Checks a note's citations against the library and the note's bibliography
 * files: what the editor shows as diagnostics and `paper-atlas check` prints.
 * Pure: the caller reads the files and says which exist.
 */
import { bibliographyFormat, bibliographyKeys } from '../bibliography/bibliographyFile';
import { type BibliographyParseError, type KeysResult } from '../bibliography/parseError';
import { scanCitations } from './citationScan';
import { inlineReferences, readBibliographyField } from './frontMatter';
import { LineMap } from '../text/textEdit';
import { suggestKeys } from '../text/closestKeys';

/** What kind of problem a {@link NoteProblem} is. */
export type NoteProblemKind =
  /** A cited key that neither the library nor the note's bibliography defines. */
  | 'unknownKey'
  /** A cited key that is defined, but only with other letter case (Pandoc keys are case-sensitive). */
  | 'keyCase'
  /** A library key the note's bibliography lacks: Pandoc would leave the citation unresolved. */
  | 'notInBibliography'
  /** A `bibliography:` file that does not exist. */
  | 'bibliographyMissing'
  /** A `bibliography:` file that does not parse. */
  | 'bibliographyInvalid'
  /** A `bibliography:` file in a format Paper Atlas cannot read (not `.json` or `.bib`). */
  | 'bibliographyUnsupported';

/** One problem, located in the note (0-based line and characters, as VS Code's `Range`). */
export interface NoteProblem {
  readonly kind: NoteProblemKind;
  readonly line: number;
  readonly col: number;
  /** End character on the same line. */
  readonly endCol: number;
  /** Offsets of the same range in the note. */
  readonly start: number;
  readonly end: number;
  /** One sentence for people; 1-based positions inside it, as editors show them. */
  readonly message: string;
  /** The cited key (`unknownKey`, `keyCase`). */
  readonly key?: string;
  /** Known keys to offer instead, closest first (`unknownKey`, `keyCase`); otherwise empty. */
  readonly suggestions: readonly string[];
  /** The bibliography path as the front matter writes it (`bibliography*` kinds). */
  readonly bibliography?: string;
  /** Where in the bibliography file it fails to parse (`bibliographyInvalid`). */
  readonly bibliographyError?: BibliographyParseError;
}

/** What {@link checkNote} needs besides the note. */
export interface CheckContext {
  /** Every key the library defines. */
  readonly libraryKeys: Iterable<string>;
  /**
   * The texts of the note's bibliography files, keyed by the path exactly as
   * the front matter writes it; a path that is absent (or maps to
   * `undefined`) is a file that does not exist.
   */
  readonly bibliographies: ReadonlyMap<string, string | undefined>;
  /** Bibliography paths (as the note or project writes them) that name a folder rather than a file. */
  readonly folders?: ReadonlySet<string>;
  /**
   * Bibliographies a project configuration (Quarto's `_quarto.yml`) names,
   * used when the note's metadata has no `bibliography` field; their texts
   * are in {@link CheckContext.bibliographies} under the paths as written.
   */
  readonly project?: { readonly file: string; readonly paths: readonly string[] };
  /**
   * Reads a bibliography's keys; by default {@link bibliographyKeys}. The
   * editor passes one that remembers each file's result until the file
   * changes, so a check after every pause in typing does not re-parse them.
   */
  readonly keysOf?: (path: string, text: string) => KeysResult;
}

/**
 * Lists the problems of a note: each citation of an unknown key where it
 * stands (with the closest known keys), a key cited in the wrong letter
 * case, and each `bibliography:` file that is missing, does not parse or is
 * in a format Paper Atlas cannot read (located at its path in the front
 * matter). Problems come in document order.
 */
export function checkNote(text: string, context: CheckContext): NoteProblem[] {
  const lines = new LineMap(text);
  const problems: NoteProblem[] = [];
  const located = (start: number, end: number) => {
    const from = lines.positionAt(start);
    const to = lines.positionAt(end);
    return { start, end, line: from.line, col: from.character, endCol: to.line === from.line ? to.character : from.character + (end - start) };
  };

  const library = new Set(context.libraryKeys);
  const known = new Set(library);
  /** Keys the note's own bibliography files and inline `references:` define: what Pandoc will resolve. */
  const inBibliography = new Set<string>();
  let keysUnknowable = false;
  for (const reference of inlineReferences(text)) {
    known.add(reference.id);
    inBibliography.add(reference.id);
  }
  const field = readBibliographyField(text);
  // A project's bibliographies apply to a note that names none; problems with them show at the note's start.
  const fromProject = field === undefined && context.project !== undefined;
  const refs = field?.paths ?? context.project?.paths.map((path) => ({ path, start: 0, end: 0 })) ?? [];
  const named = (path: string) => (fromProject ? `"${path}" named in ${context.project?.file ?? ''}` : `"${path}"`);
  for (const ref of refs) {
    const where = located(ref.start, ref.end);
    const content = context.bibliographies.get(ref.path);
    if (bibliographyFormat(ref.path) === undefined) {
      // Its keys cannot be known, so citing them must not be flagged either.
      keysUnknowable = true;
      problems.push({ kind: 'bibliographyUnsupported', ...where, bibliography: ref.path, suggestions: [], message: `Paper Atlas cannot read the bibliography ${named(ref.path)}: it reads .json (CSL-JSON) and .bib (BibTeX) files, so keys are not checked` });
      continue;
    }
    if (content === undefined) {
      const what = context.folders?.has(ref.path) ? 'is a folder, not a file' : 'does not exist';
      problems.push({ kind: 'bibliographyMissing', ...where, bibliography: ref.path, suggestions: [], message: `The bibliography ${named(ref.path)} ${what}` });
      continue;
    }
    const result = (context.keysOf ?? bibliographyKeys)(ref.path, content);
    if (!result.ok) {
      const { line, col, message } = result.error;
      problems.push({
        kind: 'bibliographyInvalid', ...where, bibliography: ref.path, bibliographyError: result.error, suggestions: [],
        message: `The bibliography ${named(ref.path)} does not parse (line ${line + 1}, column ${col + 1}): ${message}`,
      });
      continue;
    }
    for (const defined of result.keys) {
      known.add(defined.key);
      inBibliography.add(defined.key);
    }
  }

  if (!keysUnknowable) {
    const byLowerCase = new Map<string, string>();
    for (const key of known) byLowerCase.set(key.toLowerCase(), key);
    const suggestionCache = new Map<string, string[]>();
    for (const citation of scanCitations(text)) {
      if (inBibliography.has(citation.key)) continue;
      if (library.has(citation.key)) {
        problems.push({
          kind: 'notInBibliography', ...located(citation.start, citation.end), key: citation.key, suggestions: [],
          message: `"${citation.key}" is in the library but not in the note's bibliography, so Pandoc cannot resolve it`,
        });
        continue;
      }
      if (known.has(citation.key)) continue;
      const where = located(citation.start, citation.end);
      const sameButCase = byLowerCase.get(citation.key.toLowerCase());
      if (sameButCase !== undefined) {
        problems.push({ kind: 'keyCase', ...where, key: citation.key, suggestions: [sameButCase], message: `Citation key "${citation.key}" is defined as "${sameButCase}"; Pandoc keys are case-sensitive` });
        continue;
      }
      let suggestions = suggestionCache.get(citation.key);
      if (!suggestions) {
        suggestions = suggestKeys(citation.key, known);
        suggestionCache.set(citation.key, suggestions);
      }
      const hint = suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : '';
      problems.push({ kind: 'unknownKey', ...where, key: citation.key, suggestions, message: `Unknown citation key "${citation.key}": not in the library or the note's bibliography${hint}` });
    }
  }
  return problems.sort((a, b) => a.start - b.start);
}
