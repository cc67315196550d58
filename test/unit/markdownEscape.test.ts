import * as assert from 'node:assert/strict';
import { escapeIcons, escapeMarkdown } from '../../src/core/text/markdownEscape';

describe('escapeMarkdown', () => {
  it('escapes what Markdown and Pandoc would read as syntax', () => {
    assert.equal(escapeMarkdown('$x$ @y _z_ `c`'), '\\$x\\$ \\@y \\_z\\_ \\`c\\`');
    assert.equal(escapeMarkdown('*a* [b](c) <i>&amp; ~s~ ^2^ {x} a|b #h'), '\\*a\\* \\[b\\](c) \\<i\\>\\&amp; \\~s\\~ \\^2\\^ \\{x\\} a\\|b \\#h');
  });

  it('keeps a theme icon from rendering as an icon', () => {
    assert.equal(escapeMarkdown('Watch $(alert) this'), 'Watch \\$(alert) this');
  });

  it('keeps spaces as spaces (so text wraps between words) and makes one paragraph', () => {
    assert.equal(escapeMarkdown('two  words\nnext line\n\n\tpara'), 'two words next line para');
    assert.ok(!escapeMarkdown('a b').includes('&nbsp;'));
  });

  it('leaves a bare URL as text, not a link that runs on', () => {
    assert.equal(escapeMarkdown('Code at https://github.com/x/y. More text.'), 'Code at https\\://github.com/x/y. More text.');
    assert.equal(escapeMarkdown('See www.example.org now'), 'See www\\.example.org now');
  });

  it('escapes list, heading and numbering markers only where they start the text', () => {
    assert.equal(escapeMarkdown('- not a list'), '\\- not a list');
    assert.equal(escapeMarkdown('+ no'), '\\+ no');
    assert.equal(escapeMarkdown('1. no'), '1\\. no');
    assert.equal(escapeMarkdown('GPT-4 in 2024. Done'), 'GPT-4 in 2024. Done');
  });

  it('leaves hyphenated keys and titles readable', () => {
    assert.equal(escapeMarkdown('tulu3-2024'), 'tulu3-2024');
    assert.equal(escapeMarkdown('A^2FM: TÜLU 3'), 'A\\^2FM: TÜLU 3');
  });
});

describe('escapeIcons', () => {
  it('escapes theme-icon syntax and nothing else', () => {
    assert.equal(escapeIcons('Beware $(alert) and $x'), 'Beware \\$(alert) and $x');
  });
});
