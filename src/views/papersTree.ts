import * as vscode from 'vscode';
import { escapeMarkdown } from '../core/text/markdownEscape';
import { paperMarkdown } from '../markdown/paperMarkdown';
import type { Catalog, CatalogPaper } from '../core/library/catalog';
import { BUNDLED_LIBRARY_NAME } from '../core/library/catalog';
import { groupPapers, type GroupMode, type PaperGroup, type SortMode } from '../core/library/grouping';
import { describePaper, formatDate } from '../core/library/paperText';
import { CommandIds } from '../commands/commandIds';

export type PapersNode = GroupNode | PaperNode;

export interface GroupNode {
  readonly kind: 'group';
  readonly group: PaperGroup;
}

export interface PaperNode {
  readonly kind: 'paper';
  readonly entry: CatalogPaper;
  readonly parent: GroupNode;
}

/** Where the tree reads its papers and view settings. */
export interface PapersTreeModel {
  readonly catalog: Catalog | undefined;
  readonly groupMode: GroupMode;
  readonly sortMode: SortMode;
  readonly onDidChange: vscode.Event<void>;
}

const TOOLTIP_ABSTRACT_CHARS = 420;

/**
 * The Papers tree: groups (themes, organisations or years) → papers. Nodes are
 * cached per model change so that `getParent` and `reveal` find the same
 * objects the tree was given. Tooltips, which carry abstracts, are built on
 * hover by `resolveTreeItem`, keeping the first render small.
 */
export class PapersTreeProvider implements vscode.TreeDataProvider<PapersNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<PapersNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private groups: GroupNode[] | undefined;
  private readonly paperNodes = new Map<string, PaperNode>();
  private readonly groupNodes = new Map<string, GroupNode>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: PapersTreeModel) {
    this.subscription = model.onDidChange(() => {
      this.groups = undefined;
      this.changeEmitter.fire(undefined);
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  getChildren(element?: PapersNode): PapersNode[] {
    if (!element) return this.rootNodes();
    if (element.kind === 'group') return element.group.papers.map((entry) => this.paperNodes.get(entry.uid) ?? this.paperNode(entry, element));
    return [];
  }

  getParent(element: PapersNode): PapersNode | undefined {
    return element.kind === 'paper' ? element.parent : undefined;
  }

  getTreeItem(element: PapersNode): vscode.TreeItem {
    if (element.kind === 'group') {
      const { group } = element;
      const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = group.id;
      item.description = `${group.papers.length}`;
      item.tooltip = `${group.label} — ${group.papers.length} paper${group.papers.length === 1 ? '' : 's'}`;
      item.iconPath = new vscode.ThemeIcon(group.themeUid ? 'symbol-namespace' : group.id.startsWith('year:') ? 'calendar' : 'organization');
      item.contextValue = group.themeUid ? 'paperAtlas.theme' : 'paperAtlas.group';
      return item;
    }
    const { paper } = element.entry;
    const item = new vscode.TreeItem(paper.title, vscode.TreeItemCollapsibleState.None);
    item.id = `paper:${element.entry.uid}`;
    item.description = describePaper(paper);
    item.iconPath = new vscode.ThemeIcon('file-text');
    item.contextValue = 'paperAtlas.paper';
    item.accessibilityInformation = { label: `${paper.title}, ${describePaper(paper) || 'no details'}` };
    item.command = { command: CommandIds.openPaper, title: 'Open Paper', arguments: [element] };
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, element: PapersNode): vscode.TreeItem {
    if (element.kind === 'paper') item.tooltip = paperTooltip(element.entry);
    return item;
  }

  /** The node of a paper, for `TreeView.reveal`. */
  nodeForPaper(uid: string): PaperNode | undefined {
    this.rootNodes();
    return this.paperNodes.get(uid);
  }

  /** The node of a theme group, for `TreeView.reveal`. */
  nodeForTheme(themeUid: string): GroupNode | undefined {
    return this.rootNodes().find((g) => g.group.themeUid === themeUid);
  }

  private rootNodes(): GroupNode[] {
    if (this.groups) return this.groups;
    this.paperNodes.clear();
    this.groupNodes.clear();
    const catalog = this.model.catalog;
    if (!catalog) return [];
    this.groups = groupPapers(catalog, this.model.groupMode, this.model.sortMode).map((group) => {
      const node: GroupNode = { kind: 'group', group };
      this.groupNodes.set(group.id, node);
      for (const entry of group.papers) this.paperNode(entry, node);
      return node;
    });
    return this.groups;
  }

  private paperNode(entry: CatalogPaper, parent: GroupNode): PaperNode {
    const node: PaperNode = { kind: 'paper', entry, parent };
    this.paperNodes.set(entry.uid, node);
    return node;
  }
}

/** The hover card of a paper: title, details, library and the opening of the abstract. */
export function paperTooltip(entry: CatalogPaper): vscode.MarkdownString {
  const { paper } = entry;
  const md = paperMarkdown();
  md.appendMarkdown(`**${escapeMarkdown(paper.title)}**\n\n`);
  const details: string[] = [];
  if (paper.org) details.push(`$(organization) ${escapeMarkdown(paper.org.name)}`);
  if (paper.date) details.push(`$(calendar) ${escapeMarkdown(formatDate(paper.date))}`);
  if (paper.authorCount !== undefined) details.push(`$(person) ${paper.authorCount} authors`);
  if (paper.upvotes !== undefined) details.push(`$(arrow-up) ${paper.upvotes}`);
  details.push(`$(library) ${escapeMarkdown(entry.library.name === BUNDLED_LIBRARY_NAME ? BUNDLED_LIBRARY_NAME : entry.library.name)}`);
  md.appendMarkdown(details.join(' · '));
  // A code span shows its text as written: the key needs no escaping there (keys hold no backticks).
  md.appendMarkdown(`\n\n${paper.key.includes('`') ? escapeMarkdown(`@${paper.key}`) : `\`@${paper.key}\``}\n\n---\n\n`);
  const abstract = paper.abstract.length > TOOLTIP_ABSTRACT_CHARS ? `${paper.abstract.slice(0, TOOLTIP_ABSTRACT_CHARS).replace(/\s+\S*$/, '')}…` : paper.abstract;
  md.appendMarkdown(escapeMarkdown(abstract));
  return md;
}
