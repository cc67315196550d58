import type * as vscode from 'vscode';
import type { Command } from './commandManager';

export class ShowLogCommand implements Command {
  readonly id = 'paperAtlas.showLog';

  constructor(private readonly log: vscode.LogOutputChannel) {}

  execute(): void {
    this.log.show();
  }
}
