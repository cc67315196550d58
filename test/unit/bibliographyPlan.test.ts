import * as assert from 'node:assert/strict';
import { bibliographyTargets, planCitation, type CitationPlanRequest } from '../../src/core/bibliography/bibliographyPlan';
import { applyEdits, invertEdits } from '../../src/core/text/textEdit';
import { type Paper } from '../../src/core/paper';

const paper = (key: string, title = `Title of ${key}`): Paper => ({ id: key, key, title, abstract: '', sources: [] });
const a = paper('alpha2024');
const b = paper('beta2023');
const settings = { defaultFile: 'references.json', addToFrontMatter: true };

/** Plans citing at the `|` of `note`, returning the note after the edits with `|` at each final cursor. */
function cite(note: string, papers: Paper[], bibliographies: Record<string, string | undefined>, extra: Partial<CitationPlanRequest> = {}) {
  const cursors: number[] = [];
  let text = '';
  note.split('|').forEach((part, index) => {
    if (index > 0) cursors.push(text.length);
    text += part;
  });
  const plan = planCitation({
    noteText: text,
    selections: cursors.map((c) => ({ start: c, end: c })),
    papers,
    style: 'pandoc',
    bibliographies: new Map(Object.entries(bibliographies)),
    settings,
    ...extra,
  });
  if (!plan.ok) return { plan, note: undefined };
  const after = applyEdits(text, plan.noteEdits);
  let marked = after;
  for (const s of [...plan.selections].reverse()) marked = marked.slice(0, s.start) + '|' + marked.slice(s.end);
  return { plan, note: marked };
}

describe('bibliographyTargets', () => {
  it('names the files the front matter lists, or the default file', () => {
    assert.deepEqual(bibliographyTargets('---\nbibliography: [a.bib, b.json]\n---\n', settings), { paths: ['a.bib', 'b.json'], named: true });
    assert.deepEqual(bibliographyTargets('No front matter\n', settings), { paths: ['references.json'], named: false });
    assert.deepEqual(bibliographyTargets('x', { defaultFile: '  ', addToFrontMatter: true }).paths, ['references.json']);
  });
});

