/** The CLI's search output: the library's index loaded, and its hits as records and rows. */
import { PaperIndex } from '../core/search/paperIndex';
import { CliError } from './cliIo';
import { type LibraryView } from './libraryView';
import { truncate } from './textLayout';

/** Loads the library's serialized search index (built with the same papers and themes). */
export function loadIndex(view: LibraryView): PaperIndex {
  const { papers, themes, index } = view.library;
  try {
    return PaperIndex.load(index, papers, themes);
  } catch (error) {
    throw new CliError(`the search index in ${view.dir} cannot be loaded (${(error as Error).message}); rebuild the library`);
  }
}

/** A search or related hit as `--json` prints it. */
export interface HitRecord {
  readonly key: string;
  readonly title: string;
  readonly score: number;
  readonly theme?: string;
}

export function hitRecords(view: LibraryView, hits: readonly { id: string; score: number }[]): HitRecord[] {
  return hits.map((hit) => {
    const paper = view.paperById(hit.id);
    const theme = view.themeOf(paper);
    return { key: paper.key, title: paper.title, score: Math.round(hit.score * 1000) / 1000, ...(theme ? { theme: theme.label } : {}) };
  });
}

/** Ranked hits as aligned rows: rank, key, title, theme. */
export function formatHits(hits: readonly HitRecord[], columns: number): string {
  if (hits.length === 0) return 'No papers found.\n';
  const keyWidth = Math.max(...hits.map((h) => h.key.length));
  const rankWidth = String(hits.length).length;
  const titleWidth = Math.max(20, columns - keyWidth - rankWidth - 6);
  return `${hits
    .map((h, i) => {
      const theme = h.theme === undefined ? '' : `\n${' '.repeat(rankWidth + keyWidth + 5)}${truncate(h.theme, titleWidth)}`;
      return `${String(i + 1).padStart(rankWidth)}. ${h.key.padEnd(keyWidth)}  ${truncate(h.title, titleWidth)}${theme}`;
    })
    .join('\n')}\n`;
}
