import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDateLine } from '../../src/core/corpus/listingDate';
import { parseListing, parseOrganisation, type ListingSource } from '../../src/core/corpus/parseListing';
import { detectSourceFormat, parseSourceManifest, SourceManifestError } from '../../src/core/corpus/sourceManifest';

const root = join(__dirname, '..', '..');
const sourcesDir = join(root, 'data', 'sources');
const fixtures = join(root, 'test', 'fixtures', 'corpus');
const search = (file: string): ListingSource => ({ file, format: 'hf-search', captureYear: 2025 });
const daily = (file: string): ListingSource => ({ file, format: 'hf-daily', captureYear: 2025 });
// Ends in a full stop, as real abstracts do: an unfinished last abstract is reported as a cut-off file.
const longAbstract = (label: string): string => `${label} abstract. ${'word '.repeat(80).trim()}.`;

function parseReal(file: string) {
  const manifest = parseSourceManifest(readFileSync(join(sourcesDir, 'manifest.json'), 'utf8'));
  const source = manifest.sources.find((s) => s.file.startsWith(file));
  assert.ok(source, `manifest lists ${file}`);
  return parseListing(readFileSync(join(sourcesDir, source.file), 'utf8'), source);
}

describe('parseListing on the captured sources', () => {
  it('reads 243 search entries and unglues Subscribe from the first title', () => {
    const { entries, diagnostics } = parseReal('000_');
    assert.deepEqual(diagnostics, []);
    assert.equal(entries.length, 243);
    assert.equal(entries[0]?.title, 'Enhancing Infrared Small Target Detection Robustness with Bi-Level Adversarial Framework');
    assert.equal(entries[0]?.line, 3);
    assert.ok(entries.every((e) => e.abstract.length >= 400 && e.date === undefined && e.org === undefined));
  });

  it('reads all 492 entries with 220 author counts and 14 organisations', () => {
    const parses = ['000_', '001_', '002_', '003_'].map(parseReal);
    const entries = parses.flatMap((p) => p.entries);
    assert.deepEqual(parses.flatMap((p) => p.diagnostics), []);
    assert.equal(entries.length, 492);
    assert.deepEqual(parses.map((p) => p.entries.length), [243, 86, 81, 82]);
    assert.equal(entries.filter((e) => e.authorCount !== undefined).length, 220);
    assert.equal(entries.filter((e) => e.org !== undefined).length, 14);
    assert.equal(entries.filter((e) => e.date !== undefined).length, 234);
  });

  it('keeps awkward titles exactly as written', () => {
    const titles = new Set(['000_', '001_', '002_', '003_'].flatMap((f) => parseReal(f).entries.map((e) => e.title)));
    for (const title of [
      'A^2FM: An Adaptive Agent Foundation Model for Tool-Aware Hybrid Reasoning',
      'TÜLU 3: Pushing Frontiers in Open Language Model Post-Training',
      'From r to Q^*: Your Language Model is Secretly a Q-Function',
      'COS(M+O)S: Curiosity and RL-Enhanced MCTS for Exploring Story Space via Language Models',
      'ARPO:End-to-End Policy Optimization for GUI Agents with Experience Replay',
    ]) {
      assert.ok(titles.has(title), title);
    }
  });

  it('reads the metadata of a Daily Papers entry: authors, date in the capture year, upvotes, line', () => {
    const first = parseReal('001_').entries[0];
    assert.deepEqual(first && { ...first, abstract: first.abstract.slice(0, 12) }, {
      title: 'MiroMind-M1: An Open-Source Advancement in Mathematical Reasoning via Context-Aware Multi-Stage Policy Optimization',
      abstract: 'Large langua',
      authorCount: 18,
      date: { iso: '2025-07-19', yearInferred: true },
      upvotes: 2,
      file: '001_f43ba7234abd973f.txt',
      line: 13,
    });
  });

  it('splits organisation lines into handle and display name', () => {
    const orgs = ['001_', '002_', '003_'].flatMap((f) => parseReal(f).entries).flatMap((e) => (e.org ? [e.org] : []));
    assert.ok(orgs.some((o) => o.handle === 'AI-at-Meta' && o.name === 'Meta AI'));
    assert.ok(orgs.some((o) => o.handle === 'OpenRubrics' && o.name === 'OpenRubrics'));
    assert.deepEqual(parseOrganisation('  GD-ML AMAP-ML '), { handle: 'GD-ML', name: 'AMAP-ML' });
  });
});

