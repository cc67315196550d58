import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { cslJsonKeys, upsertCslJson } from '../../src/core/bibliography/cslJsonFile';
import { applyEdits } from '../../src/core/text/textEdit';

describe('CSL-JSON bibliography: strict JSON, as pandoc reads it', () => {
  const errors: { name: string; text: string; line: number; col: number; message: RegExp }[] = [
    { name: 'a block comment between items', text: '[\n  {"id": "a"} /* mine */\n]', line: 1, col: 14, message: /comments/ },
    { name: 'a line comment at the end', text: '[{"id": "a"}]\n// end', line: 1, col: 0, message: /comments/ },
    { name: 'a trailing comma in an item', text: '[\n  {"id": "a",\n  }\n]', line: 1, col: 12, message: /Trailing comma before '\}'/ },
    { name: 'a single-quoted string', text: "[{'id': 'a'}]", line: 0, col: 2, message: /Unexpected "'"|Unexpected '''/ },
    { name: 'a missing colon', text: '[{"id" "a"}]', line: 0, col: 7, message: /Expected ':'/ },
    { name: 'a missing comma between members', text: '[{"id": "a" "title": "T"}]', line: 0, col: 12, message: /Expected ',' or '\}'/ },
    { name: 'a raw line break in a string', text: '[{"id": "a\nb"}]', line: 0, col: 8, message: /line break/ },
    { name: 'a bad escape', text: '[{"title": "C:\\dir"}]', line: 0, col: 14, message: /Invalid escape/ },
    { name: 'a tab inside a string', text: '[{"title": "a\tb"}]', line: 0, col: 13, message: /Control character/ },
    { name: 'NaN', text: '[{"n": NaN}]', line: 0, col: 7, message: /Unexpected 'N'/ },
    { name: 'a leading zero', text: '[{"n": 01}]', line: 0, col: 8, message: /Expected ',' or '\}'/ },
    { name: 'a no-break space between tokens', text: '[\u00a0{"id": "a"}]', line: 0, col: 1, message: /Unexpected/ },
    { name: 'a byte order mark that is not at the start', text: '[\ufeff]', line: 0, col: 1, message: /Unexpected/ },
    { name: 'a string at the top level', text: '"refs"', line: 0, col: 0, message: /must be an array of items, not a string/ },
  ];
  for (const { name, text, line, col, message } of errors) {
    it(`rejects ${name}, at its line and column`, () => {
      const result = cslJsonKeys(text);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.deepEqual({ line: result.error.line, col: result.error.col }, { line, col }, result.error.message);
      assert.match(result.error.message, message);
      assert.equal(upsertCslJson(text, [{ id: 'z' }]).ok, false);
    });
  }

  it('reports nesting too deep for the parser as an error instead of throwing', () => {
    const result = cslJsonKeys('['.repeat(200_000));
    assert.equal(result.ok, false);
  });

  it('reads the keys of a file saved with a byte order mark, and keeps the mark when appending', () => {
    const text = '\ufeff[\n  {"id": "a"}\n]\n';
    const keys = cslJsonKeys(text);
    assert.ok(keys.ok, keys.ok ? '' : keys.error.message);
    assert.deepEqual(keys.keys, [{ key: 'a', start: 13, end: 14 }]);
    const result = upsertCslJson(text, [{ id: 'b' }]);
    assert.ok(result.ok && result.edit);
    assert.equal(applyEdits(text, [result.edit]), '\ufeff[\n  {"id": "a"},\n  {"id":"b"}\n]\n');
  });

  it('reads only the ids of top-level items, not ids nested in their fields', () => {
    const text = '[{"title": "T", "id": "outer", "note": {"id": "inner"}, "x": [{"id": "deep"}]}, {"id": {"id": "obj"}}]';
    const keys = cslJsonKeys(text);
    assert.deepEqual(keys.ok && keys.keys.map((k) => k.key), ['outer']);
  });

  it('accepts exactly what JSON.parse accepts as an array, and reads the same ids', () => {
    // Valid JSON of any shape, and the same text damaged by one insertion or deletion.
    const punctuation = fc.constantFrom(',', ']', '}', '[', '{', ':', '"', '/', ' ', '\n', '\\', 'x', '1', '-', '.', 'e', '\t', '\u00a0');
    const damaged = fc.tuple(fc.json(), fc.nat(), punctuation, fc.boolean()).map(([json, at, char, insert]) => {
      const i = json.length === 0 ? 0 : at % json.length;
      return insert ? json.slice(0, i) + char + json.slice(i) : json.slice(0, i) + json.slice(i + 1);
    });
    const arrayOfItems = fc.array(fc.record({ id: fc.oneof(fc.string(), fc.integer()), title: fc.json() }), { maxLength: 4 }).map((items) => JSON.stringify(items, null, 1));
    fc.assert(
      fc.property(fc.oneof(fc.json(), damaged, arrayOfItems), (text) => {
        if (text.trim() === '') return;
        let parsed: unknown;
        let valid = true;
        try {
          parsed = JSON.parse(text);
        } catch {
          valid = false;
        }
        const result = cslJsonKeys(text);
        assert.equal(result.ok, valid && Array.isArray(parsed), `${JSON.stringify(text)}: ${result.ok ? 'read' : result.error.message}`);
        if (!result.ok || !Array.isArray(parsed)) return;
        const ids = (parsed as unknown[]).flatMap((item) => {
          const id = item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>)['id'] : undefined;
          return typeof id === 'string' || typeof id === 'number' ? [id] : [];
        });
        // A numeric id is read as written (`1e2`), which JSON.parse turns into 100.
        assert.deepEqual(result.keys.map((k, i) => (typeof ids[i] === 'number' ? Number(k.key) : k.key)), ids);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('CSL-JSON upsert only inserts', () => {
  it('leaves every byte of a non-blank file in place, whitespace inside an empty array included', () => {
    const layouts = fc.constantFrom('[]', '[ ]', '[\n]', '[\r\n]', '  [\n\n  ]\n', '[{"id":"a"}]', '[\n  {"id": "a"}\n]\n', '\ufeff[\t]');
    const ids = fc.uniqueArray(fc.stringMatching(/^[b-z][a-z0-9]{0,4}$/), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(layouts, ids, (text, added) => {
        const result = upsertCslJson(text, added.map((id) => ({ id })));
        assert.ok(result.ok && result.edit);
        assert.equal(result.edit.start, result.edit.end, `${JSON.stringify(text)} gets a pure insertion`);
        const once = applyEdits(text, [result.edit]);
        assert.deepEqual((JSON.parse(once.replace(/^\ufeff/, '')) as { id: string }[]).map((x) => x.id).slice(-added.length), added);
      }),
    );
  });
});
