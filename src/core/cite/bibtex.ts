import { type Paper } from '../paper';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// Every character that means something to (La)TeX or BibTeX, with the text
// command that prints it. `<` and `>` are included because the OT1 font
// encoding prints them as `¡` and `¿`.
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
};

/**
 * Escapes text for a brace-delimited BibTeX field so that it prints as
 * written and never unbalances the braces: `& % $ # _ { } ~ ^ \ < >` become
 * their LaTeX commands. Non-ASCII text is kept as UTF-8, which biber and
 * pandoc read directly.
 */
export function escapeBibtex(text: string): string {
  return text.replace(/[\\&%$#_{}~^<>]/g, (char) => ESCAPES[char] ?? char);
}

/**
 * Escapes a title and wraps in braces every word whose capitals must survive
 * a style that lower-cases titles: words with a capital after the first
 * letter (`GUI`, `LLMs`, `MiroMind-M1`, `TÜLU`) and a capital followed by a
 * symbol (`Q^*`, `C^3-Bench`). Plain capitalised words stay unbraced so a
 * sentence-case style can still lower-case them.
 */
export function escapeBibtexTitle(title: string): string {
  return title
    .split(/(\s+)/)
    .map((word) => {
      if (/^\s*$/.test(word)) return word;
      const escaped = escapeBibtex(word);
      return needsCaseProtection(word) ? `{${escaped}}` : escaped;
    })
    .join('');
}

function needsCaseProtection(word: string): boolean {
  const core = word.replace(/^[^\p{L}\p{N}]+/u, '');
  return /^.+\p{Lu}/u.test(core) || /^\p{Lu}[^\p{L}]/u.test(core);
}

/**
 * A BibTeX entry for the paper, valid for biber and classic BibTeX. It is a
 * `@misc`: the listings give no venue, and `@article` would need a journal.
 * The organisation goes in `organization`, the date in `year` and `month`
 * (BibTeX has no day field, and biblatex's `date` beside `year` makes biber
 * warn).
 */
export function toBibtex(paper: Paper): string {
  const fields: [string, string][] = [['title', `{${escapeBibtexTitle(paper.title)}}`]];
  const date = paper.date === undefined ? undefined : /^(\d{4})(?:-(\d{2}))?/.exec(paper.date);
  if (date?.[1] !== undefined) {
    fields.push(['year', `{${date[1]}}`]);
    const month = date[2] === undefined ? undefined : MONTHS[Number(date[2]) - 1];
    if (month !== undefined) fields.push(['month', month]);
  }
  if (paper.org !== undefined) fields.push(['organization', `{${escapeBibtex(paper.org.name)}}`]);
  if (paper.abstract !== '') fields.push(['abstract', `{${escapeBibtex(paper.abstract)}}`]);
  const width = Math.max(...fields.map(([name]) => name.length));
  const body = fields.map(([name, value]) => `  ${name.padEnd(width)} = ${value},`).join('\n');
  return `@misc{${paper.key},\n${body}\n}\n`;
}

/** A `.bib` file for the papers, entries separated by blank lines. */
export function toBibtexFile(papers: readonly Paper[]): string {
  return papers.map(toBibtex).join('\n');
}
