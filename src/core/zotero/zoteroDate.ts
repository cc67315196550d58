/**
 * Zotero stores a date as `YYYY-MM-DD original text` (its "multipart" form):
 * the part it understood, with `00` for what it could not, then what the user
 * typed. `1970-00-00 1970`, `2021-05-00 May 2021`, `0000-00-00 sometime`.
 */

/** A Zotero date split into the part Zotero parsed and the text as typed. */
export interface ZoteroDate {
  /** Partial ISO: `1970`, `1970-05` or `1970-05-12`; absent without a year. */
  readonly iso?: string;
  /** What the user typed; absent when the value was empty. */
  readonly text?: string;
}

/** Splits a stored Zotero date value (see the module comment). */
export function parseZoteroDate(value: string): ZoteroDate {
  const multipart = /^(\d{4})-(\d{2})-(\d{2})(?: (.*))?$/s.exec(value);
  if (!multipart) {
    // Not in Zotero's stored form (an import that bypassed Zotero's parser):
    // keep the text and take a year only if one stands alone in it (`1850s`
    // is a decade, not the year 1850).
    const text = value.trim();
    const year = /(?:^|[^\p{L}\p{N}])(\d{4})(?=$|[^\p{L}\p{N}])/u.exec(text)?.[1];
    return { ...(year === undefined ? {} : { iso: year }), ...(text === '' ? {} : { text }) };
  }
  const [, year = '0000', month = '00', day = '00', typed] = multipart;
  const text = typed?.trim() ?? '';
  let iso: string | undefined;
  if (year !== '0000') iso = month === '00' ? year : day === '00' ? `${year}-${month}` : `${year}-${month}-${day}`;
  return { ...(iso === undefined ? {} : { iso }), ...(text === '' ? {} : { text }) };
}
