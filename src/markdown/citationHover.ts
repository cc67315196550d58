import * as vscode from 'vscode';
import { citationAt } from '../core/markdown/citationScan';
import { escapeMarkdown } from '../core/text/markdownEscape';
import { paperMarkdown } from './paperMarkdown';
import type { Catalog } from '../core/library/catalog';
import { formatDate } from '../core/library/paperText';
import { CommandIds } from '../commands/commandIds';

const ABSTRACT_CHARS = 500;

/** Shows a cited paper's details on hover over its key, with a link that opens the paper view. */
export class CitationHoverProvider implements vscode.HoverProvider {
  constructor(private readonly catalog: () => Catalog | undefined) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const citation = citationAt(document.getText(), document.offsetAt(position));
    const entry = citation && this.catalog()?.paperByKey(citation.key);
    if (!citation || !entry) return undefined;
    const { paper } = entry;
    const md = paperMarkdown();
    md.isTrusted = { enabledCommands: [CommandIds.openPaper] };
    md.appendMarkdown(`**${escapeMarkdown(paper.title)}**\n\n`);
    // The icons are Markdown, the values escaped text.
    const details = [
      paper.org && `$(organization) ${escapeMarkdown(paper.org.name)}`,
      paper.date && `$(calendar) ${escapeMarkdown(formatDate(paper.date))}`,
      paper.upvotes !== undefined && `$(arrow-up) ${paper.upvotes} upvotes`,
      `$(library) ${escapeMarkdown(entry.library.name)}`,
    ].filter((d): d is string => typeof d === 'string');
    md.appendMarkdown(details.join(' · '));
    md.appendMarkdown('\n\n');
    md.appendMarkdown(escapeMarkdown(paper.abstract.length > ABSTRACT_CHARS ? `${paper.abstract.slice(0, ABSTRACT_CHARS).replace(/\s+\S*$/, '')}…` : paper.abstract));
    const args = encodeURIComponent(JSON.stringify([entry.uid]));
    md.appendMarkdown(`\n\n[$(preview) Open paper](command:${CommandIds.openPaper}?${args} "Open in the paper view")`);
    const range = new vscode.Range(document.positionAt(citation.start), document.positionAt(citation.end));
    return new vscode.Hover(md, range);
  }
}
