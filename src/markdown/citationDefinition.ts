import * as vscode from 'vscode';
import { citationAt } from '../core/markdown/citationScan';
import type { Catalog } from '../core/library/catalog';
import { describePaper } from '../core/library/paperText';
import { CommandIds } from '../commands/commandIds';

/** Read-only documents that describe a paper in Markdown: what Peek Definition shows for a key. */
export const PAPER_SCHEME = 'paperatlas-paper';

export function paperDocumentUri(key: string): vscode.Uri {
  return vscode.Uri.from({ scheme: PAPER_SCHEME, path: `/${key}.md` });
}

function keyOf(uri: vscode.Uri): string {
  return decodeURIComponent(uri.path.replace(/^\//, '').replace(/\.md$/, ''));
}

/**
 * Go to Definition on a citation key. The definition of a key is its paper:
 * the provider answers with a small read-only Markdown document about the
 * paper, which Peek Definition shows inline; when the user goes to it (F12,
 * Ctrl+click), the document is swapped for the paper view.
 */
export class CitationDefinitionProvider implements vscode.DefinitionProvider, vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly subscription: vscode.Disposable;

  constructor(private readonly catalog: () => Catalog | undefined) {
    this.subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor?.document.uri.scheme === PAPER_SCHEME) void this.swapForPaperView(editor.document.uri);
    });
  }

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.Location | undefined {
    const citation = citationAt(document.getText(), document.offsetAt(position));
    const entry = citation && this.catalog()?.paperByKey(citation.key);
    if (!entry) return undefined;
    return new vscode.Location(paperDocumentUri(entry.paper.key), new vscode.Position(0, 0));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const entry = this.catalog()?.paperByKey(keyOf(uri));
    if (!entry) return `No paper with the key @${keyOf(uri)} is loaded.\n`;
    const { paper } = entry;
    return [`# ${paper.title}`, '', describePaper(paper), '', `Citation key: @${paper.key} · ${entry.library.name}`, '', paper.abstract, ''].join('\n');
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private async swapForPaperView(uri: vscode.Uri): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
    await vscode.window.tabGroups.close(tabs);
    await vscode.commands.executeCommand(CommandIds.openPaper, keyOf(uri), { reveal: false });
  }
}
