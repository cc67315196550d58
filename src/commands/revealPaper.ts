import * as vscode from 'vscode';
import type { Atlas } from '../atlas';
import type { Command } from './commandManager';
import { papersFromArgs } from './paperArgs';

/** Selects a paper in the Papers view (by key, id or tree node), opening the view if needed. */
export class RevealPaperCommand implements Command {
  readonly id = 'paperAtlas.revealPaper';

  constructor(private readonly atlas: Atlas) {}

  async execute(paper?: unknown): Promise<boolean> {
    await this.atlas.library.ready();
    const [entry] = papersFromArgs(this.atlas.library.catalog, [paper]);
    if (!entry) return false;
    await vscode.commands.executeCommand('paperAtlas.papers.focus');
    return this.atlas.papersView.revealPaper(entry, { focus: true });
  }
}
