import { type ListingDate } from './rawEntry';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// `Jul 19`, `Jul 19 2` (2 upvotes), `Dec 3, 2024`, `Dec 3, 2024 7`. The comma
// is what tells a year from an upvote count, so it is required before a year.
const DATE_LINE = /^([A-Z][a-z]{2}) (\d{1,2})(?:, (\d{4}))?(?: (\d{1,7}))?$/;

/** A listing's date line: the date, and the upvote count the page showed beside it. */
export interface DateLine {
  readonly date: ListingDate;
  readonly upvotes?: number;
}

/**
 * Reads a date line (`Jul 19 2`, `Mon D, YYYY`), assuming `captureYear` when
 * the page left the year out (Daily Papers does for the current year).
 *
 * @returns `undefined` if the line is not a date line; a string message if it
 *   looks like one but names an impossible date (`Feb 30`).
 */
export function parseDateLine(line: string, captureYear: number): DateLine | string | undefined {
  const match = DATE_LINE.exec(line.trim());
  if (!match) return undefined;
  const [, monthName = '', dayText = '', yearText, upvoteText] = match;
  const month = MONTHS.indexOf(monthName) + 1;
  if (month === 0) return undefined;
  const day = Number(dayText);
  const year = yearText === undefined ? captureYear : Number(yearText);
  if (day < 1 || day > daysInMonth(year, month)) return `${line.trim()} is not a real date`;
  const iso = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
  const date: ListingDate = { iso, yearInferred: yearText === undefined };
  return upvoteText === undefined ? { date } : { date, upvotes: Number(upvoteText) };
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
