// Compares what Paper Atlas reads in a note with what Pandoc reads, note by
// note: the citation keys (Pandoc's `Cite` elements in the body, from
// `pandoc -f markdown -t json`) and the bibliography (Pandoc's metadata
// `bibliography`). Prints the agreement and every note that disagrees.
//
//   npx tsx scripts/pandocAgreement.ts [--readmes] [--json] [files or folders…]
//
// With no paths it reads test/fixtures/pandoc-notes/; --readmes reads the
// README.md of each package in node_modules instead (real Markdown written by
// others), or as well as the paths given.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { scanCitations } from '../src/core/markdown/citationScan';
import { bibliographyPaths, findMetadataBlocks } from '../src/core/markdown/frontMatter';

const run = promisify(execFile);
const root = join(__dirname, '..');
const args = process.argv.slice(2);
const paths = args.filter((a) => !a.startsWith('--'));

function markdownFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? markdownFiles(join(path, entry.name)) : entry.name.endsWith('.md') && entry.name !== 'README.md' ? [join(path, entry.name)] : []))
    .sort();
}

const defaults = args.includes('--readmes') ? [] : [join(root, 'test', 'fixtures', 'pandoc-notes')];
const files = (paths.length > 0 ? paths : defaults).flatMap(markdownFiles);
if (args.includes('--readmes')) {
  const modules = join(root, 'node_modules');
  for (const name of readdirSync(modules).sort()) {
    const dirs = name.startsWith('@') ? readdirSync(join(modules, name)).map((n) => join(modules, name, n)) : [join(modules, name)];
    for (const dir of dirs) {
      const readme = join(dir, 'README.md');
      try {
        if (statSync(readme).isFile()) files.push(readme);
      } catch {
        // no README
      }
    }
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The plain text of a metadata value, as Pandoc would write it. */
function metaText(value: Json): string {
  if (Array.isArray(value)) return value.map(metaText).join('');
  if (value === null || typeof value !== 'object') return String(value);
  switch (value.t) {
    case 'Str':
    case 'MetaString':
      return typeof value.c === 'string' ? value.c : '';
    case 'Space':
    case 'SoftBreak':
      return ' ';
    default:
      return 'c' in value ? metaText(value.c ?? null) : '';
  }
}

function pandocBibliography(meta: { [key: string]: Json }): string[] {
  const field = meta.bibliography as { t: string; c: Json } | undefined;
  if (!field) return [];
  if (field.t === 'MetaList' && Array.isArray(field.c)) return field.c.map(metaText);
  return [metaText(field.c)];
}

function pandocCites(blocks: Json): string[] {
  const ids: string[] = [];
  const walk = (node: Json): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.t === 'Cite' && Array.isArray(node.c) && Array.isArray(node.c[0])) {
        for (const citation of node.c[0]) ids.push(String((citation as { citationId: string }).citationId));
      }
      for (const value of Object.values(node)) walk(value);
    }
  };
  walk(blocks);
  return ids;
}

interface Outcome {
  file: string;
  keysAgree: boolean;
  bibliographyAgrees: boolean;
  ours: string[];
  pandoc: string[];
  ourBibliography: string[];
  pandocBibliography: string[];
  error?: string;
}

async function compare(file: string): Promise<Outcome> {
  const text = readFileSync(file, 'utf8');
  const ours = scanCitations(text).map((c) => c.key);
  const ourBibliography = findMetadataBlocks(text).some((b) => b.error) ? [] : bibliographyPaths(text);
  const name = relative(root, file);
  try {
    const { stdout } = await run('pandoc', ['-f', 'markdown', '-t', 'json', file], { maxBuffer: 64 * 1024 * 1024 });
    const json = JSON.parse(stdout) as { meta: { [key: string]: Json }; blocks: Json };
    const pandoc = pandocCites(json.blocks);
    const theirBibliography = pandocBibliography(json.meta);
    const sorted = (list: string[]) => JSON.stringify([...list].sort());
    return {
      file: name, ours, pandoc, ourBibliography, pandocBibliography: theirBibliography,
      keysAgree: sorted(ours) === sorted(pandoc),
      bibliographyAgrees: JSON.stringify(ourBibliography) === JSON.stringify(theirBibliography),
    };
  } catch (error) {
    // Pandoc refuses a note whose YAML does not parse; Paper Atlas reports it instead.
    const message = (error as { stderr?: string }).stderr?.trim() ?? String(error);
    return { file: name, ours, pandoc: [], ourBibliography, pandocBibliography: [], keysAgree: false, bibliographyAgrees: false, error: message };
  }
}

async function main(): Promise<void> {
  const outcomes: Outcome[] = [];
  const queue = [...files];
  // Two pandoc processes at a time: the machine is shared.
  await Promise.all([0, 1].map(async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) outcomes.push(await compare(file));
  }));
  outcomes.sort((a, b) => a.file.localeCompare(b.file));
  if (args.includes('--json')) {
    console.log(JSON.stringify(outcomes, null, 2));
    return;
  }
  const agree = outcomes.filter((o) => o.keysAgree && o.bibliographyAgrees);
  for (const o of outcomes) {
    if (o.keysAgree && o.bibliographyAgrees) continue;
    console.log(`\n${o.file}${o.error ? `: pandoc failed: ${o.error.split('\n')[0]}` : ''}`);
    if (!o.keysAgree && !o.error) {
      const minus = (a: string[], b: string[]) => {
        const rest = [...b];
        return a.filter((k) => {
          const at = rest.indexOf(k);
          if (at === -1) return true;
          rest.splice(at, 1);
          return false;
        });
      };
      const missing = minus(o.pandoc, o.ours);
      const extra = minus(o.ours, o.pandoc);
      console.log(`  keys: ours only ${JSON.stringify(extra)}, pandoc only ${JSON.stringify(missing)} (ours ${o.ours.length}, pandoc ${o.pandoc.length})`);
    }
    if (!o.bibliographyAgrees && !o.error) console.log(`  bibliography: ours ${JSON.stringify(o.ourBibliography)}, pandoc ${JSON.stringify(o.pandocBibliography)}`);
  }
  const keys = outcomes.filter((o) => o.keysAgree).length;
  const bibs = outcomes.filter((o) => o.bibliographyAgrees).length;
  const pct = (n: number) => ((100 * n) / outcomes.length).toFixed(1);
  console.log(`\n${outcomes.length} notes: both agree on ${agree.length} (${pct(agree.length)} %); keys on ${keys} (${pct(keys)} %); bibliography on ${bibs} (${pct(bibs)} %)`);
  process.exitCode = agree.length === outcomes.length ? 0 : 1;
}

void main();
