import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliIo } from '../../src/cli/cliIo';
import { runCli } from '../../src/cli/main';
import { readUserLibrary } from '../../src/node/libraryReader';
import { readBibtexLibrary } from '../../src/core/sources/bibtexLibrary';
import { papersFromCslItems, readCslJsonLibrary, readCslYamlLibrary } from '../../src/core/sources/cslLibrary';
import { parseLibrary, serializeLibrary, createLibrary } from '../../src/core/library/libraryFormat';
import { toCslJson } from '../../src/core/cite/cslJson';

describe('BibTeX reference files', () => {
  it('turns LaTeX into text and keeps the key as written', async () => {
    const bib = ['@article{Müller:2001/x-y,', '  title = {{\\"U}ber {BERT} \\& \\emph{Friends}: 50\\% of $\\alpha$},', '  author = {M{\\"u}ller, J{\\\'e}r{\\^o}me and {World Health Organization}},', '  journal = {J. Foo},', '  year = 2001, month = mar,', '  doi = {10.1000/x_y},', '}'].join('\n');
    const read = await readBibtexLibrary(bib, 'refs.bib');
    assert.deepEqual(read.diagnostics, []);
    const [paper] = read.papers;
    assert.equal(paper?.key, 'Müller:2001/x-y');
    assert.equal(paper?.title, 'Über BERT & Friends: 50% of α');
    assert.deepEqual(paper?.authors, ['Jérôme Müller', 'World Health Organization']);
    assert.equal(paper?.venue, 'J. Foo');
    assert.equal(paper?.date, '2001-03');
    assert.equal(paper?.doi, '10.1000/x_y');
    assert.equal(paper?.entryType, 'article');
    assert.deepEqual(paper?.locations, [{ file: 'refs.bib', line: 1 }]);
  });

  it('expands @string macros and applies crossref, and a proceedings that only lends fields is not a paper', async () => {
    const bib = [
      '@string{neurips = "Advances in Neural Information Processing Systems"}',
      '@inproceedings{vaswani2017, title = {Attention Is All You Need}, crossref = {nips17}}',
      '@proceedings{nips17, booktitle = neurips, year = 2017, month = dec}',
      '@article{j, title = {Journal}, journal = neurips # " 30", year = {2018}}',
    ].join('\n');
    const read = await readBibtexLibrary(bib, 'refs.bib');
    assert.deepEqual(read.diagnostics, []);
    assert.deepEqual(
      read.papers.map((p) => [p.key, p.venue, p.date]),
      [
        ['vaswani2017', 'Advances in Neural Information Processing Systems', '2017-12'],
        ['j', 'Advances in Neural Information Processing Systems 30', '2018'],
      ],
    );
  });

  it('skips an entry without a title and reports it at its line', async () => {
    const read = await readBibtexLibrary('@misc{a, title = {A}}\n\n@misc{untitled, year = 2020}\n', 'refs.bib');
    assert.deepEqual(read.papers.map((p) => p.key), ['a']);
    assert.deepEqual(read.diagnostics, [{ file: 'refs.bib', line: 3, message: '"untitled" has no title; skipped' }]);
  });

  it('keeps the first of two entries whose keys differ only in case, and reports the second', async () => {
    const read = await readBibtexLibrary('@misc{Smith2020, title = {First}}\n@misc{smith2020, title = {Second}}\n', 'refs.bib');
    assert.deepEqual(read.papers.map((p) => [p.key, p.title]), [['Smith2020', 'First']]);
    assert.equal(read.diagnostics.length, 1);
    assert.equal(read.diagnostics[0]?.line, 2);
    assert.match(read.diagnostics[0]?.message ?? '', /already used by the entry at line 1/);
  });

  it('skips an entry that does not parse, reports its line, and loads the rest', async () => {
    const bib = '@misc{before, title = {Before}}\n\n@article{broken, title = {unclosed}\n\n@misc{after, title = {After}}\n';
    const read = await readBibtexLibrary(bib, 'refs.bib');
    assert.deepEqual(read.papers.map((p) => p.key), ['before', 'after']);
    assert.equal(read.diagnostics.length, 1);
    assert.equal(read.diagnostics[0]?.line, 3);
    assert.equal(read.entryCount, 3);
  });
});

