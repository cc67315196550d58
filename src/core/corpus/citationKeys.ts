/**
 * Citation keys: short, readable, valid as bare Pandoc keys (`@tulu3-2024`),
 * and stable once assigned.
 *
 * The formula, in the spirit of Better BibTeX's `auth.lower + shorttitle + year`
 * but without authors (the listings give none):
 *
 *   key = stem "-" year          when the paper has a date
 *   key = stem                   when it has none
 *   stem = the first meaningful word of the title, followed by the second
 *          if the two together fit in 24 characters (a longer first word
 *          is cut to 24); words are accent-folded, lower-cased and stripped
 *          of every character but a-z and 0-9; "paper" if nothing is left
 *
 * Meaningful words are those not in {@link STOP_WORDS}; words are split at
 * whitespace and at `: ; , ! ? " / |` (so `ARPO:End-to-End` gives `arpo`,
 * `endtoend`, while `COS(M+O)S` stays one word, `cosmos`). Examples:
 * `MiroMind-M1: An Open-Source …` (2025) → `miromindm1opensource-2025`;
 * `TÜLU 3: Pushing …` (2024) → `tulu3-2024`; `Hierarchical Reinforcement
 * Learning …` (no date) → `hierarchical`.
 *
 * Keys are unique ignoring case. On a clash the later paper gets a suffix
 * letter: `tulu3-2024a`, `tulu3-2024b`, …, or `-a`, `-b`, … after a key with
 * no year. The lock file (`data/citation-keys.lock.json`) maps paper id to
 * key; an assignment in it is never changed or reused, so notes that cite a
 * key keep working when a later listing adds a year to the paper or brings a
 * new paper whose formula key would be the same.
 */
import { foldText } from '../text/fold';

/** Words skipped when choosing the key's title words: they identify nothing. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or nor but of for on in into onto to at by with without via from as is are be been being ' +
    'do does can could should would will its it this that these those your our their we you i ' +
    'how what why when where which who toward towards through using use vs versus not no all about ' +
    'beyond under over between than more most less s'
  ).split(' '),
);

const MAX_STEM_LENGTH = 24;
const FALLBACK_STEM = 'paper';
const WORD_SEPARATORS = /[\s:;,!?"/|]+/u;

/** What the key formula needs to know about a paper. */
export interface KeyedPaperInput {
  readonly id: string;
  readonly title: string;
  /** ISO date; only the year is used. */
  readonly date?: string;
}

/** The committed mapping from paper id to citation key. */
export interface CitationKeyLock {
  readonly version: 1;
  /** Paper id → key. Entries are only ever added. */
  readonly keys: Readonly<Record<string, string>>;
}

/** A lock with no assignments, for a first build. */
export const EMPTY_KEY_LOCK: CitationKeyLock = { version: 1, keys: {} };

/** Thrown for a lock file that cannot be trusted (bad JSON, invalid or duplicate keys). */
export class CitationKeyLockError extends Error {
  override readonly name = 'CitationKeyLockError';
}

/** The title part of the key formula (see the module comment). */
export function citationKeyStem(title: string): string {
  const words = foldText(title)
    .split(WORD_SEPARATORS)
    .map((word) => word.replace(/[^a-z0-9]/g, ''))
    .filter((word) => word !== '' && !STOP_WORDS.has(word));
  const [first, second] = words;
  if (first === undefined) return FALLBACK_STEM;
  // Cutting a word short reads worse than leaving the second word out.
  return second !== undefined && first.length + second.length <= MAX_STEM_LENGTH ? first + second : first.slice(0, MAX_STEM_LENGTH);
}

/** The key the formula gives before clashes are resolved: `stem-year` or `stem`. */
export function citationKeyBase(title: string, date?: string): string {
  const stem = citationKeyStem(title);
  const year = date === undefined ? undefined : /^(\d{4})-/.exec(date)?.[1];
  return year === undefined ? stem : `${stem}-${year}`;
}

