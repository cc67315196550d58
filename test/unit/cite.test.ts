import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { escapeBibtex, escapeBibtexTitle, toBibtex, toBibtexFile } from '../../src/core/cite/bibtex';
import { toCslJson, toCslJsonFile } from '../../src/core/cite/cslJson';
import { citationText } from '../../src/core/markdown/citationText';
import { assignCitationKeys, EMPTY_KEY_LOCK } from '../../src/core/corpus/citationKeys';
import { mergeEntries } from '../../src/core/corpus/mergeEntries';
import { parseListing } from '../../src/core/corpus/parseListing';
import { parseSourceManifest } from '../../src/core/corpus/sourceManifest';
import { type Paper } from '../../src/core/paper';

const sourcesDir = join(__dirname, '..', '..', 'data', 'sources');

function realPapers(): Paper[] {
  const manifest = parseSourceManifest(readFileSync(join(sourcesDir, 'manifest.json'), 'utf8'));
  const { papers } = mergeEntries(manifest.sources.flatMap((s) => parseListing(readFileSync(join(sourcesDir, s.file), 'utf8'), s).entries));
  const { keys } = assignCitationKeys(papers, EMPTY_KEY_LOCK);
  return papers.map((p) => ({ ...p, key: keys.get(p.id) ?? '' }));
}

const SPECIALS = 'Costs & 100% of $5 #1 snake_case {braces} ~tilde^hat \\back <less> "quoted"';
const awkward: Paper = {
  id: 'ffffffffffff',
  key: 'awkward-2025',
  title: `Special: ${SPECIALS}`,
  abstract: `Abstract with ${SPECIALS} and https://github.com/x/y_z?a=1&b=2 and epsilon^{-7/2}.`,
  org: { handle: 'AT-T', name: 'AT&T Labs_Research' },
  date: '2025-07-19',
  sources: ['x.txt'],
};

const paper = fc.record({
  id: fc.constant('abcdefabcdef'),
  key: fc.constantFrom('k-2025', 'tulu3-2024a'),
  title: fc.string({ unit: 'binary', minLength: 1 }),
  abstract: fc.string({ unit: 'binary' }),
  date: fc.option(fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), { nil: undefined }),
  org: fc.option(fc.record({ handle: fc.string({ minLength: 1 }), name: fc.string({ minLength: 1 }) }), { nil: undefined }),
  sources: fc.constant(['a.txt']),
});

describe('toCslJson', () => {
  it('writes an article with the key as id, date parts and the organisation as publisher', () => {
    assert.deepEqual(toCslJson(awkward), {
      id: 'awkward-2025',
      type: 'article',
      title: awkward.title,
      abstract: awkward.abstract,
      issued: { 'date-parts': [[2025, 7, 19]] },
      publisher: 'AT&T Labs_Research',
    });
  });

  it('omits what the listings did not give', () => {
    assert.deepEqual(toCslJson({ id: 'i', key: 'k', title: 'T', abstract: '', sources: [] }), { id: 'k', type: 'article', title: 'T' });
  });

  it('round-trips every field through JSON text', () => {
    fc.assert(
      fc.property(paper, (p) => {
        const [item] = JSON.parse(toCslJsonFile([p])) as ReturnType<typeof toCslJson>[];
        assert.equal(item?.id, p.key);
        assert.equal(item?.title, p.title);
        assert.equal(item?.abstract ?? '', p.abstract);
        assert.equal(item?.publisher, p.org?.name);
        const parts = item?.issued?.['date-parts'][0];
        assert.equal(parts?.map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0')).join('-'), p.date);
      }),
    );
  });
});

describe('BibTeX output', () => {
  it('escapes every character TeX treats specially', () => {
    assert.equal(escapeBibtex('a & b % c $ d # e _ f { g } h ~ i ^ j \\ k'), 'a \\& b \\% c \\$ d \\# e \\_ f \\{ g \\} h \\textasciitilde{} i \\textasciicircum{} j \\textbackslash{} k');
  });

  /** True when braces nest properly, counting only those `counts` says count. */
  function balanced(text: string, counts: (before: string) => boolean): boolean {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
      const char = text[i];
      if ((char !== '{' && char !== '}') || !counts(text.slice(Math.max(0, i - 1), i))) continue;
      depth += char === '{' ? 1 : -1;
      if (depth < 0) return false;
    }
    return depth === 0;
  }
  // BibTeX and biber count every brace, `\{` too; pandoc's BibTeX reader skips escaped ones.
  const asBibtexCounts = (): boolean => true;
  const asPandocCounts = (before: string): boolean => before !== '\\';

  it('keeps braces balanced for any text, as BibTeX and as pandoc count them', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', '\\', 'a', ' ', 'B') }), fc.string({ unit: 'binary' }), (awkwardText, anyText) => {
        for (const text of [awkwardText, anyText]) {
          for (const escaped of [escapeBibtex(text), escapeBibtexTitle(text)]) {
            assert.ok(balanced(escaped, asBibtexCounts), `BibTeX: ${JSON.stringify(text)} → ${escaped}`);
            assert.ok(balanced(escaped, asPandocCounts), `pandoc: ${JSON.stringify(text)} → ${escaped}`);
          }
        }
      }),
    );
  });

  it('writes unmatched braces so that BibTeX finds them balanced, and matched ones plainly', () => {
    assert.equal(escapeBibtex('o}ptimized'), 'o\\iffalse\\{\\fi\\}ptimized');
    assert.equal(escapeBibtex('a{b'), 'a\\{\\iffalse\\}\\fi{}b');
    assert.equal(escapeBibtex('epsilon^{-7/2}'), 'epsilon\\textasciicircum{}\\{-7/2\\}');
    assert.equal(escapeBibtexTitle('{process reward} model'), '\\{process reward\\} model');
  });

  it('protects acronyms and mixed case, not plain capitalised words', () => {
    assert.equal(escapeBibtexTitle('A^2FM: An Adaptive Agent for GUI Tasks'), '{A\\textasciicircum{}2FM:} An Adaptive Agent for {GUI} Tasks');
    assert.equal(escapeBibtexTitle('From r to Q^*: Your LLMs'), 'From r to {Q\\textasciicircum{}*:} Your {LLMs}');
    assert.equal(escapeBibtexTitle('TÜLU 3'), '{TÜLU} 3');
  });

  it('writes a @misc entry with year, month macro, organisation and abstract', () => {
    const entry = toBibtex({ ...awkward, title: 'TÜLU 3', abstract: 'Short.' });
    assert.equal(
      entry,
      '@misc{awkward-2025,\n  title        = {{TÜLU} 3},\n  year         = {2025},\n  month        = jul,\n  organization = {AT\\&T Labs\\_Research},\n  abstract     = {Short.},\n}\n',
    );
  });
});

