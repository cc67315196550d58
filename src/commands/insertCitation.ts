import * as vscode from 'vscode';
import type { LibraryService } from '../libraries/libraryService';
import type { PaperSearch } from '../core/search/paperSearch';
import type { CatalogPaper } from '../core/library/catalog';
import { planCitationInsertion } from '../core/markdown/citationInsert';
import { PANDOC_STYLES, type CitationStyle } from '../core/markdown/citationText';
import type { TextEdit } from '../core/text/textEdit';
import type { BibliographySync } from '../markdown/bibliographySync';
import { isMarkdown, type MarkdownEditorTracker } from '../markdown/markdownEditors';
import { pickPapers } from '../pickers/paperPicker';
import type { RecentPapers } from '../libraries/recentPapers';
import { CommandIds } from './commandIds';
import type { Command } from './commandManager';
import { papersFromArgs } from './paperArgs';

export const citationStyles: readonly CitationStyle[] = ['pandoc', 'authorInText', 'suppressAuthor', 'locator', 'link', 'footnote'];

const styleInfo: Record<CitationStyle, { label: string; example: string; icon: string }> = {
  pandoc: { label: 'Citation', example: '[@key]', icon: 'quote' },
  authorInText: { label: 'Author in text', example: '@key', icon: 'person' },
  suppressAuthor: { label: 'Suppress author', example: '[-@key]', icon: 'eye-closed' },
  locator: { label: 'With locator', example: '[@key, p. 12]', icon: 'location' },
  link: { label: 'Markdown link', example: '[Title](#ref-key)', icon: 'link' },
  footnote: { label: 'Footnote', example: '[^key]', icon: 'note' },
};

export interface InsertCitationOptions {
  readonly style?: CitationStyle;
  /** Insert into this document's editor rather than the active or last Markdown editor. */
  readonly uri?: vscode.Uri;
}

interface StyleButton extends vscode.QuickInputButton {
  readonly style: CitationStyle;
}

/**
 * Inserts citations of papers at every cursor of a Markdown note, joining an
 * existing citation group when a cursor is inside one, and adds the papers to
 * the note's bibliography — as one workspace edit, so one undo removes both.
 * Papers come from the arguments (tree, paper view, search, drag and drop);
 * only when none are given does it ask, with a multi-select search.
 */
export class InsertCitationCommand implements Command {
  readonly id = CommandIds.insertCitation;

  constructor(
    private readonly library: LibraryService,
    private readonly search: PaperSearch,
    private readonly editors: MarkdownEditorTracker,
    private readonly bibliography: BibliographySync,
    private readonly recent: RecentPapers,
  ) {}

  async execute(...args: unknown[]): Promise<boolean> {
    const options = optionsFrom(args);
    const editor = await this.targetEditor(options.uri);
    if (!editor) return false;
    await this.library.ready();
    let style = options.style ?? configuredStyle(editor.document);
    let papers = papersFromArgs(this.library.catalog, args.filter((a) => !isOptions(a)));
    if (papers.length === 0) {
      const picked = await this.pick(style);
      if (!picked) return false;
      papers = [...picked.papers];
      style = picked.style;
    }
    return this.insert(editor, papers, style);
  }

  protected async pick(initialStyle: CitationStyle): Promise<{ papers: readonly CatalogPaper[]; style: CitationStyle } | undefined> {
    let style = initialStyle;
    const title = () => `Insert Citation — ${styleInfo[style].label} ${styleInfo[style].example}`;
    const result = await pickPapers<StyleButton>(
      { catalog: () => this.library.catalog, search: this.search, recent: this.recent },
      {
        title: title(),
        placeholder: 'Search, tick one or more papers, then Enter',
        canSelectMany: true,
        titleButtons: () =>
          citationStyles.map((s) => ({
            style: s,
            iconPath: new vscode.ThemeIcon(s === style ? 'pass-filled' : styleInfo[s].icon),
            tooltip: `${styleInfo[s].label}: ${styleInfo[s].example}${s === style ? ' (current)' : ''}`,
          })),
        onTitleButton: (button, pick) => {
          style = button.style;
          pick.title = title();
          pick.buttons = citationStyles.map((s) => ({
            style: s,
            iconPath: new vscode.ThemeIcon(s === style ? 'pass-filled' : styleInfo[s].icon),
            tooltip: `${styleInfo[s].label}: ${styleInfo[s].example}${s === style ? ' (current)' : ''}`,
          }));
        },
      },
    );
    return result && result.papers.length > 0 ? { papers: result.papers, style } : undefined;
  }

