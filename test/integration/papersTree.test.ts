import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaperAtlasApi } from '../../src/extension';
import type { GroupNode, PaperNode, PapersNode } from '../../src/views/papersTree';
import { paperAtlasApi, until } from './helpers';

function roots(api: PaperAtlasApi): GroupNode[] {
  return api.atlas.papersView.provider.getChildren().filter((n): n is GroupNode => n.kind === 'group');
}

function papersOf(api: PaperAtlasApi, group: PapersNode): PaperNode[] {
  return api.atlas.papersView.provider.getChildren(group).filter((n): n is PaperNode => n.kind === 'paper');
}

describe('Papers tree', () => {
  let api: PaperAtlasApi;

  before(async () => {
    api = await paperAtlasApi();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('paperAtlas.groupByTheme');
    await vscode.commands.executeCommand('paperAtlas.sortByUpvotes');
  });

  it('lists every paper exactly once, under its primary theme, with the right counts', () => {
    const catalog = api.atlas.library.catalog;
    assert.ok(catalog && catalog.size > 400, 'the bundled corpus is loaded');
    const groups = roots(api);
    assert.ok(groups.length >= 10 && groups.length <= 20, `${groups.length} themes`);
    const seen = new Map<string, string>();
    for (const group of groups) {
      const item = api.atlas.papersView.provider.getTreeItem(group);
      const children = papersOf(api, group);
      assert.equal(item.description, String(children.length), `count shown for ${group.group.label}`);
      for (const child of children) {
        assert.ok(!seen.has(child.entry.uid), `${child.entry.paper.key} appears under ${seen.get(child.entry.uid)} and ${group.group.label}`);
        seen.set(child.entry.uid, group.group.label);
        assert.equal(catalog.primaryTheme(child.entry)?.uid, group.group.themeUid, `${child.entry.paper.key} sits under its primary theme`);
        assert.equal(api.atlas.papersView.provider.getParent(child), group);
      }
    }
    assert.equal(seen.size, catalog.size);
  });

  it('gives paper items a title, details, an icon and no abstract until hovered', () => {
    const [group] = roots(api);
    assert.ok(group);
    const [paper] = papersOf(api, group);
    assert.ok(paper);
    const item = api.atlas.papersView.provider.getTreeItem(paper);
    assert.equal(item.label, paper.entry.paper.title);
    assert.equal(item.tooltip, undefined, 'the abstract is not sent up front');
    assert.ok(item.iconPath instanceof vscode.ThemeIcon);
    assert.equal(item.contextValue, 'paperAtlas.paper');
    const resolved = api.atlas.papersView.provider.resolveTreeItem(item, paper);
    assert.ok(resolved.tooltip instanceof vscode.MarkdownString);
    assert.ok(resolved.tooltip.value.includes(paper.entry.paper.abstract.slice(0, 40).replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '')) || resolved.tooltip.value.length > 200);
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
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
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
