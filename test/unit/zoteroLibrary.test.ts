import { strict as assert } from 'node:assert';
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { findZoteroDataFolder, readZoteroLibrary, ZoteroReadError } from '../../src/node/zoteroLibrary';

/** The real Zotero database: committed under test/fixtures/real on main, else the shared copy it came from. */
const FIXTURE = [
  join(__dirname, '..', 'fixtures', 'real', 'bbt-profile-zotero.sqlite'),
  join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'real', 'bbt-profile-zotero.sqlite'),
].find((path) => existsSync(path)) ?? join(__dirname, '..', 'fixtures', 'real', 'bbt-profile-zotero.sqlite');

/** Runs a Python snippet against SQLite; Python's sqlite3 is an independent reader and writer. */
function python(script: string, ...args: string[]): string {
  return execFileSync('python3', ['-c', script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A writable copy of the fixture, as `zotero.sqlite` in a fresh folder. */
function copyFixture(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'zotero-'));
  const file = join(dir, 'zotero.sqlite');
  copyFileSync(FIXTURE, file);
  chmodSync(file, 0o644);
  return { dir, file };
}

/** A Python process holding `file` open; it prints `ready` once it is set, and obeys lines sent to it. */
async function holdDatabase(file: string, setup: string): Promise<ChildProcessWithoutNullStreams> {
  const script = [
    'import sqlite3, sys',
    'c = sqlite3.connect(sys.argv[1], isolation_level=None)',
    setup,
    'print("ready", flush=True)',
    'for line in sys.stdin:',
    '    if line.strip() == "commit":',
    '        c.execute("COMMIT"); print("committed", flush=True)',
  ].join('\n');
  const child = spawn('python3', ['-c', script, file]);
  await nextLine(child, 'ready');
  return child;
}

function nextLine(child: ChildProcessWithoutNullStreams, expected: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (line === expected) {
        lines.close();
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`python exited (${code}) before "${expected}": ${stderr}`)));
  });
}

function stop(child: ChildProcessWithoutNullStreams): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill();
  });
}

