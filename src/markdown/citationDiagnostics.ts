import * as vscode from 'vscode';
import { checkNote, type NoteProblem, type NoteProblemKind } from '../core/markdown/checker';
import { findCitationGroup, removeCitationEdit } from '../core/markdown/citationGroup';
import { formatKey } from '../core/markdown/citationKey';
import { bibliographyPaths, readBibliographyField } from '../core/markdown/frontMatter';
import { quartoBibliography } from '../core/markdown/quartoProject';
import type { Catalog } from '../core/library/catalog';
import { bibliographyKeys } from '../core/bibliography/bibliographyFile';
import { BibliographyCache } from './bibliographyCache';
import { bibliographyUri } from './bibliographySync';
import { PAPER_SCHEME } from './citationDefinition';
import { isMarkdown } from './markdownEditors';
import { readWorkspaceText } from './workspaceText';
import { CommandIds } from '../commands/commandIds';

const severities: Record<NoteProblemKind, vscode.DiagnosticSeverity> = {
  unknownKey: vscode.DiagnosticSeverity.Error,
  keyCase: vscode.DiagnosticSeverity.Error,
  notInBibliography: vscode.DiagnosticSeverity.Warning,
  bibliographyMissing: vscode.DiagnosticSeverity.Error,
  bibliographyInvalid: vscode.DiagnosticSeverity.Error,
  bibliographyUnsupported: vscode.DiagnosticSeverity.Information,
};

const DEBOUNCE_MS = 300;

/** A diagnostic that remembers the problem it reports, for the quick fixes. */
class CitationDiagnostic extends vscode.Diagnostic {
  constructor(
    range: vscode.Range,
    readonly problem: NoteProblem,
    readonly bibliographyUri: vscode.Uri | undefined,
  ) {
    super(range, problem.message, severities[problem.kind]);
    this.source = 'Paper Atlas';
    this.code = problem.kind;
  }
}

/**
 * Checks the citations of open Markdown notes where they stand: keys that no
 * library or bibliography defines, library papers the bibliography lacks,
 * and bibliography files that are missing or do not parse. Checks run after
 * typing pauses, not on every keystroke, and again when a library or a
 * bibliography file changes.
 */
export class CitationDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('paperAtlas');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly cache = new BibliographyCache();

  constructor(
    private readonly catalog: () => Catalog | undefined,
    onLibraryChange: vscode.Event<void>,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/{*.json,*.bib,*.bibtex,*.yaml,*.yml}', false, false, false);
    this.disposables.push(
      this.collection,
      watcher,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.cancel(d);
        this.collection.delete(d.uri);
      }),
      onLibraryChange(() => this.checkAll()),
      watcher.onDidChange(() => this.checkAll()),
      watcher.onDidCreate(() => this.checkAll()),
      watcher.onDidDelete(() => this.checkAll()),
    );
    this.checkAll();
  }

  /** Checks one note now; resolves with its diagnostics (the tests wait on this). */
  async check(document: vscode.TextDocument): Promise<readonly vscode.Diagnostic[]> {
    const catalog = this.catalog();
    if (!isChecked(document) || document.isClosed || !catalog) return [];
    const text = document.getText();
    const folder = vscode.Uri.joinPath(document.uri, '..');
    const bibliographies = new Map<string, string | undefined>();
    const folders = new Set<string>();
    const uris = new Map<string, vscode.Uri>();
    const load = async (path: string, base: vscode.Uri) => {
      const uri = bibliographyUri(base, path);
      uris.set(path, uri);
      if (await isFolder(uri)) folders.add(path);
      bibliographies.set(path, await this.cache.text(uri).catch(() => undefined));
    };
    // A note that names no bibliography uses its Quarto project's, as Quarto does.
    const project = readBibliographyField(text) === undefined ? await quartoProjectOf(folder) : undefined;
    if (project) for (const path of project.paths) await load(path, project.root);
    else for (const path of bibliographyPaths(text)) await load(path, folder);
    // The note changed while its bibliographies were read; the check scheduled by that change will report.
    if (document.getText() !== text) return this.collection.get(document.uri) ?? [];
    const keysOf = (path: string, bibliography: string) => {
      const uri = uris.get(path);
      return uri ? this.cache.keys(uri, path, bibliography) : bibliographyKeys(path, bibliography);
    };
    const diagnostics = checkNote(text, { libraryKeys: catalog.keys(), bibliographies, folders, keysOf, ...(project ? { project: { file: project.file, paths: project.paths } } : {}) }).map((problem) => {
      const range = new vscode.Range(problem.line, problem.col, problem.line, problem.endCol);
      return new CitationDiagnostic(range, problem, problem.bibliography ? uris.get(problem.bibliography) : undefined);
    });
    this.collection.set(document.uri, diagnostics);
    return diagnostics;
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }

  private checkAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (!isChecked(document)) return;
    this.cancel(document);
    const key = document.uri.toString();
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.check(document);
      }, delay),
    );
  }

  private cancel(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }
}

