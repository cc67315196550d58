/**
 * A deterministic generator of synthetic paper listings that look like ours:
 * Hugging Face Daily Papers pages, titles of ~12 words and abstracts of ~180
 * words of machine-learning vocabulary, organisations, dates and upvotes.
 *
 * Word choice is Zipf-distributed over a fixed vocabulary, with a tail of
 * coined model names and rare words that grows with the corpus (as real
 * vocabularies do, Heaps' law), so a 100,000-paper index has the long tail of
 * terms a real one would, not just 600 words repeated.
 *
 *   npx tsx bench/generate.ts COUNT OUT_FILE [--seed N]
 *
 * The same count and seed always write the same bytes.
 */
import { writeFileSync } from 'node:fs';

/** mulberry32: small, fast and good enough for text that only has to look plausible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Content words, roughly most frequent first (the Zipf rank follows this order).
const CONTENT = `model models language large learning data training reasoning tasks performance benchmark method approach
results agents generation multimodal vision video image llms tokens inference reinforcement policy diffusion attention
transformer evaluation dataset framework state-of-the-art text reward alignment code retrieval knowledge context long
efficient scaling fine-tuning instruction visual understanding robust generalization optimization preference agent
search memory tool planning math mathematical chain thought reflection verification safety hallucination robustness
quantization compression pruning distillation sparse dense mixture experts routing token kv cache decoding speculative
latency throughput gpu hardware parallel distributed federated privacy security jailbreak adversarial attack defense
audio speech music recognition synthesis translation multilingual low-resource cross-lingual embedding representation
contrastive self-supervised pretraining pre-trained foundation open-source open weights parameters billion compute
scene 3d reconstruction gaussian splatting rendering point cloud depth pose camera motion editing inpainting
super-resolution segmentation detection object tracking captioning grounding spatial temporal world simulation robot
robotic manipulation navigation embodied driving autonomous trajectory control locomotion graph neural network node
molecule protein biology medical clinical healthcare diagnosis imaging radiology drug chemistry materials physics
scientific discovery theorem proving formal program synthesis software engineering repository bug repair web browser
gui mobile screen interface click action environment interaction multi-turn dialogue conversational chat assistant
user human feedback rlhf dpo grpo ppo rollout exploration sample efficiency curriculum synthetic annotation labeling
quality filtering deduplication corpus web-scale crawl pipeline mamba state space linear recurrent convolution
architecture layer normalization activation gradient loss objective regularization convergence theoretical analysis
bound proof stochastic bayesian uncertainty calibration confidence estimation probabilistic causal counterfactual
interpretability explainability probing circuits neurons features steering editing unlearning continual lifelong
catastrophic forgetting adaptation lora adapter prompt prompting in-context few-shot zero-shot transfer domain shift
test-time compute scaling laws emergent capabilities overthinking budget length efficiency latent thinking
tabular time series forecasting anomaly recommendation ranking retrieval-augmented rag question answering qa summarization
document ocr chart table reading comprehension long-context million needle haystack positional encoding rope
tokenizer vocabulary byte character subword masked autoencoder vit clip encoder decoder backbone head
benchmarking leaderboard metric human-level judge llm-as-a-judge evaluation protocol contamination leakage
image-to-video text-to-image text-to-video text-to-speech voice cloning avatar face animation style transfer
weather climate earth satellite remote sensing agriculture energy finance legal education math olympiad`.split(/\s+/u);

// Function words: real abstracts are half of these, and the index drops them.
const FUNCTION = `the of and to a in for we that is on with by our this as from are an which can be it its
these while such both at or than into not also has have more through across without via between when
however existing further specifically`.split(/\s+/u);

const VERBS = `propose introduce present show demonstrate achieve outperform improve enable leverage design
develop evaluate analyze study investigate release construct formulate identify reveal establish extend`.split(/\s+/u);

const ADJ = `novel unified scalable simple effective efficient general robust lightweight adaptive hierarchical
dynamic interactive generalist specialized comprehensive fine-grained open multi-agent agentic native
end-to-end controllable faithful reliable compositional`.split(/\s+/u);

const SYLLABLES = `ra ko mi zen tal vor qu ix lum dra sen pho neo gal tri vex omni syn cog mira nova atla kai
zeta luma ora vita hex quan flux aria orb sig tel`.split(/\s+/u);

const ORGS: readonly [string, string][] = [
  ['AI-at-Meta', 'Meta AI'], ['google', 'Google'], ['deepmind', 'Google DeepMind'], ['microsoft', 'Microsoft'],
  ['nvidia', 'NVIDIA'], ['Qwen', 'Qwen'], ['deepseek-ai', 'DeepSeek'], ['allenai', 'Ai2'], ['amazon', 'Amazon'],
  ['apple', 'Apple'], ['openbmb', 'OpenBMB'], ['THUDM', 'Tsinghua University'], ['stanford', 'Stanford University'],
  ['mit', 'MIT'], ['cmu', 'Carnegie Mellon University'], ['berkeley', 'UC Berkeley'], ['bytedance', 'ByteDance Seed'],
  ['tencent', 'Tencent'], ['alibaba', 'Alibaba Group'], ['salesforce', 'Salesforce'], ['huggingface', 'Hugging Face'],
  ['mistralai', 'Mistral AI'], ['ibm', 'IBM'], ['sony', 'Sony AI'], ['samsung', 'Samsung Research'],
];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A sampler of ranks 0..n-1 with P(rank) ∝ 1/(rank+1)^s. */
function zipf(n: number, s: number, random: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i += 1) cumulative[i] = total += 1 / (i + 1) ** s;
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Writes `count` papers as one Daily Papers listing page. */
export function generateListing(count: number, seed = 1): string {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const content = zipf(CONTENT.length, 0.9, random);
  const coinedRank = zipf(64, 1.1, random);
  // The tail: one new coined word per ~40 papers keeps growing the vocabulary.
  const coined: string[] = [];
  const coin = (): string => {
    const parts = 2 + Math.floor(random() * 2);
    let word = '';
    for (let i = 0; i < parts; i += 1) word += pick(SYLLABLES);
    return word;
  };
  const modelName = (): string => {
    if (coined.length === 0 || random() < 0.4) coined.push(coin());
    // Recent names are reused most: a paper's name is cited by its follow-ups.
    const base = coined[Math.max(0, coined.length - 1 - coinedRank())]!;
    const cased = base[0]!.toUpperCase() + base.slice(1);
    const suffix = random() < 0.5 ? `-${pick(['7B', '8B', '1.5', 'R1', 'VL', 'Bench', 'Agent', 'Zero', '2', 'X'])}` : '';
    return cased + suffix;
  };
  const word = (): string => {
    const r = random();
    if (r < 0.42) return pick(FUNCTION);
    if (r < 0.46) return pick(VERBS);
    if (r < 0.52) return pick(ADJ);
    if (r < 0.535) return modelName();
    if (r < 0.545) return coin();
    return CONTENT[content()]!;
  };
  const sentence = (words: number): string => {
    const out: string[] = [];
    for (let i = 0; i < words; i += 1) out.push(word());
    const text = out.join(' ');
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  };
  const titleCase = (w: string): string => (FUNCTION.includes(w) ? w : w[0]!.toUpperCase() + w.slice(1));

  const lines = ['Daily Papers', '', 'byAK and the research community', ''];
  for (let i = 0; i < count; i += 1) {
    const titleWords: string[] = [];
    const length = 8 + Math.floor(random() * 9); // 8–16, mean 12
    const named = random() < 0.45;
    for (let w = named ? 1 : 0; w < length; w += 1) titleWords.push(titleCase(random() < 0.3 ? pick(FUNCTION) : random() < 0.2 ? pick(ADJ) : CONTENT[content()]!));
    // A serial number keeps titles, and so paper ids, unique however large the corpus.
    const title = `${named ? `${modelName()}: ` : ''}${titleWords.join(' ')} ${i.toString(36).toUpperCase()}`;
    const sentences: string[] = [];
    let words = 0;
    const target = 140 + Math.floor(random() * 81); // 140–220, mean 180
    while (words < target) {
      const n = 12 + Math.floor(random() * 20);
      sentences.push(sentence(n));
      words += n;
    }
    lines.push(title, '', sentences.join(' '), '');
    if (random() < 0.7) {
      const [handle, name] = ORGS[Math.floor(random() ** 2 * ORGS.length)]!;
      lines.push(`${handle} ${name}`);
    } else {
      lines.push(`  • ${1 + Math.floor(random() * 30)} authors`);
    }
    const upvotes = Math.floor(random() ** 3 * 300);
    lines.push('·', `${pick(MONTHS)} ${1 + Math.floor(random() * 28)} ${upvotes}`, '');
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1]?.endsWith('generate.ts') || process.argv[1]?.endsWith('generate.js')) {
  const [count, out] = process.argv.slice(2);
  const seedAt = process.argv.indexOf('--seed');
  if (count === undefined || out === undefined) {
    console.error('usage: generate COUNT OUT_FILE [--seed N]');
    process.exit(2);
  }
  writeFileSync(out, generateListing(Number(count), seedAt > 0 ? Number(process.argv[seedAt + 1]) : 1));
}
