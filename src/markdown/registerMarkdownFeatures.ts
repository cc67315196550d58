import * as vscode from 'vscode';
import type { Catalog } from '../core/library/catalog';
import type { PaperSearch } from '../core/search/paperSearch';
import type { RecentPapers } from '../libraries/recentPapers';
import { configuredStyle } from '../commands/insertCitation';
import { PAPERS_MIME } from '../views/papersView';
import type { BibliographySync } from './bibliographySync';
import { CitationCompletionProvider } from './citationCompletion';
import { CitationDefinitionProvider, PAPER_SCHEME } from './citationDefinition';
import { CitationDiagnostics, CitationQuickFixes } from './citationDiagnostics';
import { CitationHoverProvider } from './citationHover';
import { CitationReferenceProvider } from './citationReferences';
import { PaperDropProvider } from './paperDropProvider';

/** What the Markdown language features read. */
export interface MarkdownServices {
  readonly catalog: () => Catalog | undefined;
  /** Fires after every library reload. */
  readonly onLibraryChange: vscode.Event<void>;
  readonly search: PaperSearch;
  readonly recent: RecentPapers;
  readonly bibliography: BibliographySync;
}

/**
 * Citations in Markdown notes: completion after `@`, hovers, Go to Definition
 * and References on keys, diagnostics with quick fixes, and dropping papers
 * from the tree. Dispose the result to unregister them all.
 */
export function registerMarkdownFeatures(s: MarkdownServices): vscode.Disposable {
  const markdown: vscode.DocumentSelector = { language: 'markdown' };
  const definitions = new CitationDefinitionProvider(s.catalog);
  return vscode.Disposable.from(
    definitions,
    new CitationDiagnostics(s.catalog, s.onLibraryChange),
    vscode.languages.registerCodeActionsProvider(markdown, new CitationQuickFixes(), { providedCodeActionKinds: CitationQuickFixes.kinds }),
    vscode.languages.registerCompletionItemProvider(markdown, new CitationCompletionProvider(s.catalog, s.search, s.recent), '@'),
    vscode.languages.registerHoverProvider(markdown, new CitationHoverProvider(s.catalog)),
    vscode.languages.registerDefinitionProvider(markdown, definitions),
    vscode.languages.registerReferenceProvider(markdown, new CitationReferenceProvider()),
    vscode.workspace.registerTextDocumentContentProvider(PAPER_SCHEME, definitions),
    vscode.languages.registerDocumentDropEditProvider(markdown, new PaperDropProvider(s.catalog, s.bibliography, configuredStyle), {
      providedDropEditKinds: [PaperDropProvider.kind],
      dropMimeTypes: [PAPERS_MIME],
    }),
  );
}
