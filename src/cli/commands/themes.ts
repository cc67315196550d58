import { parseCommandArgs } from '../cliArgs';
import { type CliCommand } from '../cliIo';
import { openLibrary } from '../libraryView';
import { DEFAULT_COLUMNS, toJson, truncate } from '../textLayout';

const usage = 'themes [--json] [--library PATH]';

/** `themes`: every theme with the papers whose primary theme it is. */
export const themesCommand: CliCommand = {
  name: 'themes',
  summary: 'List the themes and the papers in each',
  usage,
  run: async (args, io) => {
    const { values } = parseCommandArgs(args, { json: { type: 'boolean' }, library: { type: 'string' } }, usage, 0);
    const view = await openLibrary(values.library, io);
    const themes = view.library.themes.themes.map((theme) => ({
      id: theme.id,
      label: theme.label,
      terms: theme.terms,
      papers: theme.paperIds.map((id) => view.paperById(id)),
    }));
    if (values.json) {
      io.stdout(toJson(themes.map((t) => ({ id: t.id, label: t.label, papers: t.papers.map((p) => p.key) }))));
      return 0;
    }
    const columns = io.columns ?? DEFAULT_COLUMNS;
    const keyWidth = Math.max(...view.library.papers.map((p) => p.key.length));
    const blocks = themes.map((t) => {
      const heading = `${t.label}  (${t.papers.length} papers)  ${t.id}`;
      const terms = t.terms.length > 0 ? `\n  ${truncate(t.terms.slice(0, 8).join(', '), columns - 2)}` : '';
      const rows = t.papers.map((p) => `    ${p.key.padEnd(keyWidth)}  ${truncate(p.title, Math.max(20, columns - keyWidth - 6))}`);
      return `${heading}${terms}\n${rows.join('\n')}`;
    });
    io.stdout(`${blocks.join('\n\n')}\n`);
    return 0;
  },
};
