// `npm run bench`: what a user feels, each figure beside its floor measured in
// the same run, at 440 papers (the bundled corpus) and 10,000 synthetic ones
// (100,000 with --100k). Prints a Markdown table and writes bench/out/results.json.
//
//   npm run bench [-- --100k] [--runs N] [--vscode-runs N] [--sizes 440,10000] [--no-vscode] [--no-package] [--rebuild] [--prototype]
//
// Libraries above 20,000 papers are built by bench/buildLibrary.ts (the
// product's corpus and index code, themes clustered on a sample) rather than
// the CLI, whose theme clustering does not finish in benchmark time at
// 100,000. At 100,000 papers (or with --prototype) the run also measures the
// on-disk index PROTOTYPE of bench/prototypes/ beside the product's index.
//
// Cold figures (library load, activation) are medians over fresh processes
// (N runs, default 7; code-server windows: N, default 5); per-keystroke
// figures are medians and p95 over every keystroke of 60 queries typed one
// character at a time. See bench/RESULTS.md for what each figure means.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(repo, 'bench', 'out');
const probes = join(out, 'probes');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => (args.indexOf(name) >= 0 ? Number(args[args.indexOf(name) + 1]) : fallback);
const RUNS = option('--runs', 7);
/** Above this size, synthetic libraries are built by bench/buildLibrary.ts, not the CLI. */
const CLI_BUILD_LIMIT = 20_000;
const VSCODE_RUNS = option('--vscode-runs', 5);
const sizes = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1].split(',').map(Number).filter((n) => n > 0) : [440, 10_000, ...(flag('--100k') ? [100_000] : [])];
const began = Date.now();
const log = (message) => console.error(`[bench ${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s] ${message}`);

mkdirSync(probes, { recursive: true });

