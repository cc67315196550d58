/**
 * Reads the regular items of a Zotero database (`zotero.sqlite`) into
 * {@link ZoteroItem} records. The database is any object with sql.js's
 * `prepare`, so this module stays pure: opening the file is the caller's
 * business (src/node/zoteroLibrary.ts opens a copy of its bytes in memory).
 *
 * Only reads: nothing here writes, even to the in-memory copy.
 *
 * Schema notes (Zotero 5 and later; Zotero 7's custom-field tables are used
 * when present): an item's fields are rows of `itemData` pointing into
 * `itemDataValues`; type-specific fields (`bookTitle`, `proceedingsTitle`,
 * `caseName`, …) map to base fields (`publicationTitle`, `title`) through
 * `baseFieldMappings`; creators are ordered by `itemCreators.orderIndex`, and
 * `itemTypeCreatorTypes.primaryField` marks the type's main creator type.
 */
import { type ZoteroCreator, type ZoteroItem, type ZoteroKeySource } from './zoteroItem';
import { parseZoteroDate } from './zoteroDate';
import { citationKeyFromExtra, claimUniqueKey, extraValue, generatedKeyBase } from './zoteroKeys';

/** A cell value as sql.js returns it. */
export type SqlValue = number | string | Uint8Array | null;

/** The part of a sql.js `Statement` this module uses. */
export interface SqlStatement {
  step(): boolean;
  get(): SqlValue[];
  getColumnNames(): string[];
  free(): boolean;
}

/** The part of a sql.js `Database` this module uses. */
export interface SqlDatabase {
  prepare(sql: string): SqlStatement;
}

/** Thrown when the file is a SQLite database but not one Zotero 5 or later wrote. */
export class ZoteroSchemaError extends Error {
  override readonly name = 'ZoteroSchemaError';
}

/** Keys Better BibTeX holds outside zotero.sqlite (see {@link readBetterBibtexKeys}). */
export interface BetterBibtexKeys {
  /** `libraryID:itemKey` → key, when the table names items by key. */
  readonly byItemKey: ReadonlyMap<string, string>;
  /** itemID → key, when it names them only by row id. */
  readonly byItemID: ReadonlyMap<number, string>;
}

/** The items read, and what a person may want to know about how. */
export interface ZoteroRead {
  readonly items: readonly ZoteroItem[];
  /** Things worth a line in the log: duplicate keys, unusual schema. */
  readonly warnings: readonly string[];
}

const EXCLUDED_TYPES = ['note', 'attachment', 'annotation'];

/**
 * The regular items of the database, in library then item-id order, with
 * their citation keys: Zotero's `citationKey` field, else Extra's
 * `Citation Key:` line, else Better BibTeX's key from `betterBibtex`, else a
 * generated `authorYYYYtitleword` made unique against every other key.
 *
 * @throws {ZoteroSchemaError} when the tables Zotero 5+ always has are missing.
 */
