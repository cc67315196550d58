import { type Paper } from '../paper';
import { normaliseTitle, paperIdForTitle } from './paperIdentity';
import { type ListingDate, type RawEntry } from './rawEntry';

/** A merged paper before its citation key is assigned. */
export type UnkeyedPaper = Omit<Paper, 'key'>;

/** The papers the entries describe, and how much merging it took. */
export interface MergeResult {
  /** One per distinct normalised title, in order of first appearance. */
  readonly papers: UnkeyedPaper[];
  /** Number of entries merged. */
  readonly entryCount: number;
  /** Papers that were listed more than once. */
  readonly mergedCount: number;
}

/**
 * Merges the entries that describe the same paper (same {@link normaliseTitle})
 * into one paper that keeps the richest metadata of its copies: a listing may
 * show a paper with metadata on one page and bare on another.
 *
 * Per field: the title as written by the copy with the most metadata (a Daily
 * Papers copy over a bare search hit; the first on a tie), the longest
 * abstract (a listing may cut one short), the first author count and
 * organisation, a date with an explicit year over one whose year was assumed,
 * and the highest upvote count (the most recent capture). Every source file
 * and line is kept.
 *
 * @throws {Error} if two different titles hash to the same paper id, which
 *   would silently mix two papers' keys and themes.
 */
export function mergeEntries(entries: readonly RawEntry[]): MergeResult {
  const groups = new Map<string, RawEntry[]>();
  for (const entry of entries) {
    const norm = normaliseTitle(entry.title);
    const group = groups.get(norm);
    if (group) group.push(entry);
    else groups.set(norm, [entry]);
  }
  const byId = new Map<string, string>();
  const papers: UnkeyedPaper[] = [];
  for (const [norm, copies] of groups) {
    const paper = mergeCopies(copies);
    const clash = byId.get(paper.id);
    if (clash !== undefined) throw new Error(`paper id ${paper.id} is shared by "${clash}" and "${norm}"`);
    byId.set(paper.id, norm);
    papers.push(paper);
  }
  return { papers, entryCount: entries.length, mergedCount: [...groups.values()].filter((g) => g.length > 1).length };
}

function mergeCopies(copies: readonly RawEntry[]): UnkeyedPaper {
  const first = copies[0];
  if (!first) throw new Error('mergeCopies needs at least one copy');
  const richest = copies.reduce((best, copy) => (richness(copy) > richness(best) ? copy : best), first);
  const abstract = copies.reduce((best, copy) => (copy.abstract.length > best.length ? copy.abstract : best), first.abstract);
  const authorCount = copies.find((c) => c.authorCount !== undefined)?.authorCount;
  const org = copies.find((c) => c.org !== undefined)?.org;
  const date = bestDate(copies.flatMap((c) => (c.date ? [c.date] : [])));
  const upvoteCounts = copies.flatMap((c) => (c.upvotes === undefined ? [] : [c.upvotes]));
  return {
    id: paperIdForTitle(richest.title),
    title: richest.title,
    abstract,
    ...(authorCount === undefined ? {} : { authorCount }),
    ...(org === undefined ? {} : { org }),
    ...(date === undefined ? {} : { date: date.iso }),
    ...(upvoteCounts.length === 0 ? {} : { upvotes: Math.max(...upvoteCounts) }),
    sources: [...new Set(copies.map((c) => c.file))],
    locations: copies.map((c) => ({ file: c.file, line: c.line })),
  };
}

function richness(entry: RawEntry): number {
  return [entry.authorCount, entry.org, entry.date, entry.upvotes].filter((v) => v !== undefined).length;
}

function bestDate(dates: readonly ListingDate[]): ListingDate | undefined {
  return dates.find((d) => !d.yearInferred) ?? dates[0];
}
