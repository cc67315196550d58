import * as vscode from 'vscode';
import type { Catalog, CatalogPaper } from '../core/library/catalog';
import { abstractSnippet } from '../core/search/snippet';
import type { PaperHit, PaperSearch } from '../core/search/paperSearch';
import type { RecentPapers } from '../libraries/recentPapers';

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
export function pickPapers<T extends vscode.QuickInputButton>(
  deps: { readonly catalog: () => Catalog | undefined; readonly search: PaperSearch; readonly recent: RecentPapers },
  options: PaperPickerOptions<T>,
): Promise<PaperPickResult | undefined> {
  const pick = vscode.window.createQuickPick<PaperPickItem>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.canSelectMany = options.canSelectMany;
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  pick.ignoreFocusOut = false;
  if (options.titleButtons) pick.buttons = options.titleButtons();
  const chosen = new Map<string, PaperPickItem>();
  let generation = 0;
  let lastTerms: readonly string[] = [];
  deps.search.warm();

  const itemFor = (hit: Pick<PaperHit, 'entry' | 'terms'>, catalog: Catalog): PaperPickItem => {
    const { paper } = hit.entry;
    const theme = catalog.primaryTheme(hit.entry)?.label;
    const year = paper.date?.slice(0, 4);
    return {
      label: paper.title,
      description: [paper.org?.name, year, theme].filter(Boolean).join(' · '),
      detail: abstractSnippet(paper.abstract, hit.terms),
      alwaysShow: true,
      entry: hit.entry,
      terms: hit.terms,
      buttons: options.itemActions?.map((a) => a.button) ?? [],
    };
  };

  const show = (items: PaperPickItem[]) => {
    // Selections survive new results: chosen papers stay on top, still checked.
    const fresh = items.filter((i) => !chosen.has(i.entry.uid));
    const kept = [...chosen.values()];
    pick.items = options.canSelectMany ? [...kept, ...fresh] : fresh;
    if (options.canSelectMany) pick.selectedItems = kept;
  };

  const update = async (value: string) => {
    const mine = ++generation;
    const catalog = deps.catalog();
    if (!catalog) return;
    if (value.trim() === '') {
      lastTerms = [];
      show(suggestions(catalog, deps.recent).map((entry) => itemFor({ entry, terms: [] }, catalog)));
      pick.busy = false;
      return;
    }
    pick.busy = true;
    try {
      const hits = await deps.search.search(value, RESULT_LIMIT);
      if (mine !== generation) return;
      lastTerms = [...new Set(hits.flatMap((h) => h.terms))];
      show(hits.map((hit) => itemFor(hit, catalog)));
    } finally {
      if (mine === generation) pick.busy = false;
    }
  };

  return new Promise<PaperPickResult | undefined>((resolve) => {
    let result: PaperPickResult | undefined;
    const disposables: vscode.Disposable[] = [
      pick.onDidChangeValue((value) => void update(value)),
      pick.onDidChangeSelection((items) => {
        if (!options.canSelectMany) return;
        chosen.clear();
        for (const item of items) chosen.set(item.entry.uid, item);
      }),
      pick.onDidTriggerItemButton((event) => {
        const action = options.itemActions?.find((a) => a.button === event.button);
        if (!action) return;
        pick.hide();
        void action.run(event.item.entry);
      }),
      pick.onDidTriggerButton((button) => options.onTitleButton?.(button as T, pick)),
      pick.onDidAccept(() => {
        const items = options.canSelectMany ? pick.selectedItems : pick.activeItems;
        if (items.length === 0) return;
        result = { papers: items.map((i) => i.entry), query: pick.value, terms: lastTerms };
        pick.hide();
      }),
      pick.onDidHide(() => {
        for (const d of disposables) d.dispose();
        pick.dispose();
        resolve(result);
      }),
    ];
    pick.value = options.initialValue ?? '';
    void update(pick.value);
    pick.show();
  });
}

/** What an empty query lists: recent papers first, then the most upvoted. */
function suggestions(catalog: Catalog, recent: RecentPapers): CatalogPaper[] {
  const seen = new Set<string>();
  const result: CatalogPaper[] = [];
  for (const key of recent.keys()) {
    const entry = catalog.paperByKey(key);
    if (entry && !seen.has(entry.uid)) {
      seen.add(entry.uid);
      result.push(entry);
    }
  }
  const byUpvotes = [...catalog.papers].sort((a, b) => (b.paper.upvotes ?? -1) - (a.paper.upvotes ?? -1));
  for (const entry of byUpvotes) {
    if (result.length >= SUGGESTION_LIMIT) break;
    if (!seen.has(entry.uid)) {
      seen.add(entry.uid);
      result.push(entry);
    }
  }
  return result;
}