/**
 * Whether `key` can be written as a bare Pandoc citation (`@key`) and a
 * BibTeX key: it starts and ends with a letter, digit or `_`, and between
 * them has only those and single internal punctuation marks from Pandoc's set
 * `: . # $ % & - + ? < > ~ /`. Generated keys use only `[a-z0-9-]`; the wider
 * set admits keys a person wrote into the lock file by hand.
 */
export function isValidCitationKey(key: string): boolean {
  return /^[A-Za-z0-9_](?:[A-Za-z0-9_]|[:.#$%&\-+?<>~/](?=[A-Za-z0-9_]))*$/.test(key) && !/[{}(),\s@"'\\=]/.test(key);
}

/** Keys for the papers, and the lock extended with the new assignments. */
export interface KeyAssignment {
  /** Paper id → key, for every paper given. */
  readonly keys: ReadonlyMap<string, string>;
  readonly lock: CitationKeyLock;
  /** Ids of the papers that got a key in this call (were not in the lock). */
  readonly added: readonly string[];
}

/**
 * Gives every paper a key: the locked one if the lock has it, else the
 * formula key made unique against every locked key (including keys of papers
 * no longer in the corpus, so a key never comes to mean a different paper)
 * and against the keys assigned before it in `papers` order.
 */
export function assignCitationKeys(papers: readonly KeyedPaperInput[], lock: CitationKeyLock): KeyAssignment {
  const taken = new Set(Object.values(lock.keys).map((key) => key.toLowerCase()));
  const keys = new Map<string, string>();
  const lockKeys: Record<string, string> = { ...lock.keys };
  const added: string[] = [];
  for (const paper of papers) {
    const locked = lock.keys[paper.id];
    if (locked !== undefined) {
      keys.set(paper.id, locked);
      continue;
    }
    const key = firstFreeKey(citationKeyBase(paper.title, paper.date), taken);
    taken.add(key.toLowerCase());
    keys.set(paper.id, key);
    lockKeys[paper.id] = key;
    added.push(paper.id);
  }
  return { keys, lock: { version: 1, keys: lockKeys }, added };
}

function firstFreeKey(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  // A letter straight after a year reads as a year suffix (2024a); after a
  // word it would read as part of the word, so it gets a hyphen.
  const join = /\d$/.test(base) ? '' : '-';
  for (let n = 0; ; n += 1) {
    const candidate = `${base}${join}${suffixLetters(n)}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** 0 → a, 25 → z, 26 → aa, … */
function suffixLetters(n: number): string {
  let text = '';
  for (let i = n; i >= 0; i = Math.floor(i / 26) - 1) text = String.fromCharCode(97 + (i % 26)) + text;
  return text;
}

/**
 * Reads a lock file, refusing one whose keys are invalid or clash (ignoring
 * case): building on it would hand out ambiguous citations.
 *
 * @throws {CitationKeyLockError}
 */
export function parseKeyLock(text: string): CitationKeyLock {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CitationKeyLockError(`key lock is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || (data as { version?: unknown }).version !== 1) {
    throw new CitationKeyLockError('key lock must be {"version": 1, "keys": {...}}');
  }
  const raw = (data as { keys?: unknown }).keys;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new CitationKeyLockError('key lock "keys" must be an object');
  const seen = new Map<string, string>();
  const keys: Record<string, string> = {};
  for (const [id, key] of Object.entries(raw)) {
    if (typeof key !== 'string' || !isValidCitationKey(key)) throw new CitationKeyLockError(`key lock: ${JSON.stringify(key)} (paper ${id}) is not a valid citation key`);
    const other = seen.get(key.toLowerCase());
    if (other !== undefined) throw new CitationKeyLockError(`key lock: papers ${other} and ${id} share the key ${key}`);
    seen.set(key.toLowerCase(), id);
    keys[id] = key;
  }
  return { version: 1, keys };
}

/** Lock file text, ids sorted so that each new paper is a one-line diff. */
export function serializeKeyLock(lock: CitationKeyLock): string {
  const keys = Object.fromEntries(Object.entries(lock.keys).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ version: 1, keys }, null, 2)}\n`;
}
