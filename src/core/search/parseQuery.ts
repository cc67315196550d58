/** Years a `year:` filter accepts, inclusive. */
export interface YearRange {
  readonly from: number;
  readonly to: number;
}

/** A search box's text split into free text and field filters. */
export interface ParsedQuery {
  /** The free text, filters removed, words separated by single spaces. */
  readonly text: string;
  /**
   * True when the query ends inside a free-text word: that word is still being
   * typed and may be matched as a prefix. False after a space or a filter.
   */
  readonly typing: boolean;
  /** `org:` values; a paper matches one of them by organisation handle or name. */
  readonly org: readonly string[];
  /** `year:` values (`2024`, `2023-2025`, `2023..2025`); a paper's year falls in one of them. */
  readonly year: readonly YearRange[];
  /** `theme:` values (`gui`, `"gui agents"`, or a theme id); a paper's theme matches one of them. */
  readonly theme: readonly string[];
}

type Field = 'org' | 'year' | 'theme';
// A field name, a colon, then a quoted value (closing quote optional while
// typing) or a bare one; or a plain run of non-space text.
const TOKEN = /(?:^|(?<=\s))(org|year|theme):(?:"([^"]*)"?|(\S*))|\S+/giu;

/**
 * Splits a query into free text and `org:`, `year:` and `theme:` filters.
 * Field names ignore case; values may be quoted to hold spaces. Several
 * values of one field mean any of them; different fields must all hold.
 * A filter with no value yet (`org:` while typing) or a year that is not
 * one is left out rather than matching nothing. Pure and total: any string parses.
 */
export function parseQuery(query: string): ParsedQuery {
  const words: string[] = [];
  const filters: Record<Field, string[]> = { org: [], year: [], theme: [] };
  let typing = false;
  for (const match of query.matchAll(TOKEN)) {
    const field = match[1]?.toLowerCase() as Field | undefined;
    if (field === undefined) {
      words.push(match[0]);
      typing = match.index + match[0].length === query.length;
      continue;
    }
    typing = false;
    const value = (match[2] ?? match[3] ?? '').trim().replace(/\s+/gu, ' ');
    if (value !== '') filters[field].push(value);
  }
  return {
    text: words.join(' '),
    typing,
    org: filters.org,
    year: filters.year.flatMap((value) => {
      const range = parseYears(value);
      return range === undefined ? [] : [range];
    }),
    theme: filters.theme,
  };
}

function parseYears(value: string): YearRange | undefined {
  const match = /^(\d{4})(?:(?:-|\.\.)(\d{4}))?$/u.exec(value);
  if (match === null) return undefined;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  return from <= to ? { from, to } : { from: to, to: from };
}

/** True when the query holds any filter. */
export function hasFilters(query: ParsedQuery): boolean {
  return query.org.length > 0 || query.year.length > 0 || query.theme.length > 0;
}