describe('parseDateLine', () => {
  it('reads a bare date in the capture year', () => {
    assert.deepEqual(parseDateLine('Sep 26', 2025), { date: { iso: '2025-09-26', yearInferred: true } });
  });
  it('reads a trailing number as upvotes, not a year', () => {
    assert.deepEqual(parseDateLine('Jul 19 2', 2025), { date: { iso: '2025-07-19', yearInferred: true }, upvotes: 2 });
  });
  it('reads an explicit year, with and without upvotes', () => {
    assert.deepEqual(parseDateLine('Dec 3, 2024', 2025), { date: { iso: '2024-12-03', yearInferred: false } });
    assert.deepEqual(parseDateLine('Apr 9, 2024 31', 2025), { date: { iso: '2024-04-09', yearInferred: false }, upvotes: 31 });
  });
  it('rejects impossible dates and ignores non-dates', () => {
    assert.equal(typeof parseDateLine('Feb 30', 2025), 'string');
    assert.equal(typeof parseDateLine('Feb 29', 2024), 'object');
    assert.equal(parseDateLine('Foo 3', 2025), undefined);
    assert.equal(parseDateLine('May the force', 2025), undefined);
  });
});

describe('parseListing on awkward input', () => {
  it('tolerates CRLF, a BOM, stray blank lines and trailing whitespace', () => {
    const text = `\uFEFFnew\r\n\r\nDaily Papers\r\n\r\nNov 21\r\n\r\n\r\nTitle One  \t\r\n\r\n\r\n${longAbstract('One')}   \r\n\r\n  • 4 authors  \r\n·\r\nJul 19 2\r\n\r\n\r\n`;
    const { entries, diagnostics } = parseListing(text, daily('crlf.txt'));
    assert.deepEqual(diagnostics, []);
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.title, 'Title One');
    assert.equal(entries[0]?.abstract, longAbstract('One'));
    assert.equal(entries[0]?.authorCount, 4);
    assert.equal(entries[0]?.upvotes, 2);
    assert.equal(entries[0]?.line, 8);
  });

  it('reports a title with no abstract, an orphaned metadata block and a bad date, and keeps the rest', () => {
    const { entries, diagnostics } = parseListing(readFileSync(join(fixtures, 'daily-malformed.txt'), 'utf8'), daily('daily-malformed.txt'));
    assert.deepEqual(
      entries.map((e) => e.title),
      ['First Paper Has Everything', 'Third Paper Has A Bad Date', 'Fourth Paper Survives'],
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.file, d.line]),
      [
        ['daily-malformed.txt', 21],
        ['daily-malformed.txt', 32],
      ],
    );
    assert.match(diagnostics[0]?.message ?? '', /title has no abstract.*Second Paper/);
    assert.match(diagnostics[1]?.message ?? '', /Feb 30 is not a real date/);
    assert.equal(entries[1]?.date, undefined);
  });

  it('reports the missing abstract and the truncated end of a search listing', () => {
    const { entries, diagnostics } = parseListing(readFileSync(join(fixtures, 'search-truncated.txt'), 'utf8'), search('search-truncated.txt'));
    assert.deepEqual(entries.map((e) => e.title), ['Alpha: A Complete Entry', 'Gamma: Another Complete Entry']);
    assert.deepEqual(diagnostics.map((d) => d.line), [5, 8]);
    assert.match(diagnostics[1]?.message ?? '', /truncated/);
  });

  it('reports an empty file', () => {
    const { entries, diagnostics } = parseListing(readFileSync(join(fixtures, 'empty.txt'), 'utf8'), search('empty.txt'));
    assert.deepEqual(entries, []);
    assert.deepEqual(diagnostics, [{ file: 'empty.txt', line: 1, message: 'file is empty: expected a captured paper listing' }]);
  });

  it('reports a binary file once instead of every garbled line', () => {
    const { entries, diagnostics } = parseListing(readFileSync(join(fixtures, 'garbage.bin'), 'utf8'), daily('garbage.bin'));
    assert.deepEqual(entries, []);
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0]?.message ?? '', /binary/);
  });

  it('skips a garbled line inside a listing and reads the entries around it', () => {
    const { entries, diagnostics } = parseListing(readFileSync(join(fixtures, 'search-garbage-line.txt'), 'utf8'), search('search-garbage-line.txt'));
    assert.deepEqual(entries.map((e) => e.title), ['Title After Garbage']);
    assert.deepEqual(diagnostics.map((d) => [d.line, /binary|abstract/.test(d.message)]), [
      [1, true],
      [2, true],
    ]);
  });

  it('reports an abstract that has no title', () => {
    const { entries, diagnostics } = parseListing(`Title\n${longAbstract('A')}\n${longAbstract('B')}\n`, search('x.txt'));
    assert.equal(entries.length, 1);
    assert.deepEqual(diagnostics.map((d) => d.line), [3]);
  });
});

