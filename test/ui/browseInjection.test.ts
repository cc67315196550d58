import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureWorkspace, repoRoot, useWorkbench } from './workbench';

// The paper data a malicious or broken listing could carry. Each would run
// (set window.__pwned) if the title or abstract reached the page as HTML.
const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '</script><script>window.__pwned=1</script>';
const TEMPLATE = "{{constructor.constructor('window.__pwned=1')()}}";
const TITLE = `Markup in Titles ${IMG} and ${TEMPLATE}`;

describe('Browse: a library whose titles and abstracts hold markup', () => {
  /** A workspace whose settings list only the injection listing (bundled corpus hidden). */
  function injectionWorkspace(): string {
    const dir = join(mkdtempSync(join(tmpdir(), 'paper-atlas-injection-')), 'workspace');
    cpSync(fixtureWorkspace, dir, { recursive: true });
    mkdirSync(join(dir, 'libraries'));
    cpSync(join(repoRoot, 'test', 'fixtures', 'libraries', 'injection.txt'), join(dir, 'libraries', 'injection.txt'));
    // The fixture's own settings (autosave off, as in desktop VS Code) stay; the libraries are added to them.
    const settingsFile = join(dir, '.vscode', 'settings.json');
    const settings = existsSync(settingsFile) ? (JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>) : {};
    mkdirSync(join(dir, '.vscode'), { recursive: true });
    writeFileSync(settingsFile, JSON.stringify({ ...settings, 'paperAtlas.libraries': ['libraries/injection.txt'], 'paperAtlas.includeBundledCorpus': false }, null, 2));
    return dir;
  }

  let source: string | undefined;
  const wb = useWorkbench(() => ({ theme: 'light', workspace: (source = injectionWorkspace()) }));

  after(() => {
    // Workbench.open worked on a copy; the source folder is this suite's own.
    if (source) rmSync(join(source, '..'), { recursive: true, force: true });
  });

  /** `typeof window.__pwned` in every frame of the page: the workbench, the webview host, the paper page. */
  async function pwnedAnywhere(): Promise<string[]> {
    const results = await Promise.all(wb().page.frames().map((frame) => frame.evaluate('typeof window.__pwned').catch(() => 'undefined')));
    return results.map(String).filter((t) => t !== 'undefined');
  }

  it('shows the markup as literal text in the tree, its hover and the paper view, and runs none of it', async () => {
    await wb().activityBarItem('Paper Atlas').click();
    const rows = wb().sideBar.locator('.pane-body .monaco-list-row');
    const theme = rows.and(wb().page.locator('[aria-level="1"]')).first();
    await theme.waitFor({ timeout: 30_000 });
    if ((await theme.getAttribute('aria-expanded')) !== 'true') await theme.click();
    const paperRow = rows.filter({ hasText: 'Markup in Titles' });
    await paperRow.waitFor();
    assert.equal((await paperRow.locator('.label-name').innerText()).trim(), TITLE, 'the tree shows the title as written');

    // The hover card (Markdown) shows the same characters, not an image.
    await paperRow.hover();
    const hover = wb().page.locator('.workbench-hover').filter({ visible: true });
    await hover.waitFor({ timeout: 10_000 });
    await hover.filter({ hasText: IMG }).waitFor({ timeout: 10_000 });
    assert.equal(await hover.locator('img[src="x"]').count(), 0);

    await paperRow.click();
    const frame = await wb().webviewFrame();
    await frame.locator('#root h1').filter({ hasText: 'Markup in Titles' }).waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('#root h1').textContent(), TITLE);
    const abstract = (await frame.locator('#root .abstract-text').textContent()) ?? '';
    for (const text of [IMG, SCRIPT, TEMPLATE]) assert.ok(abstract.includes(text), `the abstract shows ${text} literally`);
    assert.equal(await frame.locator('#root img, #root script').count(), 0, 'no element came out of the paper data');
    // VS Code adds a script of its own to a webview page; none may carry paper data.
    const scripts = await frame.locator('script').evaluateAll((list) => list.map((e) => (e as { textContent: string }).textContent));
    assert.ok(!scripts.some((text) => text.includes('__pwned')), 'no script element holds paper data');
    // onerror would fire as soon as an <img src=x> failed to load; give it the chance.
    await wb().page.waitForTimeout(500);
    assert.deepEqual(await pwnedAnywhere(), [], 'nothing from the paper data ran');

    // The second paper's title closes a script element; it too stays text.
    await rows.filter({ hasText: 'Script Tags in an Abstract' }).click();
    await frame.locator('#root h1').filter({ hasText: 'Script Tags' }).waitFor({ timeout: 30_000 }).catch(async () => {
      // The panel is reused; if VS Code swapped the frame, read the new one.
      await (await wb().webviewFrame()).locator('#root h1').filter({ hasText: 'Script Tags' }).waitFor({ timeout: 10_000 });
    });
    const current = await wb().webviewFrame();
    assert.equal(await current.locator('#root h1').textContent(), `Script Tags in an Abstract: ${SCRIPT}`);
    assert.deepEqual(await pwnedAnywhere(), []);
    await wb().screenshot('browse-injection');
  });
});
