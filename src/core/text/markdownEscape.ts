/**
 * Text written into Markdown so that it reads back literally: a paper's
 * title in a Pandoc link citation or footnote, a title or abstract in a
 * VS Code hover. One escaper for both, since both are CommonMark-like and a
 * backslash before ASCII punctuation is always read as that character.
 */

/**
 * Escapes `text` so Markdown renders it as written: no emphasis, code, links,
 * images, HTML, entities, math, citations, footnotes, theme icons (`$(x)`),
 * headings, lists or block quotes, and no bare URL turned into a link (a
 * hover's link would swallow the text after it). Runs of white space,
 * newlines included, become one space, so the text stays one paragraph and
 * wraps between words.
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/\s+/g, ' ')
      .replace(/[\\`*_[\]<>#^~$@|&{}]/g, '\\$&')
      // Autolinks: `https://…`, `ftp://…`, `www.…`.
      .replace(/\b(https?|ftp):\/\//gi, '$1\\://')
      .replace(/\bwww\./gi, 'www\\.')
      // What only means something at the start of a line: list items, numbered lists, setext underlines.
      .replace(/^(\s*)([-+=])/, '$1\\$2')
      .replace(/^(\s*\d+)([.)])/, '$1\\$2')
  );
}

/**
 * Keeps theme-icon syntax in plain text (a quick pick's label, description
 * or detail) from rendering as an icon: `$(alert)` becomes `\$(alert)`,
 * which VS Code shows as the literal `$(alert)`.
 */
export function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/**
 * A CSL string escaped for pandoc's Markdown: backslashes before the
 * punctuation that starts inline markup (emphasis, code, math, links,
 * citations, super- and subscripts, entities, smart dashes and ellipses), and
 * before what would start a block (a list item, heading, line block or
 * definition) at the start of a line. Unlike {@link escapeMarkdown}, line
 * breaks stay: a value may hold paragraphs.
 */
export function escapePandocValue(text: string): string {
  return text
    .replace(/[\\`*_[\]<>$^~@]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/-(?=-)|(?<=-)-/g, '\\-')
    .replace(/\.(?=\.\.)|(?<=\.)\.(?=\.)|(?<=\.\.)\./g, '\\.')
    .replace(/^([ \t]*)([-+:=])(?=[ \t]|$)/gm, '$1\\$2')
    .replace(/^([ \t]*)([#|])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)([.)])(?=[ \t]|$)/gm, '$1\\$2');
}
