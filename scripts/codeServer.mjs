// Installs code-server (VS Code 1.100.3 packaged on the npm registry) once into a
// cache folder outside the repository, and starts it on a free loopback port.
// The integration tests, the UI tests and `npm start` all stand on this module.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, mkdtempSync, copyFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_VERSION = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

export function cacheDir() {
  const base = process.env.PAPER_ATLAS_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'paper-atlas');
  return join(base, `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerBin() {
  return join(cacheDir(), 'node_modules', '.bin', 'code-server');
}

/**
 * @vscode/ripgrep's install script downloads rg from GitHub, which this machine
 * cannot reach; it skips the download when its cache already holds the tarball,
 * so we put Debian's rg there.
 */
function seedRipgrepCache() {
  const dir = join(process.env.TMPDIR ?? tmpdir(), `vscode-ripgrep-cache-${RIPGREP_VERSION}`);
  const tarball = join(dir, RIPGREP_ASSET);
  if (existsSync(tarball)) return;
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => existsSync(p));
  if (!rg) throw new Error('ripgrep is missing: install the Debian package `ripgrep` (apt-get install ripgrep)');
  mkdirSync(dir, { recursive: true });
  const stage = mkdtempSync(join(tmpdir(), 'rg-stage-'));
  copyFileSync(rg, join(stage, 'rg'));
  execFileSync('tar', ['-czf', tarball, '-C', stage, 'rg']);
}

/** Installs code-server into the cache unless it is already there. */
export function ensureCodeServer({ log = console.error } = {}) {
  const bin = codeServerBin();
  if (existsSync(bin)) return bin;
  const dir = cacheDir();
  log(`Installing code-server ${CODE_SERVER_VERSION} into ${dir} (once; about two minutes)…`);
  mkdirSync(dir, { recursive: true });
  seedRipgrepCache();
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'paper-atlas-code-server', private: true }));
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, npm_config_yes: 'true', npm_config_unsafe_perm: 'true' },
  });
  if (result.status !== 0 || !existsSync(bin)) {
    throw new Error(`code-server install failed (exit ${result.status}); it needs the Debian packages libkrb5-dev and ripgrep`);
  }
  return bin;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on a free loopback port with a fresh user-data dir.
 * Resolves once it answers HTTP; `stop()` ends it.
 */
export async function startCodeServer({ workspace, userSettings = {}, extensionsDir, log = () => {} }) {
  const bin = ensureCodeServer();
  const port = await freePort();
  const userDataDir = mkdtempSync(join(tmpdir(), 'paper-atlas-ud-'));
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', ...userSettings }, null, 2),
  );
  const extDir = extensionsDir ?? mkdtempSync(join(tmpdir(), 'paper-atlas-ext-'));
  const child = spawn(
    bin,
    ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--user-data-dir', userDataDir, '--extensions-dir', extDir, workspace],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: false },
  );
  child.stdout.on('data', (d) => log(String(d)));
  child.stderr.on('data', (d) => log(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('code-server did not start within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    userDataDir,
    extensionsDir: extDir,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    }),
  };
}

/** The URL that opens a folder with an extension under development (and optionally a test runner). */
export function workbenchUrl({ url, port, workspace, extensionPath, testsPath }) {
  const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${extensionPath}`], ['skipWelcome', 'true']];
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://127.0.0.1:${port}${testsPath}`]);
  return `${url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureCodeServer());
}
