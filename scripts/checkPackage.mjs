// Proves the packaged extension works as a user gets it: builds the .vsix with
// `npm run package`, installs it into a fresh code-server with
// `--install-extension` (no extension under development), opens the
// workbench in headless Chromium, clicks the Paper Atlas icon and waits for the
// bundled library's themes in the Papers view. Prints "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';
import { codeServerBin, startCodeServer } from './codeServer.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(repo, 'test-results');
const vsix = join(repo, 'paper-atlas.vsix');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: repo, encoding: 'utf8', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

let server;
let browser;
let ok = false;
try {
  run('npm', ['run', 'package']);
  const workspace = mkdtempSync(join(tmpdir(), 'paper-atlas-pkg-ws-'));
  server = await startCodeServer({ workspace });
  // Installs into the running server's extensions folder; code-server picks it up on the next window.
  run(codeServerBin(), ['--extensions-dir', server.extensionsDir, '--user-data-dir', server.userDataDir, '--install-extension', vsix]);
  browser = await launchChromium();
  const { page } = browser;
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.activitybar a[aria-label^="Paper Atlas"], .activitybar [aria-label^="Paper Atlas"]').first().click({ timeout: 60_000 });
  // A theme row of the bundled library shows once the installed extension activated and loaded it.
  const row = page.locator('.pane-body .monaco-list-row[aria-level="1"]').first();
  await row.waitFor({ timeout: 60_000 });
  console.log(`  ✔ the packaged .vsix installs into code-server and shows the Papers view (first theme: ${(await row.innerText()).split('\n')[0]})`);
  ok = true;
} catch (error) {
  console.log(`  ✘ the packaged .vsix installs into code-server and shows the Papers view\n      ${String(error instanceof Error ? error.message : error).split('\n').join('\n      ')}`);
  if (browser) {
    mkdirSync(results, { recursive: true });
    await browser.page.screenshot({ path: join(results, 'package-failure.png') }).catch(() => undefined);
  }
} finally {
  await browser?.close?.().catch(() => undefined);
  await server?.stop();
  // The integration and UI stages run on the development build; leave one behind.
  run(process.execPath, ['esbuild.mjs']);
}
console.log(`\nPackage: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
process.exit(ok ? 0 : 1);
