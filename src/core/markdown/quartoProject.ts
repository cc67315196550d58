/**
 * The project-wide bibliography of a Quarto project, read from the text of
 * its `_quarto.yml`. The caller finds the file: the first folder, from the
 * note's own up, that holds a `_quarto.yml` is the project root.
 *
 * Quarto merges project metadata into each document, but a document option
 * replaces the project's outright ("Document options (overrides directory
 * and project)", quarto-dev/quarto-cli#13344): a note that names its own
 * bibliography uses only that one.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair } from 'yaml';

/** What `_quarto.yml` says about bibliographies. */
export type QuartoBibliography =
  /** The paths, as written (relative to the project root); empty when the file names none. */
  | { readonly ok: true; readonly paths: readonly string[] }
  /** The file does not parse as YAML; `message` says where and why. */
  | { readonly ok: false; readonly message: string };

/** Reads the top-level `bibliography` of a `_quarto.yml` (a path or a list of paths). */
export function quartoBibliography(yamlText: string): QuartoBibliography {
  const document = parseDocument(yamlText, { uniqueKeys: false, prettyErrors: false });
  const error = document.errors[0];
  if (error) return { ok: false, message: error.message };
  if (!isMap(document.contents)) return { ok: true, paths: [] };
  let value: YamlNode | null = null;
  for (const pair of document.contents.items as Pair<YamlNode, YamlNode | null>[]) {
    if (isScalar(pair.key) && pair.key.value === 'bibliography') value = pair.value;
  }
  const items = isSeq(value) ? (value.items as (YamlNode | null)[]) : [value];
  const paths = items.flatMap((item) => (isScalar(item) && typeof item.value === 'string' && item.value !== '' ? [item.value] : []));
  return { ok: true, paths };
}
