import { parseCommandArgs } from '../cliArgs';
import { CliError, type CliCommand } from '../cliIo';
import { openLibrary, paperRecord, type PaperRecord } from '../libraryView';
import { DEFAULT_COLUMNS, toJson, wrap } from '../textLayout';

const usage = 'show <key> [--json] [--library PATH]';

/** `show <key>`: one paper's full record. */
export const showCommand: CliCommand = {
  name: 'show',
  summary: 'Show a paper: title, abstract, date, organisation, theme and sources',
  usage,
  run: async (args, io) => {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, library: { type: 'string' } }, usage, 1);
    const [key] = positionals;
    if (key === undefined) throw new CliError(`show takes one key\nusage: paper-atlas ${usage}`, 2);
    const view = await openLibrary(values.library, io);
    const record = paperRecord(view, view.paperByKey(key));
    io.stdout(values.json ? toJson(record) : formatRecord(record, io.columns ?? DEFAULT_COLUMNS));
    return 0;
  },
};

/** The human form: a heading, aligned facts, then the wrapped abstract. */
export function formatRecord(record: PaperRecord, columns: number): string {
  const width = Math.min(columns, 100);
  const facts: [string, string | undefined][] = [
    ['Key', record.key],
    ['Date', record.date === undefined ? 'unknown' : record.date + (record.upvotes === undefined ? '' : `  (${record.upvotes} upvotes)`)],
    ['Authors', record.authors !== undefined ? record.authors.join(', ') : record.authorCount === undefined ? undefined : String(record.authorCount)],
    ['Venue', record.venue],
    ['DOI', record.doi],
    ['URL', record.url],
    ['Org', record.org === undefined ? undefined : record.org.name === record.org.handle ? record.org.name : `${record.org.name} (${record.org.handle})`],
    ['Theme', record.theme],
    ['Sources', (record.locations ?? record.sources.map((file) => ({ file, line: undefined }))).map((l) => (l.line === undefined ? l.file : `${l.file}:${l.line}`)).join(', ')],
  ];
  const lines = facts.flatMap(([name, value]) => (value === undefined ? [] : [`  ${name.padEnd(8)} ${value}`]));
  return `${wrap(record.title, width)}\n\n${lines.join('\n')}\n\n${wrap(record.abstract, width, '  ')}\n`;
}