export function readZoteroItems(db: SqlDatabase, betterBibtex?: BetterBibtexKeys): ZoteroRead {
  const tables = new Set(rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => String(r['name'])));
  for (const required of ['items', 'itemTypes', 'itemData', 'itemDataValues', 'fields', 'creators', 'itemCreators', 'creatorTypes']) {
    if (!tables.has(required)) throw new ZoteroSchemaError(`not a Zotero 5 or later database: it has no "${required}" table`);
  }
  if (!columnNames(db, 'creators').has('lastName')) throw new ZoteroSchemaError('a Zotero database from before Zotero 5; open it in a current Zotero once to upgrade it');
  const pick = (combined: string, plain: string): string => (tables.has(combined) ? combined : plain);
  const itemTypes = pick('itemTypesCombined', 'itemTypes');
  const fields = pick('fieldsCombined', 'fields');
  const baseMappings = tables.has('baseFieldMappingsCombined') ? 'baseFieldMappingsCombined' : tables.has('baseFieldMappings') ? 'baseFieldMappings' : undefined;

  const conditions = [`t.typeName NOT IN (${EXCLUDED_TYPES.map((t) => `'${t}'`).join(', ')})`];
  for (const table of ['deletedItems', 'feedItems', 'itemAttachments', 'itemNotes', 'itemAnnotations']) {
    if (tables.has(table)) conditions.push(`i.itemID NOT IN (SELECT itemID FROM ${table})`);
  }
  const libraryTypes = tables.has('libraries') && columnNames(db, 'libraries').has('type');
  if (libraryTypes) conditions.push("i.libraryID NOT IN (SELECT libraryID FROM libraries WHERE type = 'feed')");
  const itemRows = rows(
    db,
    `SELECT i.itemID, i.key, i.libraryID, t.typeName FROM items i JOIN ${itemTypes} t ON t.itemTypeID = i.itemTypeID
     WHERE ${conditions.join(' AND ')} ORDER BY i.libraryID, i.itemID`,
  );
  const kept = new Set(itemRows.map((r) => Number(r['itemID'])));

  const fieldValues = new Map<number, Map<string, { value: string; base: string }>>();
  const baseJoin = baseMappings
    ? `LEFT JOIN ${baseMappings} m ON m.itemTypeID = i.itemTypeID AND m.fieldID = d.fieldID LEFT JOIN ${fields} b ON b.fieldID = m.baseFieldID`
    : '';
  for (const r of eachRow(
    db,
    `SELECT d.itemID, f.fieldName, ${baseMappings ? 'b.fieldName' : 'NULL'} AS baseName, v.value
     FROM itemData d JOIN items i ON i.itemID = d.itemID JOIN ${fields} f ON f.fieldID = d.fieldID
     JOIN itemDataValues v ON v.valueID = d.valueID ${baseJoin}`,
  )) {
    const itemID = Number(r['itemID']);
    if (!kept.has(itemID)) continue;
    const name = String(r['fieldName']);
    const value = r['value'];
    if (value === null || value instanceof Uint8Array) continue;
    getOrAdd(fieldValues, itemID, () => new Map()).set(name, { value: String(value), base: r['baseName'] === null ? name : String(r['baseName']) });
  }

  const creators = new Map<number, (ZoteroCreator & { order: number })[]>();
  const primaryJoin = tables.has('itemTypeCreatorTypes')
    ? 'LEFT JOIN itemTypeCreatorTypes p ON p.itemTypeID = i.itemTypeID AND p.creatorTypeID = ic.creatorTypeID'
    : '';
  for (const r of eachRow(
    db,
    `SELECT ic.itemID, ic.orderIndex, c.firstName, c.lastName, c.fieldMode, ct.creatorType, ${primaryJoin ? 'p.primaryField' : 'NULL'} AS primaryField
     FROM itemCreators ic JOIN items i ON i.itemID = ic.itemID JOIN creators c ON c.creatorID = ic.creatorID
     JOIN creatorTypes ct ON ct.creatorTypeID = ic.creatorTypeID ${primaryJoin}`,
  )) {
    const itemID = Number(r['itemID']);
    if (!kept.has(itemID)) continue;
    const firstName = text(r['firstName']);
    const lastName = text(r['lastName']);
    const singleField = Number(r['fieldMode']) === 1;
    const creatorType = String(r['creatorType']);
    getOrAdd(creators, itemID, () => []).push({
      name: singleField || firstName === '' ? lastName : lastName === '' ? firstName : `${firstName} ${lastName}`,
      firstName,
      lastName,
      singleField,
      creatorType,
      primary: r['primaryField'] === null ? creatorType === 'author' : Number(r['primaryField']) === 1,
      order: Number(r['orderIndex']),
    });
  }

  const tags = new Map<number, string[]>();
  if (tables.has('itemTags') && tables.has('tags')) {
    for (const r of eachRow(db, 'SELECT it.itemID, t.name FROM itemTags it JOIN tags t ON t.tagID = it.tagID')) {
      const itemID = Number(r['itemID']);
      if (kept.has(itemID)) getOrAdd(tags, itemID, () => []).push(String(r['name']));
    }
  }

  const collections = tables.has('collections') && tables.has('collectionItems') ? readCollections(db, tables, kept) : new Map<number, string[][]>();
  const libraryNames = readLibraryNames(db, tables);

  // Keys in two passes: every key the user has first, so a generated key
  // never takes one that a later item owns.
  const drafts = itemRows.map((r) => {
    const itemID = Number(r['itemID']);
    const libraryID = Number(r['libraryID']);
    const itemKey = String(r['key']);
    const values = fieldValues.get(itemID) ?? new Map<string, { value: string; base: string }>();
    const byBase = (base: string): string | undefined => {
      const own = values.get(base)?.value;
      if (own !== undefined && own.trim() !== '') return own.trim();
      for (const { value, base: b } of values.values()) if (b === base && value.trim() !== '') return value.trim();
      return undefined;
    };
    const given = givenKey(values.get('citationKey')?.value, values.get('extra')?.value, betterBibtex, libraryID, itemKey, itemID);
    return { itemID, libraryID, itemKey, itemType: String(r['typeName']), values, byBase, given };
  });
  const taken = new Set<string>();
  const owners = new Map<string, string>();
  const warnings: string[] = [];
  for (const draft of drafts) {
    if (draft.given === undefined) continue;
    const folded = draft.given.key.toLowerCase();
    const owner = owners.get(folded);
    if (owner !== undefined) warnings.push(`citation key "${draft.given.key}" is used by item ${owner} and item ${draft.itemKey}`);
    else owners.set(folded, draft.itemKey);
    taken.add(folded);
  }

  const items = drafts.map((draft): ZoteroItem => {
    const ordered = (creators.get(draft.itemID) ?? []).sort((a, b) => Number(b.primary) - Number(a.primary) || a.order - b.order);
    const title = draft.byBase('title') ?? '';
    const date = parseZoteroDate(draft.byBase('date') ?? '');
    const firstCreator = ordered.find((c) => c.primary) ?? ordered[0];
    const given = draft.given;
    const key: { key: string; source: ZoteroKeySource } =
      given ?? { key: claimUniqueKey(generatedKeyBase({ title, date: date.iso, firstCreator: firstCreator?.lastName || firstCreator?.firstName }), taken), source: 'generated' };
    // Types without a DOI field (a book section, before Zotero 7) keep it in Extra.
    const extra = draft.values.get('extra')?.value;
    const doi = draft.byBase('DOI') ?? (extra === undefined ? undefined : extraValue(extra, 'DOI'));
    const url = draft.byBase('url');
    const container = draft.byBase('publicationTitle');
    return {
      libraryID: draft.libraryID,
      libraryName: libraryNames.get(draft.libraryID) ?? 'My Library',
      itemID: draft.itemID,
      itemKey: draft.itemKey,
      itemType: draft.itemType,
      title,
      creators: ordered.map(({ order: _order, ...creator }) => creator),
      abstract: draft.byBase('abstractNote') ?? '',
      ...(date.iso === undefined ? {} : { date: date.iso }),
      ...(date.text === undefined ? {} : { dateText: date.text }),
      ...(doi === undefined ? {} : { doi }),
      ...(url === undefined ? {} : { url }),
      ...(container === undefined ? {} : { container }),
      tags: (tags.get(draft.itemID) ?? []).sort((a, b) => a.localeCompare(b)),
      collections: collections.get(draft.itemID) ?? [],
      citationKey: key.key,
      keySource: key.source,
      keyGenerated: key.source === 'generated',
      fields: Object.fromEntries([...draft.values].map(([name, { value }]) => [name, value])),
    };
  });
  return { items, warnings };
}

