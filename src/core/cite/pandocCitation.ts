import { isValidCitationKey } from '../corpus/citationKeys';

/**
 * A Pandoc citation for the keys: `[@a; @b]`. A key that is not valid bare
 * (a hand-written one) is written in Pandoc's braced form `@{key}`.
 *
 * @throws {RangeError} for an empty list: `[]` would not be a citation.
 */
export function toPandocCitation(keys: readonly string[]): string {
  if (keys.length === 0) throw new RangeError('a citation needs at least one key');
  return `[${keys.map((key) => (isValidCitationKey(key) ? `@${key}` : `@{${key}}`)).join('; ')}]`;
}
