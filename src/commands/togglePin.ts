import * as vscode from 'vscode';
import type { PaperPanelManager } from '../panels/paperPanel';
import type { Command } from './commandManager';
import { CommandIds } from './commandIds';

/** Pins the paper view in front (the next paper opens in a new panel), or unpins it. */
export class TogglePinCommand implements Command {
  readonly id = CommandIds.togglePaperPin;

  constructor(private readonly panels: PaperPanelManager) {}

  async execute(): Promise<void> {
    const panel = this.panels.active ?? this.panels.all[0];
    if (!panel) {
      void vscode.window.showInformationMessage('Paper Atlas: open a paper first.');
      return;
    }
    await panel.setPinned(!panel.pinned);
  }
}
