import * as vscode from 'vscode';
import type { LibraryService } from '../libraries/libraryService';
import type { PaperSearch } from '../core/search/paperSearch';
import { pickPapers } from '../pickers/paperPicker';
import type { RecentPapers } from '../libraries/recentPapers';
import type { Command } from './commandManager';
import { CommandIds } from './commandIds';

/**
 * "Search Papers": a quick pick over every library that searches as you type.
 * Enter opens the paper (query words highlighted) and reveals it in the tree;
 * row buttons cite the paper or copy its key.
 */
export class SearchPapersCommand implements Command {
  readonly id = CommandIds.search;

  constructor(
    private readonly library: LibraryService,
    private readonly search: PaperSearch,
    private readonly recent: RecentPapers,
  ) {}

  async execute(query?: unknown): Promise<void> {
    await this.library.ready();
    const result = await pickPapers(
      { catalog: () => this.library.catalog, search: this.search, recent: this.recent },
      {
        title: 'Search Papers',
        placeholder: 'Words from a title or abstract; filters: org:nvidia year:2025 theme:agents',
        canSelectMany: false,
        initialValue: typeof query === 'string' ? query : '',
        itemActions: [
          {
            button: { iconPath: new vscode.ThemeIcon('quote'), tooltip: 'Insert Citation' },
            run: (entry) => vscode.commands.executeCommand(CommandIds.insertCitation, entry.uid),
          },
          {
            button: { iconPath: new vscode.ThemeIcon('key'), tooltip: 'Copy Citation Key' },
            run: (entry) => vscode.commands.executeCommand(CommandIds.copyCitationKey, entry.uid),
          },
        ],
      },
    );
    const entry = result?.papers[0];
    if (!result || !entry) return;
    await this.recent.add([entry.paper.key]);
    await vscode.commands.executeCommand(CommandIds.openPaper, entry.uid, { highlight: result.terms, reveal: true });
  }
}
