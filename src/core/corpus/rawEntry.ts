import { type Organisation } from '../paper';

/** A date as a listing shows it, resolved to ISO. */
export interface ListingDate {
  /** ISO `YYYY-MM-DD`. */
  readonly iso: string;
  /** True when the listing omitted the year and the capture year was assumed. */
  readonly yearInferred: boolean;
}

/**
 * One paper entry exactly as one listing shows it, before merging copies of
 * the same paper from other listings.
 */
export interface RawEntry {
  /** The title as written, with page chrome removed. */
  readonly title: string;
  readonly abstract: string;
  readonly authorCount?: number;
  readonly org?: Organisation;
  readonly date?: ListingDate;
  readonly upvotes?: number;
  /** Source file name (no directory). */
  readonly file: string;
  /** 1-based line of the title. */
  readonly line: number;
}
