import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliIo } from '../../src/cli/cliIo';
import { runCli } from '../../src/cli/main';
import { readLibraryDir, writeLibraryDir } from '../../src/node/libraryFiles';

const listing = join(__dirname, '..', 'fixtures', 'libraries', 'small-listing.txt');
const LIBRARY_FILES = ['index.json', 'library.json', 'papers.json', 'themes.json'];

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd, bundledLibrary: join(cwd, 'no-bundle') };
  const code = await runCli(argv, io);
  return { code, out, err };
}

/** `build` of the small fixture listing into `out`, run from `cwd`. */
const build = (cwd: string, out: string, ...more: string[]) => cli(cwd, 'build', 'small-listing.txt', '--capture-year', '2025', '--out', out, '--quiet', ...more);

/** Whether `chattr +i` works here: it needs root (or CAP_LINUX_IMMUTABLE) and a filesystem that supports it. */
function canMakeImmutable(path: string): boolean {
  try {
    execFileSync('chattr', ['+i', path], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', path], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('paper-atlas build --out', function () {
  this.timeout(30_000);
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'paper-atlas-out-'));
    copyFileSync(listing, join(dir, 'small-listing.txt'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a folder that is not a library, exits 2 and leaves its files alone', async () => {
    mkdirSync(join(dir, 'thesis'));
    writeFileSync(join(dir, 'thesis', 'chapter1.md'), 'my only copy');
    const run = await build(dir, 'thesis');
    assert.equal(run.code, 2);
    assert.match(run.err, /"thesis" is not a Paper Atlas library/);
    assert.doesNotMatch(run.err, /\n\s+at /, 'no stack trace');
    assert.deepEqual(readdirSync(join(dir, 'thesis')), ['chapter1.md']);
    assert.equal(readFileSync(join(dir, 'thesis', 'chapter1.md'), 'utf8'), 'my only copy');
  });

  it('refuses --out . in a folder with files in it', async () => {
    writeFileSync(join(dir, 'notes.md'), 'keep me');
    const run = await build(dir, '.');
    assert.equal(run.code, 2);
    assert.match(run.err, /"\." is not a Paper Atlas library/);
    assert.deepEqual(readdirSync(dir).sort(), ['notes.md', 'small-listing.txt']);
  });

  it('replaces a library it built, keeping a file the user put in it', async () => {
    assert.equal((await build(dir, 'lib', '--name', 'first')).code, 0);
    writeFileSync(join(dir, 'lib', 'README.md'), 'mine');
    const run = await build(dir, 'lib', '--name', 'second');
    assert.equal(run.err, '');
    assert.equal(run.code, 0);
    assert.deepEqual(readdirSync(join(dir, 'lib')).sort(), ['README.md', ...LIBRARY_FILES]);
    assert.equal(readFileSync(join(dir, 'lib', 'README.md'), 'utf8'), 'mine');
    assert.equal((JSON.parse(readFileSync(join(dir, 'lib', 'library.json'), 'utf8')) as { name: string }).name, 'second');
  });

  it('leaves the old library and the user\'s file as they were, with no temporary files, when a write fails halfway', async () => {
    assert.equal((await build(dir, 'lib')).code, 0);
    writeFileSync(join(dir, 'lib', 'README.md'), 'mine');
    const before = Object.fromEntries(LIBRARY_FILES.map((f) => [f, readFileSync(join(dir, 'lib', f), 'utf8')]));
    // A non-string index makes the last file's write throw after the others were written.
    const broken = { ...(await readLibraryDir(join(dir, 'lib'))), index: 42 as unknown as string };
    await assert.rejects(writeLibraryDir(join(dir, 'lib'), broken));
    assert.deepEqual(readdirSync(join(dir, 'lib')).sort(), ['README.md', ...LIBRARY_FILES]);
    for (const f of LIBRARY_FILES) assert.equal(readFileSync(join(dir, 'lib', f), 'utf8'), before[f], f);
  });

  it('writes into an empty folder', async () => {
    mkdirSync(join(dir, 'empty'));
    assert.equal((await build(dir, 'empty')).code, 0);
    assert.deepEqual(readdirSync(join(dir, 'empty')).sort(), LIBRARY_FILES);
  });

  it('creates missing parent folders', async () => {
    assert.equal((await build(dir, 'a/b/lib')).code, 0);
    assert.deepEqual(readdirSync(join(dir, 'a', 'b', 'lib')).sort(), LIBRARY_FILES);
  });

  it('says in one line that --out names a file, and exits 2', async () => {
    writeFileSync(join(dir, 'out.txt'), 'a file');
    const run = await build(dir, 'out.txt');
    assert.equal(run.code, 2);
    assert.match(run.err, /^paper-atlas build: "out\.txt" is a file, not a folder/);
    assert.equal(run.err.trim().split('\n').length, 1, run.err);
    assert.equal(readFileSync(join(dir, 'out.txt'), 'utf8'), 'a file');
  });

  it('says a file stands in the way of --out, rather than that --out is a file', async () => {
    writeFileSync(join(dir, 'afile'), 'a file');
    const run = await build(dir, 'afile/lib');
    assert.equal(run.code, 2);
    assert.equal(run.err, 'paper-atlas build: cannot write the library to "afile/lib": part of the path is a file, not a folder\n');
  });

  it('says in one line that --out cannot be written, and exits 1', async function () {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    if (!canMakeImmutable(locked)) this.skip(); // chattr needs root and an ext-like filesystem
    execFileSync('chattr', ['+i', locked]);
    try {
      const run = await build(dir, 'locked/lib');
      assert.equal(run.code, 1);
      assert.match(run.err, /^paper-atlas build: cannot write the library to "locked\/lib": permission denied/);
      assert.equal(run.err.trim().split('\n').length, 1, run.err);
    } finally {
      execFileSync('chattr', ['-i', locked]);
    }
  });

  it('writes folders and files others can read (0755 and 0644 under umask 022)', async () => {
    const umask = process.umask(0o022);
    try {
      assert.equal((await build(dir, 'lib')).code, 0);
      // Twice: a first write and a replacement take different paths.
      assert.equal((await build(dir, 'lib')).code, 0);
    } finally {
      process.umask(umask);
    }
    assert.equal(statSync(join(dir, 'lib')).mode & 0o777, 0o755);
    for (const file of LIBRARY_FILES) assert.equal(statSync(join(dir, 'lib', file)).mode & 0o777, 0o644, file);
  });
});

