import { summariseLibrary, type LibrarySummary } from '../../core/library/libraryFormat';
import { parseCommandArgs } from '../cliArgs';
import { type CliCommand } from '../cliIo';
import { openLibrary } from '../libraryView';
import { toJson } from '../textLayout';

const usage = 'report [--json] [--library PATH]';

/** `report`: what the library holds: entries, merges, gaps, organisations, themes. */
export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Summarise the library: entries, merges, undated papers, organisations, themes',
  usage,
  run: async (args, io) => {
    const { values } = parseCommandArgs(args, { json: { type: 'boolean' }, library: { type: 'string' } }, usage, 0);
    const view = await openLibrary(values.library, io);
    const summary = summariseLibrary(view.library);
    io.stdout(values.json ? toJson(summary) : formatReport(summary));
    return 0;
  },
};

/** The human form of a library summary (also printed by `build --report`). */
export function formatReport(summary: LibrarySummary): string {
  const count = (n: number, label: string): string => `  ${String(n).padStart(5)}  ${label}`;
  const lines = [
    'Corpus',
    count(summary.entries, 'entries read from the sources'),
    count(summary.papers, 'distinct papers'),
    count(summary.merged, `papers listed more than once (${summary.duplicateEntries} duplicate entries merged)`),
    count(summary.undated, 'papers without a date'),
    count(summary.withOrganisation, 'papers with an organisation'),
    '',
    `Organisations (${summary.organisations.length})`,
    ...summary.organisations.map((o) => count(o.papers, o.name === o.handle ? o.name : `${o.name} (${o.handle})`)),
    '',
    `Themes (${summary.themes.length})`,
    ...summary.themes.map((t) => count(t.papers, `${t.label}  ${t.id}`)),
  ];
  return `${lines.join('\n')}\n`;
}
