/**
 * Reads and writes library directories (see `src/core/library.ts`). Node I/O
 * only, no `vscode`: the CLI and the extension both use it.
 */
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LIBRARY_FILES, LibraryFormatError, parseLibrary, serializeLibrary, type Library, type LibraryFileName } from '../core/library/libraryFormat';

/**
 * Reads and checks the library in `dir`.
 *
 * @throws {LibraryFormatError} if a file is missing or malformed.
 */
export async function readLibraryDir(dir: string): Promise<Library> {
  const texts = await Promise.all(LIBRARY_FILES.map(async (name) => [name, await readLibraryFile(dir, name)] as const));
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
 * Writes the library to `dir`, all or nothing: the files go to a fresh
 * sibling directory, which then replaces `dir` by rename. A build that fails
 * midway leaves the previous library untouched, never a mix of old and new
 * files. (Replacing an existing directory takes two renames; a crash between
 * them leaves the new library beside an `.old` one, not a partial one.)
 */
export async function writeLibraryDir(dir: string, library: Library): Promise<void> {
  const files = serializeLibrary(library);
  const parent = dirname(dir);
  const staging = await mkdtemp(join(parent, `.${basename(dir)}.tmp-`));
  try {
    for (const name of LIBRARY_FILES) await writeFile(join(staging, name), files[name], 'utf8');
    await replaceDir(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

async function replaceDir(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EPERM' && code !== 'EISDIR') throw error;
  }
  const old = `${to}.old-${process.pid}-${Date.now()}`;
  await rename(to, old);
  try {
    await rename(from, to);
  } catch (error) {
    await rename(old, to);
    throw error;
  }
  await rm(old, { recursive: true, force: true });
}

/** Writes a text file by writing a sibling temporary file and renaming it over the target. */
export async function writeTextFileAtomic(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now()}`);
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
