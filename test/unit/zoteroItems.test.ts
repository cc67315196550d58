import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { type Database } from 'sql.js';
import { readZoteroItems } from '../../src/core/zotero/readZoteroItems';
import { zoteroTypeToBibtex, zoteroTypeToCsl } from '../../src/core/zotero/zoteroEntryType';
import { zoteroDataFolderCandidates } from '../../src/core/zotero/zoteroDataFolder';
import { parseZoteroDate } from '../../src/core/zotero/zoteroDate';
import { type ZoteroItem } from '../../src/core/zotero/zoteroItem';
import { citationKeyFromExtra, claimUniqueKey, extraValue, generatedKeyBase } from '../../src/core/zotero/zoteroKeys';
import { zoteroItemToPaper } from '../../src/core/zotero/zoteroPaper';
import { defaultSqlWasmPath, openZoteroDatabase } from '../../src/node/zoteroLibrary';

/** The real Zotero database: committed under test/fixtures/real on main, else the shared copy it came from. */
const FIXTURE = [
  join(__dirname, '..', 'fixtures', 'real', 'bbt-profile-zotero.sqlite'),
  join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'real', 'bbt-profile-zotero.sqlite'),
].find((path) => existsSync(path)) ?? join(__dirname, '..', 'fixtures', 'real', 'bbt-profile-zotero.sqlite');

describe('Zotero dates', () => {
  it('takes the part Zotero parsed, dropping unknown month and day', () => {
    assert.deepEqual(parseZoteroDate('1970-00-00 1970'), { iso: '1970', text: '1970' });
    assert.deepEqual(parseZoteroDate('2021-05-00 May 2021'), { iso: '2021-05', text: 'May 2021' });
    assert.deepEqual(parseZoteroDate('2021-05-07 7 May 2021'), { iso: '2021-05-07', text: '7 May 2021' });
    assert.deepEqual(parseZoteroDate('0000-00-00 sometime'), { text: 'sometime' });
    assert.deepEqual(parseZoteroDate(''), {});
  });

  it('finds a lone year in a value not in Zotero’s stored form', () => {
    assert.deepEqual(parseZoteroDate('circa 1850s'), { text: 'circa 1850s' });
    assert.deepEqual(parseZoteroDate('Spring 1998'), { iso: '1998', text: 'Spring 1998' });
  });
});

describe('Zotero citation keys', () => {
  it("reads the Extra field's Citation Key line, wherever it is and in any case", () => {
    assert.equal(citationKeyFromExtra('Citation Key: smith2020'), 'smith2020');
    assert.equal(citationKeyFromExtra('PMID: 123\r\ncitation key:  doe1999a \nother: x'), 'doe1999a');
    assert.equal(citationKeyFromExtra('tex.xref= welker_andreas_1999'), undefined);
    assert.equal(citationKeyFromExtra('Citation Key: two words'), undefined);
  });

  it('reads other Extra lines by name, such as a DOI on a type without a DOI field', () => {
    assert.equal(extraValue('Original date: 1960\nDOI: 10.1000/xyz', 'DOI'), '10.1000/xyz');
    assert.equal(extraValue('doi:10.1/a', 'DOI'), '10.1/a');
    assert.equal(extraValue('PMID: 123', 'DOI'), undefined);
  });

  it('makes authorYYYYtitleword from folded ASCII, skipping stop words', () => {
    assert.equal(generatedKeyBase({ firstCreator: 'Gödel', date: '1931-00', title: 'On Formally Undecidable Propositions' }), 'godel1931formally');
    assert.equal(generatedKeyBase({ firstCreator: 'van der Waerden', date: '1927', title: 'The proof' }), 'van1927proof');
    assert.equal(generatedKeyBase({ title: 'A Study' }), 'study');
    assert.equal(generatedKeyBase({ title: '' }), 'item');
  });

  it('never hands out a key twice, ignoring case', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('shelah1970', 'Shelah1970', 'doe', 'doea', 'item'), { maxLength: 60 }), (bases) => {
        const taken = new Set<string>();
        const keys = bases.map((base) => claimUniqueKey(base, taken));
        assert.equal(new Set(keys.map((k) => k.toLowerCase())).size, keys.length);
        keys.forEach((key, i) => assert.ok(key.startsWith(bases[i] ?? '')));
      }),
    );
    const taken = new Set(['doe2000']);
    assert.deepEqual(['doe2000', 'doe2000', 'doe2000'].map((b) => claimUniqueKey(b, taken)), ['doe2000a', 'doe2000b', 'doe2000c']);
  });
});

