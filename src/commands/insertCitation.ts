import * as vscode from 'vscode';
import type { PaperSearch } from '../core/search/paperSearch';
import type { LibraryService } from '../libraries/libraryService';
import type { CatalogPaper } from '../core/library/catalog';
import { PANDOC_STYLES, type CitationStyle } from '../core/markdown/citationText';
import type { OffsetRange } from '../core/text/textEdit';
import { showRefusal, type BibliographySync } from '../markdown/bibliographySync';
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
  /** What the search starts with (an unknown key the user wants to replace). */
  readonly query?: string;
  /** The range of the note the citation replaces, instead of the editor's selections. */
  readonly replace?: vscode.Range;
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
    // Said before the search opens, so the user does not pick papers for nothing.
    // A link or footnote citation needs no bibliography, so an untitled note takes one.
    let style = options.style ?? configuredStyle(editor.document);
    const refusal = await this.bibliography.noteRefusal(editor.document, PANDOC_STYLES.has(style));
    if (refusal) {
      void vscode.window.showErrorMessage(`Paper Atlas did not insert the citation: ${refusal}`);
      return false;
    }
    await this.library.ready();
    let papers = papersFromArgs(this.library.catalog, args.filter((a) => !isOptions(a)));
    if (papers.length === 0) {
      const picked = await this.pick(style, options.query);
      if (!picked) return false;
      papers = [...picked.papers];
      style = picked.style;
    }
    if (options.replace) editor.selection = new vscode.Selection(options.replace.start, options.replace.end);
    return this.insert(editor, papers, style);
  }

  protected async pick(initialStyle: CitationStyle, query?: string): Promise<{ papers: readonly CatalogPaper[]; style: CitationStyle } | undefined> {
    let style = initialStyle;
    const title = () => `Insert Citation — ${styleInfo[style].label} ${styleInfo[style].example}`;
    const result = await pickPapers<StyleButton>(
      { catalog: () => this.library.catalog, search: this.search, recent: this.recent },
      {
        title: title(),
        placeholder: 'Search, tick one or more papers, then Enter',
        canSelectMany: true,
        ...(query ? { initialValue: query } : {}),
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
    const selections = editor.selections.map((s) => ({ start: document.offsetAt(s.start), end: document.offsetAt(s.end) }));
    const cited = papers.map((p) => p.paper);
    const outcome = await this.bibliography.cite(document, { selections, papers: cited, style });
    if (!outcome.ok) {
      const conflict = outcome.caseConflict;
      if (!conflict) {
        showRefusal('Paper Atlas did not insert the citation', outcome);
        return false;
      }
      // The bibliography holds the paper under a key in another letter case: cite that key instead.
      const instead = `Cite @${conflict.existing}`;
      const choice = await vscode.window.showErrorMessage(`Paper Atlas did not insert the citation: ${outcome.message}`, instead);
      if (choice !== instead) return false;
      const renamed = cited.map((p) => (p.key === conflict.key ? { ...p, key: conflict.existing } : p));
      const retry = await this.bibliography.cite(document, { selections, papers: renamed, style });
      if (!retry.ok) {
        showRefusal('Paper Atlas did not insert the citation', retry);
        return false;
      }
      this.select(editor, retry.selections);
    } else {
      this.select(editor, outcome.selections);
    }
    await this.recent.add(papers.map((p) => p.paper.key));
    return true;
  }

  private select(editor: vscode.TextEditor, selections: readonly OffsetRange[]): void {
    const { document } = editor;
    editor.selections = selections.map((s) => new vscode.Selection(document.positionAt(s.start), document.positionAt(s.end)));
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

function basename(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.toString();
}
