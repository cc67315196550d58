import type * as vscode from 'vscode';
import type { PaperSearch } from '../core/search/paperSearch';
import type { LibraryService } from '../libraries/libraryService';
import type { RecentPapers } from '../libraries/recentPapers';
import type { BibliographySync } from '../markdown/bibliographySync';
import type { MarkdownEditorTracker } from '../markdown/markdownEditors';
import type { PaperPanelManager } from '../panels/paperPanel';
import type { PapersView } from '../views/papersView';
import type { PapersViewState } from '../views/papersViewState';
import { AddToBibliographyCommand } from './addToBibliography';
import { CommandManager } from './commandManager';
import { CopyCitationCommand } from './copyCitation';
import { InsertCitationAsCommand, InsertCitationCommand } from './insertCitation';
import { OpenPaperCommand } from './openPaper';
import { RefreshCommand } from './refresh';
import { RevealPaperCommand } from './revealPaper';
import { RevealThemeCommand } from './revealTheme';
import { SearchPapersCommand } from './searchPapers';
import { ShowLogCommand } from './showLog';
import { ShowRelatedCommand } from './showRelated';
import { ToggleBundledCorpusCommand } from './toggleBundledCorpus';
import { TogglePinCommand } from './togglePin';
import { ChooseModeCommand, SetModeCommand, grouping, sorting } from './viewModes';

/** The long-lived objects the commands work with; each command takes only what it uses. */
export interface CommandServices {
  readonly library: LibraryService;
  readonly search: PaperSearch;
  readonly panels: PaperPanelManager;
  readonly papersView: PapersView;
  readonly viewState: PapersViewState;
  readonly recent: RecentPapers;
  readonly editors: MarkdownEditorTracker;
  readonly bibliography: BibliographySync;
  readonly log: vscode.LogOutputChannel;
}

/** Registers every Paper Atlas command; dispose the result to unregister them. */
export function registerCommands(s: CommandServices): vscode.Disposable {
  const commands = new CommandManager();
  commands.register(new SearchPapersCommand(s.library, s.search, s.recent));
  commands.register(new InsertCitationCommand(s.library, s.search, s.editors, s.bibliography, s.recent));
  commands.register(new InsertCitationAsCommand());
  commands.register(new AddToBibliographyCommand(s.library, s.bibliography));
  commands.register(new OpenPaperCommand(s.library, s.panels, s.papersView));
  commands.register(new RevealPaperCommand(s.library, s.papersView));
  commands.register(new RevealThemeCommand(s.library, s.viewState, s.papersView));
  commands.register(new RefreshCommand(s.library, s.search, s.panels));
  commands.register(new ShowRelatedCommand(s.library, s.search));
  commands.register(new ShowLogCommand(s.log));
  commands.register(new ToggleBundledCorpusCommand());
  commands.register(new TogglePinCommand(s.panels));
  for (const setting of [grouping, sorting] as const) {
    commands.register(new ChooseModeCommand<string>(s.viewState, setting));
    for (const mode of setting.modes) commands.register(new SetModeCommand<string>(s.viewState, setting, mode));
  }
  for (const format of ['key', 'bibtex', 'cslJson'] as const) commands.register(new CopyCitationCommand(s.library, format));
  return commands;
}
