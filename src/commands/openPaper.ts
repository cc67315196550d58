import * as vscode from 'vscode';
import type { LibraryService } from '../libraries/libraryService';
import type { PaperPanelManager } from '../panels/paperPanel';
import type { PapersView } from '../views/papersView';
import type { Command } from './commandManager';
import { papersFromArgs } from './paperArgs';
import { CommandIds } from './commandIds';

export interface OpenPaperOptions {
  /** Words to highlight in the abstract (the search that found the paper). */
  readonly highlight?: readonly string[];
  /** Also select the paper in the Papers view. */
  readonly reveal?: boolean;
  readonly preserveFocus?: boolean;
}

/** Shows a paper in the paper view. Takes a paper from its arguments; hidden from the palette. */
export class OpenPaperCommand implements Command {
  readonly id = CommandIds.openPaper;

  constructor(
    private readonly library: LibraryService,
    private readonly panels: PaperPanelManager,
    private readonly papersView: PapersView,
  ) {}

  async execute(paper?: unknown, options?: OpenPaperOptions): Promise<void> {
    await this.library.ready();
    const [entry] = papersFromArgs(this.library.catalog, [paper]);
    if (!entry) {
      void vscode.window.showWarningMessage('Paper Atlas: no such paper in the loaded libraries.');
      return;
    }
    // A click in the tree keeps focus there so arrow keys go on browsing.
    const fromTree = typeof paper === 'object' && paper !== null && (paper as { kind?: unknown }).kind === 'paper';
    await this.panels.show(entry.uid, options?.highlight ?? [], { preserveFocus: options?.preserveFocus ?? fromTree });
    if (options?.reveal) await this.papersView.revealPaper(entry);
  }
}
