// Installs code-server (VS Code 1.100.3 packaged on the npm registry) once into a
// cache folder outside the repository, and starts it on a free loopback port.
// The integration tests, the UI tests and `npm start` all stand on this module.
//
//   node scripts/codeServer.mjs     install (if needed) and print the binary's path
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync, mkdtempSync, copyFileSync, readFileSync, rmSync, openSync, closeSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_VERSION = '1.15.11';
/** Packages in code-server's tree whose install scripts must run (native modules, ripgrep). */
const INSTALL_SCRIPTS = [
  'code-server', 'argon2', '@parcel/watcher', '@vscode/deviceid', '@vscode/ripgrep', '@vscode/spdlog',
  '@vscode/windows-ca-certs', '@vscode/windows-process-tree', '@vscode/windows-registry', 'kerberos',
  'native-watchdog', 'node-pty', 'esbuild', 'vscode-extensions',
];
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

export function cacheDir() {
  const base = process.env.PAPER_ATLAS_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'paper-atlas');
  return join(base, `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerBin() {
  return join(cacheDir(), 'node_modules', '.bin', 'code-server');
}

const installedMarker = () => join(cacheDir(), '.installed');

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
  rmSync(stage, { recursive: true, force: true });
}

/**
 * node-gyp downloads Node's headers unless it is told where they are; Debian's
 * nodejs ships them under /usr/include/node, which works offline.
 */
function nodeHeadersDir() {
  const prefix = dirname(dirname(process.execPath));
  return existsSync(join(prefix, 'include', 'node', 'node_version.h')) ? prefix : undefined;
}

const sleepSync = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Holds a lock directory while `fn` runs, so two test runs started together do
 * not install into the same folder at once. A lock left by a dead process is taken over.
 */
function withInstallLock(fn, log) {
  const lock = `${cacheDir()}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = Number(readFileIfExists(join(lock, 'pid')));
      if (holder && !isAlive(holder)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!announced) log(`Waiting for another code-server install (pid ${holder || '?'}) to finish…`);
      announced = true;
      if (Date.now() > deadline) throw new Error(`gave up waiting for the code-server install lock ${lock}`);
      sleepSync(1000);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function readFileIfExists(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function installOnce(log) {
  const dir = cacheDir();
  const bin = codeServerBin();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  seedRipgrepCache();
  // npm 11.16+ reviews dependencies' install scripts against package.json#allowScripts
  // (advisory in npm 11, enforced from npm 12). The approval lives in the cache's
  // package.json: npm refuses `--allow-scripts`/`npm_config_allow_scripts` in a
  // project-scoped install (EALLOWSCRIPTS).
  const allowScripts = Object.fromEntries(INSTALL_SCRIPTS.map((name) => [name, true]));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'paper-atlas-code-server', private: true, allowScripts }, null, 2));
  const headers = nodeHeadersDir();
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      // node-pty's install step runs `npx node-gyp`, which otherwise waits for a yes.
      npm_config_yes: 'true',
      // code-server's postinstall refuses to run as root without it.
      npm_config_unsafe_perm: 'true',
      ...(headers && !process.env.npm_config_nodedir ? { npm_config_nodedir: headers } : {}),
    },
  });
  const ptyBuilt = existsSync(join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', 'node-pty', 'build'));
  if (result.status !== 0 || !existsSync(bin) || !ptyBuilt) {
    log(`code-server install failed (npm exit ${result.status}${ptyBuilt ? '' : ', node-pty not built'})`);
    return false;
  }
  writeFileSync(installedMarker(), `${CODE_SERVER_VERSION}\n`);
  return true;
}

