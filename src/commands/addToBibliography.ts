import * as vscode from 'vscode';
import type { LibraryService } from '../libraries/libraryService';
import type { BibliographySync } from '../markdown/bibliographySync';
import { CommandIds } from './commandIds';
import type { Command } from './commandManager';
import { papersFromArgs } from './paperArgs';

/**
 * Adds papers' entries to a note's bibliography without citing them again:
 * what accepting a completion and the diagnostics' quick fix run. Arguments:
 * the note's URI, then papers (keys, ids or tree nodes).
 */
export class AddToBibliographyCommand implements Command {
  readonly id = CommandIds.addToBibliography;

  constructor(
    private readonly library: LibraryService,
    private readonly bibliography: BibliographySync,
  ) {}

  async execute(uri?: unknown, ...papers: unknown[]): Promise<boolean> {
    if (!(uri instanceof vscode.Uri)) return false;
    await this.library.ready();
    const entries = papersFromArgs(this.library.catalog, [papers]);
    if (entries.length === 0) return false;
    const note = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    const plan = await this.bibliography.plan(note, entries.map((e) => e.paper), edit);
    if (!plan.ok) {
      void vscode.window.showErrorMessage(`Paper Atlas could not update the bibliography: ${plan.message}`);
      return false;
    }
    return edit.size === 0 || vscode.workspace.applyEdit(edit);
  }
}
