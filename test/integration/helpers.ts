import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaperAtlasApi } from '../../src/extension';
import type { PapersTreeProvider } from '../../src/views/papersTree';

// The integration tests take `until` from here, with the rest of their helpers.
export { until } from '../shared/until';

export const EXTENSION_ID = 'paper-atlas.paper-atlas';

/** Activates Paper Atlas (if it is not yet) and waits for its libraries to load. */
export async function paperAtlasApi(): Promise<PaperAtlasApi> {
  const extension = vscode.extensions.getExtension<PaperAtlasApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  await api.atlas.library.ready();
  return api;
}

/** The Papers tree's data provider: what VS Code asks for the tree's nodes and items. */
export function papersTree(api: PaperAtlasApi): PapersTreeProvider {
  return api.atlas.papersView.provider;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri;
}

/** Creates a Markdown note in a scratch folder of the workspace and opens it in an editor. */
export async function openScratchNote(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), 'scratch', name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

/** Removes the scratch folder the tests write notes and bibliographies in. */
export async function removeScratch(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), 'scratch'), { recursive: true, useTrash: false }).then(
    () => undefined,
    () => undefined,
  );
}