function givenKey(
  field: string | undefined,
  extra: string | undefined,
  betterBibtex: BetterBibtexKeys | undefined,
  libraryID: number,
  itemKey: string,
  itemID: number,
): { key: string; source: ZoteroKeySource } | undefined {
  if (field !== undefined && field.trim() !== '') return { key: field.trim(), source: 'citationKey' };
  const fromExtra = extra === undefined ? undefined : citationKeyFromExtra(extra);
  if (fromExtra !== undefined) return { key: fromExtra, source: 'extra' };
  const fromBbt = betterBibtex?.byItemKey.get(`${libraryID}:${itemKey}`) ?? betterBibtex?.byItemID.get(itemID);
  if (fromBbt !== undefined && fromBbt.trim() !== '') return { key: fromBbt.trim(), source: 'betterBibtex' };
  return undefined;
}

/**
 * Better BibTeX's keys from its own database (`better-bibtex.sqlite`, table
 * `citationkey`). A database without that table (an older Better BibTeX kept
 * its keys elsewhere) gives no keys rather than an error.
 */
export function readBetterBibtexKeys(db: SqlDatabase): BetterBibtexKeys {
  const byItemKey = new Map<string, string>();
  const byItemID = new Map<number, string>();
  const exists = rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'citationkey'").length > 0;
  if (!exists) return { byItemKey, byItemID };
  const columns = columnNames(db, 'citationkey');
  if (!columns.has('citationKey')) return { byItemKey, byItemID };
  const hasKey = columns.has('itemKey') && columns.has('libraryID');
  const hasID = columns.has('itemID');
  const select = ['citationKey', hasKey ? 'itemKey, libraryID' : '', hasID ? 'itemID' : ''].filter((c) => c !== '').join(', ');
  for (const r of eachRow(db, `SELECT ${select} FROM citationkey`)) {
    const key = r['citationKey'];
    if (typeof key !== 'string') continue;
    if (hasKey && r['itemKey'] !== null && r['libraryID'] !== null) byItemKey.set(`${Number(r['libraryID'])}:${String(r['itemKey'])}`, key);
    if (hasID && r['itemID'] !== null) byItemID.set(Number(r['itemID']), key);
  }
  return { byItemKey, byItemID };
}