describe('CSL-JSON and CSL-YAML reference files', () => {
  const item = {
    id: 'not a bare key!',
    type: 'paper-conference',
    title: 'Deep <i>Residual</i> Learning',
    author: [{ family: 'He', given: 'Kaiming' }, { family: 'Rijn', 'non-dropping-particle': 'van', given: 'Jan' }, { literal: 'The ResNet Team' }],
    issued: { 'date-parts': [['2016', 6, 27]] },
    'container-title': 'CVPR',
    DOI: '10.1109/CVPR.2016.90',
    URL: 'https://example.org/resnet',
    keyword: 'vision; residual',
    abstract: 'We present a residual learning framework.',
  };

  it('reads an item field by field and never re-keys it', () => {
    const read = papersFromCslItems([item], 'refs.json');
    assert.deepEqual(read.diagnostics, []);
    assert.deepEqual(read.papers[0], {
      id: 'not a bare key!',
      key: 'not a bare key!',
      title: 'Deep Residual Learning',
      abstract: 'We present a residual learning framework.',
      authors: ['Kaiming He', 'Jan van Rijn', 'The ResNet Team'],
      authorCount: 3,
      date: '2016-06-27',
      venue: 'CVPR',
      doi: '10.1109/CVPR.2016.90',
      url: 'https://example.org/resnet',
      keywords: ['vision', 'residual'],
      entryType: 'paper-conference',
      sources: ['refs.json'],
      locations: [{ file: 'refs.json', line: 1 }],
    });
  });

  it('reads raw, literal and year-only dates without inventing a month or day', () => {
    const dates = [{ raw: '2020-05' }, { literal: 'Spring 2019' }, { 'date-parts': [[2018]] }, '2017-02-03', [{ year: 2016, month: 13 }], { raw: 'n.d.' }];
    const read = papersFromCslItems(
      dates.map((issued, i) => ({ id: `k${i}`, title: `T${i}`, issued })),
      'refs.json',
    );
    assert.deepEqual(read.papers.map((p) => p.date), ['2020-05', '2019', '2018', '2017-02-03', '2016', undefined]);
  });

  it('reports items without an id or a title at their lines in a JSON file, and loads the rest', () => {
    const text = '[\n  {"id": "a", "title": "A"},\n  {"id": "b"},\n  {\n    "title": "no id"\n  },\n  {"id": "A", "title": "same key as a"}\n]\n';
    const read = readCslJsonLibrary(text, 'refs.json');
    assert.deepEqual(read.papers.map((p) => p.key), ['a']);
    assert.deepEqual(
      read.diagnostics.map((d) => [d.line, d.message]),
      [
        [3, '"b" has no title; skipped'],
        [4, 'item 3 has no id (its citation key); skipped'],
        [7, 'the key "A" is already used by the entry at line 2; this entry is skipped'],
      ],
    );
  });

  it('reports JSON that does not parse, at its line when the JSON error gives a position', () => {
    const missingComma = readCslJsonLibrary('[\n  {"id": "a", "title": "A"},\n  {"id": "b" "title": "B"}\n]\n', 'refs.json');
    assert.equal(missingComma.papers.length, 0);
    assert.equal(missingComma.diagnostics.length, 1);
    assert.equal(missingComma.diagnostics[0]?.line, 3);
    assert.match(missingComma.diagnostics[0]?.message ?? '', /^not valid JSON: /);
    // V8 gives no position for an unexpected token (a trailing comma): the file as a whole, line 1.
    const trailingComma = readCslJsonLibrary('[\n  {"id": "a", "title": "A"},\n]\n', 'refs.json');
    assert.deepEqual(trailingComma.diagnostics.map((d) => d.line), [1]);
  });

  it('reads CSL-YAML as a list or under references:, with lines for the problems', () => {
    const list = '- id: smith2020\n  title: A Title\n  issued: 2020-05-01\n- id: 42\n  title: Numbered\n- id: notitle\n';
    const listRead = readCslYamlLibrary(list, 'refs.yaml');
    assert.deepEqual(listRead.papers.map((p) => [p.key, p.date]), [['smith2020', '2020-05-01'], ['42', undefined]]);
    assert.deepEqual(listRead.diagnostics, [{ file: 'refs.yaml', line: 6, message: '"notitle" has no title; skipped' }]);
    const nested = '---\nreferences:\n- id: doe\n  title: Doe\n  author:\n  - family: Doe\n    given: Jane\n...\n';
    assert.deepEqual(readCslYamlLibrary(nested, 'refs.yaml').papers.map((p) => [p.key, p.authors]), [['doe', ['Jane Doe']]]);
  });

  it('gives one diagnostic for a YAML file that is neither a list nor has references:', () => {
    const read = readCslYamlLibrary('title: a single item\n', 'refs.yaml');
    assert.equal(read.papers.length, 0);
    assert.match(read.diagnostics[0]?.message ?? '', /list of items/);
  });

  it('round-trips the new fields through papers.json and writes them to CSL-JSON', () => {
    const [paper] = papersFromCslItems([item], 'refs.json').papers;
    assert.ok(paper);
    const library = createLibrary({ name: 'x', sources: ['refs.json'], entryCount: 1, mergedCount: 0, papers: [paper], themes: { themes: [{ id: 't', label: 'T', terms: [], paperIds: [paper.id] }], membership: { [paper.id]: { primary: 't', secondary: [] } } }, index: '' });
    assert.deepEqual(parseLibrary(serializeLibrary(library)).papers, [paper]);
    const csl = toCslJson(paper);
    assert.equal(csl.type, 'paper-conference');
    assert.deepEqual(csl.author, [{ literal: 'Kaiming He' }, { literal: 'Jan van Rijn' }, { literal: 'The ResNet Team' }]);
    assert.equal(csl['container-title'], 'CVPR');
    assert.equal(csl.DOI, '10.1109/CVPR.2016.90');
  });

  it('refuses a papers.json whose authors are not strings', () => {
    const files = serializeLibrary(createLibrary({ name: 'x', sources: [], entryCount: 0, mergedCount: 0, papers: [], themes: { themes: [], membership: {} }, index: '' }));
    const bad = JSON.stringify([{ id: 'a', key: 'a', title: 'A', abstract: '', sources: [], authors: [1] }]);
    assert.throws(() => parseLibrary({ ...files, 'papers.json': bad, 'library.json': files['library.json'].replace('"papers": 0', '"papers": 1') }), /authors must be an array of strings/);
  });
});

