import * as assert from 'node:assert/strict';
import { useWorkbench, type Theme } from './workbench';

const picker = '.quick-input-widget';
const rows = `${picker} .quick-input-list .monaco-list-row`;

for (const theme of ['light', 'dark'] satisfies Theme[]) {
  describe(`Search and cite in the workbench (${theme} theme)`, () => {
    const wb = useWorkbench({ theme });

    it('"Paper Atlas: Search Papers" finds papers as you type, and Enter opens the one picked in the paper view', async () => {
      const { page } = wb();
      // A note open, as when writing: opening Markdown activates Paper Atlas.
      await wb().openFile('related work.md');
      await wb().settled();
      await wb().runCommand('Paper Atlas: Search Papers');
      const input = page.locator(`${picker} .quick-input-box input`);
      await input.waitFor({ state: 'visible' });
      await input.pressSequentially('reward model', { delay: 60 });
      const first = page.locator(`${rows}.focused`).first();
      await first.filter({ hasText: /reward/i }).waitFor({ state: 'visible' });
      // Each row reads: the title, then organisation · year · theme (what the paper has of them), and an abstract snippet.
      const label = (await first.getAttribute('aria-label')) ?? '';
      assert.match(label, /reward/i);
      const description = (await first.locator('.label-description').first().innerText()).trim();
      assert.ok(description.length > 0 && label.includes(description), `the row has a description: ${label}`);
      assert.ok(label.endsWith('…'), `the row ends with an abstract snippet: ${label}`);
      await wb().screenshot('search-picker');
      const title = ((await first.locator('.label-name').first().innerText()) ?? '').trim();
      assert.ok(title.length > 10, `the focused result has a title ("${title}")`);
      await page.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden' });
      // The paper view opens beside the note, its tab titled with the paper.
      await page.locator('.part.editor .tab').filter({ hasText: title.slice(0, 20) }).first().waitFor({ state: 'visible', timeout: 30_000 });
      const frame = await wb().webviewFrame();
      await frame.getByText(title.slice(0, 30)).first().waitFor({ state: 'visible', timeout: 30_000 });
    });

    it('Ctrl+Alt+C in a note asks for papers; typing, ticking one and Enter cites it there', async () => {
      const { page } = wb();
      await wb().openFile('related work.md');
      const editor = wb().textEditor('related work.md');
      await editor.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\nDense retrieval helps ');
      await page.keyboard.press('Control+Alt+C');
      const input = page.locator(`${picker} .quick-input-box input`);
      await input.waitFor({ state: 'visible' });
      await input.pressSequentially('dense retrieval', { delay: 60 });
      const result = page.locator(rows).filter({ hasText: /retriev/i }).first();
      await result.waitFor({ state: 'visible' });
      await wb().screenshot('cite-picker');
      // A click on a row of a multi-select pick ticks it.
      await result.click();
      await page.locator(`${picker} .quick-input-count`).filter({ hasText: '1' }).waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden' });
      await page.waitForFunction(`/\\[@[\\w-]+\\]/.test(document.querySelector('.part.editor .monaco-editor .view-lines')?.textContent ?? '')`);
      const text = await wb().editorText('related work.md');
      assert.match(text, /Dense retrieval helps \[@[\w:.#$%&\-+?<>~/]+\]/);
      assert.match(text, /^bibliography: references\.json$/m, 'the note names its bibliography');
      await wb().screenshot('cite-inserted');
    });
  });
}