function readCollections(db: SqlDatabase, tables: ReadonlySet<string>, kept: ReadonlySet<number>): Map<number, string[][]> {
  const deleted = tables.has('deletedCollections') ? new Set(rows(db, 'SELECT collectionID FROM deletedCollections').map((r) => Number(r['collectionID']))) : new Set<number>();
  const byId = new Map<number, { name: string; parent: number | undefined }>();
  for (const r of eachRow(db, 'SELECT collectionID, collectionName, parentCollectionID FROM collections')) {
    byId.set(Number(r['collectionID']), { name: String(r['collectionName']), parent: r['parentCollectionID'] === null ? undefined : Number(r['parentCollectionID']) });
  }
  const paths = new Map<number, string[] | undefined>();
  const pathOf = (id: number): string[] | undefined => {
    if (paths.has(id)) return paths.get(id);
    const path: string[] = [];
    const seen = new Set<number>();
    for (let at: number | undefined = id; at !== undefined; at = byId.get(at)?.parent) {
      const collection = byId.get(at);
      // A collection in the trash hides its subcollections too; a cycle is a damaged database.
      if (collection === undefined || deleted.has(at) || seen.has(at)) {
        paths.set(id, undefined);
        return undefined;
      }
      seen.add(at);
      path.unshift(collection.name);
    }
    paths.set(id, path);
    return path;
  };
  const result = new Map<number, string[][]>();
  for (const r of eachRow(db, 'SELECT collectionID, itemID FROM collectionItems')) {
    const itemID = Number(r['itemID']);
    const path = kept.has(itemID) ? pathOf(Number(r['collectionID'])) : undefined;
    if (path) getOrAdd(result, itemID, () => []).push(path);
  }
  for (const list of result.values()) list.sort((a, b) => a.join('\u0000').localeCompare(b.join('\u0000')));
  return result;
}

function readLibraryNames(db: SqlDatabase, tables: ReadonlySet<string>): Map<number, string> {
  const names = new Map<number, string>();
  if (tables.has('groups') && columnNames(db, 'groups').has('libraryID')) {
    for (const r of eachRow(db, 'SELECT libraryID, name FROM groups')) names.set(Number(r['libraryID']), String(r['name']));
  }
  return names;
}

function columnNames(db: SqlDatabase, table: string): Set<string> {
  return new Set(rows(db, `PRAGMA table_info("${table}")`).map((r) => String(r['name'])));
}

function rows(db: SqlDatabase, sql: string): Record<string, SqlValue>[] {
  return [...eachRow(db, sql)];
}

/**
 * The rows of a query one at a time. Stepping a statement, rather than
 * sql.js's `exec`, keeps a large library's ~100,000 field values from being
 * held twice over (result arrays, then records) before they are used.
 */
function* eachRow(db: SqlDatabase, sql: string): Generator<Record<string, SqlValue>> {
  const statement = db.prepare(sql);
  try {
    const columns = statement.getColumnNames();
    while (statement.step()) {
      const values = statement.get();
      const row: Record<string, SqlValue> = {};
      for (let i = 0; i < columns.length; i += 1) row[columns[i] ?? ''] = values[i] ?? null;
      yield row;
    }
  } finally {
    statement.free();
  }
}

function text(value: SqlValue | undefined): string {
  return typeof value === 'string' ? value : value == null ? '' : String(value);
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
