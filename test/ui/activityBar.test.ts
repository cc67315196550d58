import * as assert from 'node:assert/strict';
import { useWorkbench, type Theme } from './workbench';

for (const theme of ['light', 'dark'] satisfies Theme[]) {
  describe(`Paper Atlas in the workbench (${theme} theme)`, () => {
    const wb = useWorkbench({ theme });

    it('clicking the Paper Atlas icon in the activity bar shows the Papers view', async () => {
      const icon = wb().activityBarItem('Paper Atlas');
      await icon.click();
      await wb().sideBar.waitFor({ state: 'visible' });
      const title = wb().sideBar.locator('.composite.title .title-label h2');
      await title.filter({ hasText: /papers/i }).waitFor({ state: 'visible' });
      assert.match((await title.textContent()) ?? '', /^Paper Atlas: Papers$/i);
      assert.equal(await icon.getAttribute('aria-selected'), 'true', 'the Paper Atlas icon is the selected one');
      // Opening the view activates the extension; until its tree provider is registered
      // VS Code shows "There is no data provider registered…". Then come papers or the welcome text.
      await wb().sideBar.getByText('There is no data provider registered').waitFor({ state: 'hidden', timeout: 30_000 });
      await wb().sideBar.locator('.pane-body').locator('.monaco-list-row, .welcome-view-content').filter({ visible: true }).first().waitFor({ timeout: 30_000 });
      await wb().screenshot('papers-view');
    });

    it('"Paper Atlas: Show Log" from the palette opens the Output panel on the Paper Atlas channel', async () => {
      await wb().runCommand('Paper Atlas: Show Log');
      const panel = wb().panel;
      await panel.waitFor({ state: 'visible' });
      const activeTab = panel.locator('.composite.title .action-item.checked');
      await activeTab.filter({ hasText: /^output$/i }).waitFor({ state: 'visible' });
      // The Output view's channel picker (VS Code keeps a hidden twin for the overflow toolbar).
      const channel = panel.locator('select.monaco-select-box').filter({ visible: true });
      await channel.waitFor({ state: 'visible' });
      assert.equal(await channel.evaluate((select: { value: string }) => select.value), 'Paper Atlas');
      await wb().screenshot('show-log');
    });
  });
}
