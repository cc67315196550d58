// Gets a fresh clone ready to run: the Debian packages a purpose needs, then
// the npm dependencies. `npm start` and `npm test` call it first, so it uses
// nothing but Node's own modules.
//
//   node scripts/setup.mjs [start|test]      (default: test)
//
// Missing Debian packages are installed with apt-get when running as root;
// otherwise it prints the exact `sudo apt-get install …` line and fails.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Why each Debian package is needed. code-server (used by the tests, and by
 * `npm start` when no desktop VS Code is on PATH) builds native modules
 * against Kerberos and needs ripgrep; the tests drive Chromium; Paper Atlas
 * renders bibliographies with pandoc.
 */
const PACKAGES = {
  chromium: 'headless browser for the integration and UI tests',
  'libkrb5-dev': "headers code-server's kerberos module builds against",
  ripgrep: "code-server's search (replaces a download from GitHub)",
  pandoc: 'renders notes with their bibliography',
  biber: 'checks that the BibTeX Paper Atlas writes is valid (unit tests)',
  python3: 'holds a Zotero database locked as Zotero does (unit tests)',
  'build-essential': "compiler for code-server's native modules",
};

export class SetupError extends Error {}

/** True when a command is on PATH. */
export function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

/** Which Debian packages `purpose` needs: 'test' needs all; 'start' needs code-server's only without a desktop `code`. */
export function packagesFor(purpose) {
  if (purpose === 'test') return Object.keys(PACKAGES);
  const needsCodeServer = !onPath('code') || process.env.PAPER_ATLAS_CODE_SERVER === '1';
  return ['pandoc', ...(needsCodeServer ? ['libkrb5-dev', 'ripgrep', 'build-essential'] : [])];
}

function installed(pkg) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() === 'install ok installed';
}

function run(command, args, options = {}) {
  console.log(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: repo, ...options });
  if (result.error) throw new SetupError(`${command} could not run: ${result.error.message}`);
  if (result.status !== 0) throw new SetupError(`\`${[command, ...args].join(' ')}\` failed (exit ${result.status})`);
}

function ensureDebianPackages(purpose) {
  if (!onPath('dpkg-query')) {
    console.warn(
      `setup: not a Debian-like system, so packages are not checked. Paper Atlas's ${purpose} needs the equivalents of: ` +
        packagesFor(purpose).join(', '),
    );
    return;
  }
  const missing = packagesFor(purpose).filter((pkg) => !installed(pkg));
  if (missing.length === 0) return;
  for (const pkg of missing) console.log(`setup: missing Debian package ${pkg} (${PACKAGES[pkg]})`);
  const install = ['apt-get', 'install', '-y', '--no-install-recommends', ...missing];
  if (process.getuid?.() !== 0) {
    throw new SetupError(`Install them first, then run this again:\n\n  sudo apt-get update && sudo ${install.join(' ')}\n`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run(install[0], install.slice(1), { env });
}

function ensureNode(purpose) {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) throw new SetupError(`Paper Atlas needs Node 20 or newer; this is Node ${process.versions.node}.`);
  // code-server 4.100.3's install script accepts exactly Node 20.
  const needsCodeServer = purpose === 'test' || packagesFor(purpose).includes('libkrb5-dev');
  if (needsCodeServer && major !== 20) {
    throw new SetupError(
      `The tests (and \`npm start\` without a desktop VS Code) run VS Code 1.100.3 through code-server 4.100.3, ` +
        `which installs only under Node 20; this is Node ${process.versions.node}.`,
    );
  }
}

/**
 * npm writes node_modules/.package-lock.json on every install; when it is
 * missing or older than package-lock.json (a fresh clone, a pull that changed
 * dependencies) the dependencies are installed again.
 */
function ensureNpmDependencies() {
  const lock = join(repo, 'package-lock.json');
  const hidden = join(repo, 'node_modules', '.package-lock.json');
  const current = existsSync(hidden) && (!existsSync(lock) || statSync(hidden).mtimeMs >= statSync(lock).mtimeMs);
  if (current) return;
  run('npm', [existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund']);
}

/** Everything `purpose` ('start' or 'test') needs before it can run. Throws SetupError with what to do. */
export function setup(purpose = 'test') {
  ensureNode(purpose);
  ensureDebianPackages(purpose);
  ensureNpmDependencies();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    setup(process.argv[2] ?? 'test');
    console.log('setup: ready');
  } catch (error) {
    console.error(`\nsetup: ${error instanceof SetupError ? error.message : error.stack}`);
    process.exitCode = 1;
  }
}
