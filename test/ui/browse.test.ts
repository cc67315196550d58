import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator } from 'playwright-core';
import { until } from '../shared/until';
import { repoRoot, useWorkbench, type Theme, type Workbench } from './workbench';

interface BundledPaper {
  key: string;
  title: string;
  abstract: string;
}
const bundled = JSON.parse(readFileSync(join(repoRoot, 'dist', 'library', 'papers.json'), 'utf8')) as BundledPaper[];

const NOTE = 'related work.md';

/** The Papers tree's rows. */
function rows(wb: Workbench): Locator {
  return wb.sideBar.locator('.pane-body .monaco-list-row');
}

/** Opens the Paper Atlas view from the activity bar and waits for its first level. */
async function openPapersView(wb: Workbench): Promise<void> {
  await wb.activityBarItem('Paper Atlas').click();
  await rows(wb).filter({ visible: true }).first().waitFor({ timeout: 30_000 });
  // Wide enough for titles and their details, as a researcher reading titles would set it.
  await wb.resizeSideBar(440);
}

/** Expands the first theme (by click), selects its first paper (by click) and returns that paper. */
async function selectFirstPaper(wb: Workbench): Promise<BundledPaper> {
  const theme = rows(wb).and(wb.page.locator('[aria-level="1"]')).first();
  if ((await theme.getAttribute('aria-expanded')) !== 'true') await theme.click();
  await wb.page.waitForFunction(
    `document.querySelector('.part.sidebar .monaco-list-row[aria-level="1"]')?.getAttribute('aria-expanded') === 'true'`,
  );
  const paperRow = rows(wb).and(wb.page.locator('[aria-level="2"]')).first();
  await paperRow.click();
  const title = (await paperRow.locator('.label-name').innerText()).trim();
  const paper = bundled.find((p) => p.title === title);
  assert.ok(paper, `the tree's "${title}" is a bundled paper`);
  await wb.page.locator('.part.sidebar .monaco-list-row.selected[aria-level="2"]').waitFor();
  return paper;
}

/** Waits until the paper view shows this title and returns its frame. */
async function paperShown(wb: Workbench, title: string): Promise<Frame> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const frame = await wb.webviewFrame();
    const shown = await frame.locator('#root h1').textContent({ timeout: 2_000 }).catch(() => undefined);
    if (shown === title) return frame;
    if (Date.now() > deadline) assert.fail(`the paper view shows "${shown}", not "${title}"`);
    await wb.page.waitForTimeout(200);
  }
}

/** Waits for the paper view's icon font: until it loads, every codicon in the page is blank. */
async function iconsLoaded(frame: Frame): Promise<void> {
  const status = await frame.evaluate(
    `document.fonts.ready.then(() => [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === 'codicon').map((f) => f.status))`,
  );
  assert.deepEqual(status, ['loaded'], 'the codicon font loaded in the paper view');
}

