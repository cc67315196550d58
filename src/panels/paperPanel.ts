import * as vscode from 'vscode';
import {
  isFromWebviewMessage,
  isPaperWebviewState,
  type FromWebviewMessage,
  type PaperViewModel,
  type ToWebviewMessage,
} from '../shared/messages';
import { createNonce } from './nonce';
import { knownPaperKey } from './paperViewModel';

export const PAPER_VIEW_TYPE = 'paperAtlas.paper';

/** How long a new paper view may take to say it is ready before it counts as blank (its script never ran). */
const BLANK_WEBVIEW_MS = 5000;

/** What the panels need from the rest of the extension. */
export interface PaperPanelHost {
  /** Builds what the webview draws; undefined when the paper is gone. */
  viewModel(uid: string, highlight: readonly string[]): Promise<PaperViewModel | undefined>;
  /** Runs a webview request (buttons, theme chips) through the extension's commands. */
  handle(message: Exclude<FromWebviewMessage, { type: 'ready' } | { type: 'togglePin' } | { type: 'openPaper' }>): Promise<void>;
  readonly log: vscode.LogOutputChannel;
}

/**
 * Shows papers in webview panels the way the Markdown preview shows files: one
 * panel is reused for the next paper unless it is pinned, in which case the
 * next paper opens in a new panel. Panels survive a window reload through the
 * serializer the manager registers when it is built.
 */
export class PaperPanelManager implements vscode.Disposable {
  private readonly panels = new Set<PaperPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly host: PaperPanelHost,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(PAPER_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          const restored = isPaperWebviewState(state) ? state : undefined;
          const paperPanel = this.adopt(panel, restored?.pinned ?? false);
          if (restored) await paperPanel.show(restored.paperId, restored.highlight);
          else panel.dispose();
        },
      }),
    );
  }

  /** The panel currently showing a paper and in front, if any. */
  get active(): PaperPanel | undefined {
    return [...this.panels].find((p) => p.panel.active);
  }

  get all(): readonly PaperPanel[] {
    return [...this.panels];
  }

  /** Shows a paper in the unpinned panel (created when there is none), beside the editor. */
  async show(uid: string, highlight: readonly string[] = [], options: { preserveFocus?: boolean } = {}): Promise<PaperPanel> {
    let target = [...this.panels].find((p) => !p.pinned);
    if (target) {
      target.panel.reveal(target.panel.viewColumn, options.preserveFocus);
    } else {
      target = this.create(options);
      this.reopenIfBlank(target, uid, highlight, options);
    }
    await target.show(uid, highlight);
    return target;
  }

  private create(options: { preserveFocus?: boolean }): PaperPanel {
    const panel = vscode.window.createWebviewPanel(
      PAPER_VIEW_TYPE,
      'Paper',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: options.preserveFocus ?? false },
      this.webviewOptions(),
    );
    return this.adopt(panel, false);
  }

  /**
   * VS Code 1.100 in the browser sometimes leaves a webview blank when it is
   * created just after the extension's last one closed: its script never runs,
   * so it never says it is ready. Such a panel is replaced, once, by a new one
   * showing the same paper.
   */
  private reopenIfBlank(target: PaperPanel, uid: string, highlight: readonly string[], options: { preserveFocus?: boolean }): void {
    const timer = setTimeout(() => {
      if (target.isReady || !this.panels.has(target) || target.paperUid !== uid) return;
      this.host.log.warn('The paper view stayed blank; opening it again');
      target.panel.dispose();
      void this.create(options).show(uid, highlight);
    }, BLANK_WEBVIEW_MS);
    void target.whenReady().then(() => clearTimeout(timer));
  }

  /** Re-sends the current papers, e.g. after the libraries reloaded. */
  async refreshAll(): Promise<void> {
    await Promise.all([...this.panels].map((p) => p.refresh()));
  }

  dispose(): void {
    for (const panel of this.panels) panel.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private adopt(panel: vscode.WebviewPanel, pinned: boolean): PaperPanel {
    panel.webview.options = this.webviewOptions();
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'atlas.svg');
    const paperPanel = new PaperPanel(panel, this.extensionUri, this.host, pinned);
    this.panels.add(paperPanel);
    panel.onDidDispose(() => {
      this.panels.delete(paperPanel);
      paperPanel.dispose();
    });
    return paperPanel;
  }

}

/** One webview panel showing one paper at a time. */
export class PaperPanel implements vscode.Disposable {
  private uid: string | undefined;
  private highlight: readonly string[] = [];
  private ready = false;
  private readonly readyWaiters: (() => void)[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly host: PaperPanelHost,
    private pinnedState: boolean,
  ) {
    this.subscription = panel.webview.onDidReceiveMessage((message: unknown) => {
      if (!isFromWebviewMessage(message)) {
        host.log.warn('Ignored a malformed message from the paper view', message);
        return;
      }
      this.receive(message).catch((error: unknown) => host.log.error('Paper view request failed', error));
    });
    panel.webview.html = renderHtml(panel.webview, extensionUri);
  }

  get pinned(): boolean {
    return this.pinnedState;
  }

  /** The catalog id of the paper on show. */
  get paperUid(): string | undefined {
    return this.uid;
  }

  /** Whether the webview has said it is ready for data. */
  get isReady(): boolean {
    return this.ready;
  }

  /** Resolves once the webview has said it is ready for data. */
  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  async show(uid: string, highlight: readonly string[]): Promise<void> {
    this.uid = uid;
    this.highlight = highlight;
    await this.refresh();
  }

  async refresh(): Promise<void> {
    if (!this.uid || !this.ready) return;
    const model = await this.host.viewModel(this.uid, this.highlight);
    if (!model) {
      this.panel.title = 'Paper';
      // The message names the citation key; the id is all that is left only for a paper never shown this session.
      await this.post({ type: 'missing', key: knownPaperKey(this.uid) ?? this.uid });
      return;
    }
    this.panel.title = model.title.length > 48 ? `${model.title.slice(0, 46)}…` : model.title;
    await this.post({ type: 'show', paper: model, pinned: this.pinnedState });
  }

  setPinned(pinned: boolean): Promise<void> {
    this.pinnedState = pinned;
    return this.refresh();
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private async post(message: ToWebviewMessage): Promise<void> {
    await this.panel.webview.postMessage(message);
  }

  private async receive(message: FromWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.refresh();
        this.readyWaiters.splice(0).forEach((resolve) => resolve());
        return;
      case 'togglePin':
        return this.setPinned(!this.pinnedState);
      case 'openPaper':
        return this.show(message.paperId, []);
      default:
        return this.host.handle(message);
    }
  }
}

function renderHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = createNonce();
  const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('dist', 'webview', 'codicon.css')}">
<link rel="stylesheet" href="${asset('media', 'paper.css')}">
<title>Paper</title>
</head>
<body>
<main id="root" aria-live="polite"><p class="empty">Loading…</p></main>
<script nonce="${nonce}" src="${asset('dist', 'webview', 'paper.js')}"></script>
</body>
</html>`;
}
