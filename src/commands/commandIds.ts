/**
 * Every command id Paper Atlas registers, in one place: package.json's
 * `contributes.commands` lists the same ids (a unit test keeps the two in
 * step), and code that runs a command names it from here.
 */
export const CommandIds = {
  search: 'paperAtlas.search',
  insertCitation: 'paperAtlas.insertCitation',
  insertCitationAs: 'paperAtlas.insertCitationAs',
  addToBibliography: 'paperAtlas.addToBibliography',
  openPaper: 'paperAtlas.openPaper',
  revealPaper: 'paperAtlas.revealPaper',
  revealTheme: 'paperAtlas.revealTheme',
  refresh: 'paperAtlas.refresh',
  showRelated: 'paperAtlas.showRelated',
  showLog: 'paperAtlas.showLog',
  toggleBundledCorpus: 'paperAtlas.toggleBundledCorpus',
  togglePaperPin: 'paperAtlas.togglePaperPin',
  copyCitationKey: 'paperAtlas.copyCitationKey',
  copyBibtex: 'paperAtlas.copyBibtex',
  copyCslJson: 'paperAtlas.copyCslJson',
  groupBy: 'paperAtlas.groupBy',
  groupByTheme: 'paperAtlas.groupByTheme',
  groupByOrganisation: 'paperAtlas.groupByOrganisation',
  groupByYear: 'paperAtlas.groupByYear',
  sortBy: 'paperAtlas.sortBy',
  sortByUpvotes: 'paperAtlas.sortByUpvotes',
  sortByDate: 'paperAtlas.sortByDate',
  sortByTitle: 'paperAtlas.sortByTitle',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

/** VS Code's own command that focuses the Papers view. */
export const FOCUS_PAPERS_VIEW = 'paperAtlas.papers.focus';
