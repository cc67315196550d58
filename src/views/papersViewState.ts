import * as vscode from 'vscode';
import { groupModes, sortModes, type GroupMode, type SortMode } from '../core/library/grouping';

/** Typed keys of what the Papers view keeps per workspace. */
const keys = {
  groupMode: 'paperAtlas.papers.groupMode',
  sortMode: 'paperAtlas.papers.sortMode',
} as const;

/** How the Papers view groups and sorts, kept per workspace in `workspaceState`. */
export class PapersViewState implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly memento: vscode.Memento) {}

  get groupMode(): GroupMode {
    const stored = this.memento.get<unknown>(keys.groupMode);
    return groupModes.includes(stored as GroupMode) ? (stored as GroupMode) : 'theme';
  }

  get sortMode(): SortMode {
    const stored = this.memento.get<unknown>(keys.sortMode);
    return sortModes.includes(stored as SortMode) ? (stored as SortMode) : 'upvotes';
  }

  async setGroupMode(mode: GroupMode): Promise<void> {
    await this.memento.update(keys.groupMode, mode);
    this.changeEmitter.fire();
  }

  async setSortMode(mode: SortMode): Promise<void> {
    await this.memento.update(keys.sortMode, mode);
    this.changeEmitter.fire();
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
