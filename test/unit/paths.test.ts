import * as assert from 'node:assert/strict';
import { isAbsolutePath, resolveNotePath } from '../../src/core/text/paths';

describe('resolveNotePath', () => {
  it('joins a relative path to the folder, folding . and ..', () => {
    assert.equal(resolveNotePath('/w/notes', 'refs.json'), '/w/notes/refs.json');
    assert.equal(resolveNotePath('/w/notes/', './bib/../refs.bib'), '/w/notes/refs.bib');
    assert.equal(resolveNotePath('/w/notes', '../shared/refs.bib'), '/w/shared/refs.bib');
    assert.equal(resolveNotePath('/w/notes', 'sub\\refs.bib'), '/w/notes/sub/refs.bib');
  });

  it('keeps absolute POSIX, Windows drive-letter and UNC paths as written', () => {
    for (const path of ['/etc/refs.json', 'C:\\refs\\a.bib', 'd:/refs/a.bib', '\\\\server\\share\\a.json']) {
      assert.equal(isAbsolutePath(path), true, path);
      assert.equal(resolveNotePath('/w/notes', path), path);
    }
    assert.equal(isAbsolutePath('C:refs.bib'), false);
  });
});
