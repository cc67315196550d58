import * as vscode from 'vscode';
import type { Catalog } from '../core/library/catalog';
import { planCitationInsertion } from '../core/markdown/citationInsert';
import { PANDOC_STYLES, type CitationStyle } from '../core/markdown/citationText';
import { PAPERS_MIME } from '../views/papersView';
import type { BibliographySync } from './bibliographySync';

/**
 * Turns papers dragged from the Papers tree into citations where they are
 * dropped in a Markdown note, through the same insertion plan as the Insert
 * Citation command, with the bibliography entries as part of the same edit.
 */
export class PaperDropProvider implements vscode.DocumentDropEditProvider {
  static readonly kind = vscode.DocumentDropOrPasteEditKind.Empty.append('markdown', 'paperAtlas', 'citation');

  constructor(
    private readonly catalog: () => Catalog | undefined,
    private readonly bibliography: BibliographySync,
    private readonly style: (document: vscode.TextDocument) => CitationStyle,
  ) {}

  async provideDocumentDropEdits(
    document: vscode.TextDocument,
    position: vscode.Position,
    dataTransfer: vscode.DataTransfer,
    token: vscode.CancellationToken,
  ): Promise<vscode.DocumentDropEdit | undefined> {
    const raw = await dataTransfer.get(PAPERS_MIME)?.asString();
    const catalog = this.catalog();
    if (!raw || !catalog || token.isCancellationRequested) return undefined;
    const keys: unknown = JSON.parse(raw);
    if (!Array.isArray(keys)) return undefined;
    const papers = keys.flatMap((key) => {
      const entry = typeof key === 'string' ? catalog.paperByKey(key) : undefined;
      return entry ? [entry.paper] : [];
    });
    if (papers.length === 0) return undefined;

    const text = document.getText();
    const offset = document.offsetAt(position);
    const style = this.style(document);
    const plan = planCitationInsertion(text, [{ start: offset, end: offset }], papers, style);
    const additionalEdit = new vscode.WorkspaceEdit();
    const atDrop = plan.edits.find((edit) => edit.start === offset && edit.end === offset);
    const insertText = atDrop?.newText ?? '';
    const bib = await this.bibliography.plan(document, PANDOC_STYLES.has(style) ? papers : [], additionalEdit, plan.edits.filter((edit) => edit !== atDrop));
    if (!bib.ok) {
      void vscode.window.showErrorMessage(`Paper Atlas did not insert the citation: ${bib.message}`);
      return undefined;
    }
    const drop = new vscode.DocumentDropEdit(insertText, papers.length === 1 ? 'Insert citation' : `Insert citation of ${papers.length} papers`, PaperDropProvider.kind);
    drop.additionalEdit = additionalEdit;
    return drop;
  }
}
