import * as vscode from 'vscode';
import type { Atlas } from '../atlas';
import { describePaper } from '../library/paperText';
import type { Command } from './commandManager';
import { papersFromArgs } from './paperArgs';

/** Lists the papers most like a given one; picking one opens it. */
export class ShowRelatedCommand implements Command {
  readonly id = 'paperAtlas.showRelated';

  constructor(private readonly atlas: Atlas) {}

  async execute(...args: unknown[]): Promise<void> {
    await this.atlas.library.ready();
    const [entry] = papersFromArgs(this.atlas.library.catalog, args);
    if (!entry) return;
    const related = await this.atlas.search.related(entry, 15);
    if (related.length === 0) {
      void vscode.window.showInformationMessage(`Paper Atlas: no related papers found for “${entry.paper.title}”.`);
      return;
    }
    const picked = await vscode.window.showQuickPick(
      related.map((hit) => ({ label: hit.entry.paper.title, description: describePaper(hit.entry.paper), detail: `@${hit.entry.paper.key}`, hit })),
      { title: `Related to “${entry.paper.title}”`, matchOnDescription: true, matchOnDetail: true },
    );
    if (picked) await vscode.commands.executeCommand('paperAtlas.openPaper', picked.hit.entry.uid, { reveal: true });
  }
}
