import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { type CliIo } from '../../src/cli/cliIo';
import { buildCorpus } from '../../src/core/corpus/buildCorpus';
import { EMPTY_KEY_LOCK } from '../../src/core/corpus/citationKeys';
import { createLibrary } from '../../src/core/library/libraryFormat';
import { writeLibraryDir } from '../../src/node/libraryFiles';
import { readManifestSources } from '../../src/node/sourceFiles';

const root = join(__dirname, '..', '..');

interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process against `library`, capturing its output. */
async function cli(library: string, ...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    cwd: root,
    bundledLibrary: library,
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}

describe('paper-atlas CLI over a library', () => {
  let dir = '';
  let library = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paper-atlas-cli-'));
    library = join(dir, 'library');
    const corpus = buildCorpus(await readManifestSources(join(root, 'data', 'sources', 'manifest.json')), EMPTY_KEY_LOCK);
    // Two hand-made themes (dated / undated papers) keep these tests
    // independent of the clustering.
    const dated = corpus.papers.filter((p) => p.date !== undefined).map((p) => p.id);
    const undated = corpus.papers.filter((p) => p.date === undefined).map((p) => p.id);
    const membership = Object.fromEntries(corpus.papers.map((p) => [p.id, { primary: p.date === undefined ? 't2-undated' : 't1-dated', secondary: [] }]));
    await writeLibraryDir(
      library,
      createLibrary({
        name: 'test',
        sources: ['a'],
        entryCount: corpus.entryCount,
        mergedCount: corpus.mergedCount,
        papers: corpus.papers,
        themes: {
          themes: [
            { id: 't1-dated', label: 'Dated Papers', terms: ['dated'], paperIds: dated },
            { id: 't2-undated', label: 'Undated Papers', terms: ['undated'], paperIds: undated },
          ],
          membership,
        },
        index: '{}',
      }),
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('shows a paper as JSON with every field', async () => {
    const { code, out, err } = await cli(library, 'show', 'tulu3-2024', '--json');
    assert.equal(err, '');
    assert.equal(code, 0);
    const record = JSON.parse(out) as Record<string, unknown>;
    assert.equal(record['title'], 'TÜLU 3: Pushing Frontiers in Open Language Model Post-Training');
    assert.equal(record['theme'], 'Dated Papers');
    assert.deepEqual(record['sources'], ['002_67dba33b251a0070.txt', '003_2018d970cedfada8.txt']);
    for (const field of ['key', 'abstract', 'date', 'upvotes', 'authorCount']) assert.ok(field in record, field);
  });

  it('shows a paper for a person, with the key matched ignoring case', async () => {
    const { code, out } = await cli(library, 'show', 'TULU3-2024');
    assert.equal(code, 0);
    assert.match(out, /^TÜLU 3: Pushing Frontiers/);
    assert.match(out, /Date {5}2024-\d\d-\d\d {2}\(3 upvotes\)/);
    assert.match(out, /Sources +002_67dba33b251a0070\.txt:\d+, 003_2018d970cedfada8\.txt:\d+/);
  });

  it('says an unknown key is unknown and suggests the closest keys', async () => {
    const { code, out, err } = await cli(library, 'show', 'tulu-2024');
    assert.equal(code, 1);
    assert.equal(out, '');
    assert.match(err, /no paper has the key "tulu-2024"; closest keys: tulu3-2024/);
  });

  it('lists themes as JSON covering every paper exactly once', async () => {
    const { code, out } = await cli(library, 'themes', '--json');
    assert.equal(code, 0);
    const themes = JSON.parse(out) as { id: string; label: string; papers: string[] }[];
    const keys = themes.flatMap((t) => t.papers);
    assert.equal(keys.length, 437);
    assert.equal(new Set(keys).size, 437);
    assert.deepEqual(themes.map((t) => t.label), ['Dated Papers', 'Undated Papers']);
  });

  it('lists themes for a person with their papers', async () => {
    const { out } = await cli(library, 'themes');
    assert.match(out, /^Dated Papers {2}\(\d+ papers\) {2}t1-dated\n/);
    assert.match(out, /\n {4}tulu3-2024 +TÜLU 3/);
  });

  it('cites in each style', async () => {
    assert.equal((await cli(library, 'cite', 'tulu3-2024', 'rq-2024')).out, '[@tulu3-2024; @rq-2024]\n');
    assert.match((await cli(library, 'cite', 'rq-2024', '--style', 'bibtex')).out, /^@misc\{rq-2024,\n {2}title += \{From r to \{Q\\textasciicircum\{\}\*:\}/);
    const csl = JSON.parse((await cli(library, 'cite', 'rq-2024', '--style', 'csl-json')).out) as { id: string }[];
    assert.deepEqual(csl.map((i) => i.id), ['rq-2024']);
  });

  it('refuses to cite when any key is unknown, printing nothing to stdout', async () => {
    const { code, out, err } = await cli(library, 'cite', 'tulu3-2024', 'nosuchkey');
    assert.equal(code, 1);
    assert.equal(out, '');
    assert.match(err, /"nosuchkey"/);
  });

  it('exports every paper as records, CSL-JSON and BibTeX', async () => {
    const records = JSON.parse((await cli(library, 'export')).out) as { key: string }[];
    assert.equal(records.length, 437);
    assert.equal((JSON.parse((await cli(library, 'export', '--format', 'csl-json')).out) as unknown[]).length, 437);
    assert.equal((await cli(library, 'export', '--format', 'bibtex')).out.match(/^@misc\{/gm)?.length, 437);
  });

  it('reports entries, merges, undated papers, organisations and themes', async () => {
    const { out } = await cli(library, 'report');
    assert.match(out, / 492 {2}entries read from the sources/);
    assert.match(out, / 437 {2}distinct papers/);
    assert.match(out, / {3}50 {2}papers listed more than once \(55 duplicate entries merged\)/);
    assert.match(out, / 237 {2}papers without a date/);
    assert.match(out, /Organisations \(13\)/);
    assert.match(out, /Meta AI \(AI-at-Meta\)/);
    const json = JSON.parse((await cli(library, 'report', '--json')).out) as { themes: { label: string; papers: number }[] };
    assert.deepEqual(json.themes, [
      { id: 't2-undated', label: 'Undated Papers', papers: 237 },
      { id: 't1-dated', label: 'Dated Papers', papers: 200 },
    ]);
  });
});

describe('paper-atlas CLI dispatch', () => {
  it('suggests the nearest command for a typo and exits 2', async () => {
    const { code, err } = await cli('/nowhere', 'shwo', 'x');
    assert.equal(code, 2);
    assert.match(err, /unknown command "shwo"; did you mean "show"\?/);
  });

  it('rejects unknown options with the usage line', async () => {
    const { code, err } = await cli('/nowhere', 'show', 'x', '--bogus');
    assert.equal(code, 2);
    assert.match(err, /usage: paper-atlas show <key>/);
  });

  it('explains a missing library', async () => {
    const { code, err } = await cli('/nowhere', 'themes');
    assert.equal(code, 1);
    assert.match(err, /cannot read the library in \/nowhere.*npm run build/);
  });

  it('prints help listing every command', async () => {
    const { code, out } = await cli('/nowhere', 'help');
    assert.equal(code, 0);
    for (const name of ['show', 'themes', 'cite', 'export', 'report']) assert.match(out, new RegExp(`\\n  ${name} `));
  });
});
