/**
 * How long reading a large CSL-JSON bibliography takes: its keys
 * (`cslJsonKeys`) and an upsert of three new items (`upsertCslJson`, which
 * parses the file and computes the insertion), each beside `JSON.parse` of
 * the same text, the floor, measured in the same process so the ratio holds
 * on a shared, noisy machine.
 *
 *   npx tsx bench/cslJsonParse.ts [--runs N] [--sizes 10,50]
 *
 * Files are generated in memory (pretty-printed with two spaces, as Zotero
 * and `toCslJsonFile` write them, with escapes and non-ASCII text in the
 * strings); sizes are in MB. Prints one Markdown table of medians.
 */
import { cslJsonKeys, upsertCslJson, type CslJsonItem } from '../src/core/bibliography/cslJsonFile';
import { rng } from './generate';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const at = args.indexOf(name);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
};
const runs = Number(option('--runs', '7'));
const sizes = option('--sizes', '10,50').split(',').map(Number);

const WORDS = 'model language learning data training reasoning tasks benchmark agents vision diffusion tokens policy reward scaling TÜLU naïve café “quoted” α-β'.split(' ');

function sentence(random: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(random() * WORDS.length)] ?? 'x');
  return out.join(' ');
}

/** A pretty-printed CSL-JSON array of about `megabytes` MB. */
function generate(megabytes: number): string {
  const random = rng(megabytes);
  const items: unknown[] = [];
  let size = 2;
  for (let n = 0; size < megabytes * 1_000_000; n++) {
    const item = {
      id: `paper${n}-${2000 + (n % 25)}`,
      type: 'article-journal',
      title: `${sentence(random, 10)}: a "study" of ${n}`,
      author: [
        { family: 'Müller', given: 'Anna' },
        { family: `Author${n}`, given: 'B. C.' },
      ],
      'container-title': 'Journal of Synthetic Results',
      issued: { 'date-parts': [[2000 + (n % 25), 1 + (n % 12), 1 + (n % 28)]] },
      abstract: `${sentence(random, 140)}\nSecond paragraph with a backslash \\ and a tab\t.`,
      DOI: `10.1234/synthetic.${n}`,
      URL: `https://example.org/papers/${n}`,
    };
    items.push(item);
    size += JSON.stringify(item, null, 2).length + 4;
  }
  return `${JSON.stringify(items, null, 2)}\n`;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function time(run: () => unknown): number[] {
  const samples: number[] = [];
  run(); // warm-up: JIT, and the string's flattening
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

const newItems: CslJsonItem[] = ['new-a', 'new-b', 'new-c'].map((id) => ({ id, type: 'article', title: `Title of ${id}` }) as CslJsonItem);

console.log(`Node ${process.version}, ${runs} runs per figure (after one warm-up), medians in ms\n`);
console.log('| file | items | JSON.parse (floor) | keys | keys ÷ floor | upsert 3 | upsert ÷ floor |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const megabytes of sizes) {
  const text = generate(megabytes);
  const keys = cslJsonKeys(text);
  if (!keys.ok) throw new Error(`the generated file does not parse: ${keys.error.message}`);
  const upsert = upsertCslJson(text, newItems);
  if (!upsert.ok || upsert.added.length !== 3) throw new Error('the upsert did not add three items');
  const floor = median(time(() => JSON.parse(text)));
  const read = median(time(() => cslJsonKeys(text)));
  const write = median(time(() => upsertCslJson(text, newItems)));
  const mb = (text.length / 1e6).toFixed(1);
  console.log(`| ${mb} MB | ${keys.keys.length} | ${floor.toFixed(0)} | ${read.toFixed(0)} | ${(read / floor).toFixed(1)}× | ${write.toFixed(0)} | ${(write / floor).toFixed(1)}× |`);
}
