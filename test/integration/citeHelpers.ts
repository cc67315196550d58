import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import type { CatalogPaper } from '../../src/core/library/catalog';
import type { PaperAtlasApi } from '../../src/extension';
import type { PaperPickItem } from '../../src/pickers/paperPicker';
import { workspaceRoot } from './helpers';

/** What the extension showed the user through `window.show*Message` while a test ran. */
export interface ShownMessage {
  readonly severity: 'error' | 'warning' | 'information';
  readonly text: string;
  /** The buttons the message offered. */
  readonly actions: readonly string[];
}

type ShowMessage = (message: string, ...rest: unknown[]) => Thenable<unknown>;

/**
 * Records the messages Paper Atlas shows, answering each as if the user
 * dismissed it. The extension and its tests share one `vscode` API object
 * (the test bundle lies inside the extension's folder), so replacing the
 * functions here replaces them for the extension too. `restore` puts them back.
 */
export function captureMessages(): { readonly messages: ShownMessage[]; restore(): void } {
  const window = vscode.window as unknown as Record<string, ShowMessage>;
  const names = { error: 'showErrorMessage', warning: 'showWarningMessage', information: 'showInformationMessage' } as const;
  const originals = new Map<string, ShowMessage>();
  const messages: ShownMessage[] = [];
  for (const [severity, name] of Object.entries(names) as [ShownMessage['severity'], string][]) {
    originals.set(name, window[name]!);
    window[name] = (text: string, ...rest: unknown[]) => {
      const actions = rest.flatMap((item) => (typeof item === 'string' ? [item] : typeof item === 'object' && item !== null && 'title' in item ? [String(item.title)] : []));
      messages.push({ severity, text, actions });
      return Promise.resolve(undefined);
    };
  }
  return {
    messages,
    restore() {
      for (const [name, original] of originals) window[name] = original;
    },
  };
}

/** A loaded paper by catalog position, failing loudly when there is none. */
export function paperAt(api: PaperAtlasApi, index: number): CatalogPaper {
  const entry = api.atlas.library.catalog?.papers[index];
  assert.ok(entry, `paper #${index} is loaded`);
  return entry;
}

let folder = 'cite';
let folders = 0;

/**
 * Moves the next notes and bibliographies into a folder of their own. VS Code
 * keeps a closed tab's document in memory for a while, so a file deleted and
 * written again under the same name can be read back as the old document.
 */
export function freshScratchFolder(): void {
  folder = `cite-${++folders}`;
}

/** A path in the current test's scratch folder. */
export function scratchUri(...path: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), 'scratch', folder, ...path);
}

/** Writes a note into the current test's scratch folder and opens it in an editor. */
export async function openNote(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = await writeScratch(name, text);
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

/** A file's text on disk (not an open document's), or undefined when it does not exist. */
export async function diskText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

export async function writeScratch(name: string, text: string): Promise<vscode.Uri> {
  const uri = scratchUri(...name.split('/'));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/** The ids of a CSL-JSON bibliography on disk, in file order. */
export async function cslIds(uri: vscode.Uri): Promise<string[]> {
  const text = await diskText(uri);
  assert.ok(text !== undefined, `${uri.path} exists`);
  return (JSON.parse(text) as { id: string }[]).map((item) => item.id);
}

/** Places one cursor just after each occurrence of `marker` in the editor (and removes nothing). */
export function cursorsAfter(editor: vscode.TextEditor, marker: string): void {
  const text = editor.document.getText();
  const selections: vscode.Selection[] = [];
  for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + 1)) {
    const position = editor.document.positionAt(at + marker.length);
    selections.push(new vscode.Selection(position, position));
  }
  assert.ok(selections.length > 0, `the note contains "${marker}"`);
  editor.selections = selections;
}

/** Sets a Paper Atlas setting for the workspace, returning a function that resets it. */
export async function withSetting(key: string, value: unknown): Promise<() => Promise<void>> {
  const config = vscode.workspace.getConfiguration('paperAtlas');
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  return async () => {
    await vscode.workspace.getConfiguration('paperAtlas').update(key, undefined, vscode.ConfigurationTarget.Workspace);
  };
}

/**
 * Hands over the next quick pick Paper Atlas creates, once it is shown, so a
 * test can wait for its items and then drive it through the workbench's own
 * commands, as keys would.
 */
export function watchQuickPick(): { shown: Promise<vscode.QuickPick<PaperPickItem>>; restore(): void } {
  const window = vscode.window as { createQuickPick: typeof vscode.window.createQuickPick };
  const original = window.createQuickPick;
  let resolve!: (pick: vscode.QuickPick<PaperPickItem>) => void;
  const shown = new Promise<vscode.QuickPick<PaperPickItem>>((r) => (resolve = r));
  window.createQuickPick = <T extends vscode.QuickPickItem>() => {
    const pick = original<T>();
    const show = pick.show.bind(pick);
    pick.show = () => {
      show();
      resolve(pick as unknown as vscode.QuickPick<PaperPickItem>);
    };
    window.createQuickPick = original;
    return pick;
  };
  return {
    shown,
    restore: () => {
      window.createQuickPick = original;
    },
  };
}

/** What `pandoc --citeproc` made of a note on disk, run from the note's folder as a user would. */
export function renderWithPandoc(note: vscode.Uri): { readonly warnings: string; readonly html: string; readonly status: number | null } {
  const result = spawnSync('pandoc', ['--citeproc', '--from', 'markdown', '--to', 'html5', basename(note.fsPath)], { cwd: dirname(note.fsPath), encoding: 'utf8' });
  assert.ok(!result.error, `pandoc runs: ${result.error?.message ?? ''}`);
  return { warnings: result.stderr.trim(), html: result.stdout, status: result.status };
}

/** Asserts pandoc renders the note on disk with no warning and a reference for each key. */
export function assertRenders(note: vscode.Uri, keys: readonly string[]): void {
  const { warnings, html, status } = renderWithPandoc(note);
  assert.equal(warnings, '', 'pandoc prints no warning');
  assert.equal(status, 0);
  for (const key of keys) assert.ok(html.includes(`id="ref-${key}"`), `the reference list holds ${key}`);
}

const immutablePaths = new Set<string>();

/**
 * Makes a file or folder immutable (`chattr +i`), which even root cannot
 * write: the extension host runs as root in the test machine, where a
 * `chmod 444` file is still writable. {@link releaseImmutable} undoes it.
 */
export function makeImmutable(uri: vscode.Uri): void {
  execFileSync('chattr', ['+i', uri.fsPath]);
  immutablePaths.add(uri.fsPath);
}

/** Clears every `chattr +i` the tests set, so the scratch folder can be removed. */
export function releaseImmutable(): void {
  for (const path of immutablePaths) execFileSync('chattr', ['-i', path]);
  immutablePaths.clear();
}

/** Whether an open document for `uri` holds unsaved changes (false when none is open). */
export function isDirty(uri: vscode.Uri): boolean {
  return vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && d.isDirty);
}
