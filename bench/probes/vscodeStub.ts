/**
 * Just enough of the `vscode` module for the tree provider to run in plain
 * Node, so the benchmark can time `getChildren` and weigh the items it hands
 * to VS Code. Anything else it is asked for throws.
 */
export class EventEmitter<T> {
  private listeners: ((value: T) => void)[] = [];
  readonly event = (listener: (value: T) => void) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    for (const l of this.listeners) l(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}
export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}
export class TreeItem {
  [key: string]: unknown;
  constructor(
    readonly label: string,
    readonly collapsibleState: TreeItemCollapsibleState,
  ) {}
}
export class ThemeIcon {
  constructor(readonly id: string) {}
}
export class MarkdownString {
  supportThemeIcons = false;
  constructor(
    public value = '',
    readonly supportHtml = false,
  ) {}
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
  appendText(text: string): this {
    this.value += text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
    return this;
  }
}
export const workspace = new Proxy({}, { get: (_, name) => { throw new Error(`vscode stub: workspace.${String(name)} is not implemented`); } });
export const window = new Proxy({}, { get: (_, name) => { throw new Error(`vscode stub: window.${String(name)} is not implemented`); } });
