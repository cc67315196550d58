// Runs the integration suite (test/integration) inside VS Code 1.100.3 served by
// code-server and opened in headless Chromium. `npm run test:integration` builds
// first; this script builds nothing.
//
// How results come back: code-server is started with PAPER_ATLAS_TEST_RESULTS
// in its environment; the extension host inherits it, and the suite's `run()`
// writes its results there as JSON (a file in a per-run temporary folder). This
// script waits for that file and keeps a copy as test-results/integration-results.json.
//
//   node scripts/runIntegration.mjs [--timeout SECONDS]   (default 300, or PAPER_ATLAS_INTEGRATION_TIMEOUT)
//
// On failure or timeout it saves test-results/integration-failure.png and
// keeps code-server's log at test-results/integration-code-server.log.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyWorkspace, ensureCodeServer, startCodeServer, workbenchUrl } from './codeServer.mjs';
import { launchChromium } from './chromium.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const testsModule = join(repo, 'out', 'test', 'integration', 'index.js');
const fixture = join(repo, 'test', 'fixtures', 'workspace');
const resultsDir = join(repo, 'test-results');
const savedResults = join(resultsDir, 'integration-results.json');
const screenshot = join(resultsDir, 'integration-failure.png');
const serverLog = join(resultsDir, 'integration-code-server.log');

const timeoutArg = process.argv.indexOf('--timeout');
const timeoutMs = 1000 * Number(timeoutArg > 0 ? process.argv[timeoutArg + 1] : (process.env.PAPER_ATLAS_INTEGRATION_TIMEOUT ?? 300));

const resources = { server: undefined, browser: undefined, workspace: undefined };
let cleaning;
function cleanup() {
  cleaning ??= (async () => {
    await resources.browser?.close();
    await resources.server?.stop();
    if (resources.workspace) rmSync(dirname(resources.workspace), { recursive: true, force: true });
  })();
  return cleaning;
}
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping code-server and Chromium…`);
    void cleanup().finally(() => process.exit(code));
  });
}
// Last resort if something exits the process without going through cleanup().
process.once('exit', () => resources.server?.killNow());

class Failure extends Error {}

async function main() {
  if (!existsSync(testsModule)) {
    throw new Failure(`${testsModule} is missing: build first (npm run test:integration builds, then runs this script)`);
  }
  mkdirSync(resultsDir, { recursive: true });
  for (const file of [savedResults, screenshot, serverLog]) rmSync(file, { force: true });

  ensureCodeServer(); // a first install (about a minute) does not count against the timeout
  const started = Date.now();
  const deadline = started + timeoutMs;
  resources.workspace = copyWorkspace(fixture);
  // Next to the workspace copy, so two runs at once (a shared checkout) never read each other's results.
  const resultsFile = join(dirname(resources.workspace), 'results.json');
  resources.server = await startCodeServer({
    workspace: resources.workspace,
    env: { PAPER_ATLAS_TEST_RESULTS: resultsFile },
    logFile: serverLog,
  });
  const { server } = resources;
  resources.browser = await launchChromium();
  const { page } = resources.browser;
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });

  // Playwright's 30 s default is too short for a first load on a busy machine; the run's own deadline still holds.
  await page.goto(workbenchUrl({ ...server, workspace: resources.workspace, extensionPath: repo, testsPath: testsModule }), {
    timeout: Math.max(30_000, deadline - Date.now()),
  });

  let results;
  let sawRunning = false;
  while (Date.now() < deadline) {
    results = readResults(resultsFile);
    if (results?.state === 'running' && !sawRunning) {
      sawRunning = true;
      console.log(`Integration tests started in VS Code (${((Date.now() - started) / 1000).toFixed(1)} s after launch)…`);
    }
    if (results?.state === 'done') break;
    await new Promise((r) => setTimeout(r, 250));
  }

  if (results?.state !== 'done') {
    // What finished before the deadline, so a slow run still says where it got to.
    if (results) printTests(results.tests);
    await saveScreenshot(page);
    const why = sawRunning
      ? 'the tests started but did not finish'
      : 'the extension host never started the tests (look for errors below and in the log)';
    const recentErrors = pageErrors.slice(-10).map((e) => `  page: ${e}`).join('\n');
    throw new Failure(
      `Integration tests timed out after ${timeoutMs / 1000} s: ${why}.\n` +
        `${recentErrors ? `${recentErrors}\n` : ''}` +
        `Screenshot: ${screenshot}\ncode-server log: ${serverLog}\n(raise the limit with --timeout SECONDS)`,
    );
  }

  copyFileSync(resultsFile, savedResults);
  printTests(results.tests);
  if (results.failed > 0) {
    await saveScreenshot(page);
    console.log(`\nFailed:\n${results.tests.filter((t) => t.state === 'failed').map((t) => `  ${t.title}: ${firstLine(t.error)}`).join('\n')}`);
    console.log(`Screenshot: ${screenshot}\ncode-server log: ${serverLog}`);
  }
  if (results.passed + results.failed === 0) {
    results.failed = 1;
    console.log('  ✘ no integration tests ran (did esbuild.mjs find no test/integration/*.test.ts?)');
  }
  console.log(`\nIntegration (VS Code in code-server, ${((Date.now() - started) / 1000).toFixed(1)} s): ${results.passed} passed, ${results.failed} failed`);
  return results.failed === 0;
}

function printTests(tests) {
  for (const t of tests) {
    if (t.state === 'passed') console.log(`  ✔ ${t.title} (${t.durationMs} ms)`);
    else console.log(`  ✘ ${t.title}\n${indent(t.error ?? '(no message)', 6)}`);
  }
}

function readResults(resultsFile) {
  try {
    return JSON.parse(readFileSync(resultsFile, 'utf8'));
  } catch {
    return undefined; // not written yet
  }
}

async function saveScreenshot(page) {
  try {
    await page.screenshot({ path: screenshot, timeout: 10_000 });
  } catch (error) {
    console.error(`(could not save a screenshot: ${error.message})`);
  }
}

const indent = (text, n) => text.split('\n').map((line) => ' '.repeat(n) + line).join('\n');
const firstLine = (text = '') => text.split('\n').find((l) => l.trim()) ?? '';

let ok = false;
try {
  ok = await main();
} catch (error) {
  console.error(`\n${error instanceof Failure ? error.message : error.stack}`);
  if (resources.browser && !existsSync(screenshot)) {
    await saveScreenshot(resources.browser.page);
    console.error(`Screenshot: ${screenshot}`);
  }
  console.log('\nIntegration: 0 passed, 1 failed (the run itself failed)');
} finally {
  await cleanup();
}
process.exitCode = ok ? 0 : 1;