describe('Zotero data folder candidates', () => {
  it('starts in ~/Zotero on Linux and macOS, then the old profile folders', () => {
    assert.deepEqual(zoteroDataFolderCandidates('/home/ada', 'linux', {}), ['/home/ada/Zotero', '/home/ada/.zotero/zotero']);
    assert.deepEqual(zoteroDataFolderCandidates('/Users/ada/', 'darwin', {}), ['/Users/ada/Zotero', '/Users/ada/Library/Application Support/Zotero/Profiles']);
  });

  it('starts in %USERPROFILE%\\Zotero on Windows, once even when home is the same folder', () => {
    assert.deepEqual(zoteroDataFolderCandidates('C:\\Users\\Ada', 'win32', { USERPROFILE: 'C:\\Users\\ada', APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }), [
      'C:\\Users\\ada\\Zotero',
      'C:\\Users\\ada\\AppData\\Roaming\\Zotero\\Zotero\\Profiles',
    ]);
    assert.deepEqual(zoteroDataFolderCandidates('D:\\home', 'win32', {}), ['D:\\home\\Zotero']);
  });
});

describe('Zotero item types as citation types', () => {
  it('maps the common types and falls back for the rest', () => {
    assert.deepEqual(
      ['journalArticle', 'bookSection', 'conferencePaper', 'thesis', 'preprint', 'toString', 'customThing'].map((t) => [zoteroTypeToBibtex(t), zoteroTypeToCsl(t)]),
      [
        ['article', 'article-journal'],
        ['incollection', 'chapter'],
        ['inproceedings', 'paper-conference'],
        ['phdthesis', 'thesis'],
        ['misc', 'article'],
        ['misc', 'document'],
        ['misc', 'document'],
      ],
    );
  });
});

describe('Zotero items to papers', () => {
  const item: ZoteroItem = {
    libraryID: 1,
    libraryName: 'My Library',
    itemID: 7,
    itemKey: 'ABCD2345',
    itemType: 'journalArticle',
    title: 'Stable theories',
    creators: [
      { name: 'Saharon Shelah', firstName: 'Saharon', lastName: 'Shelah', singleField: false, creatorType: 'author', primary: true },
      { name: 'E. Ditor', firstName: 'E.', lastName: 'Ditor', singleField: false, creatorType: 'editor', primary: false },
    ],
    abstract: 'About stability.',
    date: '1969',
    tags: [],
    collections: [],
    citationKey: 'shelah1969',
    keySource: 'citationKey',
    keyGenerated: false,
    fields: {},
  };

  it('names the paper by library and item key, and counts only the authors', () => {
    assert.deepEqual(zoteroItemToPaper(item, 'zotero.sqlite'), {
      id: 'zotero-1-ABCD2345',
      key: 'shelah1969',
      title: 'Stable theories',
      abstract: 'About stability.',
      authorCount: 1,
      date: '1969',
      sources: ['zotero.sqlite'],
    });
  });

  it('gives an untitled item a title that says which item it is', () => {
    assert.equal(zoteroItemToPaper({ ...item, title: '' }, 'zotero.sqlite').title, 'Untitled journalArticle ABCD2345');
  });
});

