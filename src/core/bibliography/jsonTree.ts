/**
 * A strict JSON parser that keeps every value's offsets, so a bibliography
 * can be edited in place instead of being re-serialised (which would reformat
 * what the user wrote), and a syntax error can be reported at its line.
 */

/** A parsed JSON value with its range `[start, end)` in the text. */
export type JsonNode =
  | { readonly kind: 'object'; readonly start: number; readonly end: number; readonly members: readonly JsonMember[] }
  | { readonly kind: 'array'; readonly start: number; readonly end: number; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly start: number; readonly end: number; readonly value: string }
  | { readonly kind: 'number'; readonly start: number; readonly end: number; readonly value: number }
  | { readonly kind: 'literal'; readonly start: number; readonly end: number; readonly value: boolean | null };

export interface JsonMember {
  readonly key: string;
  readonly keyStart: number;
  readonly value: JsonNode;
}

/** A JSON syntax error at `offset`. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

function describe(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the file';
  const cp = text.codePointAt(offset) ?? 0;
  return `'${String.fromCodePoint(cp)}'`;
}

/**
 * Parses `text` (a leading byte order mark is allowed) as one JSON value.
 *
 * @throws JsonSyntaxError at the first offending character.
 */
export function parseJsonTree(text: string): JsonNode {
  let i = text.startsWith('\ufeff') ? 1 : 0;

  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(message, at);
  };
  const skipWs = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const expect = (char: string, what: string): void => {
    if (text[i] !== char) fail(`Expected ${what} but found ${describe(text, i)}`);
    i++;
  };

  const parseString = (): { value: string; start: number; end: number } => {
    const start = i;
    expect('"', 'a string');
    let value = '';
    for (;;) {
      if (i >= text.length) fail('Unterminated string', start);
      const c = text[i] ?? '';
      if (c === '"') {
        i++;
        return { value, start, end: i };
      }
      if (c === '\\') {
        const e = text[i + 1] ?? '';
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e in simple) {
          value += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          fail('Invalid escape in string', i);
        }
      } else if (c.charCodeAt(0) < 0x20) {
        fail('Control character in string (a line break must be written \\n)');
      } else {
        value += c;
        i++;
      }
    }
  };

  const parseValue = (depth: number): JsonNode => {
    if (depth > 512) fail('Nesting is too deep');
    skipWs();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const members: JsonMember[] = [];
      skipWs();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', start, end: i, members };
      }
      for (;;) {
        skipWs();
        if (text[i] !== '"') fail(`Expected a property name in double quotes but found ${describe(text, i)}`);
        const key = parseString();
        skipWs();
        expect(':', "':' after the property name");
        const value = parseValue(depth + 1);
        members.push({ key: key.value, keyStart: key.start, value });
        skipWs();
        if (text[i] === ',') {
          const comma = i++;
          skipWs();
          if (text[i] === '}') fail("Trailing comma before '}'", comma);
          continue;
        }
        expect('}', "',' or '}'");
        return { kind: 'object', start, end: i, members };
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      skipWs();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', start, end: i, items };
      }
      for (;;) {
        items.push(parseValue(depth + 1));
        skipWs();
        if (text[i] === ',') {
          const comma = i++;
          skipWs();
          if (text[i] === ']') fail("Trailing comma before ']'", comma);
          continue;
        }
        expect(']', "',' or ']'");
        return { kind: 'array', start, end: i, items };
      }
    }
    if (c === '"') return { kind: 'string', ...parseString() };
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/.exec(text.slice(i, i + 400));
    if (number && (c === '-' || (c !== undefined && c >= '0' && c <= '9'))) {
      i += number[0].length;
      return { kind: 'number', start, end: i, value: Number(number[0]) };
    }
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { kind: 'literal', start, end: i, value };
      }
    }
    return fail(i >= text.length ? 'Unexpected end of the file' : `Unexpected ${describe(text, i)}`);
  };

  const root = parseValue(0);
  skipWs();
  if (i < text.length) fail(`Unexpected ${describe(text, i)} after the end of the JSON value`);
  return root;
}