describe('paper-atlas build sources', function () {
  this.timeout(30_000);
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'paper-atlas-src-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says which source is a folder and what to give instead, exiting 2', async () => {
    mkdirSync(join(dir, 'listings'));
    const run = await cli(dir, 'build', 'listings', '--out', 'lib');
    assert.equal(run.code, 2);
    assert.match(run.err, /"listings" is a folder; build reads listing files/);
    assert.doesNotMatch(run.err, /EISDIR/);
    assert.equal(existsSync(join(dir, 'lib')), false);
  });

  it('fails on a listing cut in the middle of an abstract, naming file:line, and writes nothing', async () => {
    const abstract = `We study things. ${'word '.repeat(60)}`;
    writeFileSync(join(dir, 'cut.txt'), `Title One\n${abstract.trim()}.\nTitle Two\n${abstract}and then the capture sto`);
    const run = await cli(dir, 'build', 'cut.txt', '--capture-year', '2025', '--out', 'lib');
    assert.equal(run.code, 1);
    assert.match(run.err, /^cut\.txt:4: the file ends in the middle of an abstract/m);
    assert.equal(existsSync(join(dir, 'lib')), false);
  });

  it('names a missing source file, exiting 2', async () => {
    const run = await cli(dir, 'build', 'nope.txt', '--out', 'lib');
    assert.equal(run.code, 2);
    assert.match(run.err, /no such file: "nope\.txt"/);
    assert.doesNotMatch(run.err, /ENOENT/);
  });

  it('says --manifest names a file when given a folder, exiting 2', async () => {
    const run = await cli(dir, 'build', '--manifest', '.', '--out', 'lib');
    assert.equal(run.code, 2);
    assert.match(run.err, /"\." is a folder; --manifest names a manifest\.json file/);
  });
});
