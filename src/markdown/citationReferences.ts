import * as vscode from 'vscode';
import { citationAt, scanCitations } from '../core/markdown/citationScan';
import { readWorkspaceText } from './workspaceText';

const MARKDOWN_GLOB = '**/*.{md,markdown}';
const EXCLUDE_GLOB = '**/{node_modules,.git}/**';

/** Finds every place a citation key is cited across the workspace's Markdown notes. */
export class CitationReferenceProvider implements vscode.ReferenceProvider {
  async provideReferences(document: vscode.TextDocument, position: vscode.Position, _context: vscode.ReferenceContext, token: vscode.CancellationToken): Promise<vscode.Location[]> {
    const citation = citationAt(document.getText(), document.offsetAt(position));
    if (!citation) return [];
    const uris = await vscode.workspace.findFiles(MARKDOWN_GLOB, EXCLUDE_GLOB, undefined, token);
    if (!uris.some((u) => u.toString() === document.uri.toString())) uris.push(document.uri);
    const locations: vscode.Location[] = [];
    for (const uri of uris) {
      if (token.isCancellationRequested) break;
      const text = await readWorkspaceText(uri).catch(() => undefined);
      if (text === undefined) continue;
      const lines = text.split('\n');
      for (const found of scanCitations(text)) {
        if (found.key !== citation.key) continue;
        const start = new vscode.Position(found.line, found.col);
        const end = new vscode.Position(found.line, Math.min(found.endCol, lines[found.line]?.length ?? found.endCol));
        locations.push(new vscode.Location(uri, new vscode.Range(start, end)));
      }
    }
    return locations;
  }
}
