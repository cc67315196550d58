/**
 * The message contract between the extension and the paper webview. Both sides
 * import these types; each side checks what arrives with the guards below,
 * because a webview message is untyped data at run time.
 */

/** What the webview needs to draw one paper. Everything here is rendered as text. */
export interface PaperViewModel {
  readonly id: string;
  readonly key: string;
  readonly title: string;
  readonly abstract: string;
  readonly orgName?: string;
  readonly orgHandle?: string;
  /** ISO `YYYY-MM-DD`. */
  readonly date?: string;
  readonly authorCount?: number;
  readonly upvotes?: number;
  /** Name of the library the paper comes from ("Bundled corpus" for the built-in one). */
  readonly library: string;
  readonly themes: readonly { readonly id: string; readonly label: string; readonly primary: boolean }[];
  readonly related: readonly { readonly id: string; readonly key: string; readonly title: string }[];
  /** Lower-case words to highlight in the abstract (the search that opened the paper). */
  readonly highlight: readonly string[];
}

export type PaperAction = 'insertCitation' | 'copyKey' | 'copyBibtex' | 'copyCslJson';
export const paperActions: readonly PaperAction[] = ['insertCitation', 'copyKey', 'copyBibtex', 'copyCslJson'];

/** Extension → webview. */
export type ToWebviewMessage =
  | { readonly type: 'show'; readonly paper: PaperViewModel; readonly pinned: boolean }
  | { readonly type: 'missing'; readonly key: string };

/** Webview → extension. */
export type FromWebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'action'; readonly action: PaperAction; readonly paperId: string }
  | { readonly type: 'openPaper'; readonly paperId: string }
  | { readonly type: 'revealTheme'; readonly themeId: string }
  | { readonly type: 'togglePin' };

/** The state a webview keeps across reloads (through `vscode.setState`) so the serializer can restore it. */
export interface PaperWebviewState {
  readonly paperId: string;
  readonly highlight: readonly string[];
  readonly pinned: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length < 1000;
}

/** Checks a message from the webview; anything malformed is rejected. */
export function isFromWebviewMessage(value: unknown): value is FromWebviewMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
    case 'togglePin':
      return true;
    case 'action':
      return paperActions.includes(value.action as PaperAction) && isNonEmptyString(value.paperId);
    case 'openPaper':
      return isNonEmptyString(value.paperId);
    case 'revealTheme':
      return isNonEmptyString(value.themeId);
    default:
      return false;
  }
}

/** Checks a message from the extension before the webview draws it. */
export function isToWebviewMessage(value: unknown): value is ToWebviewMessage {
  if (!isRecord(value)) return false;
  if (value.type === 'missing') return typeof value.key === 'string';
  if (value.type !== 'show' || typeof value.pinned !== 'boolean' || !isRecord(value.paper)) return false;
  const p = value.paper;
  return (
    typeof p.id === 'string' &&
    typeof p.key === 'string' &&
    typeof p.title === 'string' &&
    typeof p.abstract === 'string' &&
    typeof p.library === 'string' &&
    Array.isArray(p.themes) &&
    Array.isArray(p.related) &&
    Array.isArray(p.highlight)
  );
}

/** Checks state restored by the webview serializer. */
export function isPaperWebviewState(value: unknown): value is PaperWebviewState {
  return (
    isRecord(value) &&
    isNonEmptyString(value.paperId) &&
    typeof value.pinned === 'boolean' &&
    Array.isArray(value.highlight) &&
    value.highlight.every((t) => typeof t === 'string')
  );
}
