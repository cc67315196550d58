// What a user sees around citing: hovers that show paper text as written,
// a picker whose labels are text, Enter on a highlighted result, and a
// citation that does not stick to the word before it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaperAtlasApi } from '../../src/extension';
import type { CatalogPaper } from '../../src/core/library/catalog';
import { itemFor } from '../../src/pickers/paperPicker';
import { paperTooltip } from '../../src/views/papersTree';
import { captureMessages, cursorsAfter, diskText, freshScratchFolder, openNote, paperAt, scratchUri, watchQuickPick, writeScratch } from './citeHelpers';
import { paperAtlasApi, removeScratch, until } from './helpers';

/** A library paper with the awkward text a listing may hold. */
function awkward(entry: CatalogPaper): CatalogPaper {
  return {
    ...entry,
    paper: {
      ...entry.paper,
      key: 'tulu3-2024',
      title: 'Beware $(alert) *titles*',
      abstract: 'Code is at https://github.com/example/repo. The rest of the abstract is ordinary prose that wraps between words.',
    },
  };
}

describe('Citing: what the user reads', function () {
  this.timeout(60_000);
  let api: PaperAtlasApi;

  before(async () => {
    api = await paperAtlasApi();
  });

  beforeEach(() => freshScratchFolder());

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await removeScratch();
  });

  it('the tree hover shows the key as written, spaces as spaces, a URL that does not run on, and no icon from a title', () => {
    const md = paperTooltip(awkward(paperAt(api, 0)));
    assert.equal(md.supportHtml, false);
    assert.ok(md.value.includes('`@tulu3-2024`'), md.value);
    assert.ok(!md.value.includes('&nbsp;'), md.value);
    assert.ok(md.value.includes('https\\://github.com/example/repo. The rest of the abstract is ordinary prose'), md.value);
    assert.ok(md.value.includes('Beware \\$(alert) \\*titles\\*'), md.value);
  });

  it('the citation hover shows the abstract with plain spaces', async () => {
    const entry = paperAt(api, 30);
    const editor = await openNote('hover.md', `Claim [@${entry.paper.key}].\n`);
    const position = editor.document.positionAt(editor.document.getText().indexOf('@') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
    const value = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    const words = entry.paper.abstract.split(/\s+/).slice(0, 3).join(' ');
    assert.ok(value.includes(words.replace(/[\\`*_[\]<>#^~$@|&{}]/g, '\\$&')), `"${words}" in\n${value}`);
    assert.ok(!value.includes('&nbsp;'), value);
  });

  it('a picker row shows a title holding $(alert) as text', () => {
    const catalog = api.atlas.library.catalog;
    assert.ok(catalog);
    const item = itemFor({ entry: awkward(paperAt(api, 0)), terms: [] }, catalog, []);
    assert.equal(item.label, 'Beware \\$(alert) *titles*');
  });

  it('Enter with nothing ticked cites the highlighted result', async () => {
    await writeScratch('references.json', '[]\n');
    const editor = await openNote('active.md', '---\nbibliography: references.json\n---\nPicked .\n');
    cursorsAfter(editor, 'Picked ');
    const shownPick = watchQuickPick();
    try {
      const done = vscode.commands.executeCommand<boolean>('paperAtlas.insertCitation');
      const pick = await shownPick.shown;
      await until(() => pick.items.length > 0 && !pick.busy, 'the picker lists papers');
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await until(() => pick.activeItems.length === 1, 'a result is highlighted');
      const key = pick.activeItems[0]!.entry.paper.key;
      assert.equal(pick.selectedItems.length, 0);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      assert.equal(await done, true);
      assert.equal(editor.document.getText(), `---\nbibliography: references.json\n---\nPicked [@${key}].\n`);
    } finally {
      shownPick.restore();
    }
  });

  it('a citation right after a word is separated from it by a space', async () => {
    const key = paperAt(api, 31).paper.key;
    const editor = await openNote('space.md', 'As we see.\n');
    cursorsAfter(editor, 'see');
    assert.equal(await vscode.commands.executeCommand('paperAtlas.insertCitation', [key]), true);
    assert.equal(editor.document.getText(), `---\nbibliography: references.json\n---\n\nAs we see [@${key}].\n`);
  });

  describe('errors offer buttons that work', () => {
    async function fixesFor(uri: vscode.Uri, code: string): Promise<vscode.CodeAction[]> {
      await until(() => vscode.languages.getDiagnostics(uri).some((d) => d.code === code), `a ${code} diagnostic`);
      const diagnostic = vscode.languages.getDiagnostics(uri).find((d) => d.code === code)!;
      return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
    }

    it('an unknown key with no close match can be removed', async () => {
      const editor = await openNote('unknown.md', 'Claim [@nosuch2099].\n');
      const remove = (await fixesFor(editor.document.uri, 'unknownKey')).find((a) => a.title === 'Remove citation');
      assert.ok(remove?.edit);
      assert.ok(await vscode.workspace.applyEdit(remove.edit));
      assert.equal(editor.document.getText(), 'Claim.\n');
    });

    it('an unknown key with no close match can be searched for, and the paper found replaces it', async () => {
      await writeScratch('refs.json', '[]\n');
      const editor = await openNote('search.md', '---\nbibliography: refs.json\n---\nClaim [@nosuch2099].\n');
      const search = (await fixesFor(editor.document.uri, 'unknownKey')).find((a) => a.title === "Search the library for 'nosuch2099'");
      assert.ok(search?.command);
      const shownPick = watchQuickPick();
      try {
        const done = vscode.commands.executeCommand<boolean>(search.command.command, ...((search.command.arguments ?? []) as unknown[]));
        const pick = await shownPick.shown;
        assert.equal(pick.value, 'nosuch2099', 'the search starts with the key');
        const wanted = paperAt(api, 32).paper;
        pick.value = wanted.title;
        await until(() => !pick.busy && pick.items.some((i) => i.entry.paper.key === wanted.key), 'the picker lists the paper');
        pick.activeItems = pick.items.filter((i) => i.entry.paper.key === wanted.key);
        await until(() => pick.activeItems.length === 1, 'the paper is highlighted');
        const key = wanted.key;
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        assert.equal(await done, true);
        assert.equal(editor.document.getText(), `---\nbibliography: refs.json\n---\nClaim [@${key}].\n`);
        assert.ok((await diskText(scratchUri('refs.json')))?.includes(key));
      } finally {
        shownPick.restore();
      }
    });

    it('a key the bibliography holds in another letter case: said, with the key it holds offered', async () => {
      const key = paperAt(api, 33).paper.key;
      const bib = `@misc{${key.toUpperCase()},\n  title = {Mine},\n}\n`;
      await writeScratch('refs.bib', bib);
      const editor = await openNote('case.md', '---\nbibliography: refs.bib\n---\nClaim .\n');
      cursorsAfter(editor, 'Claim ');
      const shown = captureMessages();
      try {
        assert.equal(await vscode.commands.executeCommand('paperAtlas.insertCitation', [key]), false);
      } finally {
        shown.restore();
      }
      assert.equal(shown.messages.length, 1, JSON.stringify(shown.messages));
      assert.match(shown.messages[0]!.text, new RegExp(`refs\\.bib:1:.*@${key.toUpperCase()}`));
      assert.deepEqual(shown.messages[0]!.actions, [`Cite @${key.toUpperCase()}`]);
      assert.equal(editor.document.getText(), '---\nbibliography: refs.bib\n---\nClaim .\n');
      assert.equal(await diskText(scratchUri('refs.bib')), bib);
    });

    it('Open Bibliography is offered only where there is a place to open', async () => {
      // RIS: pandoc reads it, Paper Atlas does not write it, and there is no place in it to point at.
      await writeScratch('refs.ris', 'TY  - BOOK\nID  - mine\nER  - \n');
      const ris = await openNote('ris.md', '---\nbibliography: refs.ris\n---\nClaim .\n');
      cursorsAfter(ris, 'Claim ');
      const shown = captureMessages();
      try {
        await vscode.commands.executeCommand('paperAtlas.insertCitation', [paperAt(api, 34).paper.key]);
        await writeScratch('broken.json', '[\n  {"id": "x" "type": "book"}\n]\n');
        const broken = await openNote('broken.md', '---\nbibliography: broken.json\n---\nClaim .\n');
        cursorsAfter(broken, 'Claim ');
        await vscode.commands.executeCommand('paperAtlas.insertCitation', [paperAt(api, 34).paper.key]);
      } finally {
        shown.restore();
      }
      assert.equal(shown.messages.length, 2, JSON.stringify(shown.messages));
      assert.deepEqual(shown.messages[0]!.actions, [], 'no location in a RIS file Paper Atlas does not write');
      assert.match(shown.messages[0]!.text, /refs\.ris/);
      assert.deepEqual(shown.messages[1]!.actions, ['Open Bibliography']);
    });
  });
});
