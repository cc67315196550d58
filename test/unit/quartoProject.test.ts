import * as assert from 'node:assert/strict';
import { quartoBibliography } from '../../src/core/markdown/quartoProject';

describe('quartoBibliography', () => {
  it('reads one path or a list, as written', () => {
    assert.deepEqual(quartoBibliography('project:\n  type: website\nbibliography: refs.bib\n'), { ok: true, paths: ['refs.bib'] });
    assert.deepEqual(quartoBibliography('bibliography:\n  - a.json\n  - "b c.bib"\n'), { ok: true, paths: ['a.json', 'b c.bib'] });
  });

  it('reads nothing from a project without the field or with a nested one', () => {
    assert.deepEqual(quartoBibliography('project:\n  type: book\n'), { ok: true, paths: [] });
    assert.deepEqual(quartoBibliography('format:\n  html:\n    bibliography: x.bib\n'), { ok: true, paths: [] });
    assert.deepEqual(quartoBibliography(''), { ok: true, paths: [] });
  });

  it('says when the file does not parse', () => {
    const result = quartoBibliography('bibliography: [a.bib\n');
    assert.equal(result.ok, false);
  });
});
