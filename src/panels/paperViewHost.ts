import * as vscode from 'vscode';
import { CommandIds } from '../commands/commandIds';
import type { PaperSearch } from '../core/search/paperSearch';
import type { LibraryService } from '../libraries/libraryService';
import type { PaperAction } from '../shared/messages';
import type { PaperPanelHost } from './paperPanel';
import { buildPaperViewModel } from './paperViewModel';

/** The command each paper-view button runs, with the paper's catalog id. */
const actionCommands: Record<PaperAction, string> = {
  insertCitation: CommandIds.insertCitation,
  copyKey: CommandIds.copyCitationKey,
  copyBibtex: CommandIds.copyBibtex,
  copyCslJson: CommandIds.copyCslJson,
};

/**
 * What the paper panels draw and where their requests go: the view model from
 * the loaded libraries, and buttons and theme chips through the commands, so
 * the webview does exactly what the palette and the tree do.
 */
export function paperViewHost(library: LibraryService, search: PaperSearch, log: vscode.LogOutputChannel): PaperPanelHost {
  return {
    log,
    viewModel: (uid, highlight) => buildPaperViewModel(library.catalog, search, uid, highlight),
    handle: async (message) => {
      if (message.type === 'action') await vscode.commands.executeCommand(actionCommands[message.action], message.paperId);
      else await vscode.commands.executeCommand(CommandIds.revealTheme, message.themeId);
    },
  };
}
