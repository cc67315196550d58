/** Reads a built library directory the way the extension does, for the probes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLibrary, type Library } from '../../src/core/library/libraryFormat';

export function readLibrary(dir: string, withIndex = true): Library {
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  return parseLibrary({ 'library.json': read('library.json'), 'papers.json': read('papers.json'), 'themes.json': read('themes.json'), 'index.json': withIndex ? read('index.json') : '' });
}

/** Median and p95 of samples (nearest rank). */
export function stats(samples: readonly number[]): { median: number; p95: number; max: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? NaN, n: sorted.length };
}

/** Every prefix of a query, as typed one character at a time. */
export function keystrokes(query: string): string[] {
  const out: string[] = [];
  for (let i = 1; i <= query.length; i += 1) out.push(query.slice(0, i));
  return out;
}

/** Prints the probe's result as one JSON line for the runner. */
export function report(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
