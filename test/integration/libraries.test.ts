import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { PaperAtlasApi } from '../../src/extension';
import type { CatalogPaper } from '../../src/core/library/catalog';
import { buildPaperViewModel } from '../../src/panels/paperViewModel';
import type { GroupNode, PaperNode } from '../../src/views/papersTree';
import { assertRenders } from './citeHelpers';
import { EXTENSION_ID, paperAtlasApi, until, workspaceRoot } from './helpers';

const run = promisify(execFile);

/** Where the tests put their libraries, inside the workspace so relative settings resolve. */
const LIBS = 'scratch-libraries';

type Popup = 'showErrorMessage' | 'showWarningMessage' | 'showInformationMessage';
const popupKinds: readonly Popup[] = ['showErrorMessage', 'showWarningMessage', 'showInformationMessage'];

describe('Extra libraries (paperAtlas.libraries)', () => {
  let api: PaperAtlasApi;
  let bundledSize: number;
  const popups: string[] = [];
  const originals = new Map<Popup, unknown>();
  const disposables: vscode.Disposable[] = [];

  function libs(...path: string[]): vscode.Uri {
    return vscode.Uri.joinPath(workspaceRoot(), LIBS, ...path);
  }

  /** Resolves after the next reload of the libraries. */
  function nextReload(): Promise<void> {
    return new Promise((resolve) => {
      const subscription = api.atlas.library.onDidChange(() => {
        subscription.dispose();
        resolve();
      });
    });
  }

  let reloads = 0;

  /**
   * Sets the workspace settings (undefined removes one) and waits for the
   * reload that reads them: several settings events can come apart, each
   * debounced, so it waits until what is loaded matches what is set.
   */
  async function configure(libraries: string[] | undefined, includeBundled?: boolean): Promise<void> {
    const config = () => vscode.workspace.getConfiguration('paperAtlas', workspaceRoot());
    const before = reloads;
    let changed = false;
    if (JSON.stringify(config().inspect('libraries')?.workspaceValue) !== JSON.stringify(libraries)) {
      await config().update('libraries', libraries, vscode.ConfigurationTarget.Workspace);
      changed = true;
    }
    if (config().inspect('includeBundledCorpus')?.workspaceValue !== includeBundled) {
      await config().update('includeBundledCorpus', includeBundled, vscode.ConfigurationTarget.Workspace);
      changed = true;
    }
    if (!changed) return;
    const wantBundled = includeBundled ?? true;
    const wantSources = libraries?.length ?? 0;
    await until(() => {
      const loaded = api.atlas.library.catalog;
      if (reloads === before || !loaded) return false;
      const user = loaded.libraries.filter((l) => l.id !== 'bundled').length;
      // A library that loaded with entries skipped is one of `user`, not a failure as well.
      const failed = api.atlas.library.problems.filter((p) => !p.partial).length;
      return loaded.libraries.some((l) => l.id === 'bundled') === wantBundled && user + failed === wantSources;
    }, `the libraries reload with ${JSON.stringify(libraries)} (bundled corpus ${wantBundled ? 'shown' : 'hidden'})`);
  }

  function catalog() {
    const current = api.atlas.library.catalog;
    assert.ok(current, 'the libraries are loaded');
    return current;
  }

  function papersOf(libraryName: string): CatalogPaper[] {
    return catalog().papers.filter((p) => p.library.name === libraryName);
  }

  function roots(): GroupNode[] {
    return api.atlas.papersView.provider.getChildren().filter((n): n is GroupNode => n.kind === 'group');
  }

  before(async function () {
    this.timeout(60_000);
    api = await paperAtlasApi();
    const counter = api.atlas.library.onDidChange(() => (reloads += 1));
    disposables.push(counter);
    await configure(undefined, undefined);
    bundledSize = catalog().size;
    // The fixture listings, copied into the workspace as a researcher would keep them.
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const fixtures = vscode.Uri.joinPath(extension.extensionUri, 'test', 'fixtures', 'libraries');
    for (const name of ['small-listing.txt', 'glaciers.txt', 'malformed.txt']) {
      await vscode.workspace.fs.copy(vscode.Uri.joinPath(fixtures, name), libs(name), { overwrite: true });
    }
    // (a) a folder built by the real CLI, as `paper-atlas build reefs.txt --out reefs` would.
    // ELECTRON_RUN_AS_NODE lets the same line run under desktop VS Code's Electron.
    const cli = join(extension.extensionUri.fsPath, 'dist', 'cli.js');
    await run(process.execPath, [cli, 'build', libs('small-listing.txt').fsPath, '--out', libs('reefs').fsPath, '--quiet'], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    // Spy on popups: the view reports library problems in place, never in a notification.
    for (const kind of popupKinds) {
      originals.set(kind, vscode.window[kind]);
      (vscode.window as unknown as Record<Popup, (message: string) => Promise<undefined>>)[kind] = (message: string) => {
        popups.push(message);
        return Promise.resolve(undefined);
      };
    }
  });

  afterEach(() => {
    popups.length = 0;
  });

  after(async function () {
    this.timeout(30_000);
    for (const [kind, original] of originals) (vscode.window as unknown as Record<Popup, unknown>)[kind] = original;
    await configure(undefined, undefined);
    await vscode.workspace.fs.delete(libs(), { recursive: true, useTrash: false });
    for (const d of disposables) d.dispose();
  });

  it('sees the popups Paper Atlas shows (so the checks below can fail)', async () => {
    await vscode.commands.executeCommand('paperAtlas.openPaper', 'no-such-key-anywhere');
    assert.equal(popups.length, 1, 'the spy caught the warning of an unknown paper');
  });

  it('adds a built library and a captured listing to the bundled papers, each marked by its library', async () => {
    await configure([`${LIBS}/reefs`, `${LIBS}/glaciers.txt`]);
    assert.deepEqual(api.atlas.library.problems, []);
    assert.equal(api.atlas.papersView.treeView.message, undefined);
    assert.equal(catalog().libraries.length, 3);
    // An unnamed built library goes by its folder's name, not the CLI's default "Paper Atlas corpus".
    assert.equal(papersOf('reefs').length, 12);
    assert.equal(papersOf('glaciers.txt').length, 3);
    assert.equal(catalog().size, bundledSize + 15);
    assert.match(api.atlas.papersView.treeView.description ?? '', /3 libraries/);

    for (const name of ['reefs', 'glaciers.txt']) {
      const entry = papersOf(name)[0]!;
      const node = api.atlas.papersView.provider.nodeForPaper(entry.uid);
      assert.ok(node, `${entry.paper.key} has a tree node`);
      const item = api.atlas.papersView.provider.resolveTreeItem(api.atlas.papersView.provider.getTreeItem(node), node);
      assert.ok(item.tooltip instanceof vscode.MarkdownString);
      // The library's name is text: a dot in it is not escaped into a stray backslash.
      assert.ok(item.tooltip.value.includes(`$(library) ${name}`), `tooltip names ${name}: ${item.tooltip.value}`);
      const model = await buildPaperViewModel(catalog(), api.atlas.search, entry.uid, []);
      assert.equal(model?.library, name, 'the paper view names the library');
      // Its theme group is labelled with the library, so it cannot be mistaken for a bundled theme.
      assert.match(node.parent.group.label, new RegExp(`\\(${name.replace(/\./g, '\\.')}\\)$`));
    }
    // Every paper still appears exactly once.
    const placed = roots().flatMap((g) => api.atlas.papersView.provider.getChildren(g) as PaperNode[]);
    assert.equal(placed.length, catalog().size);
    assert.equal(new Set(placed.map((p) => p.entry.uid)).size, catalog().size);
  });

  it('themes a small library sensibly: a few themes of several papers, one topic each', () => {
    const themes = catalog().themes.filter((t) => t.library.name === 'reefs');
    assert.equal(themes.length, 3, themes.map((t) => t.label).join(', '));
    for (const theme of themes) assert.equal(catalog().papersOfTheme(theme).length, 4, theme.label);
  });

  it('shows a missing path and a malformed listing in the view message and the problems, with no fake nodes and no popup', async () => {
    await configure([`${LIBS}/no-such-folder`, `${LIBS}/malformed.txt`, `${LIBS}/glaciers.txt`]);
    const problems = api.atlas.library.problems;
    assert.deepEqual(problems.map((p) => p.source).sort(), [`${LIBS}/malformed.txt`, `${LIBS}/no-such-folder`]);
    const message = api.atlas.papersView.treeView.message ?? '';
    assert.match(message, /no-such-folder: .*does not exist/);
    assert.match(message, /malformed\.txt: .*malformed\.txt:\d+/, 'the malformed listing is reported with a line number');
    assert.match(message, /Show Log/);
    // The libraries that loaded still show; the failed ones add nothing, not even a placeholder node.
    assert.equal(catalog().size, bundledSize + 3);
    const groups = roots();
    assert.ok(groups.every((g) => g.group.papers.length > 0 && api.atlas.papersView.provider.getChildren(g).length > 0));
    assert.ok(!groups.some((g) => /malformed|no-such-folder/.test(g.group.label)));
    // A refresh reports again in place, without a popup.
    const reloaded = nextReload();
    await vscode.commands.executeCommand('paperAtlas.refresh');
    await reloaded;
    assert.equal(api.atlas.library.problems.length, 2);
    assert.deepEqual(popups, []);
    // Fixing the setting clears the message.
    await configure([`${LIBS}/glaciers.txt`]);
    assert.equal(api.atlas.papersView.treeView.message, undefined);
  });

  it('hides the bundled corpus and leaves only the user libraries', async () => {
    await configure([`${LIBS}/reefs`, `${LIBS}/glaciers.txt`], false);
    assert.deepEqual(
      catalog().libraries.map((l) => l.name),
      ['reefs', 'glaciers.txt'],
    );
    assert.equal(catalog().size, 15);
    const placed = roots().flatMap((g) => api.atlas.papersView.provider.getChildren(g) as PaperNode[]);
    assert.equal(placed.length, 15);
    assert.ok(placed.every((p) => p.entry.library.id !== 'bundled'));
    assert.deepEqual(popups, []);
  });

  it('reloads a listing file when it is edited', async () => {
    await configure([`${LIBS}/glaciers.txt`], false);
    assert.equal(catalog().size, 3);
    const listing = libs('glaciers.txt');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(listing));
    const added = [
      '',
      'Ice Thickness of Mountain Glaciers from Ground-Penetrating Radar',
      '',
      'How much water a glacier stores depends on its ice thickness, which satellites cannot see. We survey the ice thickness of thirty mountain glaciers with ground-penetrating radar carried by helicopter and interpolate glacier bed maps between survey lines. The radar surveys show that glacier ice volume in the region was overestimated by a fifth, so meltwater from the glaciers will decline sooner than planned.',
      '',
      '  • 5 authors',
      '·',
      'Jul 30 6',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(listing, new TextEncoder().encode(text + added));
    await until(() => api.atlas.library.catalog?.size === 4, 'the edited listing is reloaded with its fourth paper', 20_000);
    assert.ok(catalog().papers.some((p) => p.paper.title.startsWith('Ice Thickness of Mountain Glaciers')));
  });
  it('reads a researcher’s own .bib and CSL-YAML files: their keys, LaTeX as text, skipped entries named by line, a note citing them renders', async () => {
    const bib = [
      '@string{nat = {Nature}}',
      '@article{Muller2021reefs,',
      '  author = {M{\\"u}ller, J{\\"o}rg and Smith, Ann},',
      '  title = {Coral Reefs \\& Ocean Warming},',
      '  journal = nat,',
      '  year = {2021},',
      '  month = mar,',
      '  abstract = {Reef corals bleach as oceans warm; we survey thirty reefs over ten years.},',
      '}',
      '@inproceedings{lee2019glacier,',
      '  author = {Lee, Kim},',
      '  title = {Glacier Retreat Measured from Orbit},',
      '  booktitle = {Proceedings of Remote Sensing},',
      '  year = 2019,',
      '}',
      '@misc{notitle2020,',
      '  author = {Nobody},',
      '}',
      '',
    ].join('\n');
    const yaml = 'references:\n  - id: tanaka2018soil\n    type: article-journal\n    title: Soil Carbon Under Grazing\n    author:\n      - family: Tanaka\n        given: Yui\n    issued:\n      date-parts: [[2018]]\n';
    await vscode.workspace.fs.writeFile(libs('mine.bib'), new TextEncoder().encode(bib));
    await vscode.workspace.fs.writeFile(libs('lab.yaml'), new TextEncoder().encode(yaml));
    await configure([`${LIBS}/mine.bib`, `${LIBS}/lab.yaml`], false);

    const mine = papersOf('mine.bib');
    assert.deepEqual(mine.map((p) => p.paper.key).sort(), ['Muller2021reefs', 'lee2019glacier'], 'the file’s own keys, the entry without a title skipped');
    const reef = mine.find((p) => p.paper.key === 'Muller2021reefs')!.paper;
    assert.equal(reef.title, 'Coral Reefs & Ocean Warming');
    assert.deepEqual(reef.authors, ['Jörg Müller', 'Ann Smith']);
    assert.equal(reef.venue, 'Nature', 'the @string macro is expanded');
    assert.deepEqual(papersOf('lab.yaml').map((p) => p.paper.key), ['tanaka2018soil']);
    assert.match(api.atlas.papersView.treeView.message ?? '', /mine\.bib.*line 16|mine\.bib:16/s, 'the skipped entry is named by its line in the view');
    assert.ok(roots().length > 0, 'the tree shows the user’s papers');
    assert.deepEqual(popups, [], 'no popup');

    // Cited from the user's library: the user's key, and pandoc renders the note.
    const note = libs('reef note.md');
    await vscode.workspace.fs.writeFile(note, new TextEncoder().encode('# Reefs\n\nWarming bleaches corals .\n'));
    const editor = await vscode.window.showTextDocument(note);
    const at = editor.document.getText().indexOf(' .') + 1;
    editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at));
    assert.equal(await vscode.commands.executeCommand('paperAtlas.insertCitation', ['Muller2021reefs']), true);
    assert.ok(await editor.document.save());
    const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(libs('references.json')));
    assert.ok(written.includes('"id": "Muller2021reefs"'), written);
    assertRenders(note, ['Muller2021reefs']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  it('reads a Zotero data folder from its database’s bytes, with the items’ citation keys, and writes nothing into it', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const zotero = libs('Zotero');
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(extension.extensionUri, 'test', 'fixtures', 'real', 'bbt-profile-zotero.sqlite'), vscode.Uri.joinPath(zotero, 'zotero.sqlite'), { overwrite: true });
    const before = (await vscode.workspace.fs.readDirectory(zotero)).map(([name]) => name).sort();
    await configure([`${LIBS}/Zotero`], false);
    const items = papersOf('Zotero');
    assert.equal(items.length, 49, 'the 49 regular items, no attachments or notes');
    assert.ok(items.some((p) => p.paper.key === 'shelah1969'), items.map((p) => p.paper.key).join(', '));
    assert.ok(roots().length > 0, 'themed in the tree');
    assert.deepEqual((await vscode.workspace.fs.readDirectory(zotero)).map(([name]) => name).sort(), before, 'nothing written beside zotero.sqlite');
  });
});
