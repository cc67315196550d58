/** Reads corpus source listings from disk for the build. */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type SourceText } from '../core/corpus/buildCorpus';
import { detectSourceFormat, parseSourceManifest } from '../core/corpus/sourceManifest';

/**
 * A source file could not be read. `role` says how the build came to read
 * it: named on the command line (`listing`, `manifest`) or listed in the
 * manifest (`listed`), which decides whose mistake a missing file is.
 */
export class SourceReadError extends Error {
  override readonly name = 'SourceReadError';
  constructor(
    readonly path: string,
    readonly role: 'listing' | 'manifest' | 'listed',
    readonly code: string | undefined,
    options: { cause: unknown },
  ) {
    super(`cannot read ${path}: ${options.cause instanceof Error ? options.cause.message : String(options.cause)}`, options);
  }
}

/**
 * Reads the manifest and every listing it names (relative to the manifest's
 * directory, so the build reads only the project's own copies).
 *
 * @throws {SourceManifestError} for a bad manifest; {@link SourceReadError} for a file that cannot be read.
 */
export async function readManifestSources(manifestPath: string): Promise<SourceText[]> {
  const manifest = parseSourceManifest(decode(await readSource(manifestPath, 'manifest')));
  const dir = dirname(manifestPath);
  return Promise.all(manifest.sources.map(async (source) => ({ source, text: decode(await readSource(join(dir, source.file), 'listed')) })));
}

/**
 * Reads listings named on the command line, with no manifest: the format is
 * detected from each file's header and dates without a year fall in
 * `captureYear`.
 *
 * @throws {SourceReadError} for a file that cannot be read.
 */
export async function readLooseSources(paths: readonly string[], captureYear: number): Promise<SourceText[]> {
  return Promise.all(
    paths.map(async (path) => {
      const text = decode(await readSource(path, 'listing'));
      return { source: { file: basename(path), format: detectSourceFormat(text), captureYear }, text };
    }),
  );
}

async function readSource(path: string, role: SourceReadError['role']): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new SourceReadError(path, role, (error as NodeJS.ErrnoException).code, { cause: error });
  }
}

// Decoding leniently (bad bytes become U+FFFD) lets the parser report binary
// garbage with a line number instead of the read failing.
function decode(bytes: Buffer): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}
