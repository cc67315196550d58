import * as vscode from 'vscode';
import type { Atlas } from '../atlas';
import type { Command } from './commandManager';
import { papersFromArgs } from './paperArgs';

export interface OpenPaperOptions {
  /** Words to highlight in the abstract (the search that found the paper). */
  readonly highlight?: readonly string[];
  /** Also select the paper in the Papers view. */
  readonly reveal?: boolean;
  readonly preserveFocus?: boolean;
}

/** Shows a paper in the paper view. Takes a paper from its arguments; hidden from the palette. */
export class OpenPaperCommand implements Command {
  readonly id = 'paperAtlas.openPaper';

  constructor(private readonly atlas: Atlas) {}

  async execute(paper?: unknown, options?: OpenPaperOptions): Promise<void> {
    await this.atlas.library.ready();
    const [entry] = papersFromArgs(this.atlas.library.catalog, [paper]);
    if (!entry) {
      void vscode.window.showWarningMessage('Paper Atlas: no such paper in the loaded libraries.');
      return;
    }
    // A click in the tree keeps focus there so arrow keys go on browsing.
    const fromTree = typeof paper === 'object' && paper !== null && (paper as { kind?: unknown }).kind === 'paper';
    await this.atlas.panels.show(entry.uid, options?.highlight ?? [], { preserveFocus: options?.preserveFocus ?? fromTree });
    if (options?.reveal) await this.atlas.papersView.revealPaper(entry);
  }
}
