import * as vscode from 'vscode';

/**
 * Remembers the last Markdown editor the user worked in, so commands started
 * from the tree or the paper view (which take focus from the editor) still
 * know which note to cite into.
 */
export class MarkdownEditorTracker implements vscode.Disposable {
  private last: vscode.TextEditor | undefined;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.remember(vscode.window.activeTextEditor);
    this.subscription = vscode.window.onDidChangeActiveTextEditor((editor) => this.remember(editor));
  }

  /** The active editor when it shows Markdown, else the last Markdown editor while it is still visible. */
  target(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active && isMarkdown(active.document)) return active;
    const last = this.last?.document;
    if (!last || last.isClosed) return undefined;
    // Only a note the user can see: a closed tab's document lingers in memory
    // (isClosed stays false) and citing into it would edit a note out of sight.
    // Editors are recreated when a tab is moved or re-shown, so look up the live one.
    return vscode.window.visibleTextEditors.find((e) => e.document === last);
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private remember(editor: vscode.TextEditor | undefined): void {
    if (editor && isMarkdown(editor.document)) this.last = editor;
  }
}

export function isMarkdown(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown';
}
