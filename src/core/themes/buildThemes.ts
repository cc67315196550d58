import { type Paper, type Theme, type ThemeMembership } from '../paper';
import { describability, labelThemes, nameablePhrases } from './labelThemes';
import { latentSemantics } from './latentSemantics';
import { centroidsOf, findNeighbours, refineWithNeighbours } from './refineWithNeighbours';
import { reshapeThemes, unglueThemes } from './reshapeThemes';
import { dot, sphericalKMeans } from './sphericalKMeans';
import { vectorizePapers } from './vectorizePapers';
import { foldText } from '../text/fold';

/** Knobs of {@link buildThemes}; the defaults suit a library of a few hundred to a few thousand papers. */
export interface BuildThemesOptions {
  /** Number of themes; by default √n clamped to 10–20, fewer for a library under 50 papers (never more than the papers). */
  readonly themeCount?: number;
  /** Seed of every random choice; the same seed and papers give the same themes. */
  readonly seed?: number;
  /** At most this many secondary themes per paper. */
  readonly maxSecondary?: number;
  /**
   * A paper also belongs to another theme when its similarity to that theme
   * reaches this share of its similarity to its primary theme.
   */
  readonly secondaryRatio?: number;
}

/** Themes and, for every paper id, the themes it belongs to. */
export interface ThemeBuild {
  readonly themes: Theme[];
  readonly membership: Record<string, ThemeMembership>;
}

const MIN_THEMES = 10;
const MAX_THEMES = 20;
const LATENT_RANK = 100;
const NEIGHBOURS = 6;
/** Seedings per candidate theme count when the count is free. */
const TRIES_PER_COUNT = 2;

/**
 * Groups papers into themes automatically and names each theme.
 *
 * Method: TF-IDF over title and abstract words and word pairs (titles count
 * three times), projected to 100 latent dimensions (LSA), spherical k-means
 * with k-means++ seeding, then a nearest-neighbour vote that keeps small
 * tight topics together. The number of themes is chosen between 10 and the
 * √n default: of a few seedings per count, the partition whose clusters the
 * papers' own title phrases describe best ({@link describability}) wins.
 * Then {@link reshapeThemes} makes every theme nameable: a grab bag that no
 * phrase covers sheds the papers its description does not mention, and a
 * narrow topic hidden in a larger theme (papers sharing a title phrase)
 * splits off, keeping between 10 and the √n default themes, and a theme
 * whose best description is two phrases naming disjoint small parts of it
 * sheds the smaller part ({@link unglueThemes}). Labels come
 * from {@link labelThemes}, never made only of generic vocabulary.
 *
 * Deterministic: papers are processed in id order and all randomness is
 * seeded, so the same papers give byte-identical output whatever their order.
 * Themes are ordered by size (largest first), then label; ids are
 * `t01-<label-slug>` in that order; each theme lists its papers most typical first.
 */
