/**
 * The manifest beside the captured listings (`data/sources/manifest.json`):
 * which file holds which listing format, and the year it was captured in
 * (needed because a Daily Papers page writes recent dates without a year).
 */

/** The listing formats the parser understands; see `/data/sources` and the corpus README. */
export type SourceFormat = 'hf-search' | 'hf-daily';

export const SOURCE_FORMATS: readonly SourceFormat[] = ['hf-search', 'hf-daily'];

/** One captured listing. */
export interface SourceDescriptor {
  /** File name relative to the manifest's directory. */
  readonly file: string;
  readonly format: SourceFormat;
  /** Year the page was captured; a date written without a year (`Jul 19`) falls in it. */
  readonly captureYear: number;
  readonly description?: string;
}

export interface SourceManifest {
  readonly version: 1;
  readonly sources: readonly SourceDescriptor[];
}

/** Thrown for a manifest that cannot be used; the message names the offending field. */
export class SourceManifestError extends Error {
  override readonly name = 'SourceManifestError';
}

/**
 * Parses and checks manifest text. Every field is checked because a typo here
 * would otherwise surface as hundreds of confusing parse diagnostics.
 *
 * @throws {SourceManifestError} on invalid JSON or a missing/ill-typed field.
 */
export function parseSourceManifest(text: string): SourceManifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SourceManifestError(`manifest is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(data) || data['version'] !== 1 || !Array.isArray(data['sources'])) {
    throw new SourceManifestError('manifest must be {"version": 1, "sources": [...]}');
  }
  const seen = new Set<string>();
  const sources = (data['sources'] as unknown[]).map((source, index): SourceDescriptor => {
    const where = `sources[${index}]`;
    if (!isRecord(source)) throw new SourceManifestError(`${where} must be an object`);
    const { file, format, captureYear, description } = source;
    if (typeof file !== 'string' || file === '' || /[/\\]/.test(file)) {
      throw new SourceManifestError(`${where}.file must be a file name beside the manifest`);
    }
    if (seen.has(file)) throw new SourceManifestError(`${where}.file ${file} is listed twice`);
    seen.add(file);
    if (!SOURCE_FORMATS.includes(format as SourceFormat)) {
      throw new SourceManifestError(`${where}.format must be one of ${SOURCE_FORMATS.join(', ')}`);
    }
    if (typeof captureYear !== 'number' || !Number.isInteger(captureYear) || captureYear < 1900 || captureYear > 9999) {
      throw new SourceManifestError(`${where}.captureYear must be a four-digit year`);
    }
    if (description !== undefined && typeof description !== 'string') {
      throw new SourceManifestError(`${where}.description must be a string`);
    }
    return { file, format: format as SourceFormat, captureYear, ...(description === undefined ? {} : { description }) };
  });
  return { version: 1, sources };
}

/**
 * Guesses a listing's format from its header, for `build <files…>` without a
 * manifest. A Daily Papers page carries a `Daily Papers` header line; a search
 * page does not.
 */
export function detectSourceFormat(text: string): SourceFormat {
  const head = text.slice(0, 2000).split(/\r\n|\r|\n/).slice(0, 20);
  return head.some((line) => line.trim() === 'Daily Papers') ? 'hf-daily' : 'hf-search';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
