import * as vscode from 'vscode';
import type { Catalog, CatalogPaper } from '../core/library/catalog';
import { escapeIcons } from '../core/text/markdownEscape';
import { abstractSnippet } from '../core/search/snippet';
import type { PaperHit, PaperSearch } from '../core/search/paperSearch';
import type { RecentPapers } from '../libraries/recentPapers';
import { suggestedPapers } from '../core/library/suggestions';

export interface PaperPickItem extends vscode.QuickPickItem {
  readonly entry: CatalogPaper;
  readonly terms: readonly string[];
}

/** A button on a result row, and what it does with that paper. */
export interface PaperItemAction {
  readonly button: vscode.QuickInputButton;
  run(entry: CatalogPaper): unknown;
}

export interface PaperPickerOptions<T extends vscode.QuickInputButton = vscode.QuickInputButton> {
  readonly title: string;
  readonly placeholder: string;
  readonly canSelectMany: boolean;
  readonly itemActions?: readonly PaperItemAction[];
  /** Buttons in the title bar (e.g. citation style toggles); `onTitleButton` handles them. */
  readonly titleButtons?: () => readonly T[];
  readonly onTitleButton?: (button: T, pick: vscode.QuickPick<PaperPickItem>) => void;
  readonly initialValue?: string;
}

export interface PaperPickResult {
  readonly papers: readonly CatalogPaper[];
  /** The words the user searched for, to highlight in the paper view. */
  readonly query: string;
  readonly terms: readonly string[];
}

const RESULT_LIMIT = 50;
const SUGGESTION_LIMIT = 30;

/**
 * The search quick pick: every keystroke queries the index; results keep the
 * index's ranking and `alwaysShow`, so VS Code's own label filter cannot hide
 * matches found in abstracts or by typo tolerance. A newer keystroke makes an
 * older, still-running search's results void.
 */
export function pickPapers<T extends vscode.QuickInputButton>(deps: PaperPickerDeps, options: PaperPickerOptions<T>): Promise<PaperPickResult | undefined> {
  const pick = createPick(options);
  const results = new PaperResults(pick, deps, options);
  deps.search.warm();
  return new Promise<PaperPickResult | undefined>((resolve) => {
    let result: PaperPickResult | undefined;
    const disposables: vscode.Disposable[] = [
      pick.onDidChangeValue((value) => void results.update(value)),
      pick.onDidChangeSelection((items) => results.remember(items)),
      pick.onDidTriggerItemButton((event) => {
        const action = options.itemActions?.find((a) => a.button === event.button);
        if (!action) return;
        pick.hide();
        void action.run(event.item.entry);
      }),
      pick.onDidTriggerButton((button) => options.onTitleButton?.(button as T, pick)),
      pick.onDidAccept(() => {
        const items = acceptedItems(pick);
        if (items.length === 0) return;
        result = { papers: items.map((i) => i.entry), query: pick.value, terms: results.terms };
        pick.hide();
      }),
      pick.onDidHide(() => {
        for (const d of disposables) d.dispose();
        pick.dispose();
        resolve(result);
      }),
    ];
    pick.value = options.initialValue ?? '';
    void results.update(pick.value);
    pick.show();
  });
}

/** What the picker reads papers from. */
export interface PaperPickerDeps {
  readonly catalog: () => Catalog | undefined;
  readonly search: PaperSearch;
  readonly recent: RecentPapers;
}

function createPick<T extends vscode.QuickInputButton>(options: PaperPickerOptions<T>): vscode.QuickPick<PaperPickItem> {
  const pick = vscode.window.createQuickPick<PaperPickItem>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.canSelectMany = options.canSelectMany;
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  pick.ignoreFocusOut = false;
  if (options.titleButtons) pick.buttons = options.titleButtons();
  return pick;
}

/**
 * The papers Enter takes: the ticked ones; with none ticked (or a
 * single-select pick), the highlighted one.
 */
function acceptedItems(pick: vscode.QuickPick<PaperPickItem>): readonly PaperPickItem[] {
  if (pick.canSelectMany && pick.selectedItems.length > 0) return pick.selectedItems;
  return pick.activeItems.slice(0, 1);
}

/** A paper as a result row. Paper text is shown as written: `$(…)` in a title is not an icon. */
export function itemFor(hit: Pick<PaperHit, 'entry' | 'terms'>, catalog: Catalog, buttons: readonly vscode.QuickInputButton[]): PaperPickItem {
  const { paper } = hit.entry;
  const theme = catalog.primaryTheme(hit.entry)?.label;
  const year = paper.date?.slice(0, 4);
  return {
    label: escapeIcons(paper.title),
    description: escapeIcons([paper.org?.name, year, theme].filter(Boolean).join(' · ')),
    detail: escapeIcons(abstractSnippet(paper.abstract, hit.terms)),
    alwaysShow: true,
    entry: hit.entry,
    terms: hit.terms,
    buttons: [...buttons],
  };
}

/** The pick's results for the current query, and the papers ticked so far. */
class PaperResults {
  /** The words the latest search matched, to highlight in the paper view. */
  terms: readonly string[] = [];
  private readonly chosen = new Map<string, PaperPickItem>();
  private generation = 0;

  constructor(
    private readonly pick: vscode.QuickPick<PaperPickItem>,
    private readonly deps: PaperPickerDeps,
    private readonly options: Pick<PaperPickerOptions, 'canSelectMany' | 'itemActions'>,
  ) {}

  /** Keeps the ticked papers, so they survive the next query's results. */
  remember(items: readonly PaperPickItem[]): void {
    if (!this.options.canSelectMany) return;
    this.chosen.clear();
    for (const item of items) this.chosen.set(item.entry.uid, item);
  }

  async update(value: string): Promise<void> {
    const mine = ++this.generation;
    const catalog = this.deps.catalog();
    if (!catalog) return;
    if (value.trim() === '') {
      this.terms = [];
      this.show(suggestedPapers(catalog, this.deps.recent.keys(), SUGGESTION_LIMIT).map((entry) => this.item({ entry, terms: [] }, catalog)));
      this.pick.busy = false;
      return;
    }
    this.pick.busy = true;
    try {
      const hits = await this.deps.search.search(value, RESULT_LIMIT);
      if (mine !== this.generation) return;
      this.terms = [...new Set(hits.flatMap((h) => h.terms))];
      this.show(hits.map((hit) => this.item(hit, catalog)));
    } finally {
      if (mine === this.generation) this.pick.busy = false;
    }
  }

  private item(hit: Pick<PaperHit, 'entry' | 'terms'>, catalog: Catalog): PaperPickItem {
    return itemFor(hit, catalog, this.options.itemActions?.map((a) => a.button) ?? []);
  }

  private show(items: PaperPickItem[]): void {
    // Selections survive new results: chosen papers stay on top, still checked.
    const fresh = items.filter((i) => !this.chosen.has(i.entry.uid));
    const kept = [...this.chosen.values()];
    this.pick.items = this.options.canSelectMany ? [...kept, ...fresh] : fresh;
    if (this.options.canSelectMany) this.pick.selectedItems = kept;
  }
}

