// The integration suite's entry point: VS Code's extension host loads this
// module (bundled by esbuild.mjs to out/test/integration/index.js) and calls
// `run()`. It runs inside a real VS Code, against the real API.
//
// Adding a test file: create test/integration/<thing>.test.ts using mocha's BDD
// interface (`describe`, `it`, `before`, `afterEach`, ... as globals, like the
// unit tests). Nothing to list: esbuild.mjs finds every *.test.ts when it
// bundles the suite and hands them over as `specFiles`. They run in name order,
// except extension.test.ts, which goes first because it watches Paper Atlas
// activate on its own (every other file activates it outright).
//
// Run it with `npm run test:integration` (code-server in headless Chromium) or
// `npm run test:electron` (desktop VS Code). Results travel back to the
// code-server runner as JSON in the file named by PAPER_ATLAS_TEST_RESULTS
// (code-server passes its environment on to the extension host); `run()`
// also rejects when a test fails, which is what @vscode/test-electron reads.
import Mocha from 'mocha';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { specFiles } from 'paper-atlas:integration-specs';

/** The spec files in the order they run: the activation checks first, then by name. */
function runOrder(files: readonly string[]): string[] {
  const first = 'extension.test.ts';
  return [...files].sort((a, b) => Number(b === first) - Number(a === first) || a.localeCompare(b));
}

/** What the runner reads back: one entry per test that ran, plus totals. */
export interface IntegrationResults {
  state: 'running' | 'done';
  passed: number;
  failed: number;
  tests: { title: string; state: 'passed' | 'failed'; durationMs: number; error?: string }[];
}

export async function run(): Promise<void> {
  const resultsFile = process.env.PAPER_ATLAS_TEST_RESULTS;
  const results: IntegrationResults = { state: 'running', passed: 0, failed: 0, tests: [] };
  const report = () => {
    if (!resultsFile) return;
    mkdirSync(dirname(resultsFile), { recursive: true });
    // Written whole and renamed, so the runner never reads half a file.
    writeFileSync(`${resultsFile}.tmp`, JSON.stringify(results, null, 2));
    renameSync(`${resultsFile}.tmp`, resultsFile);
  };
  report();

  // PAPER_ATLAS_TEST_GREP=<text> runs only the tests whose full title contains it.
  const grep = process.env.PAPER_ATLAS_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  try {
    for (const file of runOrder(Object.keys(specFiles))) {
      mocha.suite.emit('pre-require', globalThis, file, mocha);
      await specFiles[file]!();
    }
  } catch (error) {
    // A test file that throws while loading is a failure too, not a hang.
    results.failed += 1;
    results.tests.push({ title: 'loading the integration test files', state: 'failed', durationMs: 0, error: errorText(error) });
    results.state = 'done';
    report();
    throw error;
  }

  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (t) => {
      results.passed += 1;
      results.tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 });
      report();
    });
    // 'fail' also fires for hooks, so a broken `before` hook is reported by its own title.
    runner.on('fail', (t, error) => {
      results.failed += 1;
      results.tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration ?? 0, error: errorText(error) });
      report();
    });
  });
  results.state = 'done';
  report();
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
