import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { citationAt, scanCitations } from '../../src/core/markdown/citationScan';
import { formatKey, isBareKey, parseKeyAfterAt } from '../../src/core/markdown/citationKey';

const keys = (text: string): string[] => scanCitations(text).map((c) => c.key);

describe('citation keys', () => {
  const cases: [string, string | undefined][] = [
    ['@doe99.', 'doe99'],
    ['@doe.x', 'doe.x'],
    ['@doe:/x', 'doe:/x'],
    ['@doe:2020-b', 'doe:2020-b'],
    ['@doe--x', 'doe'],
    ["@doe's", 'doe'],
    ['@_x', '_x'],
    ['@9lives', '9lives'],
    ['@Çelik2024', 'Çelik2024'],
    ['@{https://x.org/a?b=c&d}', 'https://x.org/a?b=c&d'],
    ['@{a{b}c}', 'a{b}c'],
    ['@{a b}', undefined],
    ['@{}', undefined],
    ['@-x', undefined],
    ['@ x', undefined],
  ];
  for (const [text, key] of cases) {
    it(`reads ${JSON.stringify(text)} as ${key ?? 'no key'}`, () => assert.equal(parseKeyAfterAt(text, 0)?.key, key));
  }

  it('writes keys bare when Pandoc reads them back whole, braced otherwise', () => {
    assert.equal(formatKey('smith2024'), '@smith2024');
    assert.equal(formatKey('smith.'), '@{smith.}');
    assert.equal(isBareKey('a:b'), true);
    assert.equal(isBareKey('a b'), false);
  });
});

