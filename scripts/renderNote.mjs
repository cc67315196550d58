// Renders the note the integration tests wrote through Paper Atlas's commands
// alone (test-results/cited-note/, saved by test/integration/citeCommands.test.ts)
// with `pandoc --citeproc`, from the note's folder as a user would, and fails
// on any warning pandoc prints and on any citation left unresolved.
//
//   node scripts/renderNote.mjs [folder]     (default test-results/cited-note)
//
// Prints "N passed, N failed" so `npm test` counts it like the other stages.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const folder = resolve(process.argv[2] ?? join(repo, 'test-results', 'cited-note'));

function fail(message) {
  console.error(`✘ ${message}`);
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}

if (!existsSync(folder)) fail(`${folder} does not exist: the integration test that writes the note did not run or failed`);
const notes = readdirSync(folder).filter((name) => name.endsWith('.md'));
if (notes.length !== 1) fail(`expected one note in ${folder}, found ${notes.length}`);
const note = notes[0];
const text = readFileSync(join(folder, note), 'utf8');

const pandoc = spawnSync('pandoc', ['--citeproc', '--from', 'markdown', '--to', 'html5', note], { cwd: folder, encoding: 'utf8' });
if (pandoc.error) fail(`could not run pandoc (${pandoc.error.message}); on Debian: apt-get install pandoc`);
const version = spawnSync('pandoc', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
console.log(`${version}: pandoc --citeproc "${note}" in ${folder}`);

const problems = [];
if (pandoc.status !== 0) problems.push(`pandoc exited with ${pandoc.status}`);
// Any output on stderr is a warning: "[WARNING] Citeproc: citation x not found", YAML trouble, a missing bibliography…
if (pandoc.stderr.trim() !== '') problems.push(`pandoc warned:\n${pandoc.stderr.trim().replace(/^/gm, '    ')}`);
const html = pandoc.stdout;
if (html.includes('???')) problems.push('the output holds "???", an unresolved citation');

// Every key the note cites must have its entry in the rendered reference list.
const cited = [...new Set([...text.matchAll(/(?<![\w.])-?@([\w][\w:.#$%&\-+?<>~/]*\w|\w)/g)].map((m) => m[1]))];
if (cited.length === 0) problems.push('the note cites nothing; the integration test should have inserted citations');
const missing = cited.filter((key) => !html.includes(`id="ref-${key}"`));
if (missing.length > 0) problems.push(`no reference list entry for: ${missing.join(', ')}`);
if (!html.includes('class="references')) problems.push('the output has no reference list');

writeFileSync(join(folder, 'rendered.html'), html);
if (problems.length > 0) {
  for (const problem of problems) console.error(`✘ ${problem}`);
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}
console.log(`✔ ${note} renders with ${cited.length} citations resolved (${cited.join(', ')}) and no warnings; HTML in ${join(folder, 'rendered.html')}`);
console.log('\n1 passed, 0 failed');