describe('parseListing on short abstracts and cut-off listings', () => {
  const cut = `${longAbstract('Cut')} Following this conn`;

  it('reports a search listing that ends in the middle of an abstract, at the abstract\'s line', () => {
    const { entries, diagnostics } = parseListing(`Title One\n${longAbstract('One')}\nTitle Two\n${cut}`, search('cut.txt'));
    assert.equal(entries.length, 2);
    assert.deepEqual(diagnostics.map((d) => [d.file, d.line]), [['cut.txt', 4]]);
    assert.match(diagnostics[0]?.message ?? '', /ends in the middle of an abstract.*truncated/);
  });

  it('reports a Daily Papers listing that ends in the middle of an abstract', () => {
    const text = `Daily Papers\n\nNov 21\n\nTitle One\n\n${longAbstract('One')}\n\n  • 3 authors\n·\nJul 19 2\n\nTitle Two\n\n${cut}\n`;
    const { diagnostics } = parseListing(text, daily('cut.txt'));
    assert.deepEqual(diagnostics.map((d) => d.line), [15]);
    assert.match(diagnostics[0]?.message ?? '', /ends in the middle of an abstract/);
  });

  it('accepts a last abstract that ends with a link or a closing bracket', () => {
    for (const end of ['Code: https://github.com/x/y', 'as shown (see Sec. 3.)', 'we ask "why?"']) {
      const { diagnostics } = parseListing(`Title One\n${longAbstract('One')} ${end}\n`, search('ok.txt'));
      assert.deepEqual(diagnostics, [], end);
    }
  });

  it('accepts an abstract shorter than any title limit in a search listing', () => {
    const short = 'We show that small models can rank papers well.';
    const { entries, diagnostics } = parseListing(`Title One\n${short}\nTitle Two\n${longAbstract('Two')}\nTitle Three\nAlso short: https://example.org/x\n`, search('short.txt'));
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(entries.map((e) => [e.title, e.abstract]), [
      ['Title One', short],
      ['Title Two', longAbstract('Two')],
      ['Title Three', 'Also short: https://example.org/x'],
    ]);
  });

  it('accepts a short Daily Papers abstract before its metadata, even one with no full stop', () => {
    const text = `Daily Papers\n\nNov 21\n\nTitle One\n\nA short abstract without a full stop\n\n  • 3 authors\n·\nJul 19 2\n\nTitle Two\n\nAnother short one.\n\n·\nJul 20\n`;
    const { entries, diagnostics } = parseListing(text, daily('short.txt'));
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(entries.map((e) => [e.title, e.abstract, e.date?.iso]), [
      ['Title One', 'A short abstract without a full stop', '2025-07-19'],
      ['Title Two', 'Another short one.', '2025-07-20'],
    ]);
    assert.equal(entries[0]?.authorCount, 3);
  });

  it('still reports a title with no abstract when the next title ends in a question mark', () => {
    const { entries, diagnostics } = parseListing(`Title One\nCan Small Models Rank Papers?\n${longAbstract('Two')}\n`, search('q.txt'));
    assert.deepEqual(entries.map((e) => e.title), ['Can Small Models Rank Papers?']);
    assert.deepEqual(diagnostics.map((d) => d.line), [1]);
    assert.match(diagnostics[0]?.message ?? '', /title has no abstract: "Title One"/);
  });
});

describe('source manifest', () => {
  it('rejects an unknown format and a missing capture year, naming the field', () => {
    assert.throws(() => parseSourceManifest('{"version":1,"sources":[{"file":"a.txt","format":"pdf","captureYear":2025}]}'), /sources\[0\]\.format/);
    assert.throws(() => parseSourceManifest('{"version":1,"sources":[{"file":"a.txt","format":"hf-daily"}]}'), SourceManifestError);
    assert.throws(() => parseSourceManifest('{'), /not valid JSON/);
  });

  it('detects the format of the captured files from their headers', () => {
    const manifest = parseSourceManifest(readFileSync(join(sourcesDir, 'manifest.json'), 'utf8'));
    for (const source of manifest.sources) {
      assert.equal(detectSourceFormat(readFileSync(join(sourcesDir, source.file), 'utf8')), source.format, source.file);
    }
  });
});
