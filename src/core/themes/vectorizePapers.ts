import { extractWords, plainVocabulary, type Word, type WordForm } from './extractWords';
import { type SparseVector } from './sphericalKMeans';

/** A paper's words, split into the title's and the abstract's. */
export interface PaperWords {
  readonly title: readonly Word[];
  readonly abstract: readonly Word[];
}

/** The TF-IDF space the papers are clustered in. */
export interface PaperVectors {
  readonly words: readonly PaperWords[];
  readonly vectors: readonly SparseVector[];
  /** Feature names (`stem` or `stem stem`), indexed like vector indices. */
  readonly features: readonly string[];
}

/** Options that shape the vector space. */
export interface VectorOptions {
  /** How many times a title occurrence counts against one in the abstract. */
  readonly titleWeight: number;
  /** Ignore features in more than this share of papers: they separate nothing. */
  readonly maxDocumentShare: number;
}

/**
 * Words of every paper and their TF-IDF vectors over stems and adjacent stem
 * pairs (pairs catch `object navigation` where the single words are common).
 * Sublinear term frequency, titles weighted up, features seen in one paper
 * dropped since they cannot group anything.
 */
export function vectorizePapers(
  texts: readonly { readonly title: string; readonly abstract: string }[],
  options: VectorOptions,
): PaperVectors {
  const vocabulary = plainVocabulary(texts.flatMap((text) => [text.title, text.abstract]));
  const stems = new Map<string, WordForm>();
  const words = texts.map((text) => ({
    title: extractWords(text.title, vocabulary, stems),
    abstract: extractWords(text.abstract, vocabulary, stems),
  }));
  const counts = words.map((paper) => {
    const count = new Map<string, number>();
    addFeatures(count, paper.title, options.titleWeight);
    addFeatures(count, paper.abstract, 1);
    return count;
  });
  const documentFrequency = new Map<string, number>();
  for (const count of counts) for (const feature of count.keys()) documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);

  const n = texts.length;
  const maxDocuments = Math.max(2, options.maxDocumentShare * n);
  const keep = (cap: number): string[] =>
    [...documentFrequency]
      .filter(([, df]) => df >= 2 && df <= cap)
      .map(([feature]) => feature)
      .sort();
  let features = keep(maxDocuments);
  // In a library dominated by one topic the cap can leave a paper with no
  // features at all; then keep the common ones too, IDF still damps them.
  const kept = new Set(features);
  if (counts.some((count) => ![...count.keys()].some((feature) => kept.has(feature)))) features = keep(n);
  const featureIndex = new Map(features.map((feature, index) => [feature, index]));
  const vectors = counts.map((count) => {
    const entries: [number, number][] = [];
    for (const [feature, tf] of count) {
      const index = featureIndex.get(feature);
      if (index === undefined) continue;
      entries.push([index, (1 + Math.log(tf)) * Math.log(n / documentFrequency.get(feature)!)]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    const norm = Math.sqrt(entries.reduce((sum, [, value]) => sum + value * value, 0)) || 1;
    return {
      indices: Int32Array.from(entries, ([index]) => index),
      values: Float64Array.from(entries, ([, value]) => value / norm),
    };
  });
  return { words, vectors, features };
}

function addFeatures(count: Map<string, number>, words: readonly Word[], weight: number): void {
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    if (word.stop) continue;
    count.set(word.stem, (count.get(word.stem) ?? 0) + weight);
    const next = words[i + 1];
    if (next !== undefined && !next.stop && next.segment === word.segment) {
      const pair = `${word.stem} ${next.stem}`;
      count.set(pair, (count.get(pair) ?? 0) + weight);
    }
  }
}
