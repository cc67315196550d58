import * as vscode from 'vscode';
import type { Command } from './commandManager';
import { CommandIds } from './commandIds';

/** Shows or hides the bundled corpus, in the workspace's settings when a folder is open. */
export class ToggleBundledCorpusCommand implements Command {
  readonly id = CommandIds.toggleBundledCorpus;

  async execute(): Promise<void> {
    const config = vscode.workspace.getConfiguration('paperAtlas');
    const next = !config.get<boolean>('includeBundledCorpus', true);
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update('includeBundledCorpus', next, target);
  }
}
