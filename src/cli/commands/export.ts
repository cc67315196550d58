import { toBibtexFile } from '../../core/cite/bibtex';
import { toCslJsonFile } from '../../core/cite/cslJson';
import { oneOf, parseCommandArgs } from '../cliArgs';
import { type CliCommand } from '../cliIo';
import { openLibrary, paperRecord } from '../libraryView';
import { toJson } from '../textLayout';

const usage = 'export [--format json|csl-json|bibtex] [--library PATH]';
const FORMATS = ['json', 'csl-json', 'bibtex'] as const;

/** `export`: the whole library as JSON records, CSL-JSON or BibTeX on stdout. */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Print every paper as JSON records, CSL-JSON or BibTeX',
  usage,
  run: async (args, io) => {
    const { values } = parseCommandArgs(args, { format: { type: 'string', default: 'json' }, library: { type: 'string' } }, usage, 0);
    const format = oneOf('--format', values.format, FORMATS);
    const view = await openLibrary(values.library, io);
    const papers = view.library.papers;
    io.stdout(format === 'json' ? toJson(papers.map((p) => paperRecord(view, p))) : format === 'bibtex' ? toBibtexFile(papers) : toCslJsonFile(papers));
    return 0;
  },
};