describe('pandoc --citeproc renders the generated bibliographies', function () {
  const pandoc = spawnSync('pandoc', ['--version']);
  let dir = '';
  beforeEach(function () {
    if (pandoc.error || pandoc.status !== 0) {
      // CI installs pandoc; a developer machine may not have it.
      console.warn('    pandoc is not installed: skipping the pandoc rendering tests (apt-get install pandoc)');
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'paper-atlas-cite-'));
  });
  afterEach(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  const chosen = (): Paper[] => {
    const papers = realPapers();
    const pick = (prefix: string): Paper => {
      const found = papers.find((p) => p.title.startsWith(prefix));
      assert.ok(found, prefix);
      return found;
    };
    return [pick('A^2FM'), pick('TÜLU 3'), pick('From r to Q^*'), pick('COS(M+O)S'), pick('ARPO:'), pick('[Call for Papers]'), papers.find((p) => p.org) ?? awkward, awkward];
  };

  function render(bibliography: string, file: string, papers: readonly Paper[]): string {
    writeFileSync(join(dir, file), bibliography);
    writeFileSync(join(dir, 'note.md'), `# Notes\n\nAs shown ${citationText(papers, 'pandoc').text}.\n`);
    const result = spawnSync('pandoc', ['--citeproc', '--bibliography', join(dir, file), '-t', 'plain', '--wrap=none', join(dir, 'note.md')], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '', 'pandoc printed warnings');
    return result.stdout;
  }

  it('renders CSL-JSON citations with no warnings and every title intact', () => {
    const papers = chosen();
    const out = render(toCslJsonFile(papers), 'refs.json', papers);
    assert.doesNotMatch(out, /\?\?|not found/);
    // The default style title-cases (`is` → `Is`), so compare ignoring case.
    for (const p of papers.slice(0, -1)) assert.ok(out.toLowerCase().includes(p.title.toLowerCase()), `${p.title} in\n${out}`);
  });

  it('renders BibTeX citations with no warnings and special characters restored', () => {
    const papers = chosen();
    const out = render(toBibtexFile(papers), 'refs.bib', papers);
    assert.doesNotMatch(out, /\?\?|not found/);
    // Case-protected words come through exactly; the rest may be re-cased by the style.
    for (const word of ['TÜLU', 'A^2FM:', 'Q^*:', 'COS(M+O)S:', 'ARPO:End-to-End', 'GUI', 'BabyLM']) assert.ok(out.includes(word), `${word} in\n${out}`);
    const specials = SPECIALS.replace(' "quoted"', '').toLowerCase();
    assert.ok(out.toLowerCase().includes(specials), `${specials} in\n${out}`);
  });

  it('reads the BibTeX abstract back as written', () => {
    writeFileSync(join(dir, 'refs.bib'), toBibtexFile([awkward]));
    const json = execFileSync('pandoc', ['-f', 'bibtex', '-t', 'csljson', join(dir, 'refs.bib')], { encoding: 'utf8' });
    const [item] = JSON.parse(json) as { abstract?: string; title?: string; publisher?: string }[];
    assert.equal(item?.abstract, awkward.abstract);
  });
});

describe('toBibtex for a paper from a user’s own references', () => {
  it('keeps its authors and venue, which pandoc reads back as names and a publisher', function () {
    const entry = toBibtex({ id: 'm', key: 'Muller2021', title: 'Coral Reefs', abstract: '', sources: [], authors: ['Jörg Müller', 'Ann Smith'], venue: 'Nature & Co', date: '2021' });
    assert.match(entry, /author\s+= \{Jörg Müller and Ann Smith\},/);
    assert.match(entry, /howpublished = \{Nature \\& Co\},/);
    const pandoc = spawnSync('pandoc', ['-f', 'bibtex', '-t', 'csljson'], { input: entry, encoding: 'utf8' });
    if (pandoc.error) this.skip();
    const [item] = JSON.parse(pandoc.stdout) as { author: { family: string; given: string }[]; publisher: string }[];
    assert.deepEqual(item?.author, [{ family: 'Müller', given: 'Jörg' }, { family: 'Smith', given: 'Ann' }]);
    assert.equal(item?.publisher, 'Nature & Co');
  });
});
