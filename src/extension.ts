import * as vscode from 'vscode';
import type { Atlas } from './atlas';
import { AddToBibliographyCommand } from './commands/addToBibliography';
import { CommandManager } from './commands/commandManager';
import { CopyCitationCommand } from './commands/copyCitation';
import { InsertCitationAsCommand, InsertCitationCommand, configuredStyle } from './commands/insertCitation';
import { OpenPaperCommand } from './commands/openPaper';
import { RefreshCommand } from './commands/refresh';
import { RevealPaperCommand } from './commands/revealPaper';
import { RevealThemeCommand } from './commands/revealTheme';
import { SearchPapersCommand } from './commands/searchPapers';
import { ShowLogCommand } from './commands/showLog';
import { ShowRelatedCommand } from './commands/showRelated';
import { ToggleBundledCorpusCommand } from './commands/toggleBundledCorpus';
import { TogglePinCommand } from './commands/togglePin';
import { ChooseModeCommand, SetModeCommand, grouping, sorting } from './commands/viewModes';
import { BibliographySync } from './markdown/bibliographySync';
import { CitationCompletionProvider } from './markdown/citationCompletion';
import { CitationDefinitionProvider, PAPER_SCHEME } from './markdown/citationDefinition';
import { CitationDiagnostics, CitationQuickFixes } from './markdown/citationDiagnostics';
import { CitationHoverProvider } from './markdown/citationHover';
import { CitationReferenceProvider } from './markdown/citationReferences';
import { MarkdownEditorTracker } from './markdown/markdownEditors';
import { PaperDropProvider } from './markdown/paperDropProvider';
import { PaperPanelManager } from './panels/paperPanel';
import { buildPaperViewModel } from './panels/paperViewModel';
import { NodeLibraryReader } from './services/libraryReader';
import { LibraryService } from './services/libraryService';
import { PaperSearch } from './services/paperSearch';
import { RecentPapers } from './services/recentPapers';
import type { PaperAction } from './shared/messages';
import { PAPERS_MIME, PapersView } from './views/papersView';
import { PapersViewState } from './views/papersViewState';

const actionCommands: Record<PaperAction, string> = {
  insertCitation: 'paperAtlas.insertCitation',
  copyKey: 'paperAtlas.copyCitationKey',
  copyBibtex: 'paperAtlas.copyBibtex',
  copyCslJson: 'paperAtlas.copyCslJson',
};

/** What activation measured; the integration tests and the benchmark read it. */
export interface ActivationTimings {
  /** activate() entered → returned, ms. */
  readonly activateMs: number;
  /** activate() entered → first tree level ready to hand to VS Code, ms. */
  readonly firstTreeLevelMs: Promise<number>;
}

/** The extension's API, for tests and other extensions. */
export interface PaperAtlasApi {
  readonly atlas: Atlas;
  readonly timings: ActivationTimings;
}

/** Composition root: builds Paper Atlas's long-lived objects once and registers them. Loading happens after it returns. */
export function activate(context: vscode.ExtensionContext): PaperAtlasApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Paper Atlas', { log: true });
  const library = new LibraryService(new NodeLibraryReader(context.extensionUri), log);
  const search = new PaperSearch(() => library.catalog, (lib) => library.index(lib));
  const viewState = new PapersViewState(context.workspaceState);
  const papersView = new PapersView(library, viewState);
  const panels = new PaperPanelManager(context.extensionUri, {
    log,
    viewModel: (uid, highlight) => buildPaperViewModel(library.catalog, search, uid, highlight),
    handle: async (message) => {
      if (message.type === 'action') await vscode.commands.executeCommand(actionCommands[message.action], message.paperId);
      else await vscode.commands.executeCommand('paperAtlas.revealTheme', message.themeId);
    },
  });
  const atlas: Atlas = { library, search, panels, papersView, viewState, log };

  const recent = new RecentPapers(context.workspaceState);
  const editors = new MarkdownEditorTracker();
  const bibliography = new BibliographySync(log);

  const commands = new CommandManager();
  commands.register(new SearchPapersCommand(atlas, recent));
  commands.register(new InsertCitationCommand(atlas, editors, bibliography, recent));
  commands.register(new InsertCitationAsCommand());
  commands.register(new AddToBibliographyCommand(atlas, bibliography));
  commands.register(new OpenPaperCommand(atlas));
  commands.register(new RevealPaperCommand(atlas));
  commands.register(new RevealThemeCommand(atlas));
  commands.register(new RefreshCommand(atlas));
  commands.register(new ShowRelatedCommand(atlas));
  commands.register(new ShowLogCommand(log));
  commands.register(new ToggleBundledCorpusCommand());
  commands.register(new TogglePinCommand(atlas));
  commands.register(new ChooseModeCommand(atlas, grouping));
  commands.register(new ChooseModeCommand(atlas, sorting));
  for (const mode of grouping.modes) commands.register(new SetModeCommand(atlas, grouping, mode));
  for (const mode of sorting.modes) commands.register(new SetModeCommand(atlas, sorting, mode));
  commands.register(new CopyCitationCommand(atlas, 'key'));
  commands.register(new CopyCitationCommand(atlas, 'bibtex'));
  commands.register(new CopyCitationCommand(atlas, 'cslJson'));

  const catalog = () => library.catalog;
  const markdown: vscode.DocumentSelector = { language: 'markdown' };
  const dropProvider = new PaperDropProvider(catalog, bibliography, configuredStyle);
  const definitions = new CitationDefinitionProvider(catalog);
  const diagnostics = new CitationDiagnostics(catalog, library.onDidChange);
  context.subscriptions.push(
    log,
    library,
    search,
    viewState,
    papersView,
    panels,
    commands,
    editors,
    bibliography,
    definitions,
    diagnostics,
    vscode.languages.registerCodeActionsProvider(markdown, new CitationQuickFixes(), { providedCodeActionKinds: CitationQuickFixes.kinds }),
    vscode.languages.registerCompletionItemProvider(markdown, new CitationCompletionProvider(catalog, search, recent), '@'),
    vscode.languages.registerHoverProvider(markdown, new CitationHoverProvider(catalog)),
    vscode.languages.registerDefinitionProvider(markdown, definitions),
    vscode.languages.registerReferenceProvider(markdown, new CitationReferenceProvider()),
    vscode.workspace.registerTextDocumentContentProvider(PAPER_SCHEME, definitions),
    vscode.languages.registerDocumentDropEditProvider(markdown, dropProvider, {
      providedDropEditKinds: [PaperDropProvider.kind],
      dropMimeTypes: [PAPERS_MIME],
    }),
  );

  const firstTreeLevelMs = library.reload().then(() => {
    papersView.provider.getChildren();
    const ms = performance.now() - started;
    log.info(`First tree level ready ${ms.toFixed(1)} ms after activation started`);
    return ms;
  });
  const activateMs = performance.now() - started;
  log.info(`activate() returned in ${activateMs.toFixed(1)} ms`);
  return { atlas, timings: { activateMs, firstTreeLevelMs } };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
