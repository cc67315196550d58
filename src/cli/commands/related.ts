import { parseCommandArgs, parseLimit } from '../cliArgs';
import { CliError, type CliCommand } from '../cliIo';
import { openLibrary } from '../libraryView';
import { formatHits, hitRecords, loadIndex } from '../hits';
import { DEFAULT_COLUMNS, toJson } from '../textLayout';

const usage = 'related <key> [--limit N] [--json] [--library PATH]';

/** `related <key>`: the papers most like this one. */
export const relatedCommand: CliCommand = {
  name: 'related',
  summary: 'List the papers most related to a paper',
  usage,
  run: async (args, io) => {
    const { values, positionals } = parseCommandArgs(args, { limit: { type: 'string' }, json: { type: 'boolean' }, library: { type: 'string' } }, usage, 1);
    const [key] = positionals;
    if (key === undefined) throw new CliError(`related takes one key\nusage: paper-atlas ${usage}`, 2);
    const limit = parseLimit(values.limit, 10);
    const view = await openLibrary(values.library, io);
    const paper = view.paperByKey(key);
    const hits = hitRecords(view, loadIndex(view).related(paper.id, limit));
    io.stdout(values.json ? toJson(hits) : `Related to ${paper.key}: ${paper.title}\n\n${formatHits(hits, io.columns ?? DEFAULT_COLUMNS)}`);
    return 0;
  },
};
