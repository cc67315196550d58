// Writes the generated part of the Pandoc agreement corpus:
// test/fixtures/pandoc-notes/generated/note-NNN.md, shaped like real notes
// (front matter, headings, lists, code, math, links, footnotes, tables, raw
// HTML, Quarto attributes, citations in every form). Seeded, so the same
// notes come out every time.
//
//   node scripts/generatePandocNotes.mjs [count]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const count = Number(process.argv[2] ?? 240);
const out = join(import.meta.dirname, '..', 'test', 'fixtures', 'pandoc-notes', 'generated');

let seed = 20261129;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(random() * list.length)];
const keys = ['doe2020', 'smith:2021', 'lee2023tulu', 'wang_2025', 'Çelik2024', 'van-der-berg.2019', 'o_neil99', 'x1', 'chen2024agents', 'kim:ml:2022'];
const key = () => pick(keys);
const cite = () =>
  pick([
    () => `[@${key()}]`,
    () => `[@${key()}; @${key()}]`,
    () => `[see @${key()}, p. ${1 + Math.floor(random() * 90)}]`,
    () => `[-@${key()}]`,
    () => `@${key()}`,
    () => `@${key()} [p. 4]`,
    () => `[@{https://doi.org/10.1000/${key()}}]`,
    () => `[e.g., @${key()}, chap. 2; also @${key()}]`,
  ])();
const words = 'agents learn policies from data while the model is evaluated on benchmarks with careful ablations and baselines'.split(' ');
const prose = (n = 8) => Array.from({ length: n }, () => pick(words)).join(' ');
const sentence = () => `${prose(5)} ${cite()} ${prose(4)}.`;

let footnotes = [];
const blocks = [
  () => `# ${prose(3)}`,
  () => `## ${prose(2)} {#sec-${Math.floor(random() * 99)}}`,
  () => `### ${prose(2)} ${cite()}`,
  () => `${sentence()} ${sentence()}\n${sentence()}`,
  () => `${prose(6)}, as shown by ${cite()}; contrast ${cite()}.`,
  () => Array.from({ length: 3 }, () => `- ${sentence()}`).join('\n'),
  () => Array.from({ length: 3 }, (_, i) => `${i + 1}. ${prose(4)} ${cite()}`).join('\n'),
  () => `- item one\n\n    still the item, ${cite()}\n\n- item two`,
  () => '```python\nmodel = load("@' + key() + '")  # @' + key() + '\n```',
  () => '- ```r\n  x <- f(@' + key() + ')\n  ```\n- after the fence ' + cite(),
  () => '~~~~\n@' + key() + ' in code\n~~~~',
  () => `Inline \`code @${key()}\` then ${cite()}.`,
  () => `    indented code @${key()}`,
  () => `Math $\\alpha @${key()}$ and $$\\sum_i x_i @${key()}$$ then ${cite()}.`,
  () => `Costs $5 and $6 for ${cite()}.`,
  () => `$$\n\\mathcal{L} = @${key()}\n$$`,
  () => `See [the demo](https://observablehq.com/@d3/${key()}) by ${cite()}.`,
  () => `[${prose(2)} ${cite()}](https://example.org/@${key()} "title @${key()}")`,
  () => `![A figure of ${prose(2)} ${cite()}](figures/plot@2x.png){fig-alt="Artwork by @${key()}" width=80%}`,
  () => `[ref-${Math.floor(random() * 9)}]: https://x.org/@${key()}`,
  () => `Email me@example.org or visit <https://x.org/@${key()}> about ${cite()}.`,
  () => {
    const n = footnotes.length + 1;
    footnotes.push(`[^n${n}]: ${prose(3)} ${cite()}.`);
    return `${prose(4)}[^n${n}] and ${cite()}.`;
  },
  () => {
    const n = footnotes.length + 1;
    footnotes.push(`[^n${n}]: ${prose(3)}.\n\n    A second paragraph ${cite()}.`);
    return `${prose(4)}[^n${n}].`;
  },
  () => `| Model | Source |\n|-------|--------|\n| A | ${cite()} |\n| B | \`@${key()}\` |`,
  () => `<div class="note">\n${sentence()}\n</div>`,
  () => `<span title="@${key()}">${prose(2)}</span> ${cite()}`,
  () => `<!-- TODO: cite @${key()} -->\n${sentence()}`,
  () => `<script>\nconst handle = "@${key()}";\n</script>`,
  () => `::: {.callout-note title="From @${key()}"}\n${sentence()}\n:::`,
  () => `[${prose(2)}]{.mark} and ${cite()}`,
  () => `\`f(x)\`{.python} then ${cite()}`,
  () => `(@ex${Math.floor(random() * 3)}) An example ${cite()}.\n\nAs (@ex${Math.floor(random() * 3)}) shows.`,
  () => `Raw \\cite{${key()}} and \\href{mailto:a@b.org}{mail} and ${cite()}.`,
  () => `\\begin{equation}\nx = @${key()}\n\\end{equation}`,
  () => `> ${sentence()}\n> \`@${key()}\``,
  () => `Escaped \\@${key()} and ${cite()}.`,
  () => `* * *`,
  () => `Term\n:   Definition citing ${cite()}.`,
];

const frontMatters = [
  () => `---\ntitle: "${prose(3)}"\nbibliography: refs.bib\n---\n`,
  () => `---\ntitle: ${prose(2)}\nbibliography:\n  - a.json\n  - "b c.bib"\nlink-citations: true\n---\n`,
  () => `---\nbibliography: [refs.json, more.bib]\n---\n`,
  () => `---\nbibliography: &b shared.bib # mine\n---\n`,
  () => `---\nbibliography: first.bib\nbibliography: second.bib\n---\n`,
  () => `---\ntitle: x\n...\n`,
  () => `---\nreferences:\n- id: ${key()}\n  title: Inline\n---\n`,
  () => `+++\ntitle = "toml"\n+++\n`,
  () => `---\nJust a paragraph between rules.\n---\n`,
  () => '',
  () => '',
];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (let i = 1; i <= count; i++) {
  footnotes = [];
  const parts = [pick(frontMatters)()];
  const length = 4 + Math.floor(random() * 10);
  for (let b = 0; b < length; b++) parts.push(pick(blocks)());
  if (random() < 0.15) parts.push(`---\nbibliography: later.bib\n---`);
  parts.push(...footnotes);
  const text = parts.filter((p) => p !== '').join('\n\n') + '\n';
  writeFileSync(join(out, `note-${String(i).padStart(3, '0')}.md`), text);
}
console.log(`wrote ${count} notes to ${out}`);
