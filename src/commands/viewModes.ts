import * as vscode from 'vscode';
import type { PapersViewState } from '../views/papersViewState';
import { groupModes, sortModes, type GroupMode, type SortMode } from '../core/library/grouping';
import type { Command } from './commandManager';
import { CommandIds } from './commandIds';

/** One arrangement of the Papers view the user can choose: how it groups, or how it sorts. */
interface ModeSetting<M extends string> {
  /** The palette command that asks, e.g. `paperAtlas.groupBy`; per-mode ids append the mode. */
  readonly commandId: string;
  readonly title: string;
  readonly modes: readonly M[];
  readonly labels: Record<M, string>;
  get(state: PapersViewState): M;
  set(state: PapersViewState, mode: M): Promise<void>;
}

export const grouping: ModeSetting<GroupMode> = {
  commandId: CommandIds.groupBy,
  title: 'Group Papers By',
  modes: groupModes,
  labels: { theme: 'Theme', organisation: 'Organization', year: 'Year' },
  get: (state) => state.groupMode,
  set: (state, mode) => state.setGroupMode(mode),
};

export const sorting: ModeSetting<SortMode> = {
  commandId: CommandIds.sortBy,
  title: 'Sort Papers By',
  modes: sortModes,
  labels: { upvotes: 'Upvotes', date: 'Date', title: 'Title' },
  get: (state) => state.sortMode,
  set: (state, mode) => state.setSortMode(mode),
};

/** Sets one mode, e.g. `paperAtlas.groupByYear`: what the view title's submenus run. */
export class SetModeCommand<M extends string> implements Command {
  readonly id: string;

  constructor(
    private readonly state: PapersViewState,
    private readonly setting: ModeSetting<M>,
    private readonly mode: M,
  ) {
    this.id = `${setting.commandId}${mode.charAt(0).toUpperCase()}${mode.slice(1)}`;
  }

  execute(): Promise<void> {
    return this.setting.set(this.state, this.mode);
  }
}

/** The palette entry: takes the mode as an argument, or asks for it. */
export class ChooseModeCommand<M extends string> implements Command {
  readonly id: string;

  constructor(
    private readonly state: PapersViewState,
    private readonly setting: ModeSetting<M>,
  ) {
    this.id = setting.commandId;
  }

  async execute(mode?: unknown): Promise<void> {
    const { setting } = this;
    const current = setting.get(this.state);
    const chosen = setting.modes.includes(mode as M)
      ? (mode as M)
      : (
          await vscode.window.showQuickPick(
            setting.modes.map((m) => ({ label: setting.labels[m], mode: m, description: m === current ? 'current' : undefined })),
            { title: setting.title },
          )
        )?.mode;
    if (chosen) await setting.set(this.state, chosen);
  }
}
