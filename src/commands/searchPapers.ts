import * as vscode from 'vscode';
import type { Atlas } from '../atlas';
import { pickPapers } from '../pickers/paperPicker';
import type { RecentPapers } from '../services/recentPapers';
import type { Command } from './commandManager';

/**
 * "Search Papers": a quick pick over every library that searches as you type.
 * Enter opens the paper (query words highlighted) and reveals it in the tree;
 * row buttons cite the paper or copy its key.
 */
export class SearchPapersCommand implements Command {
  readonly id = 'paperAtlas.search';

  constructor(
    private readonly atlas: Atlas,
    private readonly recent: RecentPapers,
  ) {}

  async execute(query?: unknown): Promise<void> {
    await this.atlas.library.ready();
    const result = await pickPapers(
      { catalog: () => this.atlas.library.catalog, search: this.atlas.search, recent: this.recent },
      {
        title: 'Search Papers',
        placeholder: 'Words from a title or abstract; filters: org:nvidia year:2025 theme:agents',
        canSelectMany: false,
        initialValue: typeof query === 'string' ? query : '',
        itemActions: [
          {
            button: { iconPath: new vscode.ThemeIcon('quote'), tooltip: 'Insert Citation' },
            run: (entry) => vscode.commands.executeCommand('paperAtlas.insertCitation', entry.uid),
          },
          {
            button: { iconPath: new vscode.ThemeIcon('key'), tooltip: 'Copy Citation Key' },
            run: (entry) => vscode.commands.executeCommand('paperAtlas.copyCitationKey', entry.uid),
          },
        ],
      },
    );
    const entry = result?.papers[0];
    if (!result || !entry) return;
    await this.recent.add([entry.paper.key]);
    await vscode.commands.executeCommand('paperAtlas.openPaper', entry.uid, { highlight: result.terms, reveal: true });
  }
}
