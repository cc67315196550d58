import type { PaperSearch } from '../core/search/paperSearch';
import type { LibraryService } from '../libraries/libraryService';
import type { PaperPanelManager } from '../panels/paperPanel';
import type { Command } from './commandManager';
import { CommandIds } from './commandIds';

/** Reloads every library from disk. */
export class RefreshCommand implements Command {
  readonly id = CommandIds.refresh;

  constructor(
    private readonly library: LibraryService,
    private readonly search: PaperSearch,
    private readonly panels: PaperPanelManager,
  ) {}

  async execute(): Promise<void> {
    this.search.reset();
    await this.library.reload();
    await this.panels.refreshAll();
  }
}
