import type * as vscode from 'vscode';
import type { Command } from './commandManager';
import { CommandIds } from './commandIds';

export class ShowLogCommand implements Command {
  readonly id = CommandIds.showLog;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  execute(): void {
    this.log.show();
  }
}
