import * as vscode from 'vscode';
import { bibliographyFormat, bibliographyKeys, upsertBibliography } from '../core/bibliography/bibliographyFile';
import { addBibliographyEdit, readBibliographyField } from '../core/markdown/frontMatter';
import type { TextEdit } from '../core/text/textEdit';
import type { Paper } from '../core/paper';
import { readWorkspaceText } from './workspaceText';

/** Whether the bibliography edits could be planned, and if not, where the problem is. */
export type BibliographyPlan =
  | {
      readonly ok: true;
      readonly added: readonly string[];
      readonly file?: vscode.Uri;
      /** The edits it made to the note's front matter, in offsets of the note's text, so a caller can map positions past them. */
      readonly frontMatterEdits: readonly TextEdit[];
    }
  | { readonly ok: false; readonly message: string; readonly location?: vscode.Location };

/**
 * Keeps a note's bibliography in step with its citations. It adds to a
 * workspace edit (the one that inserts the citation, so one undo reverts
 * both) the entries the bibliography lacks, and the front-matter line naming
 * the bibliography when the note names none. It never rewrites what is
 * there: a file that does not parse stops the whole edit, with its position.
 * Bibliography files it changed are saved once the edit lands, so pandoc
 * reads them from disk.
 */
export class BibliographySync implements vscode.Disposable {
  private readonly pendingSaves = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      const key = event.document.uri.toString();
      if (this.pendingSaves.delete(key) && event.document.isDirty) void event.document.save();
    });
  }

  /**
   * Adds to `edit` the front-matter edit the note needs, then `noteEdits` (the
   * caller's own edits to the note, in offsets of its text), then the changes
   * to the bibliography file. The note's edits must come together: a file
   * operation between two edits of one document makes VS Code refuse the second.
   * A front-matter edit goes before the caller's edit at the same offset, so
   * front matter stays first.
   */
  async plan(note: vscode.TextDocument, papers: readonly Paper[], edit: vscode.WorkspaceEdit, noteEdits: readonly TextEdit[] = []): Promise<BibliographyPlan> {
    if (papers.length === 0) {
      // Nothing to cite in the bibliography (a link or footnote citation): just the note's edits.
      for (const e of noteEdits) edit.replace(note.uri, new vscode.Range(note.positionAt(e.start), note.positionAt(e.end)), e.newText);
      return { ok: true, added: [], frontMatterEdits: [] };
    }
    if (note.uri.scheme === 'untitled') {
      return { ok: false, message: `“${note.uri.path}” is not saved yet, so it has no folder for its bibliography; save it first.` };
    }
    const config = vscode.workspace.getConfiguration('paperAtlas', note);
    const text = note.getText();
    const field = readBibliographyField(text);
    const named = field?.paths.map((p) => p.path) ?? [];
    const defaultFile = config.get<string>('bibliography.defaultFile', 'references.json').trim() || 'references.json';
    const paths = named.length > 0 ? named : [defaultFile];
    const folder = vscode.Uri.joinPath(note.uri, '..');
    const files = paths.map((path) => ({ path, uri: resolveAgainst(folder, path) }));

    // Keys any of the note's bibliographies already define are not added again.
    const defined = new Set<string>();
    const texts = new Map<string, string | undefined>();
    for (const file of files) {
      const fileText = await readWorkspaceText(file.uri);
      texts.set(file.uri.toString(), fileText);
      if (fileText === undefined || !bibliographyFormat(file.path)) continue;
      const keys = bibliographyKeys(file.path, fileText);
      if (!keys.ok) return this.parseFailure(file.uri, keys.error);
      for (const k of keys.keys) defined.add(k.key.toLowerCase());
    }
    const target = files.find((f) => bibliographyFormat(f.path));
    if (!target) {
      return { ok: false, message: `the note's bibliography (${paths.join(', ')}) is neither CSL-JSON (.json) nor BibTeX (.bib), so Paper Atlas cannot add entries to it.` };
    }
    const missing = papers.filter((p) => !defined.has(p.key.toLowerCase()));
    const targetText = texts.get(target.uri.toString());
    const upsert = upsertBibliography(target.path, targetText ?? '', missing);
    if (!upsert.ok) return this.parseFailure(target.uri, upsert.error);

    const frontMatterEdits: TextEdit[] = [];
    if (named.length === 0 && config.get<boolean>('bibliography.addToFrontMatter', true)) {
      // A replacement when the field is there with no value (`bibliography: ~`), else an insertion.
      const frontMatter = addBibliographyEdit(text, defaultFile);
      if (frontMatter) frontMatterEdits.push(frontMatter);
    }
    for (const e of [...frontMatterEdits, ...noteEdits]) edit.replace(note.uri, new vscode.Range(note.positionAt(e.start), note.positionAt(e.end)), e.newText);
    if (upsert.edit) {
      if (targetText === undefined) {
        edit.createFile(target.uri, { ignoreIfExists: false, contents: new TextEncoder().encode(upsert.edit.newText) });
      } else {
        const document = await vscode.workspace.openTextDocument(target.uri);
        edit.replace(target.uri, new vscode.Range(document.positionAt(upsert.edit.start), document.positionAt(upsert.edit.end)), upsert.edit.newText);
        this.pendingSaves.add(target.uri.toString());
      }
      this.log.info(`Adding ${upsert.added.join(', ')} to ${vscode.workspace.asRelativePath(target.uri)}`);
    }
    return { ok: true, added: upsert.added, file: target.uri, frontMatterEdits };
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private parseFailure(uri: vscode.Uri, error: { message: string; line: number; col: number }): BibliographyPlan {
    const where = `${vscode.workspace.asRelativePath(uri)}:${error.line + 1}:${error.col + 1}`;
    this.log.warn(`Bibliography does not parse, left untouched: ${where}: ${error.message}`);
    const position = new vscode.Position(error.line, error.col);
    return {
      ok: false,
      message: `${where}: ${error.message} The bibliography was left untouched.`,
      location: new vscode.Location(uri, new vscode.Range(position, position)),
    };
  }
}

function resolveAgainst(folder: vscode.Uri, path: string): vscode.Uri {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) ? vscode.Uri.file(path) : vscode.Uri.joinPath(folder, path);
}
