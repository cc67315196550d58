import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** What the verbatim parser of @retorquere/bibtex-parser returns (the part the tests read). */
export interface OracleLibrary {
  readonly entries: readonly { readonly type: string; readonly key: string; readonly fields: Readonly<Record<string, string>> }[];
  readonly errors: readonly { readonly error: string }[];
  readonly comments: readonly string[];
}

interface VerbatimParser {
  parse(input: string): OracleLibrary;
}

let parser: VerbatimParser | undefined;

/**
 * Reads BibTeX with the verbatim parser of @retorquere/bibtex-parser (Better
 * BibTeX's reader), a second opinion on which entries a file holds. The
 * package's main entry decodes LaTeX in every field, which takes minutes on
 * the real fixtures, and its CommonJS build cannot load one of its own
 * dependencies; its verbatim parser needs neither, but the package's
 * `exports` do not name it, so it is loaded by path beside the main entry.
 */
export function oracleParse(text: string): OracleLibrary {
  if (!parser) {
    const load = createRequire(__filename);
    parser = load(join(dirname(load.resolve('@retorquere/bibtex-parser')), 'verbatim.js')) as VerbatimParser;
  }
  return parser.parse(text);
}
