import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The agreement corpus (test/fixtures/pandoc-notes): every generated note must
// give the citation keys and bibliography pandoc itself reads from it.
describe('agreement with pandoc on the note corpus', function () {
  this.timeout(180_000);

  it('reads the same citation keys and bibliographies as `pandoc -t json` in every generated note', function () {
    if (spawnSync('pandoc', ['--version']).error) {
      console.warn('    pandoc is not installed: skipping the agreement check');
      this.skip();
    }
    const tsx = join('node_modules', 'tsx', 'dist', 'cli.mjs');
    const run = spawnSync(process.execPath, [tsx, join('scripts', 'pandocAgreement.ts')], { encoding: 'utf8' });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /240 notes: both agree on 240 \(100\.0 %\)/);
  });
});
