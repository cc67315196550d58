/** Reads corpus source listings from disk for the build. */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type SourceText } from '../core/corpus/buildCorpus';
import { detectSourceFormat, parseSourceManifest } from '../core/corpus/sourceManifest';

/**
 * Reads the manifest and every listing it names (relative to the manifest's
 * directory, so the build reads only the project's own copies).
 *
 * @throws {SourceManifestError} for a bad manifest; a Node error for a missing file.
 */
export async function readManifestSources(manifestPath: string): Promise<SourceText[]> {
  const manifest = parseSourceManifest(await readFile(manifestPath, 'utf8'));
  const dir = dirname(manifestPath);
  return Promise.all(manifest.sources.map(async (source) => ({ source, text: decode(await readFile(join(dir, source.file))) })));
}

/**
 * Reads listings named on the command line, with no manifest: the format is
 * detected from each file's header and dates without a year fall in
 * `captureYear`.
 */
export async function readLooseSources(paths: readonly string[], captureYear: number): Promise<SourceText[]> {
  return Promise.all(
    paths.map(async (path) => {
      const text = decode(await readFile(path));
      return { source: { file: basename(path), format: detectSourceFormat(text), captureYear }, text };
    }),
  );
}

// Decoding leniently (bad bytes become U+FFFD) lets the parser report binary
// garbage with a line number instead of the read failing.
function decode(bytes: Buffer): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}
