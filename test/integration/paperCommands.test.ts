import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaperAtlasApi } from '../../src/extension';
import type { PaperNode } from '../../src/views/papersTree';
import { paperAtlasApi, until } from './helpers';

type ShowQuickPick = (items: unknown, options?: vscode.QuickPickOptions, token?: vscode.CancellationToken) => Thenable<unknown>;

/**
 * Notes the item the next `window.showQuickPick` focuses: VS Code reports focus
 * through `onDidSelectItem` once the pick shows its items. The test and the
 * extension share one API object, so wrapping it here wraps the extension's calls.
 */
function watchFocusInQuickPick(): { focused(): vscode.QuickPickItem | string | undefined; restore(): void } {
  const window = vscode.window as unknown as { showQuickPick: ShowQuickPick };
  const original = window.showQuickPick;
  let focused: vscode.QuickPickItem | string | undefined;
  window.showQuickPick = (items, options, token) =>
    original.call(
      vscode.window,
      items,
      {
        ...options,
        onDidSelectItem: (item) => {
          focused = item;
          options?.onDidSelectItem?.(item);
        },
      },
      token,
    );
  return {
    focused: () => focused,
    restore: () => {
      window.showQuickPick = original;
    },
  };
}

describe('Paper commands and the paper view', () => {
  let api: PaperAtlasApi;

  before(async () => {
    api = await paperAtlasApi();
  });

  // The paper views stay open from test to test: in VS Code 1.100 for the web a
  // webview created right after the last one of its extension closed stays
  // blank (its script never runs), so closing them all between tests would
  // test the workbench rather than Paper Atlas.
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  function paper(index: number) {
    const entry = api.atlas.library.catalog?.papers[index];
    assert.ok(entry, `paper #${index} is loaded`);
    return entry;
  }

  function treeNode(index: number): PaperNode {
    const node = api.atlas.papersView.provider.nodeForPaper(paper(index).uid);
    assert.ok(node);
    return node;
  }

  it('copies a citation key, and the keys of a multi-selection', async () => {
    await vscode.commands.executeCommand('paperAtlas.copyCitationKey', treeNode(3));
    assert.equal(await vscode.env.clipboard.readText(), paper(3).paper.key);
    await vscode.commands.executeCommand('paperAtlas.copyCitationKey', treeNode(3), [treeNode(3), treeNode(8)]);
    assert.equal(await vscode.env.clipboard.readText(), `${paper(3).paper.key}, ${paper(8).paper.key}`);
  });

  it('copies BibTeX and CSL-JSON', async () => {
    const { key, title } = paper(5).paper;
    await vscode.commands.executeCommand('paperAtlas.copyBibtex', treeNode(5));
    const bibtex = await vscode.env.clipboard.readText();
    assert.match(bibtex, new RegExp(`^@\\w+\\{${key},`));
    await vscode.commands.executeCommand('paperAtlas.copyCslJson', key);
    const csl = JSON.parse(await vscode.env.clipboard.readText()) as { id: string; title: string }[];
    assert.deepEqual(csl.map((i) => [i.id, i.title]), [[key, title]]);
  });

  it('opens a paper in one reusable view once the webview says it is ready', async () => {
    await vscode.commands.executeCommand('paperAtlas.openPaper', paper(0).paper.key);
    assert.equal(api.atlas.panels.all.length, 1);
    const [panel] = api.atlas.panels.all;
    await panel!.whenReady();
    assert.equal(panel!.paperUid, paper(0).uid);
    assert.ok(paper(0).paper.title.startsWith(panel!.panel.title.replace(/…$/, '')));
    await vscode.commands.executeCommand('paperAtlas.openPaper', treeNode(1));
    assert.equal(api.atlas.panels.all.length, 1, 'the second paper replaces the first');
    assert.equal(api.atlas.panels.all[0]!.paperUid, paper(1).uid);
  });

  it('opens the next paper in a new view once the current one is pinned', async () => {
    await vscode.commands.executeCommand('paperAtlas.openPaper', paper(0).paper.key, { preserveFocus: false });
    assert.equal(api.atlas.panels.all.length, 1);
    const first = api.atlas.panels.all[0]!;
    await first.whenReady();
    await vscode.commands.executeCommand('paperAtlas.togglePaperPin');
    assert.equal(first.pinned, true);
    await vscode.commands.executeCommand('paperAtlas.openPaper', paper(2).paper.key);
    assert.equal(api.atlas.panels.all.length, 2);
    const second = api.atlas.panels.all.find((p) => p !== first);
    assert.ok(second);
    assert.equal(second.paperUid, paper(2).uid);
    assert.equal(second.pinned, false);
    assert.equal(first.paperUid, paper(0).uid, 'the pinned view keeps its paper');
    // Back to one unpinned view for the tests that follow. (Not waiting for the
    // second view's `ready`: under load, code-server sometimes leaves a second
    // webview unloaded for longer than a test's timeout; what is checked here is
    // which view shows which paper.)
    first.panel.dispose();
  });

  it('shows related papers in a quick pick and opens the one picked', async () => {
    const source = paper(10);
    const related = await api.atlas.search.related(source, 5);
    assert.ok(related.length > 0, 'the index finds related papers');
    assert.ok(!related.some((r) => r.entry.uid === source.uid), 'a paper is not related to itself');
    const watch = watchFocusInQuickPick();
    try {
      const done = vscode.commands.executeCommand('paperAtlas.showRelated', treeNode(10));
      // Accepting before the pick has its items would accept nothing.
      await until(() => watch.focused() !== undefined, 'the quick pick lists the related papers with one focused');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await done;
    } finally {
      watch.restore();
    }
    await until(() => api.atlas.panels.all.some((p) => !p.pinned && p.paperUid === related[0]!.entry.uid), 'the first related paper is on show');
  });

  it('hides and shows the bundled corpus', async () => {
    const before = api.atlas.library.catalog!.size;
    const changed = new Promise((resolve) => api.atlas.library.onDidChange(resolve));
    await vscode.commands.executeCommand('paperAtlas.toggleBundledCorpus');
    await changed;
    assert.equal(api.atlas.library.catalog!.size, 0);
    assert.deepEqual(api.atlas.papersView.provider.getChildren(), []);
    const back = new Promise((resolve) => api.atlas.library.onDidChange(resolve));
    await vscode.commands.executeCommand('paperAtlas.toggleBundledCorpus');
    await back;
    assert.equal(api.atlas.library.catalog!.size, before);
  });
});
