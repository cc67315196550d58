/**
 * The Papers tree over a library, in plain Node with a stub `vscode`: the
 * first level's getChildren + getTreeItem, the children of the largest theme,
 * and the JSON size of the items VS Code receives, with and without the
 * tooltips `resolveTreeItem` adds on hover.
 *
 *   node treeProbe.js LIBRARY_DIR
 */
import { Catalog, type LoadedLibrary } from '../../src/core/library/catalog';
import { PapersTreeProvider, type PapersNode } from '../../src/views/papersTree';
import { readLibrary, report, stats } from './libraryDir';
import { EventEmitter } from './vscodeStub';

const dir = process.argv[2]!;
const library = readLibrary(dir, false);
const loaded: LoadedLibrary = { id: 'bundled', name: 'Bundled corpus', papers: library.papers, themes: library.themes.themes, membership: library.themes.membership, openIndex: () => Promise.reject(new Error('the tree never searches')) };
const catalog = new Catalog([loaded]);
const emitter = new EventEmitter<void>();
const model = { catalog, groupMode: 'theme' as const, sortMode: 'upvotes' as const, onDidChange: emitter.event };

// VS Code keeps a command's arguments in the extension host and sends an id
// (CommandsConverter), so the wire form of an item leaves them out.
const wire = (item: unknown) => {
  const { command, ...rest } = item as { command?: { command: string; title: string } };
  return command ? { ...rest, command: { id: command.command, title: command.title } } : rest;
};
const bytes = (items: unknown[]) => Buffer.byteLength(JSON.stringify(items.map(wire)));
const rootMs: number[] = [];
const childMs: number[] = [];
let rootItems: unknown[] = [];
let largest: PapersNode | undefined;
let childItems: unknown[] = [];
let children: PapersNode[] = [];
let provider: PapersTreeProvider | undefined;
for (let run = 0; run < 7; run += 1) {
  // A fresh provider each run: the first level is computed once per library change.
  provider?.dispose();
  provider = new PapersTreeProvider(model);
  const p = provider;
  let started = performance.now();
  const roots = p.getChildren();
  rootItems = roots.map((node) => p.getTreeItem(node));
  rootMs.push(performance.now() - started);
  largest = roots.reduce((a, b) => (b.kind === 'group' && a.kind === 'group' && b.group.papers.length > a.group.papers.length ? b : a));
  started = performance.now();
  children = p.getChildren(largest);
  childItems = children.map((node) => p.getTreeItem(node));
  childMs.push(performance.now() - started);
}
const p = provider!;
const resolved = children.map((node, i) => p.resolveTreeItem(p.getTreeItem(node), node) ?? childItems[i]);
const largestSize = largest?.kind === 'group' ? largest.group.papers.length : 0;
// Per paper, so themes of different sizes compare; scaled to 400 papers below.
const perPaper = bytes(childItems) / Math.max(1, children.length);
const perPaperTooltip = bytes(resolved) / Math.max(1, children.length);
report({
  papers: library.papers.length,
  groups: rootItems.length,
  firstLevel: { ...stats(rootMs), bytes: bytes(rootItems) },
  largestTheme: { papers: largestSize, ...stats(childMs), bytes: bytes(childItems), bytesWithTooltips: bytes(resolved) },
  per400: { bytes: Math.round(perPaper * 400), bytesWithTooltips: Math.round(perPaperTooltip * 400) },
});
