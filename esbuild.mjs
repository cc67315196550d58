// Builds Paper Atlas: the extension host bundle, the webview bundle, the CLI,
// the integration-test bundle, and the bundled paper library.
//
//   node esbuild.mjs               development build (source maps, not minified)
//   node esbuild.mjs --production  minified, no source maps (what `npm run package` ships)
//   node esbuild.mjs --watch       rebuild on change
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Reports build results in the format VS Code's esbuild problem matcher understands. */
const problemReporter = {
  name: 'problem-reporter',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * The integration suite's spec files, found when the suite is bundled: the
 * module `paper-atlas:integration-specs` exports `specFiles`, one loader per
 * test/integration/*.test.ts, so a new test file runs without being listed
 * anywhere. (The suite runs from one bundle inside VS Code, where there is no
 * source tree to glob.) Watch mode rebuilds when a file is added or removed.
 */
const integrationSpecs = {
  name: 'integration-specs',
  setup(build) {
    const dir = resolve('test/integration');
    build.onResolve({ filter: /^paper-atlas:integration-specs$/ }, (args) => ({ path: args.path, namespace: 'integration-specs' }));
    build.onLoad({ filter: /.*/, namespace: 'integration-specs' }, () => {
      const files = readdirSync(dir).filter((name) => name.endsWith('.test.ts')).sort();
      const loaders = files.map((name) => `  ${JSON.stringify(name)}: () => import(${JSON.stringify(`./${name}`)}),`);
      return { contents: `export const specFiles = {\n${loaders.join('\n')}\n};\n`, loader: 'js', resolveDir: dir, watchDirs: [dir] };
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  plugins: watch ? [problemReporter] : [],
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts', 'search/searchWorker': 'src/node/search/searchWorker.ts', 'search/referenceWorker': 'src/node/referenceWorker.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { 'webview/paper': 'src/webview/paper.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
];
if (!production) {
  builds.push({
    ...common,
    minify: false,
    entryPoints: { 'test/integration/index': 'test/integration/index.ts' },
    plugins: [...common.plugins, integrationSpecs],
    // Mocha's parallel mode resolves worker files at run time; the bundled suite runs serially.
    logOverride: { 'require-resolve-not-external': 'silent' },
    outdir: 'out',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  });
}
const present = builds
  .map((b) => ({ ...b, entryPoints: Object.fromEntries(Object.entries(b.entryPoints).filter(([, file]) => existsSync(file))) }))
  .filter((b) => Object.keys(b.entryPoints).length > 0);

/** The bundled library is derived data: rebuilt from data/sources by the CLI's own `build`. */
function buildLibrary() {
  if (!existsSync('dist/cli.js') || !existsSync('data/sources/manifest.json')) return;
  execFileSync(process.execPath, ['dist/cli.js', 'build', '--manifest', 'data/sources/manifest.json', '--lock', 'data/citation-keys.lock.json', '--out', 'dist/library', '--quiet'], {
    stdio: 'inherit',
  });
}

/** The webview draws VS Code's own icons; the font ships inside the extension, not from node_modules. */
function copyCodicons() {
  mkdirSync('dist/webview', { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/webview/${file}`);
}

/** sql.js, which reads Zotero databases, loads its WebAssembly from beside the bundle. */
function copySqlWasm() {
  mkdirSync('dist', { recursive: true });
  copyFileSync('node_modules/sql.js/dist/sql-wasm.wasm', 'dist/sql-wasm.wasm');
}

copyCodicons();
copySqlWasm();
if (watch) {
  const contexts = await Promise.all(present.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(present.map((b) => esbuild.build(b)));
  buildLibrary();
}
