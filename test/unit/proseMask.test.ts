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

  it('masks a 20,000-item tight list with a code span per item in linear time', () => {
    const list = Array.from({ length: 20_000 }, (_, i) => `- item \`code @x${i}\` see @k${i}`).join('\n');
    let masked = '';
    const ms = bestTime(() => (masked = maskNonProse(list)));
    assert.equal(masked.length, list.length);
    assert.equal(scanCitations(list, masked).length, 20_000);
    assert.ok(ms < 1_000, `took ${ms.toFixed(0)} ms`);
  });

  it('reads 50,000 lines that each hold a lone backtick in linear time', () => {
    // Each backtick made the old pass scan to the paragraph's end for a closer.
    // Backticks on neighbouring lines pair up (a code span may span lines), so
    // the citation on every other line is inside code.
    const text = Array.from({ length: 50_000 }, (_, i) => `word \` other @k${i}`).join('\n');
    let masked = '';
    const ms = bestTime(() => (masked = maskNonProse(text)));
    assert.deepEqual(scanCitations(text, masked).slice(0, 2).map((c) => c.key), ['k1', 'k3']);
    assert.equal(scanCitations(text, masked).length, 25_000);
    assert.ok(ms < 1_000, `took ${ms.toFixed(0)} ms`);
  });
});
