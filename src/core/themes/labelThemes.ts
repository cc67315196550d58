// Naming themes, in three steps that each have their own file: gather the
// phrases papers write (phrases.ts), rank them per cluster (scoring.ts),
// and choose each cluster's heading (labels.ts).
import { labelCluster, type ThemeLabel } from './labels';
import { nameablePhrases, type LabelInput, type Nameables } from './phrases';
import { rankAll, type Candidate } from './scoring';

// The names other modules and tests import from here, kept where they were
// when the three files were one.
export { type ThemeLabel } from './labels';
export { displayForm, nameablePhrases, type LabelInput, type Nameables, type Phrase } from './phrases';
export { describability, describeClusters, type ClusterDescription } from './scoring';

/**
 * Names each cluster with its most distinctive phrase of one to three words:
 * a class-based TF-IDF that rewards phrases most of the cluster's papers use
 * (titles count double) and few papers outside it use. The phrase is written
 * the way the papers most often write it, with acronyms kept (`LLM`, `GUI`).
 * When one phrase covers too little of the cluster, a second one that covers
 * other papers is joined with "and". Labels are unique across clusters.
 */
export function labelThemes(
  papers: readonly LabelInput[],
  assignment: Int32Array,
  clusterCount: number,
  nameables: Nameables = nameablePhrases(papers),
): ThemeLabel[] {
  const sizes = new Array<number>(clusterCount).fill(0);
  for (const cluster of assignment) sizes[cluster] = sizes[cluster]! + 1;
  const candidates = rankAll(nameables.all, assignment, sizes);
  const taken = new Set<string>();
  const labels = new Array<ThemeLabel | undefined>(clusterCount);
  for (const cluster of strongestFirst(candidates)) {
    const label = labelCluster(cluster, candidates[cluster]!, sizes[cluster]!, assignment.length, taken);
    taken.add(label.label.toLowerCase());
    labels[cluster] = label;
  }
  return labels.map((label) => label!);
}

/**
 * Clusters ordered by the score of their best phrase, strongest first, so a
 * phrase two clusters want goes to the one it describes best.
 */
function strongestFirst(candidates: readonly (readonly Candidate[])[]): number[] {
  return candidates
    .map((_, cluster) => cluster)
    .sort((a, b) => (candidates[b]![0]?.score ?? 0) - (candidates[a]![0]?.score ?? 0) || a - b);
}
