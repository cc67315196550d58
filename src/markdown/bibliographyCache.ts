import * as vscode from 'vscode';
import { bibliographyKeys } from '../core/bibliography/bibliographyFile';
import type { KeysResult } from '../core/bibliography/parseError';

interface Entry {
  /** The open document's version, or the file's mtime and size on disk. */
  readonly stamp: string;
  readonly text: string | undefined;
  keys?: { readonly path: string; readonly result: KeysResult };
}

/**
 * The note's bibliographies as the diagnostics read them, remembered per file
 * until the file changes: an open document by its version, a closed file by
 * its modification time and size. A check after every pause in typing then
 * costs a `stat` per bibliography, not a read and a parse of it.
 */
export class BibliographyCache {
  private readonly entries = new Map<string, Entry>();

  /** The file's current text (an open document's, unsaved changes included); undefined when it does not exist. */
  async text(uri: vscode.Uri): Promise<string | undefined> {
    return (await this.entry(uri)).text;
  }

  /** The keys of `text`, read from the bibliography at `uri`; parsed once per version of the file. */
  keys(uri: vscode.Uri, path: string, text: string): KeysResult {
    const entry = this.entries.get(uri.toString());
    if (entry?.text === text && entry.keys?.path === path) return entry.keys.result;
    const result = bibliographyKeys(path, text);
    if (entry?.text === text) entry.keys = { path, result };
    return result;
  }

  private async entry(uri: vscode.Uri): Promise<Entry> {
    const key = uri.toString();
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    let stamp: string;
    if (open) {
      stamp = `document:${open.version}`;
    } else {
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        stamp = `disk:${stat.mtime}:${stat.size}`;
      } catch {
        stamp = 'missing';
      }
    }
    const cached = this.entries.get(key);
    if (cached?.stamp === stamp) return cached;
    let text: string | undefined;
    if (open) text = open.getText();
    else if (stamp !== 'missing') text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri).then(undefined, () => new Uint8Array()));
    const entry: Entry = { stamp, text };
    this.entries.set(key, entry);
    return entry;
  }
}
