import * as vscode from 'vscode';
import type { LibraryService } from '../libraries/libraryService';
import type { PapersView } from '../views/papersView';
import type { Command } from './commandManager';
import { papersFromArgs } from './paperArgs';
import { CommandIds, FOCUS_PAPERS_VIEW } from './commandIds';

/** Selects a paper in the Papers view (by key, id or tree node), opening the view if needed. */
export class RevealPaperCommand implements Command {
  readonly id = CommandIds.revealPaper;

  constructor(
    private readonly library: LibraryService,
    private readonly papersView: PapersView,
  ) {}

  async execute(paper?: unknown): Promise<boolean> {
    await this.library.ready();
    const [entry] = papersFromArgs(this.library.catalog, [paper]);
    if (!entry) return false;
    await vscode.commands.executeCommand(FOCUS_PAPERS_VIEW);
    return this.papersView.revealPaper(entry, { focus: true });
  }
}
