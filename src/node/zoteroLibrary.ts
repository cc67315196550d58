/**
 * Reads a Zotero library from its database without touching the user's
 * Zotero folder. Zotero keeps `zotero.sqlite` open with an exclusive lock
 * while it runs, and opening it with SQLite would need that lock (and could
 * leave a journal behind), so this reads the file's bytes and opens the copy
 * in memory with sql.js (SQLite compiled to WebAssembly: no native module).
 * Nothing is ever opened for writing, locked or created beside the file.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { readBetterBibtexKeys, readZoteroItems, type BetterBibtexKeys } from '../core/zotero/readZoteroItems';
import { type ZoteroItem } from '../core/zotero/zoteroItem';
import { zoteroDataFolderCandidates } from '../core/zotero/zoteroDataFolder';
import { zoteroItemToPaper } from '../core/zotero/zoteroPaper';
import { type Paper } from '../core/paper';

/** The database file's name inside a Zotero data folder. */
export const ZOTERO_DATABASE_FILE = 'zotero.sqlite';
/** Better BibTeX's own database, beside zotero.sqlite. */
export const BETTER_BIBTEX_DATABASE_FILE = 'better-bibtex.sqlite';

/** Thrown when the database cannot be read; the message names the file and says why. */
export class ZoteroReadError extends Error {
  override readonly name = 'ZoteroReadError';
}

/** How hard to try when the file is being written. */
export interface ZoteroReadOptions {
  /** sql.js's `sql-wasm.wasm`; defaults to {@link defaultSqlWasmPath}. */
  readonly wasmPath?: string;
  /** Reads tried before giving up (default 4: the first and 3 retries). */
  readonly attempts?: number;
  /** Pause between reads, in ms (default 500). */
  readonly retryDelayMs?: number;
  /** Waits between attempts; tests replace it to act at that moment. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** A Zotero library as read: the items, the papers made from them, and notes for the log. */
export interface ZoteroLibrary {
  /** The database file read (`…/zotero.sqlite`). */
  readonly file: string;
  readonly items: readonly ZoteroItem[];
  /** One paper per item, in the same order. */
  readonly papers: readonly Paper[];
  readonly warnings: readonly string[];
}

/**
 * Where sql.js's WebAssembly is: next to the running bundle in `dist/` (the
 * build copies it there), else in node_modules (tests, tsx).
 */
export function defaultSqlWasmPath(): string {
  const beside = join(__dirname, 'sql-wasm.wasm');
  // createRequire, not require.resolve: a bundler would try to resolve the
  // latter at build time, and in the bundle the file beside is the one to use.
  return existsSync(beside) ? beside : createRequire(__filename).resolve('sql.js/dist/sql-wasm.wasm');
}

const engines = new Map<string, Promise<SqlJsStatic>>();

/**
 * Opens database bytes in memory. The WebAssembly module is compiled once
 * per `wasmPath` and reused. The caller closes the database.
 */
export async function openZoteroDatabase(bytes: Uint8Array, wasmPath: string): Promise<Database> {
  let engine = engines.get(wasmPath);
  if (engine === undefined) {
    engine = initSqlJs({ locateFile: () => wasmPath });
    engines.set(wasmPath, engine);
    engine.catch(() => engines.delete(wasmPath));
  }
  return new (await engine).Database(bytes);
}

/**
 * The folder an "Add Zotero Library…" file picker should open in: the first
 * candidate from {@link zoteroDataFolderCandidates} that holds
 * `zotero.sqlite`, else the first that exists, else undefined (let the
 * picker choose). Defaults to this process's home, platform and environment.
 */
export function findZoteroDataFolder(home = homedir(), platform: string = process.platform, env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const candidates = zoteroDataFolderCandidates(home, platform, env);
  return candidates.find((dir) => existsSync(join(dir, ZOTERO_DATABASE_FILE))) ?? candidates.find((dir) => existsSync(dir));
}

/** `path` itself if it is a file, else `path/zotero.sqlite` for a data folder. */
export async function resolveZoteroDatabase(path: string): Promise<string> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new ZoteroReadError(error.code === 'ENOENT' ? `${path} does not exist` : `${path}: ${error.message}`);
  });
  if (!info.isDirectory()) return path;
  const file = join(path, ZOTERO_DATABASE_FILE);
  if (!existsSync(file)) throw new ZoteroReadError(`${path} is a folder without ${ZOTERO_DATABASE_FILE}; is it Zotero's data folder?`);
  return file;
}

