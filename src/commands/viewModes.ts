import * as vscode from 'vscode';
import type { Atlas } from '../atlas';
import { groupModes, sortModes, type GroupMode, type SortMode } from '../library/grouping';
import type { Command } from './commandManager';

/** One arrangement of the Papers view the user can choose: how it groups, or how it sorts. */
interface ModeSetting<M extends string> {
  /** The palette command that asks, e.g. `paperAtlas.groupBy`; per-mode ids append the mode. */
  readonly commandId: string;
  readonly title: string;
  readonly modes: readonly M[];
  readonly labels: Record<M, string>;
  get(atlas: Atlas): M;
  set(atlas: Atlas, mode: M): Promise<void>;
}

export const grouping: ModeSetting<GroupMode> = {
  commandId: 'paperAtlas.groupBy',
  title: 'Group Papers By',
  modes: groupModes,
  labels: { theme: 'Theme', organisation: 'Organization', year: 'Year' },
  get: (atlas) => atlas.viewState.groupMode,
  set: (atlas, mode) => atlas.viewState.setGroupMode(mode),
};

export const sorting: ModeSetting<SortMode> = {
  commandId: 'paperAtlas.sortBy',
  title: 'Sort Papers By',
  modes: sortModes,
  labels: { upvotes: 'Upvotes', date: 'Date', title: 'Title' },
  get: (atlas) => atlas.viewState.sortMode,
  set: (atlas, mode) => atlas.viewState.setSortMode(mode),
};

/** Sets one mode, e.g. `paperAtlas.groupByYear`: what the view title's submenus run. */
export class SetModeCommand<M extends string> implements Command {
  readonly id: string;

  constructor(
    private readonly atlas: Atlas,
    private readonly setting: ModeSetting<M>,
    private readonly mode: M,
  ) {
    this.id = `${setting.commandId}${mode.charAt(0).toUpperCase()}${mode.slice(1)}`;
  }

  execute(): Promise<void> {
    return this.setting.set(this.atlas, this.mode);
  }
}

/** The palette entry: takes the mode as an argument, or asks for it. */
export class ChooseModeCommand<M extends string> implements Command {
  readonly id: string;

  constructor(
    private readonly atlas: Atlas,
    private readonly setting: ModeSetting<M>,
  ) {
    this.id = setting.commandId;
  }

  async execute(mode?: unknown): Promise<void> {
    const { setting } = this;
    const current = setting.get(this.atlas);
    const chosen = setting.modes.includes(mode as M)
      ? (mode as M)
      : (
          await vscode.window.showQuickPick(
            setting.modes.map((m) => ({ label: setting.labels[m], mode: m, description: m === current ? 'current' : undefined })),
            { title: setting.title },
          )
        )?.mode;
    if (chosen) await setting.set(this.atlas, chosen);
  }
}
