import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { buildCorpus } from '../../src/core/corpus/buildCorpus';
import { EMPTY_KEY_LOCK } from '../../src/core/corpus/citationKeys';
import { createLibrary } from '../../src/core/library/libraryFormat';
import type { Paper } from '../../src/core/paper';
import { PaperIndex, type IndexedThemes } from '../../src/core/search/paperIndex';
import { buildThemes } from '../../src/core/themes/buildThemes';
import { writeLibraryDir } from '../../src/node/libraryFiles';
import { readManifestSources } from '../../src/node/sourceFiles';
import { openLibraryIndex } from '../../src/node/search/openLibraryIndex';
import { WorkerIndex } from '../../src/node/search/workerIndex';

describe('WorkerIndex: a library searched in a worker thread', function () {
  this.timeout(60_000);
  let scratch: string;
  let dir: string;
  let script: string;
  let inThread: PaperIndex;
  let papers: readonly Paper[];
  let themes: IndexedThemes;
  const open: WorkerIndex[] = [];
  const workerIndex = (at = dir): WorkerIndex => {
    const index = new WorkerIndex(at, script);
    open.push(index);
    return index;
  };

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'paper-atlas-worker-'));
    script = join(scratch, 'searchWorker.js');
    // The worker runs as JavaScript, as it ships: bundle it the way esbuild.mjs does.
    buildSync({ entryPoints: ['src/node/search/searchWorker.ts'], outfile: script, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
    const build = buildCorpus(await readManifestSources('data/sources/manifest.json'), EMPTY_KEY_LOCK);
    papers = build.papers;
    themes = buildThemes(build.papers);
    inThread = PaperIndex.build(build.papers, themes);
    dir = join(scratch, 'library');
    await writeLibraryDir(dir, createLibrary({ name: 'test', sources: [], entryCount: build.papers.length, mergedCount: 0, papers: build.papers, themes, index: inThread.serialize() }));
  });

  afterEach(() => {
    for (const index of open.splice(0)) index.dispose();
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('finds what the in-thread index finds, in the same order, for searches and related papers', async () => {
    const index = workerIndex();
    for (const query of ['diffusion', 'gui agents', 'reinforcment learning', 'agents org:nvidia', 'reasoning year:2025', 're', '']) {
      assert.deepEqual(await index.search(query, { limit: 20 }), inThread.search(query, { limit: 20 }), query);
    }
    const [first] = inThread.search('diffusion', { limit: 1 });
    assert.ok(first);
    assert.deepEqual(await index.related(first.id, 8), inThread.related(first.id, 8));
  });

  it('drops searches a newer one replaced before they ran, and answers the newest', async () => {
    const index = workerIndex();
    // The first starts at once (it waits for the load in the worker); each later one replaces the one waiting.
    const results = await Promise.all(['g', 'gu', 'gui', 'gui ', 'gui agents'].map((query) => index.search(query, { limit: 10 })));
    assert.equal(index.dropped, 3);
    assert.deepEqual(results.slice(1, 4), [[], [], []]);
    assert.deepEqual(results[4], inThread.search('gui agents', { limit: 10 }));
  });

  it('never drops related-paper requests', async () => {
    const index = workerIndex();
    const ids = inThread.search('language model', { limit: 3 }).map((hit) => hit.id);
    const related = await Promise.all(ids.map((id) => index.related(id, 5)));
    assert.deepEqual(related, ids.map((id) => inThread.related(id, 5)));
    assert.equal(index.dropped, 0);
  });

  it('rejects searches with the load error, naming the missing file, when the directory holds no library, and does not hang', async () => {
    const index = workerIndex(join(scratch, 'missing'));
    // The worker reads through the same reader as the extension, so the message names the file and says what to do.
    await assert.rejects(index.search('diffusion'), /missing[/\\]library\.json is missing; is .* a library built by "paper-atlas build"\?/);
  });

  it('starts a new worker for a search after being disposed', async () => {
    const index = workerIndex();
    index.dispose();
    assert.deepEqual(await index.search('diffusion', { limit: 5 }), inThread.search('diffusion', { limit: 5 }));
  });

  it('opens small libraries in this thread and large ones in a worker', async () => {
    const source = { dir, papers, themes, readIndex: () => Promise.resolve(inThread.serialize()) };
    assert.ok((await openLibraryIndex(source, { workerScript: script })) instanceof PaperIndex);
    const large = await openLibraryIndex(source, { workerScript: script, threshold: 10 });
    assert.ok(large instanceof WorkerIndex);
    open.push(large);
  });
});
