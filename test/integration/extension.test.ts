import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'paper-atlas.paper-atlas';

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

/**
 * Waits for a condition VS Code offers no event for (extension activation),
 * checking often and giving up with a message after `timeoutMs`.
 */
async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function workspaceRoot(): vscode.Uri {
  const folders = vscode.workspace.workspaceFolders ?? [];
  assert.equal(folders.length, 1, 'exactly one workspace folder is open');
  return folders[0]!.uri;
}

describe('Paper Atlas in VS Code', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the fixture workspace with awkward file names is open', async () => {
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
    await paperAtlas().activate();
    // VS Code derives these commands from the manifest's view container and view;
    // executing one for a view that is not contributed rejects with "command not found".
    await vscode.commands.executeCommand('workbench.view.extension.paperAtlas');
    await vscode.commands.executeCommand('paperAtlas.papers.focus');
  });

  it('runs Show Log and Refresh without error', async () => {
    await paperAtlas().activate();
    await vscode.commands.executeCommand('paperAtlas.showLog');
    await vscode.commands.executeCommand('paperAtlas.refresh');
  });
});
