/**
 * Pandoc's bracketed citation groups (`[@x]`, `[see @x, p. 3; -@y]`): finding
 * the one around the cursor and adding keys to it.
 */
import { missingEntries } from '../bibliography/missingEntries';
import { mayStartCitation, parseKeyAfterAt } from './citationKey';
import { maskNonProse } from './proseMask';
import { type OffsetRange, type TextEdit } from '../text/textEdit';

/** One citation in a group: `prefix -@key suffix`. */
export interface GroupItem {
  readonly key: string;
  /** Range of `@key` (or `@{key}`), without a suppressing `-`. */
  readonly keyRange: OffsetRange;
  readonly suppressAuthor: boolean;
  /** Text before the key, e.g. `see `, untrimmed. */
  readonly prefix: OffsetRange;
  /** Text after the key, e.g. `, p. 3`, untrimmed. */
  readonly suffix: OffsetRange;
}

/** A citation group: `start` is the offset of `[`, `end` the offset just past `]`. */
export interface CitationGroup extends OffsetRange {
  readonly items: readonly GroupItem[];
}

/** Offset of the `]` matching the `[` at `open`, within one paragraph, or -1. */
function matchingBracket(masked: string, open: number): number {
  let depth = 0;
  for (let i = open; i < masked.length; i++) {
    const c = masked[i];
    if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
    else if (c === '\n' && /^[ \t]*(\r?\n|$)/.test(masked.slice(i + 1, i + 3 + 64))) return -1;
  }
  return -1;
}

/** Parses `masked[open..close]` as a citation group; every `;`-separated part must hold a key. */
function parseGroup(masked: string, open: number, close: number): CitationGroup | undefined {
  const items: GroupItem[] = [];
  let partStart = open + 1;
  let depth = 0;
  for (let i = open + 1; i <= close; i++) {
    const c = masked[i];
    if (c === '[') depth++;
    else if (c === ']' && i < close) depth--;
    else if ((c === ';' && depth === 0) || i === close) {
      const item = parseItem(masked, partStart, i);
      if (!item) return undefined;
      items.push(item);
      partStart = i + 1;
    }
  }
  return { start: open, end: close + 1, items };
}

function parseItem(masked: string, start: number, end: number): GroupItem | undefined {
  for (let at = masked.indexOf('@', start); at !== -1 && at < end; at = masked.indexOf('@', at + 1)) {
    if (!mayStartCitation(masked, at)) continue;
    const parsed = parseKeyAfterAt(masked, at);
    if (!parsed || parsed.end > end) continue;
    const suppressAuthor = masked[at - 1] === '-';
    return {
      key: parsed.key,
      keyRange: { start: at, end: parsed.end },
      suppressAuthor,
      prefix: { start, end: suppressAuthor ? at - 1 : at },
      suffix: { start: parsed.end, end },
    };
  }
  return undefined;
}

/** Every citation group in the note, in document order; nested brackets belong to the outer group. */
export function parseCitationGroups(text: string, masked: string = maskNonProse(text)): CitationGroup[] {
  const groups: CitationGroup[] = [];
  for (let open = masked.indexOf('['); open !== -1; open = masked.indexOf('[', open + 1)) {
    // `![…]` is an image and `[^…]` a footnote reference, never a citation group.
    if (masked[open - 1] === '!' || masked[open + 1] === '^') continue;
    const close = matchingBracket(masked, open);
    if (close === -1) continue;
    // `[@x](url)`, `[@x][ref]` and `[@x]{.class}` are links and spans holding an in-text citation.
    if (/[([{]/.test(masked[close + 1] ?? '')) continue;
    const group = parseGroup(masked, open, close);
    if (group) {
      groups.push(group);
      open = close;
    }
  }
  return groups;
}

/**
 * The citation group the cursor at `offset` is inside: after its `[` and no
 * later than just before its `]`.
 */
export function findCitationGroup(text: string, offset: number, masked?: string): CitationGroup | undefined {
  return parseCitationGroups(text, masked).find((g) => g.start < offset && offset < g.end);
}


/**
 * The edit that adds citation items to a group, just before its `]`, as
 * `; item`. `items` are written already (e.g. `@a`, `-@a`, `@a, p. 4`).
 */
export function appendItemsEdit(group: CitationGroup, items: readonly string[]): TextEdit | undefined {
  if (items.length === 0) return undefined;
  const at = group.end - 1;
  return { start: at, end: at, newText: items.map((item) => `; ${item}`).join('') };
}


/** The keys of `keys` that `group` does not cite yet, first occurrence kept, in order. */
export function newKeys(group: CitationGroup, keys: readonly string[]): string[] {
  return missingEntries(group.items, keys, (key) => key);
}

/**
 * The edit that removes the citation whose `@` is at `at` (after an optional
 * `-`): the whole group when the key is its only item (`Claim [@x].` →
 * `Claim.`), otherwise the item and one `;` beside it (`[@a; @x]` → `[@a]`);
 * a key outside any group (`@x says`) goes with the space before it.
 * `undefined` when no citation starts at `at`.
 */
export function removeCitationEdit(text: string, at: number, masked: string = maskNonProse(text)): TextEdit | undefined {
  const groups = parseCitationGroups(text, masked);
  const group = groups.find((g) => g.start < at && at < g.end);
  if (group) {
    const index = group.items.findIndex((item) => item.keyRange.start === at);
    const item = group.items[index];
    if (!item) return undefined;
    if (group.items.length === 1) return withSpaceBefore(text, group.start, group.end);
    // An item's range runs from its prefix to its suffix; the `;` sits between two items.
    const previous = group.items[index - 1];
    const next = group.items[index + 1];
    if (previous) return { start: previous.suffix.end, end: item.suffix.end, newText: '' };
    if (!next) return undefined;
    let end = next.prefix.start;
    while (text[end] === ' ' || text[end] === '\t') end++;
    return { start: item.prefix.start, end, newText: '' };
  }
  const parsed = masked[at] === '@' ? parseKeyAfterAt(masked, at) : undefined;
  if (!parsed) return undefined;
  return withSpaceBefore(text, masked[at - 1] === '-' ? at - 1 : at, parsed.end);
}

/** Removes `[start, end)` and the spaces just before it, unless they start the line. */
function withSpaceBefore(text: string, start: number, end: number): TextEdit {
  let from = start;
  while (from > 0 && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  if (from === 0 || text[from - 1] === '\n') from = start;
  return { start: from, end, newText: '' };
}
