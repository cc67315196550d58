import * as vscode from 'vscode';
import type { LibraryService } from '../libraries/libraryService';
import { toBibtex } from '../core/cite/bibtex';
import { toCslJson } from '../core/cite/cslJson';
import type { Paper } from '../core/paper';
import type { Command } from './commandManager';
import { papersFromArgs } from './paperArgs';
import { CommandIds } from './commandIds';

type CopyFormat = 'key' | 'bibtex' | 'cslJson';

const formats: Record<CopyFormat, { id: string; what: string; text: (papers: readonly Paper[]) => string }> = {
  key: { id: CommandIds.copyCitationKey, what: 'citation key', text: (papers) => papers.map((p) => p.key).join(', ') },
  bibtex: { id: CommandIds.copyBibtex, what: 'BibTeX', text: (papers) => `${papers.map((p) => toBibtex(p).trimEnd()).join('\n\n')}\n` },
  cslJson: { id: CommandIds.copyCslJson, what: 'CSL-JSON', text: (papers) => `${JSON.stringify(papers.map(toCslJson), null, 2)}\n` },
};

/** Copies the selected papers' citation in one format to the clipboard. */
export class CopyCitationCommand implements Command {
  readonly id: string;

  constructor(
    private readonly library: LibraryService,
    private readonly format: CopyFormat,
  ) {
    this.id = formats[format].id;
  }

  async execute(...args: unknown[]): Promise<string | undefined> {
    await this.library.ready();
    const papers = papersFromArgs(this.library.catalog, args).map((e) => e.paper);
    if (papers.length === 0) {
      void vscode.window.showWarningMessage('Paper Atlas: choose a paper to copy first.');
      return undefined;
    }
    const { text, what } = { text: formats[this.format].text(papers), what: formats[this.format].what };
    await vscode.env.clipboard.writeText(text);
    const subject = papers.length === 1 ? `@${papers[0]?.key}` : `${papers.length} papers`;
    vscode.window.setStatusBarMessage(`$(check) Copied ${what} of ${subject}`, 3000);
    return text;
  }
}
