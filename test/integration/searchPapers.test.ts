import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaperAtlasApi } from '../../src/extension';
import { watchQuickPick } from './citeHelpers';
import { paperAtlasApi, until } from './helpers';

describe('Search Papers in VS Code', () => {
  let api: PaperAtlasApi;

  before(async () => {
    api = await paperAtlasApi();
  });

  it('lists the index’s hits for a query, always shown, with title, org · year · theme and a snippet; Enter opens the paper', async () => {
    const query = 'reinforcement learning reward';
    const hits = await api.atlas.search.search(query, 50);
    assert.ok(hits.length > 1);
    const watch = watchQuickPick();
    try {
      const done = vscode.commands.executeCommand('paperAtlas.search', query);
      const pick = await watch.shown;
      await until(() => pick.items.length > 0 && !pick.busy, 'the picker lists the hits');
      assert.deepEqual(pick.items.map((i) => i.entry.uid), hits.map((h) => h.entry.uid), 'in the index’s order');
      const catalog = api.atlas.library.catalog!;
      for (const item of pick.items) {
        const { paper } = item.entry;
        assert.equal(item.alwaysShow, true);
        assert.equal(item.label, paper.title);
        assert.equal(item.description, [paper.org?.name, paper.date?.slice(0, 4), catalog.primaryTheme(item.entry)?.label].filter(Boolean).join(' · '));
        assert.ok(item.detail && item.detail.length > 20, `${paper.key} has an abstract snippet`);
      }
      await until(() => pick.activeItems.length === 1, 'a result is focused');
      const chosen = pick.activeItems[0]!.entry;
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await done;
      // Looked up afresh each time: a view that stayed blank is replaced by a new one.
      await until(
        () => api.atlas.panels.all.some((p) => p.paperUid === chosen.uid && chosen.paper.title.startsWith(p.panel.title.replace(/…$/, ''))),
        `a paper view shows the chosen paper, titled “${chosen.paper.title}”`,
      );
    } finally {
      watch.restore();
    }
  });
});
