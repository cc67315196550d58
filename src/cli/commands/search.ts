import { parseCommandArgs, parseLimit } from '../cliArgs';
import { CliError, type CliCommand } from '../cliIo';
import { openLibrary } from '../libraryView';
import { formatHits, hitRecords, loadIndex } from '../hits';
import { DEFAULT_COLUMNS, toJson } from '../textLayout';

const usage = 'search <query> [--limit N] [--json] [--library PATH]';

/** `search <query>`: papers ranked by the search index, best first. */
export const searchCommand: CliCommand = {
  name: 'search',
  summary: 'Search titles and abstracts, best matches first',
  usage,
  run: async (args, io) => {
    const { values, positionals } = parseCommandArgs(args, { limit: { type: 'string' }, json: { type: 'boolean' }, library: { type: 'string' } }, usage);
    // Words may be given unquoted: `search policy optimization`.
    const query = positionals.join(' ').trim();
    if (query === '') throw new CliError(`search needs a query\nusage: paper-atlas ${usage}`, 2);
    const limit = parseLimit(values.limit, 10);
    const view = await openLibrary(values.library, io);
    const hits = hitRecords(view, loadIndex(view).search(query, { limit }));
    io.stdout(values.json ? toJson(hits) : formatHits(hits, io.columns ?? DEFAULT_COLUMNS));
    return 0;
  },
};
