/**
 * Reads and writes library directories (see `src/core/library/libraryFormat.ts`). Node I/O
 * only, no `vscode`: the CLI and the extension both use it.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LIBRARY_FILES, LibraryFormatError, parseLibrary, serializeLibrary, type Library, type LibraryFileName, type LibraryFiles } from '../core/library/libraryFormat';

/**
 * Reads and checks the library in `dir`.
 *
 * @throws {LibraryFormatError} if a file is missing or malformed.
 */
export async function readLibraryDir(dir: string): Promise<Library> {
  // The manifest first: a folder that is not a library at all is reported by it, the same way every run.
  const manifest = await readLibraryFile(dir, 'library.json');
  const rest = await Promise.all(LIBRARY_FILES.filter((name) => name !== 'library.json').map(async (name) => [name, await readLibraryFile(dir, name)] as const));
  const texts = [['library.json', manifest] as const, ...rest];
  return parseLibrary(Object.fromEntries(texts) as Record<LibraryFileName, string>);
}

/**
 * Reads one file of the library in `dir`, for readers that load the index
 * later than the rest (the extension does).
 *
 * @throws {LibraryFormatError} if the file is missing.
 */
export async function readLibraryFile(dir: string, name: LibraryFileName): Promise<string> {
  try {
    return await readFile(join(dir, name), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new LibraryFormatError(`${join(dir, name)} is missing; is ${dir} a library built by "paper-atlas build"?`);
    throw error;
  }
}

/**
 * Thrown when `dir` cannot take a library: it is a file, or a folder that
 * holds something other than a library `paper-atlas build` wrote. Nothing has
 * been written when it is thrown.
 */
export class LibraryTargetError extends Error {
  override readonly name = 'LibraryTargetError';
  constructor(
    readonly dir: string,
    readonly reason: 'file' | 'foreign',
  ) {
    super(reason === 'file' ? `${dir} is a file, not a folder` : `${dir} is not a Paper Atlas library`);
  }
}

/**
 * Writes the library to `dir`, which must be missing, empty, or a library an
 * earlier build wrote (anything else throws {@link LibraryTargetError} before
 * a byte is written: `--out .` must never cost a user their files).
 *
 * A new library is written to a sibling folder that is then renamed into
 * place, so a half-written one never appears. An existing one is replaced
 * file by file: every new file is written beside its old one under a
 * temporary name first, and only when all are written are they renamed over
 * the old ones, `library.json` last. A failed write therefore leaves the old
 * library as it was; only a crash between the renames could mix the two.
 * Files in `dir` that are not library files (a README the user added) are
 * never touched.
 *
 * Folders and files get the default modes (0777 and 0666, less the umask),
 * so a library built for others to read can be read by them.
 */
export async function writeLibraryDir(dir: string, library: Library): Promise<void> {
  const files = serializeLibrary(library);
  const existing = await inspectTarget(dir);
  if (existing === 'missing') await writeNewDir(dir, files);
  else await replaceFiles(dir, files);
}

/** What is at `dir` now; throws when it is something we must not write into. */
async function inspectTarget(dir: string): Promise<'missing' | 'present'> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    // ENOTDIR also comes from a file higher up the path (`afile/lib`); only `dir` itself being one is ours to name.
    if (code === 'ENOTDIR' && (await stat(dir).then((info) => !info.isDirectory(), () => false))) throw new LibraryTargetError(dir, 'file');
    throw error;
  }
  if (entries.length === 0) return 'present';
  if (!entries.includes('library.json') || !isLibraryManifest(await readManifestText(join(dir, 'library.json')))) {
    throw new LibraryTargetError(dir, 'foreign');
  }
  return 'present';
}

async function readManifestText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    // A folder named library.json is no library's manifest; a file we may not read is a real failure.
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') return '';
    throw error;
  }
}

/**
 * Whether a `library.json` text is one a build wrote, in any format version
 * (a rebuild is how an old library is upgraded). Its fields together are the
 * mark: a JSON object with a numeric `formatVersion`, a `name`, `sources` and
 * `counts`. The check is deliberately loose about the rest, and strict enough
 * that another tool's `library.json` does not pass.
 */
function isLibraryManifest(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const manifest = value as Record<string, unknown>;
  return typeof manifest['formatVersion'] === 'number' && typeof manifest['name'] === 'string' && Array.isArray(manifest['sources']) && typeof manifest['counts'] === 'object' && manifest['counts'] !== null;
}

async function writeNewDir(dir: string, files: LibraryFiles): Promise<void> {
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  // Not mkdtemp: it creates the folder 0700, and the rename would keep that.
  const staging = join(parent, `.${basename(dir)}.tmp-${uniqueSuffix()}`);
  await mkdir(staging);
  try {
    for (const name of LIBRARY_FILES) await writeFile(join(staging, name), files[name], 'utf8');
    await rename(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

async function replaceFiles(dir: string, files: LibraryFiles): Promise<void> {
  const suffix = uniqueSuffix();
  const temp = (name: LibraryFileName): string => join(dir, `.${name}.tmp-${suffix}`);
  try {
    for (const name of LIBRARY_FILES) await writeFile(temp(name), files[name], 'utf8');
  } catch (error) {
    await Promise.all(LIBRARY_FILES.map((name) => rm(temp(name), { force: true })));
    throw error;
  }
  // library.json last: until it is renamed, a reader still sees the old manifest.
  const order = [...LIBRARY_FILES.filter((name) => name !== 'library.json'), 'library.json' as const];
  for (const name of order) await rename(temp(name), join(dir, name));
}

function uniqueSuffix(): string {
  return `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Writes a text file by writing a sibling temporary file and renaming it over the target. */
export async function writeTextFileAtomic(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.tmp-${uniqueSuffix()}`);
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
