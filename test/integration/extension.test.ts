import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, paperAtlasApi, until, workspaceRoot } from './helpers';

/** The manifest's command contributions, as VS Code read them. */
interface ManifestCommand {
  command: string;
  category?: string;
}

function paperAtlas(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not among the installed extensions`);
  return extension;
}

describe('Paper Atlas in VS Code', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the fixture workspace with awkward file names is open', async () => {
    assert.equal(vscode.workspace.workspaceFolders?.length, 1, 'exactly one workspace folder is open');
    const root = workspaceRoot();
    for (const name of ['README.md', 'notes/related work.md', 'notes/ünïcode note.md']) {
      const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(root, ...name.split('/')));
      assert.equal(stat.type, vscode.FileType.File, `${name} is a file in the workspace`);
    }
    const notes = await vscode.workspace.findFiles('notes/*.md');
    assert.deepEqual(notes.map((uri) => uri.path.split('/').pop()).sort(), ['related work.md', 'ünïcode note.md']);
  });

  it('activates when a Markdown note is opened', async () => {
    const extension = paperAtlas();
    // This file runs first (see index.ts), so nothing has activated Paper Atlas yet.
    assert.equal(extension.isActive, false, `${EXTENSION_ID} is not active before a note is opened`);
    const note = vscode.Uri.joinPath(workspaceRoot(), 'notes', 'ünïcode note.md');
    const editor = await vscode.window.showTextDocument(note);
    assert.equal(editor.document.languageId, 'markdown');
    await until(() => extension.isActive, `${EXTENSION_ID} is active`);
  });

  it('registers every command its manifest contributes, each in the Paper Atlas category', async () => {
    const extension = paperAtlas();
    await extension.activate();
    const contributed = (extension.packageJSON as { contributes: { commands: ManifestCommand[] } }).contributes.commands;
    const ids = contributed.map((c) => c.command);
    assert.ok(ids.includes('paperAtlas.refresh') && ids.includes('paperAtlas.showLog'), `manifest commands: ${ids.join(', ')}`);
    for (const c of contributed) assert.equal(c.category, 'Paper Atlas', `${c.command} has the category "Paper Atlas"`);

    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = ids.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], 'every contributed command is registered');
  });

  it('shows the Papers view in its own activity bar container', async () => {
    const api = await paperAtlasApi();
    // VS Code derives these commands from the manifest's view container and view;
    // executing one for a view that is not contributed rejects with "command not found".
    await vscode.commands.executeCommand('workbench.view.extension.paperAtlas');
    await vscode.commands.executeCommand('paperAtlas.papers.focus');
    await until(() => api.atlas.papersView.treeView.visible, 'the Papers view is visible');
  });

  it('Show Log reveals the channel Paper Atlas logs to', async () => {
    const { log } = (await paperAtlasApi()).atlas;
    // The test and the extension share this object, so counting calls here sees the command's.
    const show = Object.getOwnPropertyDescriptor(log, 'show');
    assert.ok(show, 'show is a property of the channel itself');
    let shown = 0;
    log.show = () => {
      shown += 1;
    };
    try {
      await vscode.commands.executeCommand('paperAtlas.showLog');
    } finally {
      Object.defineProperty(log, 'show', show);
    }
    assert.equal(shown, 1);
  });

  it('Reload Libraries reads the libraries again', async () => {
    const { library } = (await paperAtlasApi()).atlas;
    const before = library.catalog;
    assert.ok(before && before.size > 0, 'the bundled corpus is loaded');
    await vscode.commands.executeCommand('paperAtlas.refresh');
    // A reload builds a new catalog: the same papers, in a new object.
    assert.notEqual(library.catalog, before, 'the catalog was rebuilt');
    assert.equal(library.catalog?.size, before.size);
    assert.deepEqual(library.problems, []);
  });
});