describe('Zotero library (read from the bytes of zotero.sqlite)', function () {
  this.timeout(30000);
  const made: string[] = [];
  const fresh = (): { dir: string; file: string } => {
    const copy = copyFixture();
    made.push(copy.dir);
    return copy;
  };
  after(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it('reads the 49 regular items of the real fixture with exactly the citation keys SQLite holds for them', async () => {
    const { file } = fresh();
    const expected = JSON.parse(
      python(
        `import sqlite3, sys, json
c = sqlite3.connect(sys.argv[1])
print(json.dumps([r[0] for r in c.execute("""SELECT v.value FROM itemData d JOIN fields f ON f.fieldID = d.fieldID
  JOIN itemDataValues v ON v.valueID = d.valueID WHERE f.fieldName = 'citationKey'""")]))`,
        file,
      ),
    ) as string[];
    const library = await readZoteroLibrary(file);
    assert.equal(library.items.length, 49);
    assert.equal(expected.length, 49);
    assert.deepEqual(library.items.map((i) => i.citationKey).sort(), [...expected].sort());
    assert.ok(library.items.every((i) => i.keySource === 'citationKey' && !i.keyGenerated));
    assert.deepEqual(library.warnings, []);
    assert.deepEqual(
      library.papers.map((p) => p.key),
      library.items.map((i) => i.citationKey),
    );
  });

  it('leaves out attachments, notes, annotations and feed items, and keeps titles and dates as SQLite has them', async () => {
    const { file } = fresh();
    const facts = JSON.parse(
      python(
        `import sqlite3, sys, json
c = sqlite3.connect(sys.argv[1])
skip = [r[0] for r in c.execute("SELECT itemID FROM itemAttachments UNION SELECT itemID FROM itemNotes UNION SELECT itemID FROM itemAnnotations UNION SELECT itemID FROM feedItems")]
titles = dict(c.execute("SELECT d.itemID, v.value FROM itemData d JOIN itemDataValues v USING(valueID) JOIN fields f USING(fieldID) WHERE f.fieldName = 'title'").fetchall())
dates = dict(c.execute("SELECT d.itemID, substr(v.value, 1, 10) FROM itemData d JOIN itemDataValues v USING(valueID) JOIN fields f USING(fieldID) WHERE f.fieldName = 'date'").fetchall())
print(json.dumps({"skip": skip, "titles": titles, "dates": dates}))`,
        file,
      ),
    ) as { skip: number[]; titles: Record<string, string>; dates: Record<string, string> };
    assert.ok(facts.skip.length >= 50, 'the fixture has attachments, notes and feed items to leave out');
    const library = await readZoteroLibrary(file);
    const ids = new Set(library.items.map((i) => i.itemID));
    assert.deepEqual(
      facts.skip.filter((id) => ids.has(id)),
      [],
    );
    for (const item of library.items) {
      assert.equal(item.title, facts.titles[String(item.itemID)]);
      const stored = facts.dates[String(item.itemID)];
      assert.equal(item.date, stored?.replace(/-00/g, ''));
    }
    const section = library.items.find((i) => i.itemType === 'bookSection');
    assert.ok(section?.container?.startsWith('Graph theory and applications'), 'a book section takes its container from bookTitle');
  });

  it('accepts the data folder as well as the database file', async () => {
    const { dir, file } = fresh();
    const byFolder = await readZoteroLibrary(dir);
    assert.equal(byFolder.file, file);
    assert.equal(byFolder.items.length, 49);
    const empty = mkdtempSync(join(tmpdir(), 'zotero-empty-'));
    made.push(empty);
    await assert.rejects(readZoteroLibrary(empty), (error: Error) => error instanceof ZoteroReadError && error.message.includes(empty) && error.message.includes('zotero.sqlite'));
  });

  it('reads a database another process holds with an exclusive lock, as a running Zotero does, and creates nothing beside it', async () => {
    const { dir, file } = fresh();
    const zotero = await holdDatabase(
      file,
      [
        'c.execute("PRAGMA locking_mode=EXCLUSIVE")',
        'c.execute("BEGIN EXCLUSIVE")',
        `c.execute("UPDATE itemDataValues SET value = 'Stable theories, as locked' WHERE value = 'Stable theories'")`,
        'c.execute("COMMIT")',
      ].join('\n'),
    );
    try {
      // The lock is real: another SQLite connection cannot read the file.
      assert.throws(() => python('import sqlite3, sys\nsqlite3.connect(sys.argv[1], timeout=0).execute("SELECT count(*) FROM items").fetchall()', file), /database is locked/);
      const before = readdirSync(dir).sort();
      const library = await readZoteroLibrary(file, { attempts: 1 });
      assert.equal(library.items.length, 49);
      assert.ok(library.items.some((i) => i.title === 'Stable theories, as locked'), 'the committed change is read');
      assert.deepEqual(readdirSync(dir).sort(), before);
    } finally {
      await stop(zotero);
    }
  });

  it('creates no journal, WAL, shared-memory or lock file when reading an idle database', async () => {
    const { dir, file } = fresh();
    const bytes = readFileSync(file);
    await readZoteroLibrary(dir);
    assert.deepEqual(readdirSync(dir), ['zotero.sqlite']);
    assert.ok(readFileSync(file).equals(bytes), 'the database bytes are unchanged');
  });

  it('retries while a write is under way and fails naming the file when it does not finish', async () => {
    const { file } = fresh();
    // A tiny page cache makes SQLite spill the change into the database file
    // mid-transaction, which it announces with a live journal header.
    const writer = await holdDatabase(
      file,
      ['c.execute("PRAGMA locking_mode=EXCLUSIVE")', 'c.execute("PRAGMA cache_size=1")', 'c.execute("BEGIN EXCLUSIVE")', `c.execute("UPDATE itemDataValues SET value = value || ' (edited)'")`].join('\n'),
    );
    try {
      let pauses = 0;
      await assert.rejects(
        readZoteroLibrary(file, { attempts: 3, sleep: () => Promise.resolve(void (pauses += 1)) }),
        (error: Error) => error instanceof ZoteroReadError && error.message.includes(file) && error.message.includes('zotero.sqlite-journal') && error.message.includes('3 times'),
      );
      assert.equal(pauses, 2);
    } finally {
      await stop(writer);
    }
  });

  it('succeeds on a retry once the writer commits', async () => {
    const { file } = fresh();
    const writer = await holdDatabase(
      file,
      ['c.execute("PRAGMA locking_mode=EXCLUSIVE")', 'c.execute("PRAGMA cache_size=1")', 'c.execute("BEGIN EXCLUSIVE")', `c.execute("UPDATE itemDataValues SET value = value || ' (edited)'")`].join('\n'),
    );
    try {
      let pauses = 0;
      const library = await readZoteroLibrary(file, {
        attempts: 3,
        sleep: async () => {
          pauses += 1;
          const committed = nextLine(writer, 'committed');
          writer.stdin.write('commit\n');
          await committed;
        },
      });
      assert.equal(pauses, 1);
      assert.equal(library.items.length, 49);
      assert.ok(library.items.every((i) => i.citationKey.endsWith(' (edited)')), 'the committed values are read');
    } finally {
      await stop(writer);
    }
  });

  it('fails naming the file when a write-ahead log holds changes', async () => {
    const { file } = fresh();
    writeFileSync(`${file}-wal`, Buffer.alloc(64, 1));
    await assert.rejects(
      readZoteroLibrary(file, { attempts: 2, sleep: () => Promise.resolve() }),
      (error: Error) => error instanceof ZoteroReadError && error.message.includes(file) && error.message.includes('-wal'),
    );
  });

  it('fails naming the file when it is not a SQLite database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zotero-bad-'));
    made.push(dir);
    const file = join(dir, 'zotero.sqlite');
    writeFileSync(file, 'not a database at all, just text that is long enough to look like a header '.repeat(20));
    await assert.rejects(readZoteroLibrary(file, { attempts: 2, sleep: () => Promise.resolve() }), (error: Error) => error instanceof ZoteroReadError && error.message.includes(file));
  });

  it('leaves out an item in the trash', async () => {
    const { file } = fresh();
    const key = python(
      `import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
item, key = c.execute("SELECT d.itemID, v.value FROM itemData d JOIN itemDataValues v USING(valueID) JOIN fields f USING(fieldID) WHERE f.fieldName = 'citationKey' ORDER BY d.itemID LIMIT 1 OFFSET 10").fetchone()
c.execute("INSERT INTO deletedItems (itemID) VALUES (?)", (item,)); c.commit(); print(key)`,
      file,
    ).trim();
    const library = await readZoteroLibrary(file);
    assert.equal(library.items.length, 48);
    assert.ok(!library.items.some((i) => i.citationKey === key), `${key} is in the trash`);
  });

  it("falls back to Extra's Citation Key line, then Better BibTeX's database, then a generated key", async () => {
    const { dir, file } = fresh();
    const picked = JSON.parse(
      python(
        `import sqlite3, sys, json
c = sqlite3.connect(sys.argv[1])
f = c.execute("SELECT fieldID FROM fields WHERE fieldName = 'citationKey'").fetchone()[0]
extra = c.execute("SELECT fieldID FROM fields WHERE fieldName = 'extra'").fetchone()[0]
rows = c.execute("SELECT i.itemID, i.key, i.libraryID FROM items i JOIN itemData d ON d.itemID = i.itemID AND d.fieldID = ? ORDER BY i.itemID LIMIT 3", (f,)).fetchall()
for item, _, _ in rows: c.execute("DELETE FROM itemData WHERE itemID = ? AND fieldID = ?", (item, f))
c.execute("INSERT OR IGNORE INTO itemDataValues (value) VALUES (?)", ("Original date: 1960\\nCitation Key: fromExtra1969",))
v = c.execute("SELECT valueID FROM itemDataValues WHERE value = ?", ("Original date: 1960\\nCitation Key: fromExtra1969",)).fetchone()[0]
c.execute("INSERT OR REPLACE INTO itemData (itemID, fieldID, valueID) VALUES (?, ?, ?)", (rows[0][0], extra, v))
c.commit()
b = sqlite3.connect(sys.argv[2])
b.execute("CREATE TABLE citationkey (itemID NOT NULL, itemKey NOT NULL, libraryID NOT NULL, citationKey NOT NULL, pinned)")
b.execute("INSERT INTO citationkey VALUES (?, ?, ?, 'fromBetterBibtex', 0)", (rows[1][0], rows[1][1], rows[1][2]))
b.commit()
print(json.dumps([r[0] for r in rows]))`,
        file,
        join(dir, 'better-bibtex.sqlite'),
      ),
    ) as number[];
    const library = await readZoteroLibrary(dir);
    const byId = new Map(library.items.map((i) => [i.itemID, i]));
    const [extra, bbt, none] = picked.map((id) => byId.get(id));
    assert.deepEqual([extra?.citationKey, extra?.keySource, extra?.keyGenerated], ['fromExtra1969', 'extra', false]);
    assert.deepEqual([bbt?.citationKey, bbt?.keySource], ['fromBetterBibtex', 'betterBibtex']);
    assert.equal(none?.keySource, 'generated');
    assert.equal(none?.keyGenerated, true);
    // authorYYYYtitleword: the fixture's author is Shelah throughout.
    assert.equal(none?.citationKey.replace(/[a-z]+$/, ''), `shelah${none?.date?.slice(0, 4)}`);
    assert.match(none?.citationKey ?? '', /^shelah\d{4}[a-z]+$/);
    const keys = library.items.map((i) => i.citationKey.toLowerCase());
    assert.equal(new Set(keys).size, keys.length, 'the generated key clashes with no other');
    assert.deepEqual(library.warnings, []);
  });

  it('reads the library without Better BibTeX keys, with a warning, when its database is damaged', async () => {
    const { dir } = fresh();
    writeFileSync(join(dir, 'better-bibtex.sqlite'), 'garbage '.repeat(100));
    const library = await readZoteroLibrary(dir, { attempts: 1 });
    assert.equal(library.items.length, 49);
    assert.equal(library.warnings.length, 1);
    assert.match(library.warnings[0] ?? '', /better-bibtex\.sqlite/);
  });

  it('opens the file picker in the Zotero folder that holds a database, else one that exists, else nowhere', () => {
    const home = mkdtempSync(join(tmpdir(), 'zotero-home-'));
    made.push(home);
    assert.equal(findZoteroDataFolder(home, 'linux', {}), undefined);
    mkdirSync(join(home, '.zotero', 'zotero'), { recursive: true });
    assert.equal(findZoteroDataFolder(home, 'linux', {}), join(home, '.zotero', 'zotero'));
    mkdirSync(join(home, 'Zotero'));
    writeFileSync(join(home, 'Zotero', 'zotero.sqlite'), '');
    assert.equal(findZoteroDataFolder(home, 'linux', {}), join(home, 'Zotero'));
  });
});
