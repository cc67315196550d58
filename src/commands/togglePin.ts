import * as vscode from 'vscode';
import type { Atlas } from '../atlas';
import type { Command } from './commandManager';

/** Pins the paper view in front (the next paper opens in a new panel), or unpins it. */
export class TogglePinCommand implements Command {
  readonly id = 'paperAtlas.togglePaperPin';

  constructor(private readonly atlas: Atlas) {}

  async execute(): Promise<void> {
    const panel = this.atlas.panels.active ?? this.atlas.panels.all[0];
    if (!panel) {
      void vscode.window.showInformationMessage('Paper Atlas: open a paper first.');
      return;
    }
    await panel.setPinned(!panel.pinned);
  }
}