  private async targetEditor(uri: vscode.Uri | undefined): Promise<vscode.TextEditor | undefined> {
    let editor: vscode.TextEditor | undefined;
    if (uri) {
      editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()) ?? (await vscode.window.showTextDocument(uri));
    } else {
      editor = this.editors.target();
    }
    if (!editor) {
      const active = vscode.window.activeTextEditor;
      void vscode.window.showWarningMessage(
        active ? `Paper Atlas cites into Markdown notes; “${basename(active.document.uri)}” is ${active.document.languageId}, not Markdown.` : 'Paper Atlas: open a Markdown note to insert a citation into.',
      );
      return undefined;
    }
    if (!isMarkdown(editor.document)) {
      void vscode.window.showWarningMessage(`Paper Atlas cites into Markdown notes; “${basename(editor.document.uri)}” is ${editor.document.languageId}, not Markdown.`);
      return undefined;
    }
    // A scheme with no file system provider (a TextDocumentContentProvider's, such as
    // the paper documents Go to Definition shows) is read-only too: isWritableFileSystem
    // answers undefined for it, not false.
    const { scheme } = editor.document.uri;
    if (scheme !== 'untitled' && vscode.workspace.fs.isWritableFileSystem(scheme) !== true) {
      void vscode.window.showWarningMessage(`Paper Atlas: “${basename(editor.document.uri)}” is read-only; the citation was not inserted.`);
      return undefined;
    }
    return editor;
  }

  private async insert(editor: vscode.TextEditor, papers: readonly CatalogPaper[], style: CitationStyle): Promise<boolean> {
    const document = editor.document;
    const text = document.getText();
    const selections = editor.selections.map((s) => ({ start: document.offsetAt(s.start), end: document.offsetAt(s.end) }));
    const plan = planCitationInsertion(text, selections, papers.map((p) => p.paper), style);
    const edit = new vscode.WorkspaceEdit();
    // Link and footnote citations are for notes not rendered by Pandoc: they need no bibliography.
    const cited = PANDOC_STYLES.has(style) ? papers.map((p) => p.paper) : [];
    const bib = await this.bibliography.plan(document, cited, edit, plan.edits);
    if (!bib.ok) {
      const show = 'Open Bibliography';
      void vscode.window.showErrorMessage(`Paper Atlas did not insert the citation: ${bib.message}`, show).then((choice) => {
        if (choice === show && bib.location) void vscode.window.showTextDocument(bib.location.uri, { selection: bib.location.range });
      });
      return false;
    }
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage('Paper Atlas: VS Code refused the edit; the note was not changed.');
      return false;
    }
    // Offsets in the plan are in the text after the citation edits; the front-matter
    // edits the bibliography added move them on.
    const shift = (offset: number) => shiftPast(offset, mapNoteEdits(bib.frontMatterEdits, plan.edits));
    editor.selections = plan.selections.map((s) => new vscode.Selection(document.positionAt(shift(s.start)), document.positionAt(shift(s.end))));
    await this.recent.add(papers.map((p) => p.paper.key));
    return true;
  }
}

/** "Insert Citation As…": choose the citation form first, then the papers. */
export class InsertCitationAsCommand implements Command {
  readonly id = CommandIds.insertCitationAs;

  async execute(...args: unknown[]): Promise<boolean> {
    const picked = await vscode.window.showQuickPick(
      citationStyles.map((style) => ({ label: `$(${styleInfo[style].icon}) ${styleInfo[style].label}`, description: styleInfo[style].example, style })),
      { title: 'Insert Citation As', placeHolder: 'Choose the form of the citation' },
    );
    if (!picked) return false;
    const options = optionsFrom(args);
    const rest = args.filter((a) => !isOptions(a));
    return (await vscode.commands.executeCommand<boolean>(CommandIds.insertCitation, ...rest, { ...options, style: picked.style })) ?? false;
  }
}

/** The citation form the settings choose for a note. */
export function configuredStyle(document: vscode.TextDocument): CitationStyle {
  const value = vscode.workspace.getConfiguration('paperAtlas', document).get<string>('citation.style', 'pandoc');
  return citationStyles.includes(value as CitationStyle) ? (value as CitationStyle) : 'pandoc';
}

function isOptions(value: unknown): value is InsertCitationOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return (
    ('style' in record && citationStyles.includes(record.style as CitationStyle)) ||
    ('uri' in record && record.uri instanceof vscode.Uri && !('kind' in record))
  );
}

function optionsFrom(args: readonly unknown[]): InsertCitationOptions {
  return args.find(isOptions) ?? {};
}

/**
 * Moves the note edits (offsets in the original text) into the text after
 * `citationEdits`. A note edit goes before a citation edit at the same offset.
 */
function mapNoteEdits(noteEdits: readonly TextEdit[], citationEdits: readonly TextEdit[]): TextEdit[] {
  return noteEdits.map((e) => {
    let delta = 0;
    for (const c of citationEdits) if (c.end <= e.start && c.start < e.start) delta += c.newText.length - (c.end - c.start);
    return { start: e.start + delta, end: e.end + delta, newText: e.newText };
  });
}

/** Where `offset` (in the text before `edits`) lands once they are applied; an edit at `offset` pushes it on. */
function shiftPast(offset: number, edits: readonly TextEdit[]): number {
  let result = offset;
  for (const e of edits) if (e.start <= offset) result += e.newText.length - (Math.min(e.end, offset) - e.start);
  return result;
}

function basename(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.toString();
}
