import * as vscode from 'vscode';
import type { LibraryService } from '../libraries/libraryService';
import { showRefusal, type BibliographySync } from '../markdown/bibliographySync';
import { CommandIds } from './commandIds';
import type { Command } from './commandManager';
import { papersFromArgs } from './paperArgs';

/**
 * Adds papers' entries to a note's bibliography without citing them again:
 * what accepting a completion and the diagnostics' quick fix run. Arguments:
 * the note's URI, then papers (keys, ids or tree nodes). The bibliography is
 * saved as part of it; a file that cannot be written changes nothing.
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
    const outcome = await this.bibliography.cite(note, { selections: [], papers: entries.map((e) => e.paper), style: 'pandoc', cite: false });
    if (!outcome.ok) {
      showRefusal('Paper Atlas could not update the bibliography', outcome);
      return false;
    }
    return true;
  }
}
