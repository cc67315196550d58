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

  /** The active editor when it shows Markdown, else the last Markdown editor still visible or open. */
  target(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active && isMarkdown(active.document)) return active;
    if (this.last && !this.last.document.isClosed) {
      // Editors are recreated when a tab is moved or re-shown; prefer the live one for the same document.
      return vscode.window.visibleTextEditors.find((e) => e.document === this.last?.document) ?? this.last;
    }
    return undefined;
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
