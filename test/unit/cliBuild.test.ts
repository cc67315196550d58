import { strict as assert } from 'node:assert';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliIo } from '../../src/cli/cliIo';
import { runCli } from '../../src/cli/main';
import { parseKeyLock } from '../../src/core/corpus/citationKeys';

const root = join(__dirname, '..', '..');

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd, bundledLibrary: join(cwd, 'no-bundle') };
  const code = await runCli(argv, io);
  return { code, out, err };
}

describe('paper-atlas build, search and related', function () {
  this.timeout(60_000);
  let dir = '';
  let library = '';
  let lock = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paper-atlas-build-'));
    library = join(dir, 'library');
    lock = join(dir, 'keys.lock.json');
    // Half the committed lock: the build must keep those keys and add the rest.
    const committed = parseKeyLock(readFileSync(join(root, 'data', 'citation-keys.lock.json'), 'utf8'));
    const half = Object.fromEntries(Object.entries(committed.keys).slice(0, 200));
    writeFileSync(lock, JSON.stringify({ version: 1, keys: half }));
    const run = await cli(root, 'build', '--manifest', 'data/sources/manifest.json', '--lock', lock, '--out', library, '--report');
    assert.equal(run.err, '');
    assert.equal(run.code, 0);
    assert.match(run.out, /Built 437 papers from 492 entries in 4 sources/);
    assert.match(run.out, /237 new citation keys added/);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('extends the lock and reproduces the committed keys', () => {
    assert.deepEqual(parseKeyLock(readFileSync(lock, 'utf8')), parseKeyLock(readFileSync(join(root, 'data', 'citation-keys.lock.json'), 'utf8')));
  });

  it('searches, best first, as JSON', async () => {
    const { code, out } = await cli(root, 'search', 'TÜLU', 'post-training', '--json', '--limit', '3', '--library', library);
    assert.equal(code, 0);
    const hits = JSON.parse(out) as { key: string; title: string; score: number; theme: string }[];
    assert.ok(hits.length > 0 && hits.length <= 3);
    assert.equal(hits[0]?.key, 'tulu3-2024');
    assert.ok(hits.every((h, i) => i === 0 || (hits[i - 1]?.score ?? 0) >= h.score));
  });

  it('lists related papers without the paper itself', async () => {
    const { code, out } = await cli(root, 'related', 'tulu3-2024', '--json', '--limit', '5', '--library', library);
    assert.equal(code, 0);
    const hits = JSON.parse(out) as { key: string }[];
    assert.equal(hits.length, 5);
    assert.ok(!hits.some((h) => h.key === 'tulu3-2024'));
  });

  it('covers every paper once in the built themes', async () => {
    const themes = JSON.parse((await cli(root, 'themes', '--json', '--library', library)).out) as { papers: string[] }[];
    const keys = themes.flatMap((t) => t.papers);
    assert.equal(new Set(keys).size, 437);
    assert.equal(keys.length, 437);
  });

  it('fails on malformed sources with file:line problems and writes nothing', async () => {
    const work = join(dir, 'bad');
    mkdirSync(work);
    for (const f of ['daily-malformed.txt', 'search-truncated.txt']) copyFileSync(join(root, 'test', 'fixtures', 'corpus', f), join(work, f));
    const run = await cli(work, 'build', 'daily-malformed.txt', 'search-truncated.txt', '--capture-year', '2025', '--out', 'out', '--lock', 'lock.json');
    assert.equal(run.code, 1);
    assert.match(run.err, /^daily-malformed\.txt:21: title has no abstract/m);
    assert.match(run.err, /^search-truncated\.txt:8: title has no abstract \(the file ends/m);
    assert.match(run.err, /4 problems in the sources; nothing was written/);
    assert.equal(existsSync(join(work, 'out')), false);
    assert.equal(existsSync(join(work, 'lock.json')), false);
    assert.deepEqual(readdirSync(work).sort(), ['daily-malformed.txt', 'search-truncated.txt']);
  });
});
