import * as assert from 'node:assert/strict';
import { appendItemsEdit, findCitationGroup, newKeys, parseCitationGroups, removeCitationEdit } from '../../src/core/markdown/citationGroup';
import { formatKey } from '../../src/core/markdown/citationKey';
import { applyEdits } from '../../src/core/text/textEdit';

describe('citation groups', () => {
  const groups = (text: string) => parseCitationGroups(text).map((g) => text.slice(g.start, g.end));

  const cases: { name: string; text: string; groups: string[] }[] = [
    { name: 'a single key', text: 'x [@a] y', groups: ['[@a]'] },
    { name: 'prefix and locator', text: '[see @x, p. 3]', groups: ['[see @x, p. 3]'] },
    { name: 'several keys', text: '[@x; @y]', groups: ['[@x; @y]'] },
    { name: 'suppressed author', text: '[-@x]', groups: ['[-@x]'] },
    { name: 'nested brackets in a prefix', text: '[see [x] @doe]', groups: ['[see [x] @doe]'] },
    { name: 'a group across a line break', text: '[@a;\n@b]', groups: ['[@a;\n@b]'] },
    { name: 'no group when a part has no key', text: '[@doe; foo]', groups: [] },
    { name: 'no group across a blank line', text: '[@a\n\n@b]', groups: [] },
    { name: 'no group for links, spans, images, footnotes', text: '[@a](u) [@b][r] [@c]{.x} ![@d] [^e]', groups: [] },
    { name: 'no group for an e-mail', text: '[me@x.org]', groups: [] },
    { name: 'no group in code', text: '`[@a]` [@b]', groups: ['[@b]'] },
    { name: 'no group for escaped brackets', text: '\\[@a] [@b\\]]', groups: ['[@b\\]]'] },
  ];
  for (const { name, text, groups: expected } of cases) {
    it(`parses ${name}`, () => assert.deepEqual(groups(text), expected));
  }

  it('splits items into prefix, key and suffix', () => {
    const text = '[see -@x, p. 3; @{y.z}]';
    const [group] = parseCitationGroups(text);
    assert.ok(group);
    const slice = (r: { start: number; end: number }) => text.slice(r.start, r.end);
    const [first, second] = group.items;
    assert.equal(first?.key, 'x');
    assert.equal(first?.suppressAuthor, true);
    assert.equal(first && slice(first.prefix), 'see ');
    assert.equal(first && slice(first.suffix), ', p. 3');
    assert.equal(second?.key, 'y.z');
  });

  it('finds the group a cursor is inside, not one it touches', () => {
    const text = 'a [@x] b';
    assert.equal(findCitationGroup(text, 2), undefined);
    assert.equal(findCitationGroup(text, 3)?.start, 2);
    assert.equal(findCitationGroup(text, 5)?.start, 2);
    assert.equal(findCitationGroup(text, 6), undefined);
  });

  const merges: { text: string; keys: string[]; result: string }[] = [
    { text: '[@x]', keys: ['a'], result: '[@x; @a]' },
    { text: '[see @x, p. 3]', keys: ['a', 'b'], result: '[see @x, p. 3; @a; @b]' },
    { text: '[@x; @a]', keys: ['A', 'b', 'b'], result: '[@x; @a; @b]' },
    { text: '[-@x]', keys: ['odd.'], result: '[-@x; @{odd.}]' },
  ];
  for (const { text, keys, result } of merges) {
    it(`merges ${keys.join(', ')} into ${text}`, () => {
      const group = findCitationGroup(text, 1);
      assert.ok(group);
      const edit = appendItemsEdit(group, newKeys(group, keys).map(formatKey));
      assert.equal(edit && applyEdits(text, [edit]), result);
    });
  }

  it('has no edit when the group cites every key', () => {
    const group = findCitationGroup('[@x; @Y]', 1);
    assert.ok(group);
    assert.deepEqual(newKeys(group, ['y', 'X']), []);
    assert.equal(appendItemsEdit(group, []), undefined);
    assert.deepEqual(newKeys(group, ['y', 'z']), ['z']);
  });
});

describe('removeCitationEdit', () => {
  const remove = (text: string, key: string) => {
    const edit = removeCitationEdit(text, text.indexOf(`@${key}`));
    assert.ok(edit, `a citation of ${key} in ${text}`);
    return applyEdits(text, [edit]);
  };

  it('removes a group of one item with the space before it', () => {
    assert.equal(remove('Claim [@x].', 'x'), 'Claim.');
    assert.equal(remove('[@x] starts it', 'x'), ' starts it');
  });

  it('removes one item of several with its separator', () => {
    assert.equal(remove('[@a; @x]', 'x'), '[@a]');
    assert.equal(remove('[@x; @a]', 'x'), '[@a]');
    assert.equal(remove('[see @a, p. 1; @x, ch. 2; @b]', 'x'), '[see @a, p. 1; @b]');
  });

  it('removes an author-in-text citation', () => {
    assert.equal(remove('As @x says', 'x'), 'As says');
    assert.equal(remove('As -@x says', 'x'), 'As says');
  });
});