describe('reference files as libraries (node reader and CLI)', () => {
  let dir = '';
  const bib = '@misc{before, title = {Coral Reef Bleaching Under Heat Stress}, author = {Doe, Jane}, year = 2021}\n\n@article{broken, title = {unclosed}\n\n@misc{Glacier:2020, title = {Glacier Retreat in the Alps}, year = 2020}\n';

  async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dir, bundledLibrary: join(dir, 'no-bundled-library') };
    const code = await runCli(argv, io);
    return { code, out, err };
  }

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'paper-atlas-refs-'));
    writeFileSync(join(dir, 'refs.bib'), bib);
    writeFileSync(join(dir, 'refs.yaml'), 'references:\n- id: reef-2019\n  title: Reef Fish Counts\n- id: notitle\n');
    writeFileSync(join(dir, 'paper.pdf'), '%PDF-1.4');
    writeFileSync(join(dir, 'empty.json'), '[]');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('loads what parses, keeps the skipped entries as problems at file:line, and themes and indexes the rest', async () => {
    const library = await readUserLibrary('user', join(dir, 'refs.bib'));
    assert.deepEqual(library.papers.map((p) => p.key), ['before', 'Glacier:2020']);
    assert.deepEqual(library.problems?.map((p) => [p.file, p.line]), [[join(dir, 'refs.bib'), 3]]);
    assert.equal(Object.keys(library.membership).length, 2);
    const hits = await (await library.openIndex()).search('glacier');
    assert.deepEqual(hits.map((h) => h.id), ['Glacier:2020']);
  });

  it('refuses a file type it does not read, listing what it reads', async () => {
    await assert.rejects(readUserLibrary('user', join(dir, 'paper.pdf')), /does not read \.pdf files; a library is .*\.bib.*\.json.*\.yaml/);
  });

  it('fails a reference file with no readable entry, naming the first problem', async () => {
    await assert.rejects(readUserLibrary('user', join(dir, 'empty.json')), /no references found/);
    writeFileSync(join(dir, 'bad.yaml'), '- id: a\n- id: b\n');
    await assert.rejects(readUserLibrary('user', join(dir, 'bad.yaml')), /bad\.yaml:1: "a" has no title; skipped \(and 1 more problem\)/);
  });

  it('build refs.bib --out DIR reports the skipped entry and builds a library that keeps the file\'s keys', async () => {
    const build = await cli('build', 'refs.bib', '--out', 'lib');
    assert.equal(build.code, 0, build.err);
    assert.match(build.err, /refs\.bib:3: /);
    assert.match(build.out, /^Built 2 papers from 3 entries in refs\.bib \(1 skipped\)/);
    const show = await cli('show', 'glacier:2020', '--library', 'lib');
    assert.equal(show.code, 0, show.err);
    assert.match(show.out, /Key\s+Glacier:2020\b/);
    const before = await cli('show', 'before', '--library', 'lib');
    assert.match(before.out, /Authors\s+Jane Doe\n/);
    const lock = await cli('build', 'refs.bib', '--out', 'lib2', '--lock', 'keys.json');
    assert.equal(lock.code, 2);
    // A built library's library.json is its folder, not a CSL-JSON file.
    const built = await readUserLibrary('user', join(dir, 'lib', 'library.json'));
    assert.deepEqual(built.papers.map((p) => p.key), ['before', 'Glacier:2020']);
    assert.equal(built.problems, undefined);
  });

  it('--library FILE reads CSL-YAML for cite and search', async () => {
    const cite = await cli('cite', 'REEF-2019', '--library', 'refs.yaml');
    assert.equal(cite.code, 0, cite.err);
    assert.equal(cite.out, '[@reef-2019]\n');
    assert.match(cite.err, /refs\.yaml:4: "notitle" has no title/);
    const search = await cli('search', 'fish', '--json', '--library', 'refs.yaml');
    assert.deepEqual((JSON.parse(search.out) as { key: string }[]).map((h) => h.key), ['reef-2019']);
  });
});
