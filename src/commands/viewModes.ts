import * as vscode from 'vscode';
import type { Atlas } from '../atlas';
import { groupModes, sortModes, type GroupMode, type SortMode } from '../library/grouping';
import type { Command } from './commandManager';

const groupLabels: Record<GroupMode, string> = { theme: 'Theme', organisation: 'Organization', year: 'Year' };
const sortLabels: Record<SortMode, string> = { upvotes: 'Upvotes', date: 'Date', title: 'Title' };

/** Groups the Papers view by one mode; one command per mode so menus can show a check mark. */
export class GroupByCommand implements Command {
  readonly id: string;

  constructor(
    private readonly atlas: Atlas,
    private readonly mode: GroupMode,
  ) {
    this.id = `paperAtlas.groupBy${capitalize(mode)}`;
  }

  execute(): Promise<void> {
    return this.atlas.viewState.setGroupMode(this.mode);
  }
}

/** Sorts the papers of each group by one mode. */
export class SortByCommand implements Command {
  readonly id: string;

  constructor(
    private readonly atlas: Atlas,
    private readonly mode: SortMode,
  ) {
    this.id = `paperAtlas.sortBy${capitalize(mode)}`;
  }

  execute(): Promise<void> {
    return this.atlas.viewState.setSortMode(this.mode);
  }
}

/** Palette entry: pick how the Papers view groups (or take the mode as an argument). */
export class ChooseGroupingCommand implements Command {
  readonly id = 'paperAtlas.groupBy';

  constructor(private readonly atlas: Atlas) {}

  async execute(mode?: unknown): Promise<void> {
    const chosen = groupModes.includes(mode as GroupMode)
      ? (mode as GroupMode)
      : (
          await vscode.window.showQuickPick(
            groupModes.map((m) => ({ label: groupLabels[m], mode: m, description: m === this.atlas.viewState.groupMode ? 'current' : undefined })),
            { title: 'Group Papers By' },
          )
        )?.mode;
    if (chosen) await this.atlas.viewState.setGroupMode(chosen);
  }
}

/** Palette entry: pick how papers are sorted (or take the mode as an argument). */
export class ChooseSortCommand implements Command {
  readonly id = 'paperAtlas.sortBy';

  constructor(private readonly atlas: Atlas) {}

  async execute(mode?: unknown): Promise<void> {
    const chosen = sortModes.includes(mode as SortMode)
      ? (mode as SortMode)
      : (
          await vscode.window.showQuickPick(
            sortModes.map((m) => ({ label: sortLabels[m], mode: m, description: m === this.atlas.viewState.sortMode ? 'current' : undefined })),
            { title: 'Sort Papers By' },
          )
        )?.mode;
    if (chosen) await this.atlas.viewState.setSortMode(chosen);
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