/** Notes the user writes; the read-only paper documents behind Go to Definition are not checked. */
function isChecked(document: vscode.TextDocument): boolean {
  return isMarkdown(document) && document.uri.scheme !== PAPER_SCHEME;
}

/** Quick fixes for Paper Atlas's diagnostics. */
export class CitationQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (!(diagnostic instanceof CitationDiagnostic)) continue;
      const { problem } = diagnostic;
      switch (problem.kind) {
        case 'unknownKey':
        case 'keyCase':
          problem.suggestions.forEach((key, index) => {
            const action = new vscode.CodeAction(`Change to @${key}`, vscode.CodeActionKind.QuickFix);
            action.edit = new vscode.WorkspaceEdit();
            action.edit.replace(document.uri, diagnostic.range, formatKey(key));
            action.diagnostics = [diagnostic];
            action.isPreferred = index === 0;
            // A library paper chosen here also needs its bibliography entry.
            action.command = { command: CommandIds.addToBibliography, title: 'Add to Bibliography', arguments: [document.uri, key] };
            actions.push(action);
          });
          if (problem.kind === 'unknownKey' && problem.key) actions.push(...unknownKeyActions(document, diagnostic, problem.key));
          break;
        case 'notInBibliography': {
          const action = new vscode.CodeAction(`Add @${problem.key ?? ''} to the bibliography`, vscode.CodeActionKind.QuickFix);
          action.command = { command: CommandIds.addToBibliography, title: 'Add to Bibliography', arguments: [document.uri, problem.key] };
          action.diagnostics = [diagnostic];
          action.isPreferred = true;
          actions.push(action);
          break;
        }
        case 'bibliographyInvalid':
          if (diagnostic.bibliographyUri && problem.bibliographyError) {
            const { line, col } = problem.bibliographyError;
            const action = new vscode.CodeAction(`Open ${problem.bibliography ?? 'the bibliography'} where it does not parse`, vscode.CodeActionKind.QuickFix);
            const at = new vscode.Position(line, col);
            action.command = { command: 'vscode.open', title: 'Open', arguments: [diagnostic.bibliographyUri, { selection: new vscode.Range(at, at) }] };
            action.diagnostics = [diagnostic];
            actions.push(action);
          }
          break;
        default:
          break;
      }
    }
    return actions;
  }
}

/**
 * For a key nothing defines: search the library for it (Insert Citation
 * with the key as the query, replacing the citation) or remove the citation.
 */
function unknownKeyActions(document: vscode.TextDocument, diagnostic: CitationDiagnostic, key: string): vscode.CodeAction[] {
  const text = document.getText();
  const at = diagnostic.problem.start;
  const group = findCitationGroup(text, at);
  // The only key of a group is replaced with the whole group; one of several, in place; a bare key keeps its form.
  const replace = group && group.items.length === 1 ? { start: group.start, end: group.end } : { start: at, end: diagnostic.problem.end };
  const search = new vscode.CodeAction(`Search the library for '${key}'`, vscode.CodeActionKind.QuickFix);
  search.diagnostics = [diagnostic];
  search.command = {
    command: CommandIds.insertCitation,
    title: 'Insert Citation',
    arguments: [
      {
        uri: document.uri,
        query: key,
        replace: new vscode.Range(document.positionAt(replace.start), document.positionAt(replace.end)),
        ...(group ? {} : { style: 'authorInText' }),
      },
    ],
  };
  const actions = [search];
  const removal = removeCitationEdit(text, at);
  if (removal) {
    const remove = new vscode.CodeAction('Remove citation', vscode.CodeActionKind.QuickFix);
    remove.diagnostics = [diagnostic];
    remove.edit = new vscode.WorkspaceEdit();
    remove.edit.delete(document.uri, new vscode.Range(document.positionAt(removal.start), document.positionAt(removal.end)));
    actions.push(remove);
  }
  return actions;
}

async function isFolder(uri: vscode.Uri): Promise<boolean> {
  try {
    return (await vscode.workspace.fs.stat(uri)).type === vscode.FileType.Directory;
  } catch {
    return false;
  }
}

/**
 * The Quarto project a note's folder is in: the nearest folder, from the
 * note's own up to its workspace folder, holding a `_quarto.yml` that names
 * a bibliography.
 */
async function quartoProjectOf(folder: vscode.Uri): Promise<{ root: vscode.Uri; file: string; paths: readonly string[] } | undefined> {
  const top = vscode.workspace.getWorkspaceFolder(folder)?.uri;
  if (!top) return undefined;
  for (let dir = folder; ; dir = vscode.Uri.joinPath(dir, '..')) {
    const file = vscode.Uri.joinPath(dir, '_quarto.yml');
    const text = await readWorkspaceText(file).catch(() => undefined);
    if (text !== undefined) {
      const config = quartoBibliography(text);
      return config.ok && config.paths.length > 0 ? { root: dir, file: vscode.workspace.asRelativePath(file), paths: config.paths } : undefined;
    }
    if (dir.path === top.path || dir.path === '/' || !dir.path.startsWith(top.path)) return undefined;
  }
}
