import * as vscode from 'vscode';
import type { Atlas } from '../atlas';
import type { Command } from './commandManager';

/** Shows a theme in the Papers view, switching the view to group by theme when it groups otherwise. */
export class RevealThemeCommand implements Command {
  readonly id = 'paperAtlas.revealTheme';

  constructor(private readonly atlas: Atlas) {}

  async execute(themeUid?: unknown): Promise<boolean> {
    await this.atlas.library.ready();
    if (typeof themeUid !== 'string' || !this.atlas.library.catalog?.theme(themeUid)) return false;
    if (this.atlas.viewState.groupMode !== 'theme') await this.atlas.viewState.setGroupMode('theme');
    await vscode.commands.executeCommand('paperAtlas.papers.focus');
    return this.atlas.papersView.revealTheme(themeUid);
  }
}
