import * as vscode from 'vscode';
import type { Catalog } from '../core/library/catalog';
import { type CitationStyle } from '../core/markdown/citationText';
import { PAPERS_MIME } from '../views/papersView';
import { showRefusal, type BibliographySync, type PreparedCitation } from './bibliographySync';

/** A drop edit with the plan it came from, so resolving it (the user picked it) can finish the job. */
class PaperDropEdit extends vscode.DocumentDropEdit {
  constructor(
    insertText: string,
    title: string,
    readonly prepared: PreparedCitation,
  ) {
    super(insertText, title, PaperDropProvider.kind);
  }
}

/**
 * Turns papers dragged from the Papers tree into citations where they are
 * dropped in a Markdown note, through the same citation plan as the Insert
 * Citation command, with the bibliography entries as part of the same edit.
 * Only the edit the user picks saves the bibliography: it is saved when
 * the planned entries appear in it, which an edit not picked never does.
 */
export class PaperDropProvider implements vscode.DocumentDropEditProvider<PaperDropEdit> {
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
  ): Promise<PaperDropEdit | undefined> {
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

    const offset = document.offsetAt(position);
    const prepared = await this.bibliography.prepare(document, { selections: [{ start: offset, end: offset }], papers, style: this.style(document) });
    if (token.isCancellationRequested) return undefined;
    if (!prepared.ok) {
      showRefusal('Paper Atlas did not insert the citation', prepared);
      return undefined;
    }
    // The citation at the drop is the drop's own text; the front matter, footnote definitions and bibliography come with it.
    const atDrop = prepared.plan.noteEdits.find((edit) => edit !== prepared.plan.frontMatter && edit.start === offset && edit.end === offset);
    const title = papers.length === 1 ? 'Insert citation' : `Insert citation of ${papers.length} papers`;
    const drop = new PaperDropEdit(atDrop?.newText ?? '', title, prepared);
    const additionalEdit = new vscode.WorkspaceEdit();
    for (const edit of prepared.plan.noteEdits) {
      if (edit !== atDrop) additionalEdit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText);
    }
    const change = prepared.plan.bibliography;
    const target = prepared.bibliography;
    if (change && target) {
      if (change.created) additionalEdit.createFile(target.uri, { ignoreIfExists: false, contents: new TextEncoder().encode(change.edit.newText) });
      else if (target.document) {
        const bib = target.document;
        additionalEdit.replace(target.uri, new vscode.Range(bib.positionAt(change.edit.start), bib.positionAt(change.edit.end)), change.edit.newText);
      }
    }
    drop.additionalEdit = additionalEdit;
    // Saved only when these very entries land in the bibliography, i.e. when this edit is the one applied;
    // VS Code does not always resolve a drop edit before applying it.
    this.bibliography.saveOnceApplied(prepared);
    return drop;
  }

  /** Called for the edit the user picked, just before VS Code applies it: the bibliography is saved once the edit lands. */
  resolveDocumentDropEdit(edit: PaperDropEdit): PaperDropEdit {
    this.bibliography.saveOnceApplied(edit.prepared);
    return edit;
  }
}

