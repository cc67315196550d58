import { type Paper } from '../paper';
import { assignCitationKeys, type CitationKeyLock } from './citationKeys';
import { type CorpusDiagnostic } from './corpusDiagnostic';
import { mergeEntries } from './mergeEntries';
import { parseListing } from './parseListing';
import { type SourceDescriptor } from './sourceManifest';

/** A source listing's text with the manifest entry that says how to read it. */
export interface SourceText {
  readonly source: SourceDescriptor;
  readonly text: string;
}

/** The papers the sources describe, keyed, and everything a report needs. */
export interface CorpusBuild {
  /** Merged papers in order of first appearance, each with its citation key. */
  readonly papers: Paper[];
  /** The key lock extended with keys for papers it did not know. */
  readonly lock: CitationKeyLock;
  /** Ids of papers that got a new key in this build. */
  readonly newKeys: readonly string[];
  /** Parse problems; a build with any must not be published. */
  readonly diagnostics: readonly CorpusDiagnostic[];
  readonly entryCount: number;
  /** Papers listed more than once. */
  readonly mergedCount: number;
}

/**
 * Parses every source, merges the entries into papers and keys them against
 * the lock. Parsing continues past problems so that one run reports all of
 * them; the caller decides that diagnostics mean failure.
 */
export function buildCorpus(sources: readonly SourceText[], lock: CitationKeyLock): CorpusBuild {
  const parses = sources.map(({ source, text }) => parseListing(text, source));
  const merged = mergeEntries(parses.flatMap((p) => p.entries));
  const assignment = assignCitationKeys(merged.papers, lock);
  const papers = merged.papers.map((paper): Paper => {
    const key = assignment.keys.get(paper.id);
    if (key === undefined) throw new Error(`no key assigned to paper ${paper.id}`);
    // Key right after the id, so papers.json reads naturally.
    const { id, ...rest } = paper;
    return { id, key, ...rest };
  });
  return {
    papers,
    lock: assignment.lock,
    newKeys: assignment.added,
    diagnostics: parses.flatMap((p) => p.diagnostics),
    entryCount: merged.entryCount,
    mergedCount: merged.mergedCount,
  };
}