export function buildThemes(papers: readonly Paper[], options: BuildThemesOptions = {}): ThemeBuild {
  const sorted = [...papers].sort((a, b) => compare(a.id, b.id));
  if (sorted.length === 0) return { themes: [], membership: {} };
  const seed = options.seed ?? 0x5eed;

  const space = vectorizePapers(sorted, { titleWeight: 3, maxDocumentShare: 0.5 });
  const rank = Math.min(LATENT_RANK, sorted.length, space.features.length);
  const latent = rank > 0 ? latentSemantics(space.vectors, space.features.length, rank, seed) : space.vectors;
  const dimension = rank > 0 ? rank : space.features.length;
  const inputs = sorted.map((paper, i) => ({
    title: paper.title,
    abstract: paper.abstract,
    titleWords: space.words[i]!.title,
    abstractWords: space.words[i]!.abstract,
  }));
  const nameables = nameablePhrases(inputs);

  const counts = themeCounts(sorted.length, options.themeCount);
  // A fixed count keeps the most cohesive of several restarts. A free count
  // tries a few seedings per count and lets describability judge them all:
  // cohesion alone cannot tell a nameable topic from a grab bag.
  const free = counts.length > 1;
  const restarts = free ? 1 : sorted.length <= 1000 ? 10 : 4;
  const tries = free && sorted.length <= 1000 ? TRIES_PER_COUNT : 1;
  let neighbours: ReturnType<typeof findNeighbours> | undefined;
  let chosen: { assignment: Int32Array; centroids: Float64Array[]; k: number; quality: number } | undefined;
  for (const k of counts) {
    for (let attempt = 0; attempt < tries; attempt += 1) {
      const clustering = sphericalKMeans(latent, dimension, k, { seed: seed + 7 * k + 1000 * attempt, restarts });
      neighbours ??= findNeighbours(latent, dimension, NEIGHBOURS, clustering.assignment, k);
      const refined = refineWithNeighbours(latent, dimension, clustering.assignment, k, { neighbours, pull: 0.5 });
      // The partition whose themes the papers' own phrases name best wins; ties go to fewer themes.
      const quality = free ? describability(nameables, refined.assignment, k) : 0;
      if (chosen === undefined || quality > chosen.quality + 1e-9) chosen = { ...refined, k, quality };
    }
  }
  // A chosen count is kept as asked; a free one may change while grab bags
  // dissolve and narrow topics split off.
  const reshaped = free
    ? reshapeThemes(latent, dimension, nameables, chosen!.assignment, chosen!.k, { minThemes: counts[0]!, maxThemes: counts[counts.length - 1]! })
    : { assignment: chosen!.assignment, clusterCount: chosen!.k };
  const unglued = free ? unglueThemes(latent, dimension, nameables, reshaped.assignment, reshaped.clusterCount) : reshaped.assignment;
  const { assignment, clusterCount } = dropEmptyClusters(unglued, reshaped.clusterCount);
  const centroids = centroidsOf(latent, dimension, assignment, clusterCount);

  const labels = labelThemes(inputs, assignment, clusterCount, nameables);

  const similarity = latent.map((vector) => centroids.map((centroid) => dot(vector, centroid)));
  const order = Array.from({ length: clusterCount }, (_, c) => c);
  const sizes = order.map((c) => assignment.filter((a) => a === c).length);
  order.sort((a, b) => sizes[b]! - sizes[a]! || compare(labels[a]!.label, labels[b]!.label));
  const ids = new Array<string>(clusterCount);
  order.forEach((cluster, position) => {
    ids[cluster] = `t${String(position + 1).padStart(2, '0')}-${slug(labels[cluster]!.label)}`;
  });

  const themes: Theme[] = order.map((cluster) => ({
    id: ids[cluster]!,
    label: labels[cluster]!.label,
    terms: labels[cluster]!.terms,
    paperIds: sorted
      .map((paper, i) => ({ id: paper.id, i }))
      .filter(({ i }) => assignment[i] === cluster)
      .sort((a, b) => similarity[b.i]![cluster]! - similarity[a.i]![cluster]! || compare(a.id, b.id))
      .map(({ id }) => id),
  }));

  const maxSecondary = options.maxSecondary ?? 2;
  const ratio = options.secondaryRatio ?? 0.8;
  const membership: Record<string, ThemeMembership> = {};
  sorted.forEach((paper, i) => {
    const primary = assignment[i]!;
    const own = similarity[i]![primary]!;
    const secondary = order
      .filter((c) => c !== primary && own > 0 && similarity[i]![c]! >= ratio * own)
      .sort((a, b) => similarity[i]![b]! - similarity[i]![a]! || a - b)
      .slice(0, maxSecondary)
      .map((c) => ids[c]!);
    membership[paper.id] = { primary: ids[primary]!, secondary };
  });
  return { themes, membership };
}

/**
 * About √n themes of about √n papers each, kept to a table of contents' 10–20
 * sections. A small library (under 50 papers) cannot fill ten themes: there
 * the floor falls to one theme per five papers, so a dozen papers make a few
 * themes of several papers rather than ten of one.
 */
function defaultThemeCount(paperCount: number): number {
  const floor = Math.min(MIN_THEMES, Math.floor(paperCount / 5));
  return Math.max(1, floor, Math.min(MAX_THEMES, Math.round(Math.sqrt(paperCount))));
}

/**
 * The theme counts to try: a fixed count when asked for one; otherwise from
 * the table of contents' floor up to the √n default, so the data can choose
 * fewer, better-named themes. Small libraries keep their default alone.
 */
function themeCounts(paperCount: number, fixed: number | undefined): number[] {
  if (fixed !== undefined) return [Math.min(paperCount, fixed)];
  const ceiling = Math.min(paperCount, defaultThemeCount(paperCount));
  const floor = paperCount >= 5 * MIN_THEMES ? Math.min(MIN_THEMES, ceiling) : ceiling;
  return Array.from({ length: ceiling - floor + 1 }, (_, i) => floor + i);
}

function dropEmptyClusters(assignment: Int32Array, k: number): { assignment: Int32Array; clusterCount: number } {
  const renumber = new Int32Array(k).fill(-1);
  let next = 0;
  for (let c = 0; c < k; c += 1) if (assignment.includes(c)) renumber[c] = next++;
  return { assignment: assignment.map((c) => renumber[c]!), clusterCount: next };
}

function slug(label: string): string {
  return foldText(label)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Code-unit order: locale-independent, so every machine sorts alike. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

