import * as vscode from 'vscode';
import type { CatalogPaper } from '../core/library/catalog';
import type { GroupMode, SortMode } from '../core/library/grouping';
import type { LibraryService } from '../libraries/libraryService';
import { PapersTreeProvider, type PapersNode } from './papersTree';
import type { PapersViewState } from './papersViewState';

const groupLabels: Record<GroupMode, string> = { theme: 'theme', organisation: 'organization', year: 'year' };
const sortLabels: Record<SortMode, string> = { upvotes: 'most upvoted', date: 'newest', title: 'A–Z' };

/** MIME type under which dragged papers travel (their citation keys, JSON). */
export const PAPERS_MIME = 'application/vnd.paperatlas.papers';

/**
 * The Papers view: the tree, its drag source, and the message line that
 * reports libraries that failed to load.
 */
export class PapersView implements vscode.Disposable {
  readonly provider: PapersTreeProvider;
  readonly treeView: vscode.TreeView<PapersNode>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly library: LibraryService,
    private readonly state: PapersViewState,
  ) {
    const model = {
      get catalog() {
        return library.catalog;
      },
      get groupMode() {
        return state.groupMode;
      },
      get sortMode() {
        return state.sortMode;
      },
      // The tree listens to the library and the arrangement itself: no relay through this view.
      onDidChange: anyOf(library.onDidChange, state.onDidChange),
    };
    this.provider = new PapersTreeProvider(model);
    this.treeView = vscode.window.createTreeView('paperAtlas.papers', {
      treeDataProvider: this.provider,
      showCollapseAll: true,
      canSelectMany: true,
      dragAndDropController: new PapersDragController(),
    });
    this.disposables.push(
      this.provider,
      this.treeView,
      library.onDidChange(() => this.describe()),
      state.onDidChange(() => this.describe()),
    );
  }

  /** Selects and shows a paper in the tree, expanding its group. */
  async revealPaper(entry: CatalogPaper, options: { focus?: boolean } = {}): Promise<boolean> {
    const node = this.provider.nodeForPaper(entry.uid);
    if (!node) return false;
    await this.treeView.reveal(node, { select: true, focus: options.focus ?? false, expand: true });
    return true;
  }

  /** Selects and expands a theme's group; the caller makes sure the view groups by theme. */
  async revealTheme(themeUid: string): Promise<boolean> {
    const node = this.provider.nodeForTheme(themeUid);
    if (!node) return false;
    await this.treeView.reveal(node, { select: true, focus: true, expand: true });
    return true;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** The view's message (libraries that failed to load), description (its arrangement) and context keys. */
  private describe(): void {
    const problems = this.library.problems;
    this.treeView.message =
      problems.length === 0
        ? undefined
        : problems.map((p) => `⚠ ${p.source}: ${p.message}`).join('\n') + '\nSee “Paper Atlas: Show Log” for details.';
    const catalog = this.library.catalog;
    // The description says how the tree is arranged, since menus cannot show check marks.
    const arrangement = `by ${groupLabels[this.state.groupMode]} · ${sortLabels[this.state.sortMode]}`;
    this.treeView.description = catalog && catalog.libraries.length > 1 ? `${arrangement} · ${catalog.libraries.length} libraries` : arrangement;
    void vscode.commands.executeCommand('setContext', 'paperAtlas.hasPapers', (catalog?.size ?? 0) > 0);
    void vscode.commands.executeCommand('setContext', 'paperAtlas.loaded', catalog !== undefined);
  }
}

/** An event that fires whenever any of `events` does. */
function anyOf(...events: readonly vscode.Event<void>[]): vscode.Event<void> {
  return (listener, thisArgs, disposables) => {
    const subscription = vscode.Disposable.from(...events.map((event) => event(listener, thisArgs)));
    disposables?.push(subscription);
    return subscription;
  };
}

/** Lets papers be dragged out of the tree; the Markdown drop provider turns them into citations. */
class PapersDragController implements vscode.TreeDragAndDropController<PapersNode> {
  readonly dragMimeTypes = [PAPERS_MIME, 'text/plain'];
  readonly dropMimeTypes: readonly string[] = [];

  handleDrag(source: readonly PapersNode[], dataTransfer: vscode.DataTransfer): void {
    const keys = source.flatMap((node) => (node.kind === 'paper' ? [node.entry.paper.key] : []));
    if (keys.length === 0) return;
    dataTransfer.set(PAPERS_MIME, new vscode.DataTransferItem(JSON.stringify(keys)));
    // Editors that know nothing of Paper Atlas still get a Pandoc citation.
    dataTransfer.set('text/plain', new vscode.DataTransferItem(`[${keys.map((k) => `@${k}`).join('; ')}]`));
  }
}
