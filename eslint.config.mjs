// Type-aware lint. Import bans keep `vscode` out of the core (which the CLI and
// the unit tests run in plain Node) and out of the webview's browser code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The rooms of src/ and what each may import:
//   core/            pure domain: neither `vscode` nor Node's own modules (it runs in a worker, later a browser)
//   node/, cli/      Node I/O for both fronts: no `vscode`
//   shared/, webview/ and the unit tests: no `vscode`
const vscodeBan = { name: 'vscode', message: 'Only the VS Code front end (extension.ts, commands, views, panels, markdown, pickers, libraries) may import vscode.' };
const nodeBan = {
  group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'url', 'crypto', 'stream', 'util', 'zlib'],
  message: 'src/core is pure: strings and objects in and out. Node I/O belongs in src/node (or the CLI).',
};
const noVscode = { 'no-restricted-imports': ['error', { paths: [vscodeBan] }] };
const pureCore = { 'no-restricted-imports': ['error', { paths: [vscodeBan], patterns: [nodeBan] }] };

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
    files: ['src/shared/**/*.ts', 'src/webview/**/*.ts', 'test/unit/**/*.ts', 'test/shared/**/*.ts', 'src/cli/**/*.ts', 'src/node/**/*.ts'],
    rules: noVscode,
  },
  {
    files: ['src/core/**/*.ts'],
    rules: pureCore,
  },
);
