/**
 * The domain records every part of Paper Atlas shares: the CLI, the extension
 * and the webview all read papers and themes in these shapes.
 */

/** An organisation as a listing page shows it: `AI-at-Meta Meta AI`. */
export interface Organisation {
  /** The page's handle, e.g. `AI-at-Meta`. */
  readonly handle: string;
  /** The display name, e.g. `Meta AI`; the handle when the page gives one token. */
  readonly name: string;
}

/** One paper, merged from every listing it appears on. */
export interface Paper {
  /** Stable id derived from the normalised title; never changes for a paper. */
  readonly id: string;
  /** Citation key, valid as a bare Pandoc key and stable once assigned (see the key lock file). */
  readonly key: string;
  /** The title as written (`A^2FM`, `TÜLU 3` intact). */
  readonly title: string;
  readonly abstract: string;
  readonly authorCount?: number;
  readonly org?: Organisation;
  /**
   * Publication date, ISO `YYYY-MM-DD`; a user's reference may give only
   * `YYYY-MM` or `YYYY`, and keeps that precision rather than inventing a day.
   */
  readonly date?: string;
  readonly upvotes?: number;
  /** Author display names (`Ada Lovelace`, `World Health Organization`), in order; from a user's reference, absent for listings. */
  readonly authors?: readonly string[];
  /** Where it appeared: journal, proceedings or other container title. */
  readonly venue?: string;
  /** The DOI, bare (`10.1000/xyz`), as the reference gives it. */
  readonly doi?: string;
  readonly url?: string;
  readonly keywords?: readonly string[];
  /** The reference's type as its file names it: a BibTeX entry type (`article`, `inproceedings`) or a CSL type (`paper-conference`). */
  readonly entryType?: string;
  /** Source files (names only) the paper was read from. */
  readonly sources: readonly string[];
  /**
   * Where each copy of the paper was read (file name and the 1-based line of
   * its title), in source order; lets a person check a merge against the
   * listings. Absent for papers that did not come from a listing.
   */
  readonly locations?: readonly SourceLocation[];
}

/** A line in a source listing. */
export interface SourceLocation {
  /** File name, no directory. */
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
}

/** A group of papers on one topic, found by clustering. */
export interface Theme {
  /** Stable within one build, e.g. `t03-gui-agents`. */
  readonly id: string;
  /** A short, readable section heading, e.g. `GUI Agents`. */
  readonly label: string;
  /** The terms that distinguish the cluster, best first. */
  readonly terms: readonly string[];
  /** Ids of the papers whose primary theme this is. */
  readonly paperIds: readonly string[];
}

/** Which themes a paper belongs to: one primary, maybe a few secondary. */
export interface ThemeMembership {
  readonly primary: string;
  readonly secondary: readonly string[];
}
