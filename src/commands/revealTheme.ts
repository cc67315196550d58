import * as vscode from 'vscode';
import type { LibraryService } from '../libraries/libraryService';
import type { PapersView } from '../views/papersView';
import type { PapersViewState } from '../views/papersViewState';
import type { Command } from './commandManager';
import { CommandIds, FOCUS_PAPERS_VIEW } from './commandIds';

/** Shows a theme in the Papers view, switching the view to group by theme when it groups otherwise. */
export class RevealThemeCommand implements Command {
  readonly id = CommandIds.revealTheme;

  constructor(
    private readonly library: LibraryService,
    private readonly viewState: PapersViewState,
    private readonly papersView: PapersView,
  ) {}

  async execute(themeUid?: unknown): Promise<boolean> {
    await this.library.ready();
    if (typeof themeUid !== 'string' || !this.library.catalog?.theme(themeUid)) return false;
    if (this.viewState.groupMode !== 'theme') await this.viewState.setGroupMode('theme');
    await vscode.commands.executeCommand(FOCUS_PAPERS_VIEW);
    return this.papersView.revealTheme(themeUid);
  }
}