describe('readZoteroItems on an edited copy of the real fixture (in memory)', function () {
  this.timeout(20000);
  let db: Database;
  beforeEach(async () => {
    db = await openZoteroDatabase(readFileSync(FIXTURE), defaultSqlWasmPath());
  });
  afterEach(() => db.close());
  const itemWithKey = (key: string): number => Number(db.exec(`SELECT d.itemID FROM itemData d JOIN itemDataValues v USING(valueID) WHERE v.value = '${key}'`)[0]?.values[0]?.[0]);

  it('lists authors before editors, each in Zotero order, whatever order they were entered in', () => {
    const id = itemWithKey('shelah1969');
    db.run(`INSERT INTO creators (firstName, lastName, fieldMode) VALUES ('Ed', 'Itor', 0), ('', 'Logic Institute', 1)`);
    db.run(`UPDATE itemCreators SET orderIndex = 2 WHERE itemID = ${id}`);
    db.run(`INSERT INTO itemCreators (itemID, creatorID, creatorTypeID, orderIndex)
      SELECT ${id}, creatorID, (SELECT creatorTypeID FROM creatorTypes WHERE creatorType = 'editor'), 0 FROM creators WHERE lastName = 'Itor'`);
    db.run(`INSERT INTO itemCreators (itemID, creatorID, creatorTypeID, orderIndex)
      SELECT ${id}, creatorID, (SELECT creatorTypeID FROM creatorTypes WHERE creatorType = 'author'), 3 FROM creators WHERE lastName = 'Logic Institute'`);
    const item = readZoteroItems(db).items.find((i) => i.itemID === id);
    assert.deepEqual(
      item?.creators.map((c) => [c.name, c.creatorType, c.primary]),
      [
        ['Saharon Shelah', 'author', true],
        ['Logic Institute', 'author', true],
        ['Ed Itor', 'editor', false],
      ],
    );
  });

  it('gives collections as paths from the top, leaving out collections in the trash', () => {
    const id = itemWithKey('shelah1969');
    db.run(`INSERT INTO collections (collectionID, collectionName, parentCollectionID, libraryID, key) VALUES
      (1, 'Logic', NULL, 1, 'COLL0001'), (2, 'Model theory', 1, 1, 'COLL0002'), (3, 'Old', NULL, 1, 'COLL0003'), (4, 'Older', 3, 1, 'COLL0004')`);
    db.run(`INSERT INTO collectionItems (collectionID, itemID) VALUES (2, ${id}), (1, ${id}), (4, ${id})`);
    db.run('INSERT INTO deletedCollections (collectionID) VALUES (3)');
    const item = readZoteroItems(db).items.find((i) => i.itemID === id);
    assert.deepEqual(item?.collections, [['Logic'], ['Logic', 'Model theory']]);
  });

  it('reads tags, DOI, URL and abstract, and names a group library by the group', () => {
    const id = itemWithKey('shelah1969');
    const field = (name: string): number => Number(db.exec(`SELECT fieldID FROM fields WHERE fieldName = '${name}'`)[0]?.values[0]?.[0]);
    db.run(`INSERT INTO itemDataValues (value) VALUES ('10.1007/BF02771581'), ('https://example.org/stable'), ('We study stability.')`);
    for (const [name, value] of [['DOI', '10.1007/BF02771581'], ['url', 'https://example.org/stable'], ['abstractNote', 'We study stability.']]) {
      db.run(`INSERT INTO itemData (itemID, fieldID, valueID) SELECT ${id}, ${field(name ?? '')}, valueID FROM itemDataValues WHERE value = '${value}'`);
    }
    db.run(`INSERT INTO tags (tagID, name) VALUES (1, 'stability'), (2, 'classification')`);
    db.run(`INSERT INTO itemTags (itemID, tagID, type) VALUES (${id}, 1, 0), (${id}, 2, 1)`);
    db.run(`UPDATE items SET libraryID = 2 WHERE itemID = ${id}`);
    const section = readZoteroItems(db).items.find((i) => i.itemType === 'bookSection');
    assert.ok(section);
    db.run(`INSERT INTO itemDataValues (value) VALUES ('Original date: 1970\nDOI: 10.1000/section')`);
    db.run(`INSERT INTO itemData (itemID, fieldID, valueID) SELECT ${section.itemID}, ${field('extra')}, valueID FROM itemDataValues WHERE value LIKE 'Original date: 1970%'`);
    const read = readZoteroItems(db).items;
    assert.equal(read.find((i) => i.itemID === section.itemID)?.doi, '10.1000/section');
    const item = read.find((i) => i.itemID === id);
    assert.equal(item?.doi, '10.1007/BF02771581');
    assert.equal(item?.url, 'https://example.org/stable');
    assert.equal(item?.abstract, 'We study stability.');
    assert.deepEqual(item?.tags, ['classification', 'stability']);
    assert.equal(item?.libraryName, 'better-bibtex');
  });

  it('warns about a citation key two items share, and keeps both', () => {
    db.run(`UPDATE itemData SET valueID = (SELECT valueID FROM itemDataValues WHERE value = 'shelah1969')
      WHERE itemID = (SELECT d.itemID FROM itemData d JOIN itemDataValues v USING(valueID) WHERE v.value = 'shelah1969a') AND fieldID = (SELECT fieldID FROM fields WHERE fieldName = 'citationKey')`);
    const read = readZoteroItems(db);
    assert.equal(read.items.filter((i) => i.citationKey === 'shelah1969').length, 2);
    assert.equal(read.warnings.length, 1);
    assert.match(read.warnings[0] ?? '', /"shelah1969"/);
  });
});
