import * as vscode from 'vscode';
import { citationAt } from '../core/markdown/citationScan';
import type { Catalog } from '../core/library/catalog';
import { formatDate } from '../core/library/paperText';

const ABSTRACT_CHARS = 500;

/** Shows a cited paper's details on hover over its key, with a link that opens the paper view. */
export class CitationHoverProvider implements vscode.HoverProvider {
  constructor(private readonly catalog: () => Catalog | undefined) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const citation = citationAt(document.getText(), document.offsetAt(position));
    const entry = citation && this.catalog()?.paperByKey(citation.key);
    if (!citation || !entry) return undefined;
    const { paper } = entry;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: ['paperAtlas.openPaper'] };
    md.appendMarkdown('**');
    md.appendText(paper.title);
    md.appendMarkdown('**\n\n');
    // The icons are Markdown, the values text: appendText on a string holding both
    // escapes the icons too, and the hover shows `$(calendar)` instead of the icon.
    const details = [
      paper.org && `$(organization) ${escapedText(paper.org.name)}`,
      paper.date && `$(calendar) ${escapedText(formatDate(paper.date))}`,
      paper.upvotes !== undefined && `$(arrow-up) ${paper.upvotes} upvotes`,
      `$(library) ${escapedText(entry.library.name)}`,
    ].filter((d): d is string => typeof d === 'string');
    md.appendMarkdown(details.join('&nbsp;&nbsp;&nbsp;'));
    md.appendMarkdown('\n\n');
    md.appendText(paper.abstract.length > ABSTRACT_CHARS ? `${paper.abstract.slice(0, ABSTRACT_CHARS).replace(/\s+\S*$/, '')}…` : paper.abstract);
    const args = encodeURIComponent(JSON.stringify([entry.uid]));
    md.appendMarkdown(`\n\n[$(preview) Open paper](command:paperAtlas.openPaper?${args} "Open in the paper view")`);
    const range = new vscode.Range(document.positionAt(citation.start), document.positionAt(citation.end));
    return new vscode.Hover(md, range);
  }
}

/** `text` as Markdown that renders it literally, theme-icon syntax included. */
function escapedText(text: string): string {
  return new vscode.MarkdownString(undefined, true).appendText(text).value;
}
