// The paper webview: draws one paper from a `show` message. Every piece of paper
// data goes into the page through textContent; nothing is parsed as HTML.
import { formatDate } from '../core/library/paperText';
import { highlightRuns } from '../core/search/highlight';
import {
  isToWebviewMessage,
  type FromWebviewMessage,
  type PaperAction,
  type PaperViewModel,
  type PaperWebviewState,
} from '../shared/messages';

interface VsCodeApi {
  postMessage(message: FromWebviewMessage): void;
  setState(state: PaperWebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function icon(name: string): HTMLElement {
  const span = el('span', `codicon codicon-${name}`);
  span.setAttribute('aria-hidden', 'true');
  return span;
}


/** Writes text with the words the search matched in `<mark>`; text only, never HTML. */
function appendHighlighted(parent: HTMLElement, text: string, terms: readonly string[]): void {
  for (const run of highlightRuns(text, terms)) parent.append(run.marked ? el('mark', undefined, run.text) : run.text);
}

function actionButton(label: string, iconName: string, action: PaperAction, paperId: string, primary = false): HTMLButtonElement {
  const button = el('button', primary ? 'button primary' : 'button');
  button.type = 'button';
  button.dataset.action = action;
  // The label is hidden at narrow widths; the name and tooltip stay.
  button.title = label;
  button.setAttribute('aria-label', label);
  button.append(icon(iconName), el('span', 'label', label));
  button.addEventListener('click', () => vscode.postMessage({ type: 'action', action, paperId }));
  return button;
}

/** Draws the paper in place of whatever was shown, and remembers it for a reload. */
function render(paper: PaperViewModel, pinned: boolean): void {
  document.title = paper.title;
  const article = el('article', 'paper');
  article.setAttribute('aria-labelledby', 'paper-title');
  article.append(paperHeader(paper, pinned), abstractSection(paper));
  if (paper.related.length > 0) article.append(relatedSection(paper.related));
  root.replaceChildren(article);
  vscode.setState({ paperId: paper.id, highlight: paper.highlight, pinned });
  window.scrollTo(0, 0);
}

/** Title, facts, citation key, theme chips and the action toolbar. */
function paperHeader(paper: PaperViewModel, pinned: boolean): HTMLElement {
  const header = el('header');
  const title = el('h1', 'title', paper.title);
  title.id = 'paper-title';
  header.append(title, metaLine(paper), citationKey(paper.key));
  if (paper.themes.length > 0) header.append(themeChips(paper.themes));
  header.append(toolbar(paper.id, pinned));
  return header;
}

/** Organisation, date, authors, upvotes and library, each with its icon; missing facts are left out. */
function metaLine(paper: PaperViewModel): HTMLElement {
  const meta = el('p', 'meta');
  const parts: [string, string][] = [];
  if (paper.orgName) parts.push(['organization', paper.orgName]);
  if (paper.date) parts.push(['calendar', formatDate(paper.date)]);
  if (paper.authorCount !== undefined) parts.push(['person', `${paper.authorCount} author${paper.authorCount === 1 ? '' : 's'}`]);
  if (paper.upvotes !== undefined) parts.push(['arrow-up', `${paper.upvotes} upvote${paper.upvotes === 1 ? '' : 's'}`]);
  parts.push(['library', paper.library]);
  for (const [iconName, text] of parts) {
    const item = el('span', 'meta-item');
    item.append(icon(iconName), el('span', undefined, text));
    meta.append(item);
  }
  return meta;
}

function citationKey(key: string): HTMLElement {
  const line = el('p', 'key');
  line.append(el('span', 'key-label', 'Citation key'), el('code', undefined, `@${key}`));
  return line;
}

/** One button per theme, in the order given, the primary one marked; a click reveals the theme in the tree. */
function themeChips(themes: PaperViewModel['themes']): HTMLElement {
  const chips = el('ul', 'chips');
  chips.setAttribute('aria-label', 'Themes');
  for (const theme of themes) {
    const chip = el('button', theme.primary ? 'chip primary' : 'chip');
    chip.type = 'button';
    chip.title = `Reveal the theme “${theme.label}” in the Papers view`;
    chip.append(icon(theme.primary ? 'symbol-namespace' : 'tag'), el('span', undefined, theme.label));
    chip.addEventListener('click', () => vscode.postMessage({ type: 'revealTheme', themeId: theme.id }));
    const li = el('li');
    li.append(chip);
    chips.append(li);
  }
  return chips;
}

/** The citation and copy actions, then the pin toggle. */
function toolbar(paperId: string, pinned: boolean): HTMLElement {
  const bar = el('div', 'toolbar');
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Paper actions');
  bar.append(
    actionButton('Insert Citation', 'quote', 'insertCitation', paperId, true),
    actionButton('Copy Key', 'key', 'copyKey', paperId),
    actionButton('Copy BibTeX', 'copy', 'copyBibtex', paperId),
    actionButton('Copy CSL-JSON', 'json', 'copyCslJson', paperId),
    pinButton(pinned),
  );
  return bar;
}

function pinButton(pinned: boolean): HTMLButtonElement {
  const pin = el('button', 'button secondary pin');
  pin.type = 'button';
  pin.setAttribute('aria-pressed', String(pinned));
  pin.setAttribute('aria-label', 'Pin this paper view');
  pin.title = pinned ? 'Unpin: the next paper replaces this one' : 'Pin: the next paper opens in a new panel';
  pin.append(icon(pinned ? 'pinned' : 'pin'), el('span', 'label', pinned ? 'Pinned' : 'Pin'));
  pin.addEventListener('click', () => vscode.postMessage({ type: 'togglePin' }));
  return pin;
}

/** The abstract, with the words of the search that opened the paper marked. */
function abstractSection(paper: PaperViewModel): HTMLElement {
  const section = el('section', 'abstract');
  section.setAttribute('aria-labelledby', 'abstract-heading');
  const heading = el('h2', undefined, 'Abstract');
  heading.id = 'abstract-heading';
  const text = el('p', 'abstract-text');
  appendHighlighted(text, paper.abstract, paper.highlight);
  section.append(heading, text);
  return section;
}

/** Links to related papers; a click opens that paper. */
function relatedSection(related: PaperViewModel['related']): HTMLElement {
  const section = el('section', 'related');
  section.setAttribute('aria-labelledby', 'related-heading');
  const heading = el('h2', undefined, 'Related papers');
  heading.id = 'related-heading';
  const list = el('ul', 'related-list');
  for (const other of related) {
    const link = el('button', 'link');
    link.type = 'button';
    link.title = `Open @${other.key}`;
    link.append(icon('file-text'), el('span', undefined, other.title));
    link.addEventListener('click', () => vscode.postMessage({ type: 'openPaper', paperId: other.id }));
    const li = el('li');
    li.append(link);
    list.append(li);
  }
  section.append(heading, list);
  return section;
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isToWebviewMessage(message)) return;
  if (message.type === 'show') {
    render(message.paper, message.pinned);
  } else {
    root.replaceChildren(el('p', 'empty', `The paper @${message.key} is no longer in any library.`));
  }
});

vscode.postMessage({ type: 'ready' });
