import { type HitRecord } from './searchIndex';
import { truncate } from './textLayout';

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
