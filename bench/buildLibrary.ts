/**
 * Builds a synthetic library directory for the benchmark WITHOUT the CLI, for
 * sizes where `paper-atlas build` does not finish in benchmark time (100,000
 * papers: theme clustering ran over 25 minutes and was stopped).
 *
 * Everything but the themes is the product's own code, as `paper-atlas build`
 * runs it: the generator's listing, cut into pages of PAGE_SIZE papers (the
 * listing parser takes time quadratic in a page's length: one 100,000-paper
 * page alone would take an estimated ~4.5 minutes), is parsed, merged and
 * keyed by `buildCorpus`, the search index is `PaperIndex.build(...).serialize()`, and
 * the four files are written by `writeLibraryDir`. So the index the benchmark
 * loads and searches is byte-for-byte what the CLI would write for these
 * papers and these themes.
 *
 * Themes (BENCHMARK ONLY, not the product's clustering): `buildThemes`
 * clusters a deterministic sample of the papers (every k-th paper in id order,
 * THEME_SAMPLE papers by default), and every other paper joins the sampled
 * theme whose distinctive terms its title (×3) and abstract mention most,
 * ties and no match going to the largest theme. Themes only reach the index as
 * one short `theme` field per paper (a label of one to four words), so search
 * and load figures barely depend on how they were assigned; the tree's group
 * sizes do.
 *
 *   node --import tsx bench/buildLibrary.ts COUNT OUT_DIR [--theme-sample N] [--seed N]
 */
import { performance } from 'node:perf_hooks';
import { buildCorpus } from '../src/core/corpus/buildCorpus';
import { EMPTY_KEY_LOCK } from '../src/core/corpus/citationKeys';
import { createLibrary } from '../src/core/library/libraryFormat';
import { type Paper, type Theme, type ThemeMembership } from '../src/core/paper';
import { PaperIndex } from '../src/core/search/paperIndex';
import { indexTerms } from '../src/core/search/searchTerms';
import { buildThemes } from '../src/core/themes/buildThemes';
import { writeLibraryDir } from '../src/node/libraryFiles';
import { generateListing } from './generate';

export const THEME_SAMPLE = 5000;
/** Papers per listing page: parseListing's time grows with the square of a page's lines (10,000 papers: 2.7 s, 20,000: 10.7 s). */
export const PAGE_SIZE = 5000;

/**
 * Cuts the generator's one listing page into pages of `size` papers, each with
 * the page header: the same entries, in the same order, as several captured pages.
 * The generator writes a 4-line header, then 8 lines per paper.
 */
export function listingPages(text: string, size: number): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const header = lines.slice(0, 4);
  const pages: string[] = [];
  for (let at = 4; at < lines.length; at += 8 * size) pages.push(`${[...header, ...lines.slice(at, at + 8 * size)].join('\n')}\n`);
  return pages;
}

/** Themes for all papers from a clustering of a sample of them (see the file comment). */
export function sampledThemes(papers: readonly Paper[], sampleSize: number): { themes: Theme[]; membership: Record<string, ThemeMembership> } {
  const byId = [...papers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const step = Math.max(1, Math.floor(byId.length / sampleSize));
  const sample = byId.filter((_, i) => i % step === 0).slice(0, sampleSize);
  const sampled = buildThemes(sample);
  if (sample.length === byId.length) return sampled;
  const sampledIds = new Set(sample.map((p) => p.id));
  // Theme term (a word or a phrase of words) → the themes it describes, weighted by rank.
  const termThemes = new Map<string, { theme: number; weight: number; words: string[] }[]>();
  sampled.themes.forEach((theme, t) => {
    theme.terms.forEach((term, rank) => {
      const words = indexTerms(term);
      if (words.length === 0) return;
      const entry = { theme: t, weight: 1 / (1 + rank * 0.1), words };
      const list = termThemes.get(words[0]!) ?? [];
      list.push(entry);
      termThemes.set(words[0]!, list);
    });
  });
  const largest = sampled.themes.reduce((best, theme, t) => (theme.paperIds.length > sampled.themes[best]!.paperIds.length ? t : best), 0);
  const members: string[][] = sampled.themes.map((theme) => [...theme.paperIds]);
  const membership: Record<string, ThemeMembership> = { ...sampled.membership };
  const scores = new Float64Array(sampled.themes.length);
  for (const paper of byId) {
    if (sampledIds.has(paper.id)) continue;
    scores.fill(0);
    const counts = new Map<string, number>();
    for (const w of indexTerms(paper.title)) counts.set(w, (counts.get(w) ?? 0) + 3);
    for (const w of indexTerms(paper.abstract, 'abstract')) counts.set(w, (counts.get(w) ?? 0) + 1);
    for (const [word, count] of counts) {
      for (const entry of termThemes.get(word) ?? []) {
        if (entry.words.every((w) => counts.has(w))) scores[entry.theme]! += entry.weight * Math.log1p(count);
      }
    }
    let best = largest;
    for (let t = 0; t < scores.length; t += 1) if (scores[t]! > scores[best]!) best = t;
    members[best]!.push(paper.id);
    membership[paper.id] = { primary: sampled.themes[best]!.id, secondary: [] };
  }
  return { themes: sampled.themes.map((theme, t) => ({ ...theme, paperIds: members[t]! })), membership };
}

async function main(): Promise<void> {
  const [countText, out] = process.argv.slice(2);
  const option = (name: string, fallback: number): number => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
  if (countText === undefined || out === undefined) {
    console.error('usage: buildLibrary COUNT OUT_DIR [--theme-sample N] [--seed N]');
    process.exit(2);
  }
  const count = Number(countText);
  const began = performance.now();
  const step = (what: string) => console.error(`[buildLibrary ${((performance.now() - began) / 1000).toFixed(1).padStart(6)} s] ${what}`);
  const text = generateListing(count, option('--seed', 1));
  step(`generated ${count} papers (${(text.length / 1e6).toFixed(0)} MB of listing)`);
  const sources = listingPages(text, PAGE_SIZE).map((page, i) => ({ source: { file: `synthetic-${count}-${String(i + 1).padStart(3, '0')}.txt`, format: 'hf-daily' as const, captureYear: 2025 }, text: page }));
  const corpus = buildCorpus(sources, EMPTY_KEY_LOCK);
  if (corpus.diagnostics.length > 0) throw new Error(`${corpus.diagnostics.length} problems in the synthetic listing, e.g. line ${corpus.diagnostics[0]!.line}: ${corpus.diagnostics[0]!.message}`);
  step(`buildCorpus: ${corpus.papers.length} papers from ${sources.length} pages`);
  const themes = sampledThemes(corpus.papers, option('--theme-sample', THEME_SAMPLE));
  step(`themes: ${themes.themes.length} (clustered on a sample, the rest assigned by theme terms)`);
  const index = PaperIndex.build(corpus.papers, themes);
  step('PaperIndex.build');
  const serialized = index.serialize();
  step(`serialize: ${(serialized.length / 1e6).toFixed(0)} MB`);
  const library = createLibrary({ name: `Synthetic ${count} (benchmark)`, sources: sources.map((s) => s.source.file), entryCount: corpus.entryCount, mergedCount: corpus.mergedCount, papers: corpus.papers, themes, index: serialized });
  await writeLibraryDir(out, library);
  step(`written to ${out}`);
}

if (process.argv[1]?.endsWith('buildLibrary.ts') || process.argv[1]?.endsWith('buildLibrary.js')) void main();