describe('planCitation', () => {
  it('adds only the missing entry to the named bibliography, cursor after the citation', () => {
    const refs = JSON.stringify([{ id: 'beta2023', type: 'article', title: 'B' }], null, 2);
    const { plan, note } = cite('---\nbibliography: refs.json\n---\nClaim |.\n', [a, b], { 'refs.json': refs });
    assert.ok(plan.ok);
    assert.equal(note, `---\nbibliography: refs.json\n---\nClaim [@alpha2024; @beta2023]|.\n`);
    assert.equal(plan.target, 'refs.json');
    assert.deepEqual(plan.missing, ['alpha2024']);
    assert.equal(plan.bibliography?.created, false);
    const written = applyEdits(refs, [plan.bibliography.edit]);
    assert.deepEqual((JSON.parse(written) as { id: string }[]).map((i) => i.id), ['beta2023', 'alpha2024']);
  });

  it('refuses, saying why, when the note\'s metadata cannot name the bibliography (TOML front matter, YAML that does not parse)', () => {
    for (const note of ['+++\ntitle = "x"\n+++\nClaim |.\n', '---\ntitle: [unclosed\n---\nClaim |.\n']) {
      const { plan } = cite(note, [a], { 'references.json': undefined });
      assert.ok(!plan.ok, note);
      assert.match(plan.reason, /metadata cannot name its bibliography: .+ Name it there yourself \(bibliography: references\.json\)/);
    }
  });

  it('creates the default file and front matter naming it, and the cursor moves past the front matter', () => {
    const { plan, note } = cite('|Claim.\n', [a], { 'references.json': undefined });
    assert.ok(plan.ok);
    assert.equal(note, '---\nbibliography: references.json\n---\n\n[@alpha2024]|Claim.\n');
    assert.equal(plan.bibliography?.created, true);
    assert.deepEqual((JSON.parse(plan.bibliography.edit.newText) as { id: string }[]).map((i) => i.id), ['alpha2024']);
  });

  it('creates a named file that does not exist yet, without touching the front matter', () => {
    const { plan, note } = cite('---\nbibliography: refs.bib\n---\nClaim |.\n', [a], { 'refs.bib': undefined });
    assert.ok(plan.ok);
    assert.equal(note, '---\nbibliography: refs.bib\n---\nClaim [@alpha2024]|.\n');
    assert.match(plan.bibliography!.edit.newText, /^@\w+\{alpha2024,/m);
  });

  it('adds nothing for a key another named bibliography defines', () => {
    const { plan } = cite('---\nbibliography: [one.json, two.bib]\n---\nClaim |.\n', [a], { 'one.json': '[]', 'two.bib': '@misc{alpha2024, title={A}}\n' });
    assert.ok(plan.ok);
    assert.deepEqual(plan.missing, []);
    assert.equal(plan.bibliography, undefined);
  });

  it('refuses a bibliography that does not parse, naming the file, line and column', () => {
    const { plan } = cite('---\nbibliography: refs.json\n---\nClaim |.\n', [a], { 'refs.json': '[\n  {"id": "x" "type": "book"}\n]\n' });
    assert.ok(!plan.ok);
    assert.match(plan.reason, /^refs\.json:2:\d+: /);
    assert.equal(plan.file, 'refs.json');
    assert.equal(plan.line, 1);
  });

  it('refuses a bibliography format Paper Atlas does not write, naming it', () => {
    const { plan } = cite('---\nbibliography: refs.ris\n---\nClaim |.\n', [a], { 'refs.ris': '' });
    assert.ok(!plan.ok);
    assert.match(plan.reason, /refs\.ris/);
  });

  it('refuses a key the bibliography holds in another letter case, and names the key it holds', () => {
    const { plan } = cite('---\nbibliography: refs.bib\n---\nClaim |.\n', [a], { 'refs.bib': '% mine\n@misc{ALPHA2024, title={A}}\n' });
    assert.ok(!plan.ok);
    assert.deepEqual(plan.caseConflict, { key: 'alpha2024', existing: 'ALPHA2024' });
    assert.match(plan.reason, /refs\.bib:2:.*@ALPHA2024.*@alpha2024/);
    assert.equal(plan.line, 1);
  });

  it('needs no bibliography for a link citation', () => {
    const { plan, note } = cite('Claim |.\n', [a], { 'references.json': undefined }, { style: 'link' });
    assert.ok(plan.ok);
    assert.equal(note, 'Claim [Title of alpha2024](#ref-alpha2024)|.\n');
    assert.equal(plan.bibliography, undefined);
  });

  it('adds to the bibliography alone when asked not to cite', () => {
    const { plan, note } = cite('Cited @alpha2024 already.\n', [a], { 'references.json': undefined }, { cite: false });
    assert.ok(plan.ok);
    assert.equal(note, '---\nbibliography: references.json\n---\n\nCited @alpha2024 already.\n');
    assert.equal(plan.bibliography?.created, true);
  });

  it('leaves the front matter alone when the settings say so', () => {
    const { plan, note } = cite('Claim |.\n', [a], { 'references.json': undefined }, { settings: { defaultFile: 'references.json', addToFrontMatter: false } });
    assert.ok(plan.ok);
    assert.equal(note, 'Claim [@alpha2024]|.\n');
    assert.equal(plan.bibliography?.created, true);
  });

  it('separates a citation from the word just before it, but not from a bracket, a space or inside a group', () => {
    const refs = { 'refs.json': '[]' };
    const fm = '---\nbibliography: refs.json\n---\n';
    assert.equal(cite(`${fm}see|.\n`, [a], refs).note, `${fm}see [@alpha2024]|.\n`);
    assert.equal(cite(`${fm}see |.\n`, [a], refs).note, `${fm}see [@alpha2024]|.\n`);
    assert.equal(cite(`${fm}(|)\n`, [a], refs).note, `${fm}([@alpha2024]|)\n`);
    assert.equal(cite(`${fm}[@beta2023|]\n`, [a], refs).note, `${fm}[@beta2023; @alpha2024|]\n`);
    assert.equal(cite(`${fm}word|.\n`, [a], refs, { style: 'authorInText' }).note, `${fm}word @alpha2024|.\n`);
  });

  it('does not change its inputs', () => {
    const selections = [{ start: 6, end: 6 }];
    const bibliographies = new Map([['references.json', undefined]]);
    const request: CitationPlanRequest = { noteText: 'Claim .\n', selections, papers: [a], style: 'pandoc', bibliographies, settings };
    const frozen = JSON.stringify([...bibliographies]) + JSON.stringify(selections);
    planCitation(request);
    assert.equal(JSON.stringify([...bibliographies]) + JSON.stringify(selections), frozen);
  });
});

describe('invertEdits', () => {
  it('undoes edits, insertions at one offset included', () => {
    const before = 'one two three';
    const edits = [{ start: 0, end: 0, newText: '---\n' }, { start: 0, end: 0, newText: '[@a]' }, { start: 4, end: 7, newText: 'TWO!' }];
    const after = applyEdits(before, edits);
    assert.equal(after, '---\n[@a]one TWO! three');
    assert.equal(applyEdits(after, invertEdits(before, edits)), before);
  });
});
