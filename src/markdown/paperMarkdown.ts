import * as vscode from 'vscode';

/**
 * A Markdown string for a paper's hover: theme icons on (for the icons
 * Paper Atlas writes; paper text is escaped with core's `escapeMarkdown`, which
 * keeps `$(…)` in it literal), HTML off. `appendText` is not used for paper
 * text: it writes spaces as `&nbsp;`, so lines break inside words and a bare
 * URL's link runs on into the text after it.
 */
export function paperMarkdown(): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.supportHtml = false;
  return md;
}
