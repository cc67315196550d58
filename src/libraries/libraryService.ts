import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { formatDiagnostic, type CorpusDiagnostic } from '../core/corpus/corpusDiagnostic';
import { isAbsolutePath } from '../core/text/paths';
import { Catalog, BUNDLED_LIBRARY_NAME, type LoadedLibrary } from '../core/library/catalog';
import { readBundledLibrary, readUserLibrary } from '../node/libraryReader';

/** A configured library that could not be loaded, or that loaded without some of its entries. */
export interface LibraryProblem {
  readonly source: string;
  readonly message: string;
  /** True when the library loaded all the same, without the entries the message names. */
  readonly partial?: boolean;
}

const LIBRARIES_SETTING = 'paperAtlas.libraries';
const BUNDLED_SETTING = 'paperAtlas.includeBundledCorpus';

/**
 * Owns the loaded libraries: the bundled corpus (unless hidden) and those the
 * `paperAtlas.libraries` setting lists. Reloads when the setting or a listed
 * file changes, and keeps what failed to load as problems for the view to
 * show — logged once per load, never as a popup.
 */
export class LibraryService implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires after every reload, whether or not anything changed. */
  readonly onDidChange = this.changeEmitter.event;
  private current: Catalog | undefined;
  private currentProblems: LibraryProblem[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private loading: Promise<void> | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(LIBRARIES_SETTING) || e.affectsConfiguration(BUNDLED_SETTING)) this.scheduleReload();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload()),
    );
  }

  get catalog(): Catalog | undefined {
    return this.current;
  }

  get problems(): readonly LibraryProblem[] {
    return this.currentProblems;
  }

  /** Resolves once the first load has finished. */
  ready(): Promise<void> {
    return this.loading ?? this.reload();
  }

  /** Loads every configured library afresh. */
  reload(): Promise<void> {
    const generation = ++this.generation;
    // The Papers view shows its progress bar while libraries load (a large .bib is themed in a worker meanwhile).
    const load = Promise.resolve(vscode.window.withProgress({ location: { viewId: 'paperAtlas.papers' } }, () => this.load(generation)));
    this.loading = load;
    return load;
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    for (const d of [...this.disposables, ...this.watchers]) d.dispose();
    this.changeEmitter.dispose();
  }

  private scheduleReload(): void {
    // Several file events arrive together when a library folder is rebuilt.
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.reload(), 150);
  }

  private async load(generation: number): Promise<void> {
    const started = performance.now();
    const config = vscode.workspace.getConfiguration('paperAtlas');
    const includeBundled = config.get<boolean>('includeBundledCorpus', true);
    const libraries: LoadedLibrary[] = [];
    const problems: LibraryProblem[] = [];
    const loads: Promise<LoadedLibrary | undefined>[] = [];
    if (includeBundled) {
      loads.push(
        readBundledLibrary(this.extensionUri.fsPath).catch((error: unknown) => {
          problems.push({ source: BUNDLED_LIBRARY_NAME, message: messageOf(error) });
          this.log.error(`Could not load the ${BUNDLED_LIBRARY_NAME}`, error);
          return undefined;
        }),
      );
    }
    const userSources = this.configuredSources();
    for (const uri of userSources) {
      loads.push(
        readUserLibrary(uri.toString(), uri.fsPath).catch((error: unknown) => {
          const source = vscode.workspace.asRelativePath(uri);
          problems.push({ source, message: messageOf(error) });
          this.log.error(`Could not load the library ${source}: ${messageOf(error)}`);
          return undefined;
        }),
      );
    }
    for (const library of await Promise.all(loads)) if (library) libraries.push(library);
    if (generation !== this.generation) return;
    for (const library of libraries) if (library.problems) problems.push(this.skippedEntries(library, library.problems));

    this.current = new Catalog(libraries);
    this.currentProblems = problems;
    this.watch(userSources);
    this.log.info(`Loaded ${this.current.size} papers from ${libraries.length} librar${libraries.length === 1 ? 'y' : 'ies'} in ${(performance.now() - started).toFixed(1)} ms`);
    this.changeEmitter.fire();
  }

  /** Logs every entry a library skipped and sums them up in one problem for the view's message. */
  private skippedEntries(library: LoadedLibrary, skipped: readonly CorpusDiagnostic[]): LibraryProblem {
    const source = vscode.workspace.asRelativePath(vscode.Uri.parse(library.id));
    for (const d of skipped) this.log.warn(`${formatDiagnostic(d)} (the rest of ${source} loaded)`);
    const count = `${skipped.length} entr${skipped.length === 1 ? 'y' : 'ies'} skipped`;
    const first = skipped[0];
    return { source, message: first ? `${count}, the first at line ${first.line}: ${first.message}` : count, partial: true };
  }

  /** The `paperAtlas.libraries` entries of every workspace folder, resolved against their folder. */
  private configuredSources(): vscode.Uri[] {
    const seen = new Set<string>();
    const uris: vscode.Uri[] = [];
    const folders = vscode.workspace.workspaceFolders ?? [];
    const scopes: readonly (vscode.WorkspaceFolder | undefined)[] = folders.length > 0 ? folders : [undefined];
    for (const folder of scopes) {
      const entries = vscode.workspace.getConfiguration('paperAtlas', folder?.uri).get<unknown>('libraries', []);
      if (!Array.isArray(entries)) continue;
      for (const entry of entries) {
        if (typeof entry !== 'string' || entry.trim() === '') continue;
        const uri = resolveSource(entry.trim(), folder);
        if (uri && !seen.has(uri.toString())) {
          seen.add(uri.toString());
          uris.push(uri);
        }
      }
    }
    return uris;
  }

  private watch(sources: readonly vscode.Uri[]): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = sources.map((uri) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(uri, '**'));
      const fileWatcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), uri.path.split('/').pop() ?? ''));
      const onEvent = () => this.scheduleReload();
      return vscode.Disposable.from(
        watcher,
        fileWatcher,
        watcher.onDidChange(onEvent),
        watcher.onDidCreate(onEvent),
        watcher.onDidDelete(onEvent),
        fileWatcher.onDidChange(onEvent),
        fileWatcher.onDidCreate(onEvent),
        fileWatcher.onDidDelete(onEvent),
      );
    });
  }
}

/**
 * A `paperAtlas.libraries` entry as a URI: `${workspaceFolder}` and a leading
 * `~` expanded, absolute paths as written, relative ones against the folder
 * whose settings list them (none for user settings without a folder open).
 */
function resolveSource(entry: string, folder: vscode.WorkspaceFolder | undefined): vscode.Uri | undefined {
  let expanded = folder ? entry.replace(/\$\{workspaceFolder\}/g, folder.uri.fsPath) : entry;
  if (expanded === '~' || /^~[\\/]/.test(expanded)) expanded = homedir() + expanded.slice(1);
  if (isAbsolutePath(expanded)) return vscode.Uri.file(expanded);
  return folder ? vscode.Uri.joinPath(folder.uri, expanded) : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
