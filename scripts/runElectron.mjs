// Runs the integration suite (test/integration) in a desktop VS Code through
// @vscode/test-electron, for contributors who have one. Not run in CI here.
// `npm run test:electron` builds first; this script builds nothing.
//
//   npm run test:electron -- --code-path /usr/share/code/code     an installed VS Code
//   VSCODE_PATH=/usr/share/code/code npm run test:electron        the same
//   npm run test:electron                                         download VS Code 1.100.3 into .vscode-test/
//
// The path is VS Code's executable (on Linux /usr/share/code/code, on macOS
// ".../Visual Studio Code.app/Contents/MacOS/Electron"), not the `code` shell script.
// On Linux without a display, run it under `xvfb-run -a`.
import { runTests } from '@vscode/test-electron';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyWorkspace } from './codeServer.mjs';

/** The VS Code that code-server 4.100.3 serves, so both runs test the same version. */
const VSCODE_VERSION = '1.100.3';
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const testsModule = join(repo, 'out', 'test', 'integration', 'index.js');
const resultsFile = join(repo, 'test-results', 'electron-results.json');

class Failure extends Error {}

function codePath() {
  const i = process.argv.indexOf('--code-path');
  if (i > 0) {
    const path = process.argv[i + 1];
    if (!path) throw new Failure('--code-path needs the path of a VS Code executable');
    return resolve(path);
  }
  return process.env.VSCODE_PATH ? resolve(process.env.VSCODE_PATH) : undefined;
}

/** Asks VS Code's update service for the version, so an offline machine gets a clear message, not a hang. */
async function checkDownloadable() {
  const url = `https://update.code.visualstudio.com/api/versions/${VSCODE_VERSION}/linux-x64/stable`;
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10_000), redirect: 'manual' });
    if (res.status >= 400) throw new Error(`HTTP ${res.status}`);
  } catch (error) {
    throw new Failure(
      `No VS Code to test with: none was given, and VS Code ${VSCODE_VERSION} cannot be downloaded ` +
        `(${url}: ${error.cause?.code ?? error.message}).\n` +
        'Give an installed VS Code with --code-path PATH or VSCODE_PATH=PATH (its executable, e.g. /usr/share/code/code),\n' +
        'or run `npm run test:integration`, which tests in VS Code 1.100.3 through code-server without a download.',
    );
  }
}

async function main() {
  if (!existsSync(testsModule)) throw new Failure(`${testsModule} is missing: build first (npm run test:electron builds, then runs this script)`);
  const executable = codePath();
  if (executable && !existsSync(executable)) throw new Failure(`No VS Code executable at ${executable}`);
  if (!executable) await checkDownloadable();
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.warn('No display: desktop VS Code needs one on Linux. If it fails to start, run this under `xvfb-run -a`.');
  }

  const scratch = mkdtempSync(join(tmpdir(), 'paper-atlas-electron-'));
  const workspace = copyWorkspace(join(repo, 'test', 'fixtures', 'workspace'));
  try {
    const userDataDir = join(scratch, 'user-data');
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none' }));
    mkdirSync(dirname(resultsFile), { recursive: true });
    rmSync(resultsFile, { force: true });
    let exitCode;
    try {
      exitCode = await runTests({
        ...(executable ? { vscodeExecutablePath: executable } : { version: VSCODE_VERSION, cachePath: join(repo, '.vscode-test') }),
        extensionDevelopmentPath: repo,
        extensionTestsPath: testsModule,
        extensionTestsEnv: { PAPER_ATLAS_TEST_RESULTS: resultsFile },
        launchArgs: [workspace, '--user-data-dir', userDataDir, '--extensions-dir', join(scratch, 'extensions'), '--disable-extensions'],
      });
    } catch (error) {
      exitCode = error.code ?? 1;
      if (!existsSync(resultsFile)) throw new Failure(`VS Code did not run the tests: ${error.message}`);
    }
    const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    for (const t of results.tests.filter((t) => t.state === 'failed')) console.log(`  ✘ ${t.title}\n${t.error}`);
    console.log(`\nIntegration (desktop VS Code): ${results.passed} passed, ${results.failed} failed`);
    return exitCode === 0 && results.state === 'done' && results.failed === 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    rmSync(dirname(workspace), { recursive: true, force: true });
  }
}

try {
  process.exitCode = (await main()) ? 0 : 1;
} catch (error) {
  console.error(`\n${error instanceof Failure ? error.message : error.stack}`);
  process.exitCode = 1;
}