/** Installs code-server into the cache unless it is already there; returns its binary. */
export function ensureCodeServer({ log = console.error } = {}) {
  const bin = codeServerBin();
  if (existsSync(installedMarker())) return bin;
  return withInstallLock(() => {
    if (existsSync(installedMarker())) return bin; // another process finished it while we waited
    log(`Installing code-server ${CODE_SERVER_VERSION} into ${cacheDir()} (once; about two minutes)…`);
    // VS Code's native modules build in parallel under npm; one such build has been
    // seen to fail once and pass on the next try, so a failed install gets one more.
    if (installOnce(log)) return bin;
    log('Retrying the code-server install once from a clean folder…');
    if (installOnce(log)) return bin;
    throw new Error(
      `code-server ${CODE_SERVER_VERSION} could not be installed into ${cacheDir()}. It needs Node 20, ` +
        'network access to the npm registry, and the Debian packages libkrb5-dev, ripgrep and a C++ toolchain ' +
        '(build-essential, python3). The npm output above says which step failed.',
    );
  }, log);
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

/** Copies a workspace into a fresh temporary folder, so a run never edits the original. */
export function copyWorkspace(source, prefix = 'paper-atlas-ws-') {
  const target = join(mkdtempSync(join(tmpdir(), prefix)), 'workspace');
  cpSync(source, target, { recursive: true });
  return target;
}

/**
 * Starts code-server on a free loopback port with a fresh user-data dir and
 * resolves once it answers HTTP.
 *
 * `env` is added to code-server's environment, which its extension host
 * inherits. Output goes to `logFile`, or to a temporary file `stop()` removes.
 * `stop()` ends code-server and everything it started (it runs in its own
 * process group) and removes the temporary folders; `killNow()` is the
 * synchronous last resort for an exiting process. `exited` settles when
 * code-server ends, however it ends; `log()` reads its output so far.
 */
export async function startCodeServer({ workspace, port: wantedPort, userSettings = {}, env = {}, logFile, startupTimeoutMs = 60_000 }) {
  const bin = ensureCodeServer();
  const port = wantedPort ?? (await freePort());
  const scratch = mkdtempSync(join(tmpdir(), 'paper-atlas-cs-'));
  const userDataDir = join(scratch, 'user-data');
  const extensionsDir = join(scratch, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir);
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        // Without this the workspace-trust dialog blocks every test.
        'security.workspace.trust.enabled': false,
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'update.mode': 'none',
        ...userSettings,
      },
      null,
      2,
    ),
  );
  const log = logFile ?? join(scratch, 'code-server.log');
  mkdirSync(dirname(log), { recursive: true });
  const out = openSync(log, 'a');
  writeSync(out, `$ code-server on 127.0.0.1:${port}, workspace ${workspace}\n`);
  const child = spawn(
    bin,
    ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, workspace],
    { stdio: ['ignore', out, out], detached: true, env: { ...process.env, ...env } },
  );
  closeSync(out);
  const exited = new Promise((resolve) => child.once('exit', resolve));

  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  // Removes the user-data dir and extensions dir (and the log, unless `logFile` put it elsewhere).
  const cleanup = () => rmSync(scratch, { recursive: true, force: true });
  let stopping;
  const server = {
    url: `http://127.0.0.1:${port}`,
    port,
    userDataDir,
    extensionsDir,
    logFile: log,
    exited,
    log: () => readFileIfExists(log),
    stop() {
      stopping ??= (async () => {
        signalGroup('SIGTERM');
        const timer = setTimeout(() => signalGroup('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
        // The group may outlive its leader (the extension host, watchers).
        signalGroup('SIGKILL');
        cleanup();
      })();
      return stopping;
    },
    killNow() {
      signalGroup('SIGKILL');
    },
  };

  const deadline = Date.now() + startupTimeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited during start-up (${child.exitCode ?? child.signalCode}); its log:\n${readFileIfExists(log)}`);
    }
    try {
      const res = await fetch(`${server.url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not answer within ${startupTimeoutMs / 1000} s; its log:\n${readFileIfExists(log)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return server;
}

/** A file path as the path of a `vscode-remote://` URI (each segment percent-encoded). */
const remotePath = (path) => path.split('/').map(encodeURIComponent).join('/');

/** The URL that opens a folder with an extension under development (and optionally a test runner). */
export function workbenchUrl({ url, port, workspace, extensionPath, testsPath }) {
  // Plain paths in the payload fail with "No extension host found that can launch
  // the test runner": the extension host is remote, so the URIs must say so.
  const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${remotePath(extensionPath)}`], ['skipWelcome', 'true']];
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://127.0.0.1:${port}${remotePath(testsPath)}`]);
  return `${url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureCodeServer());
}
