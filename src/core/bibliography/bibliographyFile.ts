/**
 * A note's bibliography file, whichever format its extension names: the one
 * entry point the checker, diagnostics and the insert command use.
 */
import { toBibtex } from '../cite/bibtex';
import { toCslJson } from '../cite/cslJson';
import { type Paper } from '../paper';
import { bibtexKeys, upsertBibtex } from './bibtexFile';
import { cslJsonKeys, upsertCslJson } from './cslJsonFile';
import { cslYamlKeys, upsertCslYaml } from './cslYamlFile';
import { parseErrorAt, type KeysResult, type UpsertResult } from './parseError';

/** The bibliography formats Paper Atlas reads and writes. */
export type BibliographyFormat = 'csl-json' | 'csl-yaml' | 'bibtex';

/**
 * The format a bibliography path names by its extension, as Pandoc decides:
 * `.json` is CSL-JSON, `.yaml` and `.yml` CSL-YAML, `.bib` (biblatex) and
 * `.bibtex` BibTeX; `undefined` for anything else (RIS, EndNote…), which
 * Paper Atlas does not edit.
 */
export function bibliographyFormat(path: string): BibliographyFormat | undefined {
  const extension = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  if (extension === 'json') return 'csl-json';
  if (extension === 'yaml' || extension === 'yml') return 'csl-yaml';
  if (extension === 'bib' || extension === 'bibtex') return 'bibtex';
  return undefined;
}

function unsupported(path: string): { ok: false; error: ReturnType<typeof parseErrorAt> } {
  return { ok: false, error: parseErrorAt('', 0, `Paper Atlas reads .json (CSL-JSON), .yaml (CSL-YAML) and .bib (BibTeX) bibliographies, not ${path}`) };
}

/** The keys the bibliography at `path` (by extension) defines, or why it cannot be read. */
export function bibliographyKeys(path: string, text: string): KeysResult {
  switch (bibliographyFormat(path)) {
    case 'csl-json':
      return cslJsonKeys(text);
    case 'csl-yaml':
      return cslYamlKeys(text);
    case 'bibtex':
      return bibtexKeys(text);
    case undefined:
      return unsupported(path);
  }
}

/**
 * The edit that adds entries for `papers` the bibliography at `path` lacks,
 * written as CSL-JSON, CSL-YAML or BibTeX by the path's extension; no edit, and the
 * reason, when the file does not parse or its format is not one Paper Atlas
 * writes.
 */
export function upsertBibliography(path: string, text: string, papers: readonly Paper[]): UpsertResult {
  switch (bibliographyFormat(path)) {
    case 'csl-json':
      return upsertCslJson(text, papers.map(toCslJson));
    case 'csl-yaml':
      return upsertCslYaml(text, papers.map(toCslJson));
    case 'bibtex':
      return upsertBibtex(text, papers.map(toBibtex));
    case undefined:
      return unsupported(path);
  }
}
