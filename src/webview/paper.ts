// The paper webview: draws one paper from a `show` message. Every piece of paper
// data goes into the page through textContent; nothing is parsed as HTML.
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

function formatDate(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
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

function render(paper: PaperViewModel, pinned: boolean): void {
  document.title = paper.title;
  const article = el('article', 'paper');
  article.setAttribute('aria-labelledby', 'paper-title');

  const header = el('header');
  const title = el('h1', 'title', paper.title);
  title.id = 'paper-title';
  header.append(title);

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
  header.append(meta);

  const key = el('p', 'key');
  key.append(el('span', 'key-label', 'Citation key'), el('code', undefined, `@${paper.key}`));
  header.append(key);

  if (paper.themes.length > 0) {
    const chips = el('ul', 'chips');
    chips.setAttribute('aria-label', 'Themes');
    for (const theme of paper.themes) {
      const chip = el('button', theme.primary ? 'chip primary' : 'chip');
      chip.type = 'button';
      chip.title = `Reveal the theme “${theme.label}” in the Papers view`;
      chip.append(icon(theme.primary ? 'symbol-namespace' : 'tag'), el('span', undefined, theme.label));
      chip.addEventListener('click', () => vscode.postMessage({ type: 'revealTheme', themeId: theme.id }));
      const li = el('li');
      li.append(chip);
      chips.append(li);
    }
    header.append(chips);
  }

  const toolbar = el('div', 'toolbar');
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Paper actions');
  toolbar.append(
    actionButton('Insert Citation', 'quote', 'insertCitation', paper.id, true),
    actionButton('Copy Key', 'key', 'copyKey', paper.id),
    actionButton('Copy BibTeX', 'copy', 'copyBibtex', paper.id),
    actionButton('Copy CSL-JSON', 'json', 'copyCslJson', paper.id),
  );
  const pin = el('button', 'button secondary pin');
  pin.type = 'button';
  pin.setAttribute('aria-pressed', String(pinned));
  pin.setAttribute('aria-label', 'Pin this paper view');
  pin.title = pinned ? 'Unpin: the next paper replaces this one' : 'Pin: the next paper opens in a new panel';
  pin.append(icon(pinned ? 'pinned' : 'pin'), el('span', 'label', pinned ? 'Pinned' : 'Pin'));
  pin.addEventListener('click', () => vscode.postMessage({ type: 'togglePin' }));
  toolbar.append(pin);
  header.append(toolbar);
  article.append(header);

  const abstractSection = el('section', 'abstract');
  abstractSection.setAttribute('aria-labelledby', 'abstract-heading');
  const abstractHeading = el('h2', undefined, 'Abstract');
  abstractHeading.id = 'abstract-heading';
  const abstractText = el('p', 'abstract-text');
  appendHighlighted(abstractText, paper.abstract, paper.highlight);
  abstractSection.append(abstractHeading, abstractText);
  article.append(abstractSection);

  if (paper.related.length > 0) {
    const relatedSection = el('section', 'related');
    relatedSection.setAttribute('aria-labelledby', 'related-heading');
    const relatedHeading = el('h2', undefined, 'Related papers');
    relatedHeading.id = 'related-heading';
    const list = el('ul', 'related-list');
    for (const other of paper.related) {
      const link = el('button', 'link');
      link.type = 'button';
      link.title = `Open @${other.key}`;
      link.append(icon('file-text'), el('span', undefined, other.title));
      link.addEventListener('click', () => vscode.postMessage({ type: 'openPaper', paperId: other.id }));
      const li = el('li');
      li.append(link);
      list.append(li);
    }
    relatedSection.append(relatedHeading, list);
    article.append(relatedSection);
  }

  root.replaceChildren(article);
  vscode.setState({ paperId: paper.id, highlight: paper.highlight, pinned });
  window.scrollTo(0, 0);
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
