import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCommand } from '../../src/cli/commands/check';
import { type CliIo } from '../../src/cli/cliIo';
import { createLibrary } from '../../src/core/library/libraryFormat';
import { type Paper } from '../../src/core/paper';
import { writeLibraryDir } from '../../src/node/libraryFiles';

const paper = (key: string): Paper => ({ id: `id-${key}`, key, title: `Title of ${key}`, abstract: '', sources: ['a.txt'] });

describe('paper-atlas check', () => {
  let dir = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paper-atlas-check-'));
    const papers = [paper('smith2024agents'), paper('lee2023tulu')];
    await writeLibraryDir(
      join(dir, 'library'),
      createLibrary({ name: 'test', sources: ['a.txt'], entryCount: 2, mergedCount: 2, papers, themes: {
          themes: [{ id: 't1', label: 'All', terms: ['all'], paperIds: papers.map((p) => p.id) }],
          membership: Object.fromEntries(papers.map((p) => [p.id, { primary: 't1', secondary: [] }])),
        }, index: '{}' }),
    );
    mkdirSync(join(dir, 'notes sub'), { recursive: true });
    writeFileSync(join(dir, 'notes sub', 'good.md'), '---\nbibliography: refs.json\n---\n[@smith2024agents; @mine]\n');
    writeFileSync(join(dir, 'notes sub', 'refs.json'), '[{"id": "mine", "type": "book", "title": "Mine"}, {"id": "smith2024agents", "type": "article", "title": "Agents"}]\n');
    writeFileSync(join(dir, 'notes sub', 'bad.md'), '---\nbibliography: [refs.json, broken.bib, gone.json]\n---\n\nAs @smith2024agentz said.\n');
    writeFileSync(join(dir, 'notes sub', 'broken.bib'), '@misc{x,\n  title = {x\n');
    mkdirSync(join(dir, 'folder bib', 'refs.json'), { recursive: true });
    writeFileSync(join(dir, 'folder bib', 'note.md'), '---\nbibliography: refs.json\n---\n@mine\n');
    // A Quarto project: the notes below it without a bibliography of their own use the project's.
    mkdirSync(join(dir, 'book', 'refs'), { recursive: true });
    mkdirSync(join(dir, 'book', 'chapters', 'deep'), { recursive: true });
    writeFileSync(join(dir, 'book', '_quarto.yml'), 'project:\n  type: book\nbibliography:\n  - refs/main.json\n  - refs/gone.bib\n');
    writeFileSync(join(dir, 'book', 'refs', 'main.json'), '[{"id": "mine", "type": "book", "title": "Mine"}]\n');
    writeFileSync(join(dir, 'book', 'chapters', 'deep', 'ch1.md'), '# One\n\nAs @mine and @nobody show.\n');
    writeFileSync(join(dir, 'book', 'chapters', 'own.md'), '---\nbibliography: own.json\n---\n@mine\n');
    writeFileSync(join(dir, 'book', 'chapters', 'own.json'), '[{"id": "other", "type": "book", "title": "Other"}]\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function check(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dir, bundledLibrary: join(dir, 'library') };
    const code = await checkCommand.run(argv, io);
    return { code, out, err };
  }

  it('exits 0 and prints nothing for notes without problems', async () => {
    assert.deepEqual(await check('notes sub/good.md'), { code: 0, out: '', err: '' });
  });

  it('prints file:line:col per problem, 1-based, and exits 1', async () => {
    const { code, out, err } = await check('notes sub/good.md', 'notes sub/bad.md');
    assert.equal(code, 1);
    assert.deepEqual(out.trimEnd().split('\n'), [
      'notes sub/bad.md:2:27: The bibliography "broken.bib" does not parse (line 1, column 1): Unbalanced braces: the value of "title" opened at line 2 is never closed.',
      'notes sub/bad.md:2:39: The bibliography "gone.json" does not exist',
      'notes sub/bad.md:5:4: Unknown citation key "smith2024agentz": not in the library or the note\'s bibliography; did you mean "smith2024agents"?',
    ]);
    assert.equal(err, '3 problems in 2 notes\n');
  });

  it('reports every missing note, checks the others, and exits 2 at the end', async () => {
    const { code, out, err } = await check('nope.md', 'notes sub/bad.md', 'gone/also.md');
    assert.equal(code, 2);
    assert.equal(out.trimEnd().split('\n').length, 3, out);
    assert.match(err, /nope\.md: no such file/);
    assert.match(err, /gone\/also\.md: no such file/);
  });

  it('refuses a missing argument as a usage error', async () => {
    await assert.rejects(check(), (error: Error & { exitCode?: number }) => error.exitCode === 2);
  });

  it('checks the .md files in a folder it is given, and says so', async () => {
    const { code, out, err } = await check('notes sub');
    assert.equal(code, 1);
    assert.match(err, /notes sub is a folder: checking the 2 \.md files in it/);
    assert.ok(out.split('\n').every((line) => line === '' || line.startsWith(join('notes sub', 'bad.md'))), out);
  });

  it('says a bibliography that is a folder is a folder', async () => {
    const { code, out } = await check('folder bib/note.md');
    assert.equal(code, 1);
    assert.match(out, /folder bib\/note\.md:2:15: The bibliography "refs\.json" is a folder, not a file/);
  });

  it('uses the bibliography of the enclosing Quarto project for a note that names none', async () => {
    const { code, out } = await check('book/chapters/deep/ch1.md', 'book/chapters/own.md');
    assert.equal(code, 1);
    assert.deepEqual(out.trimEnd().split('\n'), [
      'book/chapters/deep/ch1.md:1:1: The bibliography "refs/gone.bib" named in book/_quarto.yml does not exist',
      'book/chapters/deep/ch1.md:3:14: Unknown citation key "nobody": not in the library or the note\'s bibliography',
      // The note's own bibliography replaces the project's, as in Quarto.
      'book/chapters/own.md:4:1: Unknown citation key "mine": not in the library or the note\'s bibliography',
    ]);
  });
});
