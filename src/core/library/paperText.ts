import type { Paper } from '../paper';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2025-07-19` → `Jul 19, 2025`; independent of the host's locale so tests and screenshots are stable. */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = match ? months[Number(match[2]) - 1] : undefined;
  return match && month ? `${month} ${Number(match[3])}, ${match[1]}` : iso;
}

/** The one-line details of a paper: organisation · date · upvotes, whichever are known. */
export function describePaper(paper: Paper): string {
  const parts: string[] = [];
  if (paper.org) parts.push(paper.org.name);
  if (paper.date) parts.push(formatDate(paper.date));
  if (paper.upvotes !== undefined) parts.push(`▲ ${paper.upvotes}`);
  return parts.join(' · ');
}
