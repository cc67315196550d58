import type * as vscode from 'vscode';
import type { PaperPanelManager } from './panels/paperPanel';
import type { LibraryService } from './services/libraryService';
import type { PaperSearch } from './services/paperSearch';
import type { PapersView } from './views/papersView';
import type { PapersViewState } from './views/papersViewState';

/** The long-lived objects commands work with, built once by `activate`. */
export interface Atlas {
  readonly library: LibraryService;
  readonly search: PaperSearch;
  readonly panels: PaperPanelManager;
  readonly papersView: PapersView;
  readonly viewState: PapersViewState;
  readonly log: vscode.LogOutputChannel;
}
