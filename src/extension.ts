import * as vscode from 'vscode';

/** Composition root: builds Paper Atlas's long-lived objects once and registers them. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Paper Atlas', { log: true });
  context.subscriptions.push(log);

  const emptyTree: vscode.TreeDataProvider<never> = {
    getChildren: () => [],
    getTreeItem: (element: never) => element,
  };
  const view = vscode.window.createTreeView('paperAtlas.papers', { treeDataProvider: emptyTree });
  context.subscriptions.push(
    view,
    vscode.commands.registerCommand('paperAtlas.refresh', () => undefined),
    vscode.commands.registerCommand('paperAtlas.showLog', () => log.show()),
  );
  log.info('Paper Atlas activated');
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
