// Drives the VS Code workbench in headless Chromium as a person would, with
// Paper Atlas loaded as the extension under development. UI tests open one
// Workbench per suite:
//
//   describe('…', () => {
//     const wb = useWorkbench({ theme: 'dark' });
//     it('…', async () => { await wb().runCommand('…'); });
//   });
//
// Screenshots go to test-results/ui-<name>-<theme>.png.
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import type { LaunchedChromium } from '../../scripts/chromium.mjs' with { 'resolution-mode': 'import' };
import type { CodeServer } from '../../scripts/codeServer.mjs' with { 'resolution-mode': 'import' };

// The shared scripts are ES modules and this file is CommonJS (as mocha loads it
// through tsx), so they come in by dynamic import.
const scripts = async () => ({ ...(await import('../../scripts/codeServer.mjs')), ...(await import('../../scripts/chromium.mjs')) });

export const repoRoot = resolve(__dirname, '..', '..');
export const fixtureWorkspace = join(repoRoot, 'test', 'fixtures', 'workspace');
export const resultsDir = join(repoRoot, 'test-results');

/** The colour themes the UI tests cover, by the name the screenshots carry. */
export const themes = {
  light: 'Default Light Modern',
  dark: 'Default Dark Modern',
  'high-contrast': 'Default High Contrast',
} as const;
export type Theme = keyof typeof themes;

export interface WorkbenchOptions {
  theme?: Theme;
  /** A workspace folder to copy and open; the fixture workspace by default. */
  workspace?: string;
  /** User settings written before VS Code starts. */
  settings?: Record<string, unknown>;
  viewport?: { width: number; height: number };
}

/** Everything still open, so an interrupted run can stop code-server and Chromium. */
const open = new Set<Workbench>();

export class Workbench {
  private constructor(
    readonly page: Page,
    readonly theme: Theme,
    readonly workspace: string,
    private readonly server: CodeServer,
    private readonly browser: LaunchedChromium,
  ) {}

  /** Starts code-server on a copy of the workspace and opens the workbench, ready to use. */
  static async open(options: WorkbenchOptions = {}): Promise<Workbench> {
    const { copyWorkspace, startCodeServer, workbenchUrl, launchChromium } = await scripts();
    const theme = options.theme ?? 'light';
    const workspace = copyWorkspace(options.workspace ?? fixtureWorkspace, 'paper-atlas-ui-');
    let server: CodeServer | undefined;
    let browser: LaunchedChromium | undefined;
    try {
      server = await startCodeServer({
        workspace,
        userSettings: { 'workbench.colorTheme': themes[theme], ...options.settings },
      });
      browser = await launchChromium({ viewport: options.viewport ?? { width: 1400, height: 900 } });
      const workbench = new Workbench(browser.page, theme, workspace, server, browser);
      open.add(workbench);
      await browser.page.goto(workbenchUrl({ ...server, workspace, extensionPath: repoRoot }));
      await workbench.ready();
      return workbench;
    } catch (error) {
      await browser?.close();
      await server?.stop();
      rmSync(dirname(workspace), { recursive: true, force: true });
      throw error;
    }
  }

  /** Waits until the workbench is laid out and the extension under development is registered. */
  private async ready(): Promise<void> {
    await this.page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible' });
    // The title says so once the extension development host is set up.
    await this.page.waitForFunction(`document.title.includes('[Extension Development Host]')`, undefined, { timeout: 60_000 });
  }

  /** Waits until no progress bar runs in the side bar or panel and no progress badge spins in the activity bar. */
  async settled(): Promise<void> {
    const busy = '.part.activitybar .progress-badge, .part.sidebar .monaco-progress-container.active, .part.panel .monaco-progress-container.active';
    await this.page.waitForFunction(
      `![...document.querySelectorAll(${JSON.stringify(busy)})].some((e) => e.checkVisibility())`,
      undefined,
      { timeout: 30_000 },
    );
  }

  /** The activity bar entry with this accessible name (e.g. "Paper Atlas"). */
  activityBarItem(name: string): Locator {
    return this.page.locator('.part.activitybar').getByRole('tab', { name, exact: true });
  }

  /** The side bar, which shows the active view container. */
  get sideBar(): Locator {
    return this.page.locator('.part.sidebar');
  }

  /** The panel (Problems, Output, Terminal, ...). */
  get panel(): Locator {
    return this.page.locator('.part.panel');
  }

