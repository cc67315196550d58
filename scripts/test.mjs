// `npm test`: set up (Debian packages, npm dependencies), build, then run the
// unit, integration and UI tests in that order. Every stage runs even when an
// earlier one failed, so one run shows everything that is broken; the command
// fails if any stage failed.
//
//   npm test                   everything
//   npm test -- unit ui        only the named stages (unit, integration, render, ui, package)
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup, SetupError } from './setup.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const mocha = join(repo, 'node_modules', 'mocha', 'bin', 'mocha.js');

const STAGES = {
  unit: { title: 'Unit (mocha over src/core)', args: [mocha] },
  integration: { title: 'Integration (VS Code 1.100.3 in code-server)', args: [join(repo, 'scripts', 'runIntegration.mjs')] },
  // The note the integration tests cited into through the commands, rendered by pandoc --citeproc.
  render: { title: 'Render (pandoc --citeproc over the note the integration tests wrote)', args: [join(repo, 'scripts', 'renderNote.mjs')] },
  ui: { title: 'UI (workbench in headless Chromium)', args: [mocha, '--config', '.mocharc.ui.json'] },
  package: { title: 'Package (the .vsix installed into code-server, as a user gets it)', args: [join(repo, 'scripts', 'checkPackage.mjs')] },
};

const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!(name in STAGES)) {
    console.error(`Unknown test stage "${name}"; the stages are: ${Object.keys(STAGES).join(', ')}`);
    process.exit(2);
  }
}
const stages = Object.keys(STAGES).filter((name) => wanted.length === 0 || wanted.includes(name));

let child;
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  // The stage's own handlers stop code-server and Chromium; wait for them.
  process.once(signal, () => {
    if (!child) process.exit(code);
    child.once('exit', () => process.exit(code));
  });
}

/** Runs node with `args`, echoing its output and keeping it for the counts. */
function node(args) {
  return new Promise((resolve) => {
    let output = '';
    child = spawn(process.execPath, args, { cwd: repo, stdio: ['inherit', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' } });
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      output += d;
    });
    child.stderr.on('data', (d) => {
      process.stderr.write(d);
      output += d;
    });
    child.on('exit', (code, signal) => {
      child = undefined;
      resolve({ ok: code === 0, code: code ?? signal, output });
    });
  });
}

/** Test counts from mocha's spec reporter ("N passing", "N failing") or the integration runner ("N passed, N failed"). */
function counts(output) {
  // eslint-disable-next-line no-control-regex
  const text = output.replace(/\x1b\[[0-9;]*m/g, '');
  const runner = [...text.matchAll(/(\d+) passed, (\d+) failed/g)].pop();
  if (runner) return { passed: Number(runner[1]), failed: Number(runner[2]) };
  const passing = [...text.matchAll(/^\s*(\d+) passing/gm)].pop();
  const failing = [...text.matchAll(/^\s*(\d+) failing/gm)].pop();
  if (!passing && !failing) return undefined;
  return { passed: Number(passing?.[1] ?? 0), failed: Number(failing?.[1] ?? 0) };
}

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const heading = (text) => console.log(`\n━━ ${text} ${'━'.repeat(Math.max(0, 70 - text.length))}`);

const started = Date.now();
try {
  heading('Setup');
  setup('test');
  heading('Build');
  const build = await node([join(repo, 'esbuild.mjs')]);
  if (!build.ok) throw new SetupError(`the build failed (exit ${build.code}); nothing was tested`);
} catch (error) {
  console.error(`\n${error instanceof SetupError ? error.message : error.stack}`);
  process.exit(1);
}

const results = [];
for (const name of stages) {
  const stage = STAGES[name];
  heading(stage.title);
  const since = Date.now();
  // A note left by an earlier run must not stand in for one this run failed to write.
  if (name === 'integration') rmSync(join(repo, 'test-results', 'cited-note'), { recursive: true, force: true });
  const { ok, code, output } = await node(stage.args);
  results.push({ name, ok, code, time: seconds(since), counts: counts(output) });
}

heading('Summary');
let passed = 0;
let failed = 0;
for (const r of results) {
  const c = r.counts ? `${r.counts.passed} passed, ${r.counts.failed} failed` : 'no test counts';
  console.log(`  ${r.ok ? '✔' : '✘'} ${r.name.padEnd(12)} ${c.padEnd(24)} ${r.time}${r.ok ? '' : `   (exit ${r.code})`}`);
  passed += r.counts?.passed ?? 0;
  // A stage that failed without a count (a crash, a missing file) still counts as a failure.
  failed += r.counts?.failed || (r.ok ? 0 : 1);
}
console.log(`\n${passed} passed, ${failed} failed (${seconds(started)} in all)`);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
