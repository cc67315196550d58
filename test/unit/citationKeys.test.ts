import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  assignCitationKeys,
  citationKeyBase,
  citationKeyStem,
  CitationKeyLockError,
  EMPTY_KEY_LOCK,
  isValidCitationKey,
  parseKeyLock,
  serializeKeyLock,
  type KeyedPaperInput,
} from '../../src/core/corpus/citationKeys';

// A title generator that reaches the awkward corners: full Unicode, the
// characters Pandoc and BibTeX treat specially, and stop words only.
const title = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.array(fc.constantFrom('A^2FM:', 'TÜLU', '3', 'Q^*', 'COS(M+O)S', '[Call', 'for', 'Papers]', 'the', 'of', '&', '@', '{x}', '%', 'Ünïcødé', '日本語', '-', ''), { maxLength: 8 }).map((w) => w.join(' ')),
);
const date = fc.option(fc.integer({ min: 1900, max: 2099 }).map((y) => `${y}-07-19`), { nil: undefined });
const papers = fc
  .uniqueArray(fc.record({ id: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 12, maxLength: 12 }), title, date }), { selector: (p) => p.id, maxLength: 40 })
  .map((ps) => ps.map((p): KeyedPaperInput => (p.date === undefined ? { id: p.id, title: p.title } : p)));

const lower = (keys: Iterable<string>): string[] => [...keys].map((k) => k.toLowerCase());

describe('citation key formula', () => {
  it('takes the first two meaningful words and the year', () => {
    assert.equal(citationKeyBase('MiroMind-M1: An Open-Source Advancement in Mathematical Reasoning', '2025-07-19'), 'miromindm1opensource-2025');
    assert.equal(citationKeyBase('TÜLU 3: Pushing Frontiers in Open Language Model Post-Training', '2024-11-22'), 'tulu3-2024');
    assert.equal(citationKeyBase('From r to Q^*: Your Language Model is Secretly a Q-Function', '2024-04-18'), 'rq-2024');
    assert.equal(citationKeyBase('COS(M+O)S: Curiosity and RL-Enhanced MCTS', '2025-01-01'), 'cosmoscuriosity-2025');
    assert.equal(citationKeyBase('ARPO:End-to-End Policy Optimization for GUI Agents'), 'arpoendtoend');
  });

  it('leaves out a second word rather than cutting it short', () => {
    assert.equal(citationKeyStem('Hierarchical Reinforcement Learning'), 'hierarchical');
    assert.equal(citationKeyStem('Supercalifragilisticexpialidocious Things'), 'supercalifragilisticexpi');
  });

  it('falls back to "paper" when no word survives', () => {
    assert.equal(citationKeyStem('The Of And'), 'paper');
    assert.equal(citationKeyStem('日本語'), 'paper');
    assert.equal(citationKeyStem(''), 'paper');
  });

  it('accepts Pandoc bare keys and rejects the rest', () => {
    for (const key of ['tulu3-2024', 'rq-2024a', 'Smith:2020', '_x', 'a.b']) assert.ok(isValidCitationKey(key), key);
    for (const key of ['', '-a', 'a-', 'a b', 'a{b}', 'a--b', 'a,b', 'a@b', 'ü']) assert.ok(!isValidCitationKey(key), key);
  });
});

describe('assignCitationKeys', () => {
  it('gives any titles valid keys that are unique ignoring case', () => {
    fc.assert(
      fc.property(papers, (ps) => {
        const { keys } = assignCitationKeys(ps, EMPTY_KEY_LOCK);
        assert.equal(keys.size, ps.length);
        for (const key of keys.values()) assert.ok(isValidCitationKey(key) && /^[a-z0-9-]+$/.test(key), key);
        assert.equal(new Set(lower(keys.values())).size, ps.length);
      }),
      { numRuns: 300 },
    );
  });

  it('suffixes clashing keys in order: the first keeps the plain key', () => {
    const { keys } = assignCitationKeys(
      [
        { id: '1', title: 'Reinforcement Learning for X', date: '2025-01-01' },
        { id: '2', title: 'Reinforcement Learning for Y', date: '2025-02-01' },
        { id: '3', title: 'Reinforcement Learning for Z', date: '2025-03-01' },
        { id: '4', title: 'Reinforcement Learning', date: undefined },
        { id: '5', title: 'Reinforcement Learning!' },
      ].map((p) => (p.date === undefined ? { id: p.id, title: p.title } : p)),
      EMPTY_KEY_LOCK,
    );
    assert.deepEqual([...keys.values()], ['reinforcementlearning-2025', 'reinforcementlearning-2025a', 'reinforcementlearning-2025b', 'reinforcementlearning', 'reinforcementlearning-a']);
  });

  it('never changes a locked key when a paper gains a year or a new paper would take its key', () => {
    fc.assert(
      fc.property(papers, papers, (before, newcomers) => {
        const first = assignCitationKeys(before, EMPTY_KEY_LOCK);
        const lock = parseKeyLock(serializeKeyLock(first.lock));
        // Later sources: every old paper gains a year (changing its formula
        // key), and new papers arrive first, some with the old papers' titles.
        const ids = new Set(before.map((p) => p.id));
        const later = [
          ...newcomers.filter((p) => !ids.has(p.id)),
          ...before.map((p) => ({ id: `${p.id}-twin`, title: p.title })),
          ...before.map((p) => ({ ...p, date: '2031-01-01' })),
        ];
        const second = assignCitationKeys(later, lock);
        for (const p of before) assert.equal(second.keys.get(p.id), first.keys.get(p.id));
        assert.equal(new Set(lower(second.keys.values())).size, later.length);
        assert.deepEqual(second.added.length, later.length - before.length);
      }),
      { numRuns: 200 },
    );
  });

  it('does not reuse the key of a paper that left the corpus', () => {
    const lock = { version: 1 as const, keys: { gone: 'tulu3-2024' } };
    const { keys } = assignCitationKeys([{ id: 'new', title: 'TÜLU 3', date: '2024-01-01' }], lock);
    assert.equal(keys.get('new'), 'tulu3-2024a');
  });
});

describe('key lock file', () => {
  it('round-trips, sorted by paper id', () => {
    const text = serializeKeyLock({ version: 1, keys: { b2: 'beta-2024', a1: 'alpha' } });
    assert.equal(text, '{\n  "version": 1,\n  "keys": {\n    "a1": "alpha",\n    "b2": "beta-2024"\n  }\n}\n');
    assert.deepEqual(parseKeyLock(text).keys, { a1: 'alpha', b2: 'beta-2024' });
  });

  it('refuses duplicate (ignoring case) or invalid keys', () => {
    assert.throws(() => parseKeyLock('{"version":1,"keys":{"a":"Key","b":"key"}}'), CitationKeyLockError);
    assert.throws(() => parseKeyLock('{"version":1,"keys":{"a":"bad key"}}'), /not a valid citation key/);
    assert.throws(() => parseKeyLock('{"keys":{}}'), CitationKeyLockError);
  });
});