describe('scanCitations', () => {
  const cases: { name: string; text: string; keys: string[] }[] = [
    { name: 'bracketed and in-text citations', text: 'See [@a; -@b, p. 3] and @c.', keys: ['a', 'b', 'c'] },
    { name: 'keys after punctuation, as Pandoc reads them', text: 'foo(@a) x-@b "@c" snake_@d', keys: ['a', 'b', 'c', 'd'] },
    { name: 'no e-mail addresses', text: 'Mail me@example.org or x1@y.', keys: [] },
    { name: 'no escaped at signs', text: 'A \\@handle here.', keys: [] },
    { name: 'nothing in code spans', text: 'Use `@a` or ``x @b` y`` but @c.', keys: ['c'] },
    { name: 'unmatched backticks as text', text: 'A ` tick @a.', keys: ['a'] },
    { name: 'nothing in fenced code', text: 'x\n\n```md\n@a\n```\n\n~~~~\n@b\n~~~\n~~~~\n@c', keys: ['c'] },
    // Pandoc (unlike CommonMark) does not read a fence that is never closed as code.
    { name: 'keys after a fence that is never closed', text: '```\n@a\n\n@b\n', keys: ['a', 'b'] },
    { name: 'nothing in indented code', text: 'Para @a.\n\n    code @b\n\n    more @c\nback @d', keys: ['a', 'd'] },
    { name: 'a lazy continuation line is not code', text: 'Para\n    @a continues', keys: ['a'] },
    { name: 'indented list content is not code', text: '- item\n\n    still the item @a\n', keys: ['a'] },
    { name: 'nothing in front matter', text: '---\ntitle: "@a"\nnocite: |\n  @b\n---\n@c', keys: ['c'] },
    { name: 'nothing in HTML comments', text: 'x <!-- @a\n@b --> @c', keys: ['c'] },
    { name: 'nothing in autolinks', text: '<https://x.org/@a> <me@b.org> @c', keys: ['c'] },
    { name: 'a fence in a block quote', text: '> ```\n> @a\n> ```\n@b', keys: ['b'] },
    { name: 'CRLF lines', text: '```\r\n@a\r\n```\r\n@b\r\n', keys: ['b'] },
    { name: 'nothing in a CRLF fence with an info string and a blank line inside', text: 'x\r\n\r\n````ts\r\n@a\r\n\r\n@b\r\n````\r\n@c\r\n', keys: ['c'] },
    // Each case below was checked with `pandoc -f markdown -t json` (2.17).
    { name: 'link text, not the link destination', text: '[see @a](https://observablehq.com/@d3/sunburst "by @t")', keys: ['a'] },
    { name: 'image alt text, not its destination or attributes', text: '![Art @c](img@d.png){fig-alt="Artwork by @allison_horst"}', keys: ['c'] },
    { name: 'nothing in a link reference definition', text: '[ref]: https://x.org/@a\n\nUse [ref] and @b.', keys: ['b'] },
    { name: 'keys in what looks like a definition of a citation label', text: 'See [@a/b] here.\n\n[@a/b]: https://x.org/p/@a/b\n', keys: ['a/b', 'a/b', 'a/b'] },
    { name: 'nothing in raw HTML attributes, but the text between tags', text: '<span title="@b">@c</span>\n\n<div class="x">\n@a inside\n</div>\n', keys: ['c', 'a'] },
    { name: 'nothing in raw HTML blocks that keep their content', text: '<script>\n@a\n</script>\n\n<pre>\n@b\n</pre>\n\n<p>@c</p>\n', keys: ['c'] },
    { name: 'nothing in heading and fenced-div attributes', text: '# Head @a {#sec-x title="@b"}\n\n::: {.callout title="@c"}\n@d\n:::\n', keys: ['a', 'd'] },
    { name: 'a key in braces that are not attributes', text: 'Text `code`{.r @a} [span @b]{.x} @c', keys: ['a', 'b', 'c'] },
    { name: 'nothing in TeX math, as Pandoc delimits it', text: 'Math $x@a$ and $ @b $ and $$y @c$$ and $5 @d and $6.', keys: ['b', 'd'] },
    { name: 'nothing in raw TeX', text: 'Raw \\cite{@a} and \\href{mailto:@b}{x} \\begin{equation}\n@c\n\\end{equation} @d', keys: ['d'] },
    { name: 'no defined example labels, but undefined ones', text: '(@good) An example.\n(@bad) Another.\n\nAs (@good) shows and (@undef) and @cited.', keys: ['undef', 'cited'] },
    { name: 'keys after a fence Pandoc does not open (two-word info), with a blank line inside', text: 'A\n\n```ts title="x"\nx @a\n\ny @b\n```\n\nafter @c\n\n```\ncode @d\n```\n\nlast @e\n', keys: ['a', 'b', 'd', 'e'] },
    { name: 'nothing in a two-word-info fence without a blank line (a code span to Pandoc)', text: '```ts title="x"\n@a\n```\n@b', keys: ['b'] },
    { name: 'nothing in a fence opened on a list-marker line', text: '- ```python\n  x = @a\n  ```\n- @b\n', keys: ['b'] },
    { name: 'keys after an unclosed comment, which Pandoc reads as text', text: 'A <!-- unclosed @a\n\n@b para\n\n```\n@c\n```\n', keys: ['a', 'b'] },
    { name: 'keys after an unclosed comment block', text: '<!-- unclosed block @a\n\n@b para\n', keys: ['a', 'b'] },
    { name: 'keys in footnotes, also in their indented paragraphs', text: 'Text[^1].\n\n[^1]: @a\n\n    Second `@x` @b.\n', keys: ['a', 'b'] },
    { name: 'keys in the indented paragraphs of a definition', text: 'Term\n:   Defined by @a.\n\n    More from @b, not `@x`.\n\n    Still the definition @c\n', keys: ['a', 'b', 'c'] },
    { name: 'nothing in a later YAML metadata block', text: 'Text @a\n\n---\nnocite: "@b"\n---\n\n@c', keys: ['a', 'c'] },
    { name: 'keys under a block that is not YAML metadata', text: '---\nSee @a here\n---\n\n@b', keys: ['a', 'b'] },
  ];
  for (const { name, text, keys: expected } of cases) {
    it(`finds ${name}`, () => assert.deepEqual(keys(text), expected));
  }

  it('reports 0-based lines and columns of the whole @key token', () => {
    const [first, second] = scanCitations('Intro\r\nsee [-@{ab.}] and @Çelik.\n');
    assert.deepEqual(first && { line: first.line, col: first.col, endCol: first.endCol, suppress: first.suppressAuthor }, { line: 1, col: 6, endCol: 12, suppress: true });
    assert.deepEqual(second && { key: second.key, start: second.start, end: second.end, line: second.line, col: second.col }, {
      key: 'Çelik', start: 25, end: 31, line: 1, col: 18,
    });
  });

  it('finds the citation at an offset', () => {
    assert.equal(citationAt('x @abc y', 4)?.key, 'abc');
    assert.equal(citationAt('x @abc y', 6)?.key, 'abc');
    assert.equal(citationAt('x @abc y', 7), undefined);
  });

  it('never reports a key inside a code span', () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), fc.string(), (before, key, after) => {
        const clean = (s: string) => s.replace(/[`\\<\n\r]/g, ' ');
        const text = `${clean(before)} \`@${key}\` ${clean(after)}`;
        const spanStart = clean(before).length + 1;
        return scanCitations(text).every((c) => c.start < spanStart || c.start > spanStart + key.length + 2);
      }),
    );
  });

  it('reports each key at offsets that hold @key or @{key}', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('@', 'a', '{', '}', ' ', '\n', '`', '-', '.', '[', ']', ';', 'é') }), (text) =>
        scanCitations(text).every((c) => {
          const token = text.slice(c.start, c.end);
          return token === `@${c.key}` || token === `@{${c.key}}`;
        }),
      ),
    );
  });
});
