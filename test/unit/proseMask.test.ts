import * as assert from 'node:assert/strict';
import { maskNonProse } from '../../src/core/markdown/proseMask';
import { scanCitations } from '../../src/core/markdown/citationScan';

/**
 * CPU milliseconds `run` takes, best of `tries`. CPU time rather than wall
 * time, so a busy machine does not fail the test.
 */
function bestTime(run: () => void, tries = 3): number {
  let best = Infinity;
  for (let i = 0; i < tries; i++) {
    const started = process.cpuUsage();
    run();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

describe('maskNonProse on large notes', function () {
  // The old pass looked for the paragraph's end once per backtick run, so a
  // 20,000-item tight list (one block, no blank line) took seconds per edit.
  this.timeout(60_000);

  it('masks a 20,000-item tight list again after an edit to one item in well under a second', () => {
    const list = Array.from({ length: 20_000 }, (_, i) => `- item \`code @x${i}\` see @k${i}`).join('\n');
    const first = maskNonProse(list);
    assert.equal(first.length, list.length);
    assert.equal(scanCitations(list, first).length, 20_000);
    let round = 0;
    const ms = bestTime(() => {
      // A different edit each time, as typing makes.
      const edited = list.replace('- item `code @x7`', `- item \`code @x7\` typed${round++} @new`);
      const masked = maskNonProse(edited);
      assert.equal(scanCitations(edited, masked).length, 20_001);
    });
    assert.ok(ms < 1_000, `took ${ms.toFixed(0)} ms`);
  });
});
