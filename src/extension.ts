import * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import { PaperSearch } from './core/search/paperSearch';
import { LibraryService } from './libraries/libraryService';
import { RecentPapers } from './libraries/recentPapers';
import { BibliographySync } from './markdown/bibliographySync';
import { MarkdownEditorTracker } from './markdown/markdownEditors';
import { registerMarkdownFeatures } from './markdown/registerMarkdownFeatures';
import { PaperPanelManager } from './panels/paperPanel';
import { paperViewHost } from './panels/paperViewHost';
import { PapersView } from './views/papersView';
import { PapersViewState } from './views/papersViewState';

/** The extension's long-lived objects, for the integration tests and the benchmark. */
export interface PaperAtlasApi {
  readonly atlas: {
    readonly library: LibraryService;
    readonly search: PaperSearch;
    readonly panels: PaperPanelManager;
    readonly papersView: PapersView;
    readonly viewState: PapersViewState;
    readonly log: vscode.LogOutputChannel;
  };
  /** activate() entered → returned, ms. */
  readonly timings: { readonly activateMs: number };
}

/**
 * Composition root: builds Paper Atlas's long-lived objects once and
 * registers each feature. Libraries load after it returns; the tree asks for
 * its first level when VS Code draws it.
 */
export function activate(context: vscode.ExtensionContext): PaperAtlasApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Paper Atlas', { log: true });
  const library = new LibraryService(context.extensionUri, log);
  const search = new PaperSearch(() => library.catalog);
  const viewState = new PapersViewState(context.workspaceState);
  const papersView = new PapersView(library, viewState);
  const panels = new PaperPanelManager(context.extensionUri, paperViewHost(library, search, log));
  const recent = new RecentPapers(context.workspaceState);
  const editors = new MarkdownEditorTracker();
  const bibliography = new BibliographySync(log);

  context.subscriptions.push(
    log,
    library,
    search,
    viewState,
    papersView,
    panels,
    editors,
    bibliography,
    registerCommands({ library, search, panels, papersView, viewState, recent, editors, bibliography, log }),
    registerMarkdownFeatures({ catalog: () => library.catalog, onLibraryChange: library.onDidChange, search, recent, bibliography }),
  );

  void library.reload();
  const activateMs = performance.now() - started;
  log.info(`activate() returned in ${activateMs.toFixed(1)} ms`);
  return { atlas: { library, search, panels, papersView, viewState, log }, timings: { activateMs } };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
