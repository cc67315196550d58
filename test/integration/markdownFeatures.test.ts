import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaperAtlasApi } from '../../src/extension';
import type { CatalogPaper } from '../../src/core/library/catalog';
import { PAPER_SCHEME } from '../../src/markdown/citationDefinition';
import { cslIds, freshScratchFolder, openNote, paperAt, scratchUri, writeScratch } from './citeHelpers';
import { paperAtlasApi, removeScratch, until } from './helpers';

/** A diagnostic's code, which Paper Atlas sets to the problem's kind. */
function codeOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

function keyOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function positionAfter(document: vscode.TextDocument, marker: string, occurrence = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = document.getText().indexOf(marker, at + 1);
  assert.ok(at !== -1, `the note contains "${marker}"`);
  return document.positionAt(at + marker.length);
}

/** Where a location points, as `file:line:character`, for comparing lists of them. */
function where(location: vscode.Location): string {
  return `${location.uri.path.split('/').pop()}:${location.range.start.line}:${location.range.start.character}`;
}

describe('Markdown citation features in VS Code', () => {
  let api: PaperAtlasApi;

  before(async () => {
    api = await paperAtlasApi();
  });

  beforeEach(() => {
    freshScratchFolder();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await removeScratch();
  });

  /** A paper with every detail the hover shows. */
  function detailedPaper(): CatalogPaper {
    const entry = api.atlas.library.catalog?.papers.find((e) => e.paper.org && e.paper.date && e.paper.upvotes !== undefined && e.paper.abstract.length > 200);
    assert.ok(entry, 'a paper with an organisation, a date, upvotes and an abstract is loaded');
    return entry;
  }

  it('completes keys after @ ranked by the index for a word from an abstract, and accepting one adds its bibliography entry', async () => {
    const catalog = api.atlas.library.catalog!;
    // A word from one paper's abstract that no title holds and no key starts with:
    // VS Code's own prefix filter over keys would find nothing for it.
    const count = new Map<string, number>();
    for (const { paper } of catalog.papers) for (const w of new Set(paper.abstract.toLowerCase().match(/\b[a-z]{9,}\b/g) ?? [])) count.set(w, (count.get(w) ?? 0) + 1);
    const titles = catalog.papers.map((e) => e.paper.title.toLowerCase()).join(' ');
    const word = [...count].find(([w, n]) => n === 1 && !titles.includes(w.slice(0, 6)) && !catalog.papers.some((e) => e.paper.key.startsWith(w.slice(0, 3))))?.[0];
    assert.ok(word, 'the corpus has a word only one abstract uses');
    const hits = await api.atlas.search.search(word, 40);
    assert.ok(hits.length > 0, `the index finds "${word}"`);

    const editor = await openNote('complete.md', `Text @${word}`);
    const position = positionAfter(editor.document, word);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position, '@');
    const ours = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Reference);
    assert.deepEqual(ours.map(keyOf), hits.map((h) => h.entry.paper.key), 'the items come in the index’s order');
    assert.equal(list.isIncomplete, true, 'each keystroke asks the index again');

    const item = ours[0]!;
    const key = keyOf(item);
    const range = item.range instanceof vscode.Range ? item.range : item.range!.replacing;
    await editor.edit((edit) => edit.replace(range, typeof item.insertText === 'string' ? item.insertText : item.insertText!.value));
    assert.ok(item.command, 'accepting runs a command');
    await vscode.commands.executeCommand(item.command.command, ...((item.command.arguments ?? []) as unknown[]));
    assert.equal(editor.document.getText(), `---\nbibliography: references.json\n---\n\nText @${key}`);
    assert.deepEqual(await cslIds(scratchUri('references.json')), [key]);
  });

  it('shows a cited paper’s title, details, abstract opening and an Open link on hover', async () => {
    const { paper } = detailedPaper();
    const editor = await openNote('hover.md', `See [@${paper.key}] here.\n`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionAfter(editor.document, '@'));
    const markdown = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    const plain = markdown.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
    assert.ok(plain.includes(paper.title), markdown);
    assert.ok(plain.includes(paper.org!.name), markdown);
    assert.ok(plain.includes(`${paper.upvotes} upvotes`), markdown);
    assert.ok(plain.includes(paper.abstract.slice(0, 80)), markdown);
    assert.match(markdown, /\]\(command:paperAtlas\.openPaper\?/);
    // Theme icons render only when written unescaped: `$(calendar)`, not `\$\(calendar\)`.
    for (const icon of ['organization', 'calendar', 'arrow-up']) assert.match(markdown, new RegExp(`(^|[^\\\\])\\$\\(${icon}\\)`), `the ${icon} icon renders in\n${markdown}`);
  });

  it('goes to a key’s definition: a paper document that opens as the paper view', async () => {
    const entry = paperAt(api, 25);
    const editor = await openNote('definition.md', `See [@${entry.paper.key}].\n`);
    const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', editor.document.uri, positionAfter(editor.document, '@'));
    assert.equal(found.length, 1);
    const target = 'uri' in found[0]! ? found[0].uri : found[0]!.targetUri;
    assert.equal(target.scheme, PAPER_SCHEME);
    const document = await vscode.workspace.openTextDocument(target);
    assert.ok(document.getText().startsWith(`# ${entry.paper.title}\n`), document.getText());

    await vscode.window.showTextDocument(target);
    await until(() => api.atlas.panels.all.some((p) => p.paperUid === entry.uid), 'the paper view shows the paper');
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    assert.ok(!tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === PAPER_SCHEME), 'the paper document gave way to the paper view');
  });

  it('finds every citation of a key across the workspace’s notes', async () => {
    const key = paperAt(api, 30).paper.key;
    await writeScratch('two.md', `---\ntitle: Two\n---\nB @${key} and [see @${key}, p. 2].\n\n\`@${key}\` in code is not a citation.\n`);
    const editor = await openNote('one.md', `A [@${key}].\n`);
    const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', editor.document.uri, positionAfter(editor.document, '@'));
    const here = found.filter((l) => l.uri.path.startsWith(scratchUri().path));
    assert.deepEqual(here.map(where).sort(), ['one.md:0:3', 'two.md:3:2', `two.md:3:${`B @${key} and [see `.length}`]);
  });

  it('checks a note against its Quarto project’s bibliography and its inline references, as pandoc and Quarto read them', async () => {
    const inProject = paperAt(api, 42).paper.key;
    const lacking = paperAt(api, 43).paper.key;
    // The project's bibliography (named in _quarto.yml at the scratch folder's root) defines one paper.
    await writeScratch('_quarto.yml', 'project:\n  type: default\nbibliography: refs/project.bib\n');
    await writeScratch('refs/project.bib', `@misc{${inProject},\n  title = {In the project},\n}\n`);
    const editor = await openNote('chapters/one.md', `# One\n\nCited [@${inProject}] and [@${lacking}].\n`);
    const diagnostics = () => vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'Paper Atlas');
    await until(() => diagnostics().length === 1, 'only the key the project bibliography lacks is flagged');
    assert.equal(codeOf(diagnostics()[0]!), 'notInBibliography');
    assert.equal(editor.document.getText(diagnostics()[0]!.range).includes(lacking), true);

    // Inline references in the note's own metadata define keys too; a note naming no file then uses no project file.
    const inline = await openNote('inline.md', `---\nreferences:\n  - id: handmade2020\n    type: book\n    title: Handmade\n---\nCited [@handmade2020] and [@nosuchpaper9999].\n`);
    const inlineDiagnostics = () => vscode.languages.getDiagnostics(inline.document.uri).filter((d) => d.source === 'Paper Atlas');
    // Waiting for the unknown key proves the note was checked; the inline reference is not flagged.
    await until(() => inlineDiagnostics().length === 1, 'the note is checked');
    assert.deepEqual(inlineDiagnostics().map((d) => inline.document.getText(d.range)), ['@nosuchpaper9999']);
  });

  it('flags unknown keys and keys the bibliography lacks where they stand, with quick fixes that mend both', async () => {
    const known = paperAt(api, 40).paper.key;
    const other = paperAt(api, 41).paper.key;
    const catalog = api.atlas.library.catalog!;
    const typo = [`${known}x`, `${known}q`].find((k) => !catalog.paperByKey(k));
    assert.ok(typo);
    const editor = await openNote('diagnostics.md', `First [@${typo}].\n\nSecond [@${other}].\n\nThird [@nosuchpaper9999].\n`);
    const uri = editor.document.uri;
    const diagnostics = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Paper Atlas');
    await until(() => diagnostics().length === 3, 'three citation problems are reported');
    const summary = (d: vscode.Diagnostic) => `${codeOf(d)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.character}`;
    assert.deepEqual(diagnostics().map(summary), [
      `unknownKey 0:7-${8 + typo.length}`,
      `notInBibliography 2:8-${9 + other.length}`,
      `unknownKey 4:7-${8 + 'nosuchpaper9999'.length}`,
    ]);

    const fixes = async (diagnostic: vscode.Diagnostic) =>
      vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const run = async (action: vscode.CodeAction) => {
      if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit));
      if (action.command) await vscode.commands.executeCommand(action.command.command, ...((action.command.arguments ?? []) as unknown[]));
    };

    const change = (await fixes(diagnostics()[0]!)).find((a) => a.title === `Change to @${known}`);
    assert.ok(change, 'the typo offers the closest key');
    await run(change);
    assert.ok(editor.document.getText().includes(`First [@${known}].`), editor.document.getText());
    assert.deepEqual(await cslIds(scratchUri('references.json')), [known], 'the chosen paper joins the bibliography');

    await until(() => diagnostics().some((d) => d.code === 'notInBibliography' && d.range.start.line === 6) && diagnostics().length === 2, 'the note is checked again');
    const lacking = diagnostics().find((d) => d.code === 'notInBibliography')!;
    const add = (await fixes(lacking)).find((a) => a.title === `Add @${other} to the bibliography`);
    assert.ok(add, 'a library key the bibliography lacks offers to add it');
    await run(add);
    await until(async () => (await cslIds(scratchUri('references.json')).catch((): string[] => [])).includes(other), 'references.json is saved with the added paper');
    await until(() => diagnostics().length === 1, 'only the unknown key is left');
    assert.deepEqual(diagnostics().map((d) => codeOf(d)), ['unknownKey']);
    const unknownFixes = (await fixes(diagnostics()[0]!)).map((a) => a.title);
    // No "Change to …" for a key near no known key: searching the library or removing the citation instead.
    assert.deepEqual(unknownFixes.filter((title) => title.startsWith('Change')), [], 'a key near no known key offers no change');
    assert.ok(unknownFixes.some((title) => title.startsWith('Search the library for')), unknownFixes.join(', '));
    assert.ok(unknownFixes.includes('Remove citation'), unknownFixes.join(', '));
  });
});