// 1. Build what ships (minified), and measure the package as `npm run package` makes it.
let packageSizes = {};
if (!flag('--no-package')) {
  log('production build + vsce package…');
  run(process.execPath, ['esbuild.mjs', '--production'], { quiet: true });
  const vsix = join(out, 'paper-atlas.vsix');
  const vsce = join(repo, 'node_modules', '.bin', 'vsce');
  run(vsce, ['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix], { quiet: true });
  packageSizes = { vsixBytes: statSync(vsix).size, extensionJsBytes: statSync(join(repo, 'dist', 'extension.js')).size, workerJsBytes: sizeOf(join(repo, 'dist', 'search', 'searchWorker.js')) };
} else if (!existsSync(join(repo, 'dist', 'extension.js'))) {
  run(process.execPath, ['esbuild.mjs', '--production']);
}
const workerScript = join(repo, 'dist', 'search', 'searchWorker.js');

// 2. The probes, bundled like the extension (minified, Node 20).
const probeBuild = { outdir: probes, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' };
await esbuild.build({
  ...probeBuild,
  entryPoints: ['searchProbe', 'loadProbe', 'treeProbe', 'paperSearchProbe'].map((name) => join(repo, 'bench', 'probes', `${name}.ts`)),
  minify: true,
  alias: { vscode: join(repo, 'bench', 'probes', 'vscodeStub.ts') },
});
await esbuild.build({ ...probeBuild, entryPoints: [join(repo, 'bench', 'prototypes', 'diskIndexProbe.ts')], minify: true });
// Runs inside VS Code as a window's test module, so `vscode` is the real one.
await esbuild.build({ ...probeBuild, entryPoints: [join(repo, 'bench', 'probes', 'vscodeProbe.ts')], external: ['vscode'] });

// 3. Libraries: the bundled corpus, and synthetic ones built by the CLI (cached by generator version).
const libraries = {};
for (const size of sizes) libraries[size] = size === 440 ? join(repo, 'dist', 'library') : syntheticLibrary(size);

// 4. Node figures per size.
const results = { date: new Date().toISOString(), machine: machine(), runs: RUNS, package: packageSizes, sizes: {} };
for (const size of sizes) {
  const dir = libraries[size];
  const runs = size >= 100_000 ? Math.min(RUNS, 3) : RUNS;
  log(`${size} papers: cold loads (${runs} fresh processes each for the product and its two floors)…`);
  const load = { product: [], jsonParse: [], papersJson: [] };
  for (let i = 0; i < runs; i += 1) {
    for (const mode of Object.keys(load)) load[mode].push(probe('loadProbe', [dir, mode], ['--expose-gc', '--max-old-space-size=8000']));
  }
  log(`${size} papers: per-keystroke replay (product index, naive scan, plain MiniSearch)…`);
  // At 100,000 the naive scan takes ~0.2 s a keystroke: warm the JIT on 10 queries, not all 60.
  const search = probe('searchProbe', [dir, ...(size >= 100_000 ? ['--warmup-queries', '10'] : [])], ['--max-old-space-size=8000']);
  log(`${size} papers: as the extension searches (PaperSearch${size > 2000 ? ', in the worker' : ''})…`);
  const paperSearch = probe('paperSearchProbe', [dir, workerScript], ['--max-old-space-size=8000']);
  log(`${size} papers: tree…`);
  const tree = probe('treeProbe', [dir], ['--max-old-space-size=8000']);
  const prototype = size >= 100_000 || flag('--prototype') ? diskIndexPrototype(dir, runs) : undefined;
  results.sizes[size] = {
    papers: search.papers,
    indexBytes: statSync(join(dir, 'index.json')).size,
    papersBytes: statSync(join(dir, 'papers.json')).size,
    load: Object.fromEntries(Object.entries(load).map(([mode, samples]) => [mode, { ms: median(samples.map((s) => s.ms)), heapMB: median(samples.map((s) => s.heapMB)), treeReadyMs: median(samples.map((s) => s.treeReadyMs)), bytes: samples[0].bytes, samples: samples.map((s) => s.ms) }])),
    search,
    paperSearch,
    tree,
    ...(prototype ? { prototype } : {}),
  };
}

// 5. Activation and completion in the real VS Code of the integration harness.
if (!flag('--no-vscode')) results.vscode = await vscodeBench();

writeFileSync(join(out, 'results.json'), JSON.stringify(results, null, 2));
console.log(table(results));
log(`done; bench/out/results.json written`);

// ——— helpers ———

function run(command, argv, { quiet = false } = {}) {
  const result = spawnSync(command, argv, { cwd: repo, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed (${result.status}):\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  return result.stdout;
}

function sizeOf(file) {
  return existsSync(file) ? statSync(file).size : undefined;
}

function probe(name, argv, nodeArgs = []) {
  const stdout = execFileSync(process.execPath, [...nodeArgs, join(probes, `${name}.js`), ...argv], { cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(stdout.trim().split('\n').pop());
}

function median(values) {
  const sorted = values.filter((v) => typeof v === 'number' && !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function syntheticLibrary(size) {
  const generator = readFileSync(join(repo, 'bench', 'generate.ts'));
  const builder = size > CLI_BUILD_LIMIT ? readFileSync(join(repo, 'bench', 'buildLibrary.ts')) : '';
  // Keyed by the generator (and builder) only: a library format change needs --rebuild.
  const version = createHash('sha256').update(generator).update(builder).digest('hex').slice(0, 12);
  const dir = join(out, 'libraries', `${size}-${version}`);
  if (existsSync(join(dir, 'index.json')) && !flag('--rebuild')) return dir;
  for (const old of existsSync(join(out, 'libraries')) ? readdirSync(join(out, 'libraries')) : []) if (old.startsWith(`${size}-`)) rmSync(join(out, 'libraries', old), { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  if (size > CLI_BUILD_LIMIT) {
    log(`${size} papers: generating and building with bench/buildLibrary.ts (product corpus + index code, themes clustered on a sample; ~1.5 min at 100,000)…`);
    run(process.execPath, ['--max-old-space-size=12000', '--import', 'tsx', join(repo, 'bench', 'buildLibrary.ts'), String(size), dir]);
    return dir;
  }
  const listing = join(out, 'libraries', `synthetic-${size}.txt`);
  log(`${size} papers: generating and building with the CLI (once per generator version; ${size >= 100_000 ? 'many minutes' : 'about 30 s'})…`);
  run(process.execPath, ['--import', 'tsx', join(repo, 'bench', 'generate.ts'), String(size), listing]);
  run(process.execPath, ['--max-old-space-size=12000', join(repo, 'dist', 'cli.js'), 'build', listing, '--out', dir, '--quiet']);
  rmSync(listing, { force: true });
  return dir;
}

/** The on-disk index prototype (bench/prototypes/diskIndex.ts) over a library, beside the product's figures. */
function diskIndexPrototype(dir, runs) {
  const indexDir = `${dir}-disk-index`;
  log(`${dir.split('/').pop()}: PROTOTYPE on-disk index: build, ${runs} restarts, keystrokes, ranking agreement…`);
  const build = probe('diskIndexProbe', ['build', dir, indexDir], ['--max-old-space-size=8000']);
  const restarts = [];
  const withTitles = [];
  for (let i = 0; i < runs; i += 1) {
    restarts.push(probe('diskIndexProbe', ['restart', indexDir], ['--expose-gc']));
    withTitles.push(probe('diskIndexProbe', ['restart', indexDir, dir], ['--expose-gc']));
  }
  const keystrokes = probe('diskIndexProbe', ['keystrokes', indexDir]);
  const agreement = probe('diskIndexProbe', ['agreement', dir, indexDir], ['--max-old-space-size=8000']);
  rmSync(indexDir, { recursive: true, force: true });
  return {
    build,
    restart: { ms: median(restarts.map((r) => r.ms)), openedMs: median(restarts.map((r) => r.openedMs)), heapMB: median(restarts.map((r) => r.heapMB)), samples: restarts },
    restartWithTitles: { ms: median(withTitles.map((r) => r.ms)), treeDataMs: median(withTitles.map((r) => r.treeDataMs)), heapMB: median(withTitles.map((r) => r.heapMB)), samples: withTitles },
    keystrokes,
    agreement,
  };
}

function machine() {
  const cpu = cpus();
  return { nproc: cpu.length, cpu: cpu[0]?.model ?? '?', node: process.version, platform: `${process.platform} ${process.arch}`, loadAverageAtStart: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') };
}

async function vscodeBench() {
  const { copyWorkspace, startCodeServer, workbenchUrl } = await import('../scripts/codeServer.mjs');
  const { launchChromium } = await import('../scripts/chromium.mjs');
  const resultsDir = mkdtempSync(join(tmpdir(), 'paper-atlas-bench-'));
  // A fresh workspace per window: VS Code restores a workspace's open editors, and a
  // restored Markdown note would activate the extension before the probe asks.
  const workspaces = [];
  const freshWorkspace = () => {
    workspaces.push(copyWorkspace(join(repo, 'test', 'fixtures', 'workspace'), 'paper-atlas-bench-ws-'));
    return workspaces[workspaces.length - 1];
  };
  const workspace = freshWorkspace();
  // The empty extension: its manifest, and its one function bundled beside it.
  const empty = join(out, 'empty-extension');
  mkdirSync(empty, { recursive: true });
  writeFileSync(join(empty, 'package.json'), readFileSync(join(repo, 'bench', 'fixtures', 'empty-extension', 'package.json')));
  await esbuild.build({ entryPoints: [join(repo, 'bench', 'fixtures', 'empty-extension', 'extension.ts')], outfile: join(empty, 'extension.js'), bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  const probePath = join(probes, 'vscodeProbe.js');
  log(`VS Code: code-server + headless Chromium, ${VSCODE_RUNS} windows each for Paper Atlas and the empty extension…`);
  const server = await startCodeServer({ workspace, env: { PAPER_ATLAS_BENCH_RESULTS_DIR: resultsDir } });
  const browser = await launchChromium();
  const samples = { atlas: [], empty: [] };
  try {
    for (let i = 0; i < VSCODE_RUNS; i += 1) {
      for (const [name, extensionPath] of [['atlas', repo], ['empty', empty]]) {
        const before = new Set(readdirSync(resultsDir));
        const page = await browser.context.newPage();
        await page.goto(workbenchUrl({ ...server, workspace: freshWorkspace(), extensionPath, testsPath: probePath }));
        const deadline = Date.now() + 120_000;
        let file;
        while (!file && Date.now() < deadline) {
          file = readdirSync(resultsDir).find((f) => !before.has(f) && f.endsWith('.json'));
          if (!file) await new Promise((r) => setTimeout(r, 200));
        }
        await page.close();
        if (!file) throw new Error(`VS Code window ${i + 1} (${name}) reported nothing within 120 s; code-server log: ${server.logFile}`);
        const sample = JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
        if (sample.error) throw new Error(`VS Code probe (${name}): ${sample.error}`);
        samples[name].push(sample);
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(resultsDir, { recursive: true, force: true });
    for (const ws of workspaces) rmSync(dirname(ws), { recursive: true, force: true });
  }
  const summary = (list) => ({
    activateCallMs: median(list.map((s) => s.activateCallMs)),
    activateMs: median(list.map((s) => s.activateMs)),
    completionMs: median(list.flatMap((s) => s.completionMs)),
    completionP95Ms: percentile(list.flatMap((s) => s.completionMs), 0.95),
    completionItems: median(list.map((s) => s.completionItems)),
    wasActive: list.map((s) => s.wasActive),
    samples: list,
  });
  return { atlas: summary(samples.atlas), empty: summary(samples.empty) };
}

function percentile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function table(r) {
  const ms = (v) => (v === undefined || Number.isNaN(v) ? '—' : v < 1 ? `${v.toFixed(2)} ms` : v < 100 ? `${v.toFixed(1)} ms` : `${Math.round(v)} ms`);
  const mb = (v) => `${v.toFixed(1)} MB`;
  const kb = (v) => (v === undefined ? '—' : `${Math.round(v / 1024)} KB`);
  const ratio = (a, b) => (a === undefined || b === undefined || !b ? '—' : `${(a / b).toFixed(a / b < 10 ? 2 : 0)}×`);
  const rows = [['figure', 'papers', 'Paper Atlas', 'floor', 'floor is', 'ratio']];
  const add = (figure, papers, value, floor, floorName) => rows.push([figure, papers, value.text, floor?.text ?? '—', floorName ?? '—', floor ? ratio(value.raw, floor.raw) : '—']);
  const v = (raw, fmt) => ({ raw, text: fmt(raw) });
  if (r.vscode) {
    const { atlas, empty } = r.vscode;
    add('activation: ext.activate() → resolved (module load included)', 440, v(atlas.activateCallMs, ms), v(empty.activateCallMs, ms), 'empty extension');
    add('activation: activate() entered → returned', 440, v(atlas.activateMs, ms), v(empty.activateMs, ms), 'empty extension');
    add('completion after @: request → items, median', 440, v(atlas.completionMs, ms), v(empty.completionMs, ms), 'same request, empty extension');
    add('completion after @: request → items, p95', 440, v(atlas.completionP95Ms, ms), v(empty.completionP95Ms, ms), 'same request, empty extension');
  }
  for (const [size, s] of Object.entries(r.sizes)) {
    const n = s.papers;
    add('library load: bytes read → index usable (cold)', n, v(s.load.product.ms, ms), v(s.load.jsonParse.ms, ms), 'JSON.parse of the same bytes');
    add('library load: bytes read → tree data ready (cold)', n, v(s.load.product.treeReadyMs, ms), v(s.load.jsonParse.ms, ms), 'JSON.parse of the same bytes');
    add('library load: heap retained', n, v(s.load.product.heapMB, mb), v(s.load.papersJson.heapMB, mb), 'raw papers JSON');
    add('library files: papers.json + index.json', n, v(s.papersBytes + s.indexBytes, kb), v(s.papersBytes, kb), 'papers.json');
    const k = s.paperSearch.keystroke;
    const idx = s.search.product;
    for (const [part, label] of [['all', 'all'], ['short', '1–2 chars'], ['long', '3+ chars']]) {
      add(`keystroke (PaperSearch${s.paperSearch.offThread ? ', worker' : ''}), ${label}: median`, n, v(k[part].median, ms), v(s.search.naive[part].median, ms), 'naive substring scan');
      add(`keystroke (PaperSearch${s.paperSearch.offThread ? ', worker' : ''}), ${label}: p95`, n, v(k[part].p95, ms), v(s.search.naive[part].p95, ms), 'naive substring scan');
      if (s.search.plainMiniSearch) add(`keystroke (index in thread), ${label}: p95`, n, v(idx[part].p95, ms), v(s.search.plainMiniSearch[part].p95, ms), 'plain MiniSearch, defaults');
    }
    add('search blocks the host thread: longest stall while typing', n, v(k.maxBlockMs, ms), v(s.paperSearch.idleMaxBlockMs, ms), 'longest stall while idle');
    add('first results after a restart (index load included)', n, v(s.paperSearch.firstResultsMs, ms), v(s.load.jsonParse.ms, ms), 'JSON.parse of the library');
    add('typing 30 ms/key: last keystroke → results, median', n, v(s.paperSearch.fastTyping.lastKeystrokeToResults.median, ms), undefined);
    add('completion after @ (provider search, 40 items): p95', n, v(s.paperSearch.completion.p95, ms), v(s.search.naive.all.p95, ms), 'naive substring scan');
    add('related papers: median / first call', n, { raw: s.paperSearch.related.median, text: `${ms(s.paperSearch.related.median)} / ${ms(s.paperSearch.related.first)}` }, undefined);
    add('tree: first level getChildren + items', n, { raw: s.tree.firstLevel.median, text: `${ms(s.tree.firstLevel.median)} (${kb(s.tree.firstLevel.bytes)})` }, undefined);
    add(`tree: largest theme's children (${s.tree.largestTheme.papers} papers)`, n, { raw: s.tree.largestTheme.median, text: `${ms(s.tree.largestTheme.median)} (${kb(s.tree.largestTheme.bytes)})` }, undefined);
    add('tree: 400-paper theme payload, no tooltips / with', n, v(s.tree.per400.bytes, kb), v(s.tree.per400.bytesWithTooltips, kb), 'same items, abstract tooltips', true);
    const proto = s.prototype;
    if (proto) {
      const P = 'PROTOTYPE on-disk index';
      add(`${P}: first results after a restart (papers in memory)`, n, v(proto.restart.ms, ms), v(s.paperSearch.firstResultsMs, ms), 'product: PaperSearch, index load incl.');
      add(`${P}: first results after a restart, from nothing (titles.json + themes.json + index)`, n, v(proto.restartWithTitles.ms, ms), v(s.load.product.ms, ms), 'product: bytes read → index usable');
      add(`${P}: heap after a restart, index / with titles + themes`, n, { raw: proto.restartWithTitles.heapMB, text: `${mb(proto.restart.heapMB)} / ${mb(proto.restartWithTitles.heapMB)}` }, v(s.load.product.heapMB, mb), 'product library load');
      add(`${P}: index files (read at open / all)`, n, { raw: proto.build.bytes, text: `${kb(proto.build.openBytes)} / ${kb(proto.build.bytes)}` }, v(s.indexBytes, kb), 'product index.json');
      add(`${P}: titles.json (papers without abstracts)`, n, v(proto.build.titlesBytes, kb), v(s.papersBytes, kb), 'papers.json');
      for (const [part, label] of [['all', 'all'], ['short', '1–2 chars'], ['long', '3+ chars']]) {
        add(`${P}, keystroke ${label}: median`, n, v(proto.keystrokes.warm[part].median, ms), v(idx[part].median, ms), 'product index in thread');
        add(`${P}, keystroke ${label}: p95 (first pass, cold cache)`, n, { raw: proto.keystrokes.warm[part].p95, text: `${ms(proto.keystrokes.warm[part].p95)} (${ms(proto.keystrokes.cold[part].p95)})` }, v(idx[part].p95, ms), 'product index in thread');
      }
      add(`${P}: top-10 shared with the product, mean of ${proto.agreement.queries} queries`, n, { raw: proto.agreement.meanTop10Overlap, text: `${Math.round(proto.agreement.meanTop10Overlap * 100)} % (same first hit: ${proto.agreement.sameFirstHit})` }, undefined);
    }
  }
  if (r.package.vsixBytes) {
    add('.vsix', '—', v(r.package.vsixBytes, kb), undefined);
    add('dist/extension.js (minified)', '—', v(r.package.extensionJsBytes, kb), undefined);
    add('dist/search/searchWorker.js', '—', v(r.package.workerJsBytes, kb), undefined);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  const line = (row) => `| ${row.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  const m = r.machine;
  return [`Paper Atlas benchmark — ${r.date}, ${m.nproc}× ${m.cpu}, Node ${m.node}, load average at start ${m.loadAverageAtStart}`, '', line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}
