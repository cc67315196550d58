import type { Atlas } from '../atlas';
import type { Command } from './commandManager';

/** Reloads every library from disk. */
export class RefreshCommand implements Command {
  readonly id = 'paperAtlas.refresh';

  constructor(private readonly atlas: Atlas) {}

  async execute(): Promise<void> {
    this.atlas.search.reset();
    await this.atlas.library.reload();
    await this.atlas.panels.refreshAll();
  }
}
