import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bibtexKeys, upsertBibtex } from '../../src/core/bibliography/bibtexFile';
import { toBibtex, toBibtexFile } from '../../src/core/cite/bibtex';
import { buildCorpus } from '../../src/core/corpus/buildCorpus';
import { EMPTY_KEY_LOCK } from '../../src/core/corpus/citationKeys';
import { type Paper } from '../../src/core/paper';
import { readManifestSources } from '../../src/node/sourceFiles';
import { oracleParse } from './bibtexOracle';

async function bundledPapers(): Promise<Paper[]> {
  const sources = await readManifestSources(join(__dirname, '..', '..', 'data', 'sources', 'manifest.json'));
  return buildCorpus(sources, EMPTY_KEY_LOCK).papers;
}

/**
 * What TeX (and so pandoc's LaTeX reader) makes of quotes and dashes typed
 * in ASCII: `--` is an en dash, `'` a closing quote. The abstracts mean them
 * so (they were written in LaTeX), and the BibTeX writer leaves them to TeX.
 */
function asTexTypesets(text: string): string {
  return text
    .replace(/---/g, '\u2014')
    .replace(/--/g, '\u2013')
    .replace(/``/g, '\u201c')
    .replace(/''/g, '\u201d')
    .replace(/`/g, '\u2018')
    .replace(/'/g, '\u2019');
}

const tool = (command: string): boolean => spawnSync(command, ['--version']).status === 0;

describe('every bundled paper as BibTeX', function () {
  this.timeout(60_000);
  let papers: Paper[] = [];
  let file = '';
  let dir = '';
  before(async () => {
    papers = await bundledPapers();
    file = toBibtexFile(papers);
    dir = mkdtempSync(join(tmpdir(), 'paper-atlas-bibtex-'));
    writeFileSync(join(dir, 'refs.bib'), file);
  });
  after(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('reads back with our reader: one entry each, under its key, which upsert accepts', () => {
    assert.ok(papers.length > 400, `${papers.length} papers`);
    const keys = bibtexKeys(file);
    assert.ok(keys.ok, keys.ok ? '' : keys.error.message);
    assert.deepEqual(keys.keys.map((k) => k.key), papers.map((p) => p.key));
    const refused = papers.filter((paper) => {
      try {
        upsertBibtex('', [toBibtex(paper)]);
        return false;
      } catch {
        return true;
      }
    });
    assert.deepEqual(refused.map((p) => p.key), []);
  });

  it('reads back with @retorquere/bibtex-parser: no errors, the same keys', () => {
    const library = oracleParse(file);
    assert.deepEqual(library.errors, []);
    assert.deepEqual(library.entries.map((e) => e.key), papers.map((p) => p.key));
  });

  it('passes biber --tool --validate-datamodel with no error, and no warning but a missing date', function () {
    if (!tool('biber')) {
      // CI and `npm test` install biber (scripts/setup.mjs); a developer machine may lack it.
      console.warn('    biber is not installed: skipping the biber check (apt-get install biber)');
      this.skip();
    }
    const run = spawnSync('biber', ['--tool', '--validate-datamodel', '--output-directory', dir, '--output-file', 'checked.bib', 'refs.bib'], { cwd: dir, encoding: 'utf8' });
    const problems = `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => /^(WARN|ERROR)/.test(line));
    // biblatex wants a date on a @misc, and the listings give none for some
    // papers: biber says so, and still keeps the entry. Nothing else may be said.
    const undated = /^WARN - Datamodel: Entry '([^']+)' \([^)]*\): Missing mandatory field - one of 'date, year' must be defined$/;
    assert.deepEqual(problems.filter((line) => !undated.test(line)), []);
    assert.deepEqual(problems.map((line) => undated.exec(line)?.[1]), papers.filter((p) => p.date === undefined).map((p) => p.key));
    assert.equal(run.status, 0, run.stderr);
    const checked = readFileSync(join(dir, 'checked.bib'), 'utf8');
    assert.equal(checked.match(/^@/gm)?.length, papers.length, 'biber wrote every entry back');
    // A backslash of the text stays one: biber decodes a bare `\"U` to `Ü`, not `\textbackslash{}"U`.
    assert.ok(papers.some((p) => p.abstract.includes('T\\"ULU')), 'the corpus still has the TÜLU 3 abstract');
    assert.ok(/T\\textbackslash\{\}"ULU 3/.test(checked), "biber kept T\\textbackslash{}\"ULU as written");
  });

  it('reads back through pandoc to the same title, abstract and organisation', function () {
    if (!tool('pandoc')) {
      console.warn('    pandoc is not installed: skipping the pandoc read-back');
      this.skip();
    }
    const run = spawnSync('pandoc', ['-f', 'bibtex', '-t', 'csljson', 'refs.bib'], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    const items = new Map((JSON.parse(run.stdout) as { id: string; title?: string; abstract?: string; publisher?: string }[]).map((item) => [item.id, item]));
    const differences: string[] = [];
    const compare = (paper: Paper, field: string, expected: string | undefined, actual: string | undefined): void => {
      if (expected !== actual) differences.push(`${paper.key} ${field}: ${JSON.stringify(expected)} became ${JSON.stringify(actual)}`);
    };
    // Pandoc's own ASCII typography cannot be told from TeX's for single quotes it pairs up as “…”.
    const quotes = (text: string | undefined): string | undefined => text?.replace(/[\u2018\u2019\u201c\u201d]/g, '"');
    for (const paper of papers) {
      const item = items.get(paper.key);
      compare(paper, 'abstract', quotes(paper.abstract === '' ? undefined : asTexTypesets(paper.abstract)), quotes(item?.abstract));
      compare(paper, 'organisation', quotes(paper.org && asTexTypesets(paper.org.name)), quotes(item?.publisher));
      // Pandoc sentence-cases an English BibTeX title and marks protected words with spans.
      compare(paper, 'title', quotes(asTexTypesets(paper.title))?.toLowerCase(), quotes(item?.title?.replace(/<\/?span[^>]*>/g, ''))?.toLowerCase());
    }
    assert.deepEqual(differences, []);
  });
});
