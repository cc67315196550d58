// Type-aware lint. Import bans keep `vscode` out of the core (which the CLI and
// the unit tests run in plain Node) and out of the webview's browser code.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The rooms of src/ and what each may import:
//   core/             pure domain: no `vscode`, no Node built-in (imported, required or as a global), and
//                     nothing from the rooms above it; it runs in the CLI, a worker, the unit tests, later a browser
//   node/, cli/       Node I/O for both fronts: no `vscode`, and nothing from the VS Code side
//   shared/, webview/ and the tests outside VS Code: no `vscode`
const vscodeBan = { name: 'vscode', message: 'Only the VS Code front end (extension.ts, commands, views, panels, markdown, pickers, libraries) may import vscode.' };
const nodeBuiltins = [...new Set(builtinModules.map((name) => name.replace(/^node:/, '')))];
const nodeBan = {
  group: ['node:*', ...nodeBuiltins, ...nodeBuiltins.map((name) => `${name}/*`)],
  message: 'src/core is pure: strings and objects in and out. Node I/O belongs in src/node (or the CLI).',
};
const vscodeRooms = ['libraries', 'commands', 'pickers', 'views', 'panels', 'markdown', 'extension'];
/** Relative import patterns that reach the named top-level rooms of src/ from a file one or two folders below src/. */
const reaching = (rooms, depths) => rooms.flatMap((room) => depths.flatMap((up) => [`${up}${room}`, `${up}${room}/**`]));
// From src/cli/*.ts or src/node/*.ts a room is `../room`; from one folder deeper, `../../room`.
const vscodeSideBan = { group: reaching(vscodeRooms, ['../', '../../']), message: 'The VS Code side imports this room, not the other way round.' };
// src/core has folders of its own named like rooms (core/markdown), so only `../../room` leaves core from its folders.
const aboveCore = {
  group: [...reaching([...vscodeRooms, 'node', 'cli', 'shared', 'webview'], ['../../']), ...reaching(['node', 'cli', 'shared', 'webview', 'libraries', 'commands', 'pickers', 'views', 'panels', 'extension'], ['../'])],
  message: 'src/core imports only src/core (and pure npm packages).',
};
const noVscode = { 'no-restricted-imports': ['error', { paths: [vscodeBan] }] };
const nodeOrCli = { 'no-restricted-imports': ['error', { paths: [vscodeBan], patterns: [vscodeSideBan] }] };
const pureCore = {
  'no-restricted-imports': ['error', { paths: [vscodeBan], patterns: [nodeBan, aboveCore] }],
  'no-restricted-globals': ['error', ...['process', 'Buffer', '__dirname', '__filename', 'require', 'module', 'global'].map((name) => ({ name, message: 'src/core runs outside Node too.' }))],
  'no-restricted-syntax': [
    'error',
    { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
    // A package that must be loaded as an ES module may be imported dynamically; Node and other rooms may not.
    { selector: `ImportExpression[source.value=/^(\\.|node:|(${nodeBuiltins.filter((name) => /^\w+$/.test(name)).join('|')})$)/]`, message: 'src/core imports only src/core and pure npm packages.' },
    { selector: 'ImportExpression[source.type!="Literal"]', message: 'src/core imports what it names, not a computed path.' },
    { selector: 'TSImportEqualsDeclaration', message: 'src/core imports statically, and only src/core.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', '**/*.mjs', 'bin/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/shared/**/*.ts', 'src/webview/**/*.ts', 'test/unit/**/*.ts', 'test/shared/**/*.ts'],
    rules: noVscode,
  },
  {
    files: ['src/cli/**/*.ts', 'src/node/**/*.ts'],
    rules: nodeOrCli,
  },
  {
    files: ['src/core/**/*.ts'],
    rules: pureCore,
  },
);