  /**
   * Runs a command from the palette as a person would: F1, type its title
   * ("Paper Atlas: Show Log"), wait for it to be the highlighted entry, Enter.
   */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const highlighted = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused');
    await highlighted.filter({ hasText: title }).first().waitFor({ state: 'visible' });
    const label = (await highlighted.first().getAttribute('aria-label')) ?? '';
    if (!label.startsWith(title)) throw new Error(`the palette highlights "${label}", not "${title}"`);
    await this.page.keyboard.press('Enter');
    // The palette closes, or, for a command that opens its own quick pick (Search
    // Papers), the same widget stays up with that pick's input instead.
    await this.page.waitForFunction(
      `(() => { const box = document.querySelector('.quick-input-widget .quick-input-box input');
        return box === null || box.offsetParent === null || !box.value.startsWith('>'); })()`,
    );
  }

  /** Opens a workspace file by name through Quick Open (Ctrl+P), as a person would, and waits for its editor. */
  async openFile(name: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.page.keyboard.press('Control+P');
    await input.waitFor({ state: 'visible' });
    await input.fill(name);
    await this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused').filter({ hasText: name }).waitFor({ state: 'visible' });
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
    await this.page.locator('.part.editor .tab.active').filter({ hasText: name }).first().waitFor({ state: 'visible' });
  }

  /** The text editor whose tab is titled `name` (the visible one, in whichever group shows it). */
  textEditor(name: string): Locator {
    return this.page.locator('.part.editor .editor-group-container').filter({ has: this.page.locator('.tab.active', { hasText: name }) }).locator('.monaco-editor').first();
  }

  /** The lines a text editor shows, as text (Monaco writes spaces as U+00A0). */
  async editorText(name: string): Promise<string> {
    const text = await this.textEditor(name).locator('.view-lines').innerText();
    return text.replace(/\u00a0/g, ' ');
  }

  /**
   * The document inside the visible webview. VS Code puts a webview in two
   * iframes: the outer `iframe.webview` (its host page) and, inside it,
   * `#active-frame` holding the extension's HTML.
   */
  async webviewFrame(options: { timeout?: number } = {}): Promise<Frame> {
    const timeout = options.timeout ?? 30_000;
    const outer = this.page.locator('iframe.webview.ready').filter({ visible: true }).first();
    await outer.waitFor({ state: 'visible', timeout });
    const outerFrame = await (await outer.elementHandle())?.contentFrame();
    if (!outerFrame) throw new Error('the webview iframe has no frame');
    const inner = outerFrame.locator('iframe#active-frame');
    await inner.waitFor({ state: 'attached', timeout });
    const frame = await (await inner.elementHandle())?.contentFrame();
    if (!frame) throw new Error('the webview has no active frame');
    return frame;
  }

  /** Drags the sash on the side bar's edge, as a person widens it, until the side bar is `width` pixels wide. */
  async resizeSideBar(width: number): Promise<void> {
    const bar = await this.sideBar.boundingBox();
    if (!bar) throw new Error('the side bar is not showing');
    const edge = bar.x + bar.width;
    const sashes = await this.page.locator('.monaco-sash.vertical').filter({ visible: true }).all();
    for (const sash of sashes) {
      const box = await sash.boundingBox();
      if (!box || Math.abs(box.x + box.width / 2 - edge) > 4) continue;
      const y = bar.y + bar.height / 2;
      await this.page.mouse.move(edge, y);
      await this.page.mouse.down();
      await this.page.mouse.move(bar.x + width, y, { steps: 10 });
      await this.page.mouse.up();
      return;
    }
    throw new Error(`no sash on the side bar's edge at x=${edge}`);
  }

  /** Lets the page read and write the system clipboard, as VS Code's own clipboard service does. */
  async grantClipboard(): Promise<void> {
    await this.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  }

  /** Reads the system clipboard the page sees. */
  async clipboardText(): Promise<string> {
    return String(await this.page.evaluate('navigator.clipboard.readText()'));
  }

  /** Saves a screenshot of the whole workbench as test-results/ui-<name>-<theme>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    const path = join(resultsDir, `ui-${name}-${this.theme}.png`);
    mkdirSync(resultsDir, { recursive: true });
    await this.settled();
    // Park the pointer on the empty title bar, so a hover from the last click does not cover the picture.
    await this.page.mouse.move(200, 12);
    await this.page.waitForFunction(`![...document.querySelectorAll('.workbench-hover')].some((e) => e.checkVisibility())`, undefined, { timeout: 5_000 });
    await this.page.screenshot({ path });
    return path;
  }

  /**
   * In an `afterEach(function () { ... })`: saves test-results/ui-failure-<test>-<theme>.png
   * when the test that just ran failed, and says where.
   */
  async screenshotIfFailed(context: Mocha.Context): Promise<void> {
    const test = context.currentTest;
    if (test?.state !== 'failed') return;
    const name = `failure-${test.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60).replace(/^-|-$/g, '')}`;
    const path = await this.screenshot(name);
    test.err ??= new Error('failed');
    test.err.message += `\n(screenshot: ${path})`;
  }

  /** Closes Chromium, stops code-server and removes the workspace copy. */
  async close(): Promise<void> {
    open.delete(this);
    await this.browser.close();
    await this.server.stop();
    rmSync(dirname(this.workspace), { recursive: true, force: true });
  }

  /** For the process's last moments: kill code-server's process group at once. */
  static killAllNow(): void {
    for (const workbench of open) workbench.server.killNow();
  }

  static async closeAll(): Promise<void> {
    await Promise.allSettled([...open].map((workbench) => workbench.close()));
  }
}

// code-server runs in its own process group, so Ctrl+C in the terminal does not
// reach it: stop it here, on every way out.
process.once('exit', () => Workbench.killAllNow());
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    void Workbench.closeAll().finally(() => process.exit(code));
  });
}

/**
 * Opens one workbench for the enclosing suite (in `before`, then `setUp`),
 * saves a screenshot of any failed test, and closes it (in `after`). Returns
 * the tests' way to reach it. `options` may be a function, for suites that
 * prepare their workspace in an earlier `before`.
 */
export function useWorkbench(options: WorkbenchOptions | (() => WorkbenchOptions), setUp?: (workbench: Workbench) => Promise<void>): () => Workbench {
  let workbench: Workbench | undefined;
  before(async () => {
    workbench = await Workbench.open(typeof options === 'function' ? options() : options);
    await setUp?.(workbench);
  });
  afterEach(async function () {
    await workbench?.screenshotIfFailed(this);
  });
  after(async () => {
    await workbench?.close();
  });
  return () => {
    if (!workbench) throw new Error('the workbench did not open (see the failure of the suite\'s "before all" hook)');
    return workbench;
  };
}
