// `npm start`: set up, build, and open VS Code with Paper Atlas loaded (as the
// extension under development) on the sample notes in examples/notes.
//
// With a desktop VS Code (`code` on PATH) it opens a new window and returns.
// Otherwise it serves VS Code 1.100.3 with code-server on loopback, prints the
// URL to open in a browser, and runs until Ctrl+C.
//
//   npm start                              examples/notes
//   npm start -- path/to/notes             another folder
//   npm start -- --port 8080               a fixed port for code-server
//   PAPER_ATLAS_CODE_SERVER=1 npm start    code-server even when `code` is on PATH
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onPath, setup, SetupError } from './setup.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const options = { workspace: join(repo, 'examples', 'notes'), port: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--port') options.port = Number(argv[++i]);
    else options.workspace = resolve(argv[i]);
  }
  return options;
}

async function main() {
  const { workspace, port } = parseArgs(process.argv.slice(2));
  if (!existsSync(workspace) || !statSync(workspace).isDirectory()) throw new SetupError(`${workspace} is not a folder`);
  setup('start');
  const build = spawnSync(process.execPath, [join(repo, 'esbuild.mjs')], { cwd: repo, stdio: 'inherit' });
  if (build.status !== 0) throw new SetupError('the build failed; see above');

  if (onPath('code') && process.env.PAPER_ATLAS_CODE_SERVER !== '1') {
    console.log(`Opening VS Code with Paper Atlas (from ${repo}) on ${workspace}…`);
    const code = spawnSync('code', ['--new-window', `--extensionDevelopmentPath=${repo}`, workspace], { stdio: 'inherit' });
    if (code.status !== 0) throw new SetupError(`\`code\` failed (exit ${code.status}); set PAPER_ATLAS_CODE_SERVER=1 to use code-server instead`);
    return;
  }

  // Imported only now: setup() may just have installed what they stand on.
  const { startCodeServer, workbenchUrl } = await import('./codeServer.mjs');
  console.log('No desktop VS Code (`code`) on PATH: serving VS Code with code-server…');
  const server = await startCodeServer({ workspace, port, userSettings: { 'workbench.colorTheme': 'Default Light Modern', 'git.openRepositoryInParentFolders': 'never' } });
  let stopping = false;
  const stop = (code) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping code-server…');
    void server.stop().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(143));
  process.once('exit', () => server.killNow());

  const url = workbenchUrl({ ...server, workspace, extensionPath: repo });
  console.log(`
Paper Atlas is ready. Open this URL in a browser on this machine:

  ${url}

(code-server listens on 127.0.0.1:${server.port} only; its log: ${server.logFile})
After editing the extension, run \`npm run build\` and reload the browser tab.
Press Ctrl+C to stop.`);
  // code-server stopping by itself (a crash) ends this command too.
  await server.exited;
  if (!stopping) throw new SetupError(`code-server stopped unexpectedly; its log:\n${server.log()}`);
}

try {
  await main();
} catch (error) {
  console.error(`\nnpm start: ${error instanceof SetupError ? error.message : error.stack}`);
  process.exitCode = 1;
}
