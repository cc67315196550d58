import { type Paper } from '../paper';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// Every character that means something to (La)TeX or BibTeX, with the text
// command that prints it. `<` and `>` are included because the OT1 font
// encoding prints them as `¡` and `¿`. Braces are handled apart (see
// `escapeBrace`). A backslash is a character of the text, never the start of
// a command: `T\"ULU` in an abstract is what the listing shows, so it is
// written `T\textbackslash{}"ULU`, which pandoc reads back as `T\"ULU` and
// biber leaves alone (it would turn a bare `\"U` into `Ü`).
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
};

/** Offsets of the braces in `text` that have no partner: a `}` with no `{` open before it, a `{` never closed. */
function unmatchedBraces(text: string): Set<number> {
  const unmatched = new Set<number>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') open.push(i);
    else if (text[i] === '}' && open.pop() === undefined) unmatched.add(i);
  }
  for (const i of open) unmatched.add(i);
  return unmatched;
}

/**
 * A brace of the text. BibTeX and biber count every brace character in a
 * value, `\{` and `\}` included, while pandoc's reader skips escaped ones;
 * both must find the value balanced. A matched pair is written `\{…\}`,
 * which both count as balanced. An unmatched brace comes with a partner that
 * TeX skips (`\iffalse … \fi`), so BibTeX counts a pair and pandoc, which
 * also skips `\iffalse`, still reads one brace. (`\textbraceright` would be
 * simpler, but pandoc 2.17 drops it.)
 */
function escapeBrace(brace: string, matched: boolean): string {
  if (matched) return `\\${brace}`;
  // `{}` ends `\fi`, so a letter after it is not read as part of the command.
  return brace === '}' ? '\\iffalse\\{\\fi\\}' : '\\{\\iffalse\\}\\fi{}';
}

/** Escapes `text[from, to)`, knowing which braces of the whole `text` are unmatched. */
function escapeSpan(text: string, from: number, to: number, unmatched: ReadonlySet<number>): string {
  let out = '';
  for (let i = from; i < to; i++) {
    const char = text[i] ?? '';
    out += char === '{' || char === '}' ? escapeBrace(char, !unmatched.has(i)) : (ESCAPES[char] ?? char);
  }
  return out;
}

/**
 * Escapes text for a brace-delimited BibTeX field so that it prints as
 * written and keeps the value's braces balanced for BibTeX, biber and
 * pandoc alike: `& % $ # _ ~ ^ \ < >` become their LaTeX commands, and
 * braces are escaped (see `escapeBrace` for unmatched ones). Non-ASCII text
 * is kept as UTF-8, which biber and pandoc read directly. ASCII quotes and
 * dashes are left to TeX, which typesets `--` as an en dash and `'` as a
 * closing quote, as the abstracts' LaTeX-writing authors meant.
 */
export function escapeBibtex(text: string): string {
  return escapeSpan(text, 0, text.length, unmatchedBraces(text));
}

/**
 * Escapes a title and wraps in braces every word whose capitals must survive
 * a style that lower-cases titles: words with a capital after the first
 * letter (`GUI`, `LLMs`, `MiroMind-M1`, `TÜLU`) and a capital followed by a
 * symbol (`Q^*`, `C^3-Bench`). Plain capitalised words stay unbraced so a
 * sentence-case style can still lower-case them. Braces pair up across the
 * whole title, not word by word.
 */
export function escapeBibtexTitle(title: string): string {
  const unmatched = unmatchedBraces(title);
  let out = '';
  for (const word of title.matchAll(/\S+|\s+/g)) {
    const escaped = escapeSpan(title, word.index, word.index + word[0].length, unmatched);
    out += /^\s/.test(word[0]) || !needsCaseProtection(word[0]) ? escaped : `{${escaped}}`;
  }
  return out;
}

function needsCaseProtection(word: string): boolean {
  const core = word.replace(/^[^\p{L}\p{N}]+/u, '');
  return /^.+\p{Lu}/u.test(core) || /^\p{Lu}[^\p{L}]/u.test(core);
}

/**
 * A BibTeX entry for the paper, valid for biber and classic BibTeX. It is a
 * `@misc`: the listings give no venue, and `@article` would need a journal.
 * Authors (a user's reference gives them as "Given Family" names) are joined
 * with `and`; a venue goes in `howpublished`. The organisation goes in
 * `organization`, the date in `year` and `month` (BibTeX has no day field,
 * and biblatex's `date` beside `year` makes biber warn).
 */
export function toBibtex(paper: Paper): string {
  const fields: [string, string][] = [['title', `{${escapeBibtexTitle(paper.title)}}`]];
  if (paper.authors !== undefined && paper.authors.length > 0) fields.push(['author', `{${paper.authors.map(escapeBibtex).join(' and ')}}`]);
  if (paper.venue !== undefined && paper.venue !== '') fields.push(['howpublished', `{${escapeBibtex(paper.venue)}}`]);
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
