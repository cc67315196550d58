import * as vscode from 'vscode';
import { formatKey } from '../core/markdown/citationKey';
import { maskNonProse } from '../core/markdown/proseMask';
import { escapeMarkdown } from '../core/text/markdownEscape';
import { paperMarkdown } from './paperMarkdown';
import type { Catalog, CatalogPaper } from '../core/library/catalog';
import { describePaper } from '../core/library/paperText';
import type { PaperSearch } from '../core/search/paperSearch';
import type { RecentPapers } from '../libraries/recentPapers';
import { CommandIds } from '../commands/commandIds';
import { suggestedPapers } from '../core/library/suggestions';

const LIMIT = 40;

interface PaperCompletionItem extends vscode.CompletionItem {
  readonly entry: CatalogPaper;
}

/**
 * Completes citation keys after `@` (and `[@`, `-@`) in Markdown prose. The
 * candidates come from the search index over what was typed after the `@`
 * (title and abstract words, typos forgiven), ranked by it; the list is
 * marked incomplete so each keystroke asks again instead of VS Code filtering
 * keys by prefix. Accepting a key also adds the paper to the note's
 * bibliography.
 */
export class CitationCompletionProvider implements vscode.CompletionItemProvider<PaperCompletionItem> {
  constructor(
    private readonly catalog: () => Catalog | undefined,
    private readonly search: PaperSearch,
    private readonly recent: RecentPapers,
  ) {}

  async provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.CompletionList<PaperCompletionItem> | undefined> {
    const linePrefix = document.lineAt(position.line).text.slice(0, position.character);
    const match = /(?:^|[^\p{L}\p{N}_])-?@(\{?)([^\s[\];,@{}]*)$/u.exec(linePrefix);
    const catalog = this.catalog();
    if (!match || !catalog) return undefined;
    const typed = match[2] ?? '';
    const atOffset = document.offsetAt(position) - typed.length - (match[1] ?? '').length - 1;
    // Code spans, code blocks and front matter are not prose: no citations there.
    if (maskNonProse(document.getText())[atOffset] !== '@') return undefined;

    const entries = typed === '' ? suggestedPapers(catalog, this.recent.keys(), LIMIT) : (await this.search.search(typed.replace(/[_:.-]+/g, ' '), LIMIT)).map((h) => h.entry);
    if (token.isCancellationRequested) return undefined;
    const range = new vscode.Range(position.translate(0, -typed.length - (match[1] ?? '').length), position);
    const items = entries.map((entry, rank): PaperCompletionItem => {
      const { paper } = entry;
      const item: PaperCompletionItem = {
        label: { label: paper.key, description: paper.title },
        kind: vscode.CompletionItemKind.Reference,
        detail: describePaper(paper) || undefined,
        insertText: formatKey(paper.key).slice(1),
        range,
        // Starts with what was typed, so VS Code's own filter keeps every result the index ranked.
        filterText: `${match[1] ?? ''}${typed} ${paper.key} ${paper.title}`,
        sortText: String(rank).padStart(4, '0'),
        command: { command: CommandIds.addToBibliography, title: 'Add to Bibliography', arguments: [document.uri, paper.key] },
        entry,
      };
      return item;
    });
    return new vscode.CompletionList(items, true);
  }

  resolveCompletionItem(item: PaperCompletionItem): PaperCompletionItem {
    const md = paperMarkdown();
    md.appendMarkdown(`**${escapeMarkdown(item.entry.paper.title)}**\n\n${escapeMarkdown(item.entry.paper.abstract)}`);
    item.documentation = md;
    return item;
  }

}
