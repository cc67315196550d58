import * as vscode from 'vscode';
import type { PaperSearch } from '../core/search/paperSearch';
import type { LibraryService } from '../libraries/libraryService';
import { describePaper } from '../core/library/paperText';
import type { Command } from './commandManager';
import { papersFromArgs } from './paperArgs';
import { CommandIds } from './commandIds';

/** Lists the papers most like a given one; picking one opens it. */
export class ShowRelatedCommand implements Command {
  readonly id = CommandIds.showRelated;

  constructor(
    private readonly library: LibraryService,
    private readonly search: PaperSearch,
  ) {}

  async execute(...args: unknown[]): Promise<void> {
    await this.library.ready();
    const [entry] = papersFromArgs(this.library.catalog, args);
    if (!entry) return;
    const related = await this.search.related(entry, 15);
    if (related.length === 0) {
      void vscode.window.showInformationMessage(`Paper Atlas: no related papers found for “${entry.paper.title}”.`);
      return;
    }
    const picked = await vscode.window.showQuickPick(
      related.map((hit) => ({ label: hit.entry.paper.title, description: describePaper(hit.entry.paper), detail: `@${hit.entry.paper.key}`, hit })),
      { title: `Related to “${entry.paper.title}”`, matchOnDescription: true, matchOnDetail: true },
    );
    if (picked) await vscode.commands.executeCommand(CommandIds.openPaper, picked.hit.entry.uid, { reveal: true });
  }
}