describe('Browse: the Papers tree and the paper view (light theme)', () => {
  const wb = useWorkbench({ theme: 'light' }, (workbench) => workbench.grantClipboard());
  let paper: BundledPaper;

  /** The note's bibliography as saved on disk ('' until it exists). */
  function bibliography(): string {
    const path = join(wb().workspace, 'notes', 'references.json');
    return existsSync(path) ? readFileSync(path, 'utf8') : '';
  }

  it('shows the abstract of a paper picked from a theme in the paper view, beside the note', async () => {
    await wb().openFile(NOTE);
    // The cursor at the end of the note, where Insert Citation will write.
    await wb().textEditor(NOTE).click();
    await wb().page.keyboard.press('Control+End');
    await openPapersView(wb());
    paper = await selectFirstPaper(wb());
    const frame = await paperShown(wb(), paper.title);
    const text = (await frame.locator('#root').innerText()).replace(/\s+/g, ' ');
    assert.ok(text.includes(paper.abstract.replace(/\s+/g, ' ').slice(0, 200)), 'the abstract is on show');
    assert.ok(text.includes(`@${paper.key}`), 'the citation key is on show');
    // The note stays open in the first group, the paper beside it.
    assert.equal(await wb().page.locator('.part.editor .editor-group-container').count(), 2);
    await iconsLoaded(frame);
    await wb().screenshot('browse');
  });

  it('copies the citation key from the paper view’s Copy Key button', async () => {
    const frame = await paperShown(wb(), paper.title);
    await wb().page.evaluate(`navigator.clipboard.writeText('')`);
    await frame.locator('button[data-action="copyKey"]').click();
    await wb().page.waitForFunction(`navigator.clipboard.readText().then((t) => t === ${JSON.stringify(paper.key)})`, undefined, { timeout: 10_000 });
  });

  it('inserts a citation into the note from the paper view’s Insert Citation button', async () => {
    const frame = await paperShown(wb(), paper.title);
    await frame.locator('button[data-action="insertCitation"]').click();
    await wb().page.waitForFunction(
      `[...document.querySelectorAll('.part.editor .monaco-editor .view-lines')].some((e) => e.textContent.replace(/\\u00a0/g, ' ').includes(${JSON.stringify(`[@${paper.key}]`)}))`,
      undefined,
      { timeout: 10_000 },
    );
    await until(() => bibliography().includes(`"${paper.key}"`), `${paper.key} is added to notes/references.json`);
  });

  it('reaches every button of the paper view with Tab, and Enter and Space press them', async () => {
    const frame = await paperShown(wb(), paper.title);
    // Into the page, as a click on its text would put the keyboard there.
    await frame.locator('#root h1').click();
    const buttons = await frame.locator('#root button').evaluateAll((list) => list.map((b) => (b as { textContent: string }).textContent.trim()));
    assert.ok(buttons.length >= 6, `buttons: ${buttons.join(' | ')}`);
    const reached: string[] = [];
    for (let i = 0; i < buttons.length; i += 1) {
      await wb().page.keyboard.press('Tab');
      reached.push(String(await frame.evaluate('document.activeElement?.textContent?.trim() ?? ""')));
    }
    assert.deepEqual(reached, buttons, 'Tab visits the buttons in reading order');
    // The focus ring shows where the keyboard is.
    const outline = String(await frame.evaluate('getComputedStyle(document.activeElement).outlineStyle'));
    assert.notEqual(outline, 'none', 'the focused button has a visible outline');

    await frame.locator('button[data-action="copyKey"]').focus();
    await wb().page.evaluate(`navigator.clipboard.writeText('')`);
    await wb().page.keyboard.press('Enter');
    await wb().page.waitForFunction(`navigator.clipboard.readText().then((t) => t === ${JSON.stringify(paper.key)})`, undefined, { timeout: 10_000 });
    await frame.locator('button[data-action="copyBibtex"]').focus();
    await wb().page.keyboard.press('Space');
    await wb().page.waitForFunction(`navigator.clipboard.readText().then((t) => t.startsWith('@') && t.includes(${JSON.stringify(`{${paper.key},`)}))`, undefined, {
      timeout: 10_000,
    });
  });

  it('reveals a theme in the tree when its chip in the paper view is clicked', async () => {
    const frame = await paperShown(wb(), paper.title);
    // Collapse everything first, so the reveal has something to do.
    await wb().sideBar.hover();
    await wb().sideBar.locator('.title-actions .action-label[aria-label="Collapse All"]').click();
    const chip = frame.locator('#root .chip').last();
    const label = (await chip.innerText()).trim();
    await chip.click();
    const selected = wb().page.locator('.part.sidebar .monaco-list-row.selected[aria-level="1"]');
    await selected.filter({ hasText: label }).waitFor({ timeout: 10_000 });
    assert.equal(await selected.getAttribute('aria-expanded'), 'true', 'the revealed theme is expanded');
  });

  it('drops a paper dragged from the tree into the note as a citation, through the drop provider', async () => {
    const noteText = await wb().editorText(NOTE);
    // A paper the note does not cite yet, so only the drop can put its key there.
    const candidates = rows(wb()).and(wb().page.locator('[aria-level="2"]'));
    let target: Locator | undefined;
    let dragged: BundledPaper | undefined;
    for (let i = 0; i < (await candidates.count()) && !dragged; i += 1) {
      const title = (await candidates.nth(i).locator('.label-name').innerText()).trim();
      const found = bundled.find((p) => p.title === title);
      if (found && !noteText.includes(`@${found.key}`)) [target, dragged] = [candidates.nth(i), found];
    }
    assert.ok(target && dragged, 'a visible paper the note does not cite');
    const lines = wb().textEditor(NOTE).locator('.view-line');
    const box = await lines.nth(5).boundingBox();
    const from = await target.boundingBox();
    assert.ok(box && from);
    // A person's drag: press on the row, move in steps across the workbench, release over the text.
    await wb().page.mouse.move(from.x + 40, from.y + from.height / 2);
    await wb().page.mouse.down();
    await wb().page.mouse.move(from.x + 80, from.y + from.height / 2, { steps: 5 });
    await wb().page.mouse.move(box.x + 20, box.y + box.height / 2, { steps: 20 });
    await wb().page.mouse.up();
    await wb().page.waitForFunction(
      `[...document.querySelectorAll('.part.editor .monaco-editor .view-lines')].some((e) => e.textContent.replace(/\\u00a0/g, ' ').includes(${JSON.stringify(`[@${dragged.key}]`)}))`,
      undefined,
      { timeout: 10_000 },
    );
    // Only Paper Atlas's drop provider (not a plain-text drop) also adds the paper to the note's bibliography.
    await until(() => bibliography().includes(`"${dragged.key}"`), `${dragged.key} is added to notes/references.json`);
  });

  it('keeps every action at a narrow width, as icons that still have names', async () => {
    const size = wb().page.viewportSize();
    assert.ok(size);
    try {
      await wb().page.setViewportSize({ width: 1000, height: size.height });
      const frame = await paperShown(wb(), paper.title);
      await frame.waitForFunction('window.innerWidth <= 360');
      const buttons = frame.locator('#root .toolbar button');
      for (const button of await buttons.all()) {
        assert.equal(await button.locator('.label').isVisible(), false, 'the label makes way for the icon');
        assert.ok(((await button.getAttribute('aria-label')) ?? '').length > 0, 'an icon-only button keeps its name');
        const box = await button.boundingBox();
        assert.ok(box && box.width >= 20 && box.height >= 20, 'the button is big enough to press');
      }
      // Nothing runs off the side: the page does not scroll sideways.
      assert.equal(await frame.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true);
      await wb().screenshot('browse-narrow');
    } finally {
      await wb().page.setViewportSize(size);
    }
  });

  it('restores the paper view after the window reloads (webview serializer)', async () => {
    await wb().runCommand('Developer: Reload Window');
    await wb().page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
    await paperShown(wb(), paper.title);
  });
});

for (const theme of ['dark', 'high-contrast'] satisfies Theme[]) {
  describe(`Browse: the Papers tree and the paper view (${theme} theme)`, () => {
    const workbench = useWorkbench({ theme });

    it('draws the tree and the paper view beside the note in the theme’s colours', async () => {
      const wb = workbench();
      await wb.openFile(NOTE);
      await openPapersView(wb);
      const paper = await selectFirstPaper(wb);
      const frame = await paperShown(wb, paper.title);
      // The page takes the theme's colours from VS Code's variables, not a palette of its own.
      const [background, editorBackground] = await Promise.all([
        frame.evaluate('getComputedStyle(document.body).backgroundColor'),
        frame.evaluate(`getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-background').trim()`),
      ]);
      assert.ok(String(editorBackground).length > 0, 'VS Code passed its theme variables');
      assert.notEqual(background, 'rgba(0, 0, 0, 0)');
      await iconsLoaded(frame);
      await wb.screenshot('browse');
    });
  });
}
