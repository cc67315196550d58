import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaperAtlasApi } from '../../src/extension';
import type { GroupNode, PaperNode, PapersNode } from '../../src/views/papersTree';
import { EXTENSION_ID, paperAtlasApi, papersTree, until } from './helpers';

function roots(api: PaperAtlasApi): GroupNode[] {
  return papersTree(api).getChildren().filter((n): n is GroupNode => n.kind === 'group');
}

function papersOf(api: PaperAtlasApi, group: PapersNode): PaperNode[] {
  return papersTree(api).getChildren(group).filter((n): n is PaperNode => n.kind === 'paper');
}

/** A theme as the bundled build output records it (dist/library/themes.json). */
interface BundledTheme {
  label: string;
  /** The papers whose primary theme this is. */
  paperIds: string[];
}

/** The bundled corpus's themes, read from the build output rather than from the extension's catalog. */
async function bundledThemes(): Promise<BundledTheme[]> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension);
  const file = vscode.Uri.joinPath(extension.extensionUri, 'dist', 'library', 'themes.json');
  const { themes } = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as { themes: BundledTheme[] };
  return themes;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

describe('Papers tree', () => {
  let api: PaperAtlasApi;

  before(async () => {
    api = await paperAtlasApi();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('paperAtlas.groupByTheme');
    await vscode.commands.executeCommand('paperAtlas.sortByUpvotes');
  });

  it('shows the bundled corpus’s themes as its first level, alphabetically, each with its paper count', async () => {
    await vscode.commands.executeCommand('paperAtlas.groupByTheme');
    const expected = (await bundledThemes())
      .sort((a, b) => collator.compare(a.label, b.label))
      .map((theme) => ({ label: theme.label, count: String(theme.paperIds.length) }));
    assert.ok(expected.length > 10, `the bundled corpus has ${expected.length} themes`);
    const tree = papersTree(api);
    const shown = tree.getChildren().map((node) => {
      const item = tree.getTreeItem(node);
      return { label: item.label, count: item.description };
    });
    assert.deepEqual(shown, expected);
  });

  it('lists every paper exactly once, under its primary theme, with the right counts', () => {
    const catalog = api.atlas.library.catalog;
    assert.ok(catalog && catalog.size > 400, 'the bundled corpus is loaded');
    const groups = roots(api);
    assert.ok(groups.length >= 10 && groups.length <= 20, `${groups.length} themes`);
    const seen = new Map<string, string>();
    for (const group of groups) {
      const item = papersTree(api).getTreeItem(group);
      const children = papersOf(api, group);
      assert.equal(item.description, String(children.length), `count shown for ${group.group.label}`);
      for (const child of children) {
        assert.ok(!seen.has(child.entry.uid), `${child.entry.paper.key} appears under ${seen.get(child.entry.uid)} and ${group.group.label}`);
        seen.set(child.entry.uid, group.group.label);
        assert.equal(catalog.primaryTheme(child.entry)?.uid, group.group.themeUid, `${child.entry.paper.key} sits under its primary theme`);
        assert.equal(papersTree(api).getParent(child), group);
      }
    }
    assert.equal(seen.size, catalog.size);
  });

  it('gives paper items a title, details, an icon and no abstract until hovered', () => {
    const tree = papersTree(api);
    const paper = roots(api)
      .flatMap((group) => papersOf(api, group))
      .find(({ entry }) => entry.paper.org && entry.paper.upvotes !== undefined);
    assert.ok(paper, 'a paper with an organisation and upvotes is in the tree');
    const { title, org, upvotes, abstract } = paper.entry.paper;
    const item = tree.getTreeItem(paper);
    assert.equal(item.label, title);
    assert.ok(typeof item.description === 'string' && item.description.includes(org!.name) && item.description.includes(`▲ ${upvotes}`), `details: ${String(item.description)}`);
    assert.equal(item.tooltip, undefined, 'the abstract is not sent up front');
    assert.ok(item.iconPath instanceof vscode.ThemeIcon);
    assert.equal(item.contextValue, 'paperAtlas.paper');
    const resolved = tree.resolveTreeItem(item, paper);
    assert.ok(resolved.tooltip instanceof vscode.MarkdownString);
    // The tooltip is Markdown: undo its escapes to read the text a person sees.
    const text = resolved.tooltip.value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
    const opening = abstract.slice(0, 200);
    assert.ok(text.includes(opening), `the tooltip shows the abstract's opening "${opening}":\n${text}`);
  });

  it('groups by organisation and by year, and remembers the choice for the workspace', async () => {
    await vscode.commands.executeCommand('paperAtlas.groupByOrganisation');
    assert.equal(api.atlas.viewState.groupMode, 'organisation');
    const byOrg = roots(api);
    assert.ok(byOrg.some((g) => g.group.label === 'No organisation'));
    assert.ok(byOrg.every((g) => !g.group.themeUid));
    await vscode.commands.executeCommand('paperAtlas.groupByYear');
    const years = roots(api).map((g) => g.group.label);
    assert.ok(years.includes('2025'), years.join(', '));
    const numeric = years.filter((y) => /^\d{4}$/.test(y));
    assert.deepEqual(numeric, [...numeric].sort().reverse(), 'newest year first');
    const total = roots(api).reduce((sum, g) => sum + papersOf(api, g).length, 0);
    assert.equal(total, api.atlas.library.catalog?.size);
  });

  it('sorts papers by upvotes, date and title', async () => {
    const biggest = () => roots(api).sort((a, b) => b.group.papers.length - a.group.papers.length)[0]!;
    await vscode.commands.executeCommand('paperAtlas.sortByUpvotes');
    const upvotes = papersOf(api, biggest()).map((p) => p.entry.paper.upvotes ?? -1);
    assert.deepEqual(upvotes, [...upvotes].sort((a, b) => b - a));
    await vscode.commands.executeCommand('paperAtlas.sortByDate');
    const dates = papersOf(api, biggest()).map((p) => p.entry.paper.date ?? '');
    assert.deepEqual(dates, [...dates].sort().reverse());
    await vscode.commands.executeCommand('paperAtlas.sortByTitle');
    const titles = papersOf(api, biggest()).map((p) => p.entry.paper.title);
    assert.deepEqual(titles, [...titles].sort(collator.compare));
    assert.equal(api.atlas.viewState.sortMode, 'title');
  });

  it('reveals a paper by its citation key, selecting it in the tree', async () => {
    const target = api.atlas.library.catalog!.papers[123]!;
    const revealed = await vscode.commands.executeCommand<boolean>('paperAtlas.revealPaper', target.paper.key);
    assert.equal(revealed, true);
    await until(() => api.atlas.papersView.treeView.selection[0]?.kind === 'paper', 'the paper is selected');
    const selected = api.atlas.papersView.treeView.selection[0] as PaperNode;
    assert.equal(selected.entry.uid, target.uid);
    assert.equal(api.atlas.papersView.treeView.visible, true);
  });

  it('reveals a theme, switching back to grouping by theme', async () => {
    await vscode.commands.executeCommand('paperAtlas.groupByYear');
    const theme = api.atlas.library.catalog!.themes[2]!;
    assert.equal(await vscode.commands.executeCommand<boolean>('paperAtlas.revealTheme', theme.uid), true);
    assert.equal(api.atlas.viewState.groupMode, 'theme');
    await until(() => api.atlas.papersView.treeView.selection[0]?.kind === 'group', 'the theme is selected');
    assert.equal((api.atlas.papersView.treeView.selection[0] as GroupNode).group.themeUid, theme.uid);
  });
});
