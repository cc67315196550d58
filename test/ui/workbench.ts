// Drives the VS Code workbench in headless Chromium as a person would, with
// Paper Atlas loaded as the extension under development. UI tests open one
// Workbench per suite:
//
//   let workbench: Workbench;
//   before(async () => { workbench = await Workbench.open({ theme: 'dark' }); });
//   after(async () => { await workbench?.close(); });
//
// Screenshots go to test-results/ui-<name>-<theme>.png.
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
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
    await input.waitFor({ state: 'hidden' });
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