/**
 * Reads the Zotero library at `path` (a `zotero.sqlite` file or the data
 * folder holding it), with keys from Better BibTeX's database when one sits
 * beside it.
 *
 * While another program is part-way through writing the file (its rollback
 * journal holds a live header, or a write-ahead log holds frames, or the file
 * changed while being read, or SQLite finds it malformed) the bytes are not a
 * consistent database; the read is tried again after a pause, and after the
 * last attempt fails with a {@link ZoteroReadError} naming the file.
 */
export async function readZoteroLibrary(path: string, options: ZoteroReadOptions = {}): Promise<ZoteroLibrary> {
  const file = await resolveZoteroDatabase(path);
  const wasmPath = options.wasmPath ?? defaultSqlWasmPath();
  const betterBibtex = await readBetterBibtexBeside(file, wasmPath, options);
  const read = await withConsistentDatabase(file, wasmPath, options, (db) => readZoteroItems(db, betterBibtex.keys));
  const source = basename(file);
  return {
    file,
    items: read.items,
    papers: read.items.map((item) => zoteroItemToPaper(item, source)),
    warnings: [...betterBibtex.warnings, ...read.warnings],
  };
}

async function readBetterBibtexBeside(file: string, wasmPath: string, options: ZoteroReadOptions): Promise<{ keys?: BetterBibtexKeys; warnings: string[] }> {
  const bbt = join(dirname(file), BETTER_BIBTEX_DATABASE_FILE);
  if (!existsSync(bbt)) return { warnings: [] };
  try {
    return { keys: await withConsistentDatabase(bbt, wasmPath, options, readBetterBibtexKeys), warnings: [] };
  } catch (error) {
    // Its keys only fill gaps; the library is still worth showing without them.
    return { warnings: [`Better BibTeX keys not read: ${error instanceof Error ? error.message : String(error)}`] };
  }
}

/** SQLite's rollback-journal header magic; a zeroed header means no write is under way. */
const JOURNAL_MAGIC = Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);

/** Why `file`'s bytes may be mid-write right now, or undefined if they look settled. */
async function writeInProgress(file: string): Promise<string | undefined> {
  // Zotero runs with locking_mode=EXCLUSIVE, in which SQLite keeps the
  // journal file between transactions and only zeroes its header; the file
  // existing says nothing, a live header says pages are being replaced.
  const journal = await readPrefix(`${file}-journal`, JOURNAL_MAGIC.length);
  if (journal !== undefined && journal.equals(JOURNAL_MAGIC)) return `${basename(file)}-journal shows a write in progress`;
  const wal = await stat(`${file}-wal`).catch(() => undefined);
  if (wal !== undefined && wal.size > 0) return `${basename(file)}-wal holds changes not yet written to the database`;
  return undefined;
}

async function withConsistentDatabase<T>(file: string, wasmPath: string, options: ZoteroReadOptions, use: (db: Database) => T): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 4);
  const delay = options.retryDelayMs ?? 500;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let reason = '';
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    if (attempt > 1) await sleep(delay);
    const busy = await writeInProgress(file);
    if (busy !== undefined) {
      reason = busy;
      continue;
    }
    const before = await statFile(file);
    const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      throw new ZoteroReadError(`${file}: ${error.message}`);
    });
    const after = await statFile(file);
    const busyAfter = await writeInProgress(file);
    if (busyAfter !== undefined || before.mtimeMs !== after.mtimeMs || before.size !== after.size || bytes.length !== after.size) {
      reason = busyAfter ?? 'the file changed while it was read';
      continue;
    }
    let db: Database | undefined;
    try {
      db = await openZoteroDatabase(bytes, wasmPath);
      return use(db);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!/malformed|not a database|corrupt/i.test(message)) {
        throw new ZoteroReadError(`${file}: ${message}`, { cause: error });
      }
      reason = `SQLite reports: ${message}`;
    } finally {
      db?.close();
    }
  }
  throw new ZoteroReadError(
    `${file} could not be read: ${reason} (tried ${attempts} times). If Zotero is saving, try again in a moment; if this persists, close Zotero and retry.`,
  );
}

async function statFile(file: string): Promise<{ mtimeMs: number; size: number }> {
  try {
    return await stat(file);
  } catch (error) {
    throw new ZoteroReadError(`${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

async function readPrefix(file: string, length: number): Promise<Buffer | undefined> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (handle === undefined) return undefined;
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
