import { toBibtexFile } from '../../core/cite/bibtex';
import { toCslJsonFile } from '../../core/cite/cslJson';
import { citationText } from '../../core/markdown/citationText';
import { oneOf, parseCommandArgs } from '../cliArgs';
import { CliError, type CliCommand } from '../cliIo';
import { openLibrary } from '../libraryView';

const usage = 'cite <key…> [--style pandoc|bibtex|csl-json] [--library PATH]';
const STYLES = ['pandoc', 'bibtex', 'csl-json'] as const;

/** `cite <key…>`: a Pandoc citation, or the papers' BibTeX or CSL-JSON entries. */
export const citeCommand: CliCommand = {
  name: 'cite',
  summary: 'Print a Pandoc citation [@a; @b], or BibTeX / CSL-JSON entries',
  usage,
  run: async (args, io) => {
    const { values, positionals } = parseCommandArgs(args, { style: { type: 'string', default: 'pandoc' }, library: { type: 'string' } }, usage);
    const style = oneOf('--style', values.style, STYLES);
    if (positionals.length === 0) throw new CliError(`cite needs at least one key\nusage: paper-atlas ${usage}`, 2);
    const view = await openLibrary(values.library, io);
    const papers = positionals.map((key) => view.paperByKey(key));
    io.stdout(style === 'pandoc' ? `${citationText(papers, 'pandoc').text}\n` : style === 'bibtex' ? toBibtexFile(papers) : toCslJsonFile(papers));
    return 0;
  },
};
