import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { PaperAtlasApi } from '../../src/extension';
import type { CitationStyle } from '../../src/core/markdown/citationText';
import { footnoteDefinition } from '../../src/core/markdown/citationText';
import { escapeMarkdown } from '../../src/core/text/markdownEscape';
import { paperDocumentUri } from '../../src/markdown/citationDefinition';
import { captureMessages, cslIds, cursorsAfter, diskText, freshScratchFolder, openNote, paperAt, scratchUri, watchQuickPick, withSetting, writeScratch } from './citeHelpers';
import { EXTENSION_ID, paperAtlasApi, removeScratch, until } from './helpers';

/** Runs Insert Citation with papers as arguments, as the tree, the paper view and drag and drop do. */
function insertCitation(keys: readonly string[], options: { style?: CitationStyle; uri?: vscode.Uri } = {}): Thenable<boolean | undefined> {
  return vscode.commands.executeCommand<boolean>('paperAtlas.insertCitation', [...keys], options);
}

/** A CSL-JSON file that already defines `keys`, as a user's reference manager might have written it. */
function cslFileWith(keys: readonly string[]): string {
  return `${JSON.stringify(keys.map((id) => ({ id, type: 'article', title: `Entry ${id}` })), null, 2)}\n`;
}

describe('Insert Citation in VS Code', function () {
  // The first test waits for the library and the editors on a machine shared with other builds.
  this.timeout(60_000);
  let api: PaperAtlasApi;
  let a: string;
  let b: string;
  let c: string;

  before(async () => {
    api = await paperAtlasApi();
    [a, b, c] = [10, 11, 12].map((i) => paperAt(api, i).paper.key) as [string, string, string];
  });

  beforeEach(() => {
    freshScratchFolder();
  });

  after(async () => {
    await removeScratch();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('inserts [@a; @b] at every cursor as one edit that one undo reverts', async () => {
    await writeScratch('references.json', cslFileWith([a, b]));
    const original = '---\nbibliography: references.json\n---\nA claim .\nAnother claim .\n';
    const editor = await openNote('multi cursor.md', original);
    cursorsAfter(editor, 'claim ');
    const version = editor.document.version;

    assert.equal(await insertCitation([a, b]), true);
    const cited = `[@${a}; @${b}]`;
    assert.equal(editor.document.getText(), `---\nbibliography: references.json\n---\nA claim ${cited}.\nAnother claim ${cited}.\n`);
    assert.equal(editor.document.version, version + 1, 'one change to the document');
    assert.deepEqual(
      editor.selections.map((s) => editor.document.getText(new vscode.Range(s.active.translate(0, -1), s.active))),
      [']', ']'],
      'each cursor is left just after its citation',
    );

    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original, 'one undo removes every citation');
    assert.deepEqual(await cslIds(scratchUri('references.json')), [a, b], 'the complete bibliography was not touched');
  });

  it('joins an existing citation group instead of opening a new one, without repeating a key', async () => {
    await writeScratch('references.json', cslFileWith([a, b]));
    const editor = await openNote('groups.md', `---\nbibliography: references.json\n---\nSee [@${a}] and [see @${a}, p. 3] here.\n`);
    const text = editor.document.getText();
    const inFirst = editor.document.positionAt(text.indexOf(`@${a}]`) + 2);
    const inSecond = editor.document.positionAt(text.indexOf('p. 3') + 2);
    editor.selections = [new vscode.Selection(inFirst, inFirst), new vscode.Selection(inSecond, inSecond)];

    assert.equal(await insertCitation([a, b]), true);
    const joined = `---\nbibliography: references.json\n---\nSee [@${a}; @${b}] and [see @${a}, p. 3; @${b}] here.\n`;
    assert.equal(editor.document.getText(), joined);

    cursorsAfter(editor, `@${b}`);
    await insertCitation([b]);
    assert.equal(editor.document.getText(), joined, 'a key the group already cites is not added again');
  });

  describe('each citation form', () => {
    const cases: { style: CitationStyle; expected: (key: string) => string }[] = [
      { style: 'pandoc', expected: (k) => `Text [@${k}].` },
      { style: 'authorInText', expected: (k) => `Text @${k}.` },
      { style: 'suppressAuthor', expected: (k) => `Text [-@${k}].` },
      { style: 'locator', expected: (k) => `Text [@${k}, p. ].` },
    ];
    for (const { style, expected } of cases) {
      it(`writes the ${style} form`, async () => {
        await writeScratch('references.json', cslFileWith([a]));
        const editor = await openNote(`${style}.md`, '---\nbibliography: references.json\n---\nText .\n');
        cursorsAfter(editor, 'Text ');
        assert.equal(await insertCitation([a], { style }), true);
        assert.equal(editor.document.getText(), `---\nbibliography: references.json\n---\n${expected(a)}\n`);
      });
    }

    it('leaves the cursor on the locator, even when the front matter is created with the citation', async () => {
      const editor = await openNote('locator.md', 'As shown .\n');
      cursorsAfter(editor, 'shown ');
      assert.equal(await insertCitation([a], { style: 'locator' }), true);
      const text = editor.document.getText();
      assert.equal(text, `---\nbibliography: references.json\n---\n\nAs shown [@${a}, p. ].\n`);
      const cursor = editor.document.offsetAt(editor.selection.active);
      assert.equal(editor.selection.isEmpty, true);
      assert.equal(text.slice(cursor - 3, cursor + 1), 'p. ]', 'the cursor waits after "p. " for the page');
    });

    it('writes a Markdown link with the title', async () => {
      const editor = await openNote('link.md', 'Text .\n');
      cursorsAfter(editor, 'Text ');
      assert.equal(await insertCitation([a], { style: 'link' }), true);
      const title = escapeMarkdown(paperAt(api, 10).paper.title);
      assert.match(editor.document.getText(), new RegExp(`Text \\[${title.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}\\]\\(#ref-${a}\\)\\.\n$`));
      assert.ok(!editor.document.getText().startsWith('---'), 'a link citation adds no front matter');
      assert.equal(await diskText(scratchUri('references.json')), undefined, 'nor a bibliography');
    });

    it('writes a footnote and appends its definition at the end of the note', async () => {
      const editor = await openNote('footnote.md', 'Text .\n\nMore prose.\n');
      cursorsAfter(editor, 'Text ');
      assert.equal(await insertCitation([a], { style: 'footnote' }), true);
      const text = editor.document.getText();
      assert.ok(text.includes(`Text [^${a}].\n\nMore prose.\n\n${footnoteDefinition(paperAt(api, 10).paper)}\n`), text);
      cursorsAfter(editor, 'prose.');
      await insertCitation([a], { style: 'footnote' });
      assert.equal(editor.document.getText().split(`[^${a}]:`).length - 1, 1, 'the definition is written once');
      assert.equal(await diskText(scratchUri('references.json')), undefined, 'a footnote citation needs no bibliography');
    });
  });

  describe('the note’s bibliography', () => {
    it('creates references.json beside the note and front matter naming it, and adds nothing twice', async () => {
      const editor = await openNote('fresh.md', '# Fresh\n\nClaim .\n');
      cursorsAfter(editor, 'Claim ');
      assert.equal(await insertCitation([a]), true);
      assert.equal(editor.document.getText(), `---\nbibliography: references.json\n---\n\n# Fresh\n\nClaim [@${a}].\n`);
      const references = scratchUri('references.json');
      assert.deepEqual(await cslIds(references), [a]);
      const entry = (JSON.parse((await diskText(references))!) as { id: string; title: string }[])[0];
      assert.equal(entry?.title, paperAt(api, 10).paper.title);

      cursorsAfter(editor, `@${a}]`);
      assert.equal(await insertCitation([a, b]), true);
      await until(async () => (await cslIds(references)).length === 2, 'the second paper is saved to references.json');
      assert.deepEqual(await cslIds(references), [a, b], 'the first paper is not added again');
      assert.equal(editor.document.getText().match(/^bibliography:/gm)?.length, 1, 'the front matter names the file once');
    });

    it('keeps created front matter first when the cursor is at the very start of the note', async () => {
      const editor = await openNote('start.md', 'Claim first.\n');
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      assert.equal(await insertCitation([a]), true);
      assert.equal(editor.document.getText(), `---\nbibliography: references.json\n---\n\n[@${a}]Claim first.\n`);
      const text = editor.document.getText();
      assert.equal(editor.document.offsetAt(editor.selection.active), text.indexOf(`[@${a}]`) + `[@${a}]`.length, 'the cursor is just after the citation');
    });

    it('adds the bibliography line to existing front matter, and fills an empty bibliography field', async () => {
      const withTitle = await openNote('titled.md', '---\ntitle: Titled\n---\nClaim .\n');
      cursorsAfter(withTitle, 'Claim ');
      await insertCitation([a]);
      assert.equal(withTitle.document.getText(), `---\ntitle: Titled\nbibliography: references.json\n---\nClaim [@${a}].\n`);

      const empty = await openNote('empty field.md', '---\ntitle: Empty\nbibliography: ~\n---\nClaim .\n');
      cursorsAfter(empty, 'Claim ');
      await insertCitation([b]);
      assert.equal(empty.document.getText(), `---\ntitle: Empty\nbibliography: references.json\n---\nClaim [@${b}].\n`);
      await until(async () => (await cslIds(scratchUri('references.json'))).length === 2, 'references.json is saved with the second paper');
      assert.deepEqual(await cslIds(scratchUri('references.json')), [a, b]);
    });

    it('keeps what the user wrote in a CSL-JSON file: order, formatting and unknown fields', async () => {
      const mine = '[\n    {\n        "id": "mine2020",\n        "type": "book",\n        "title": "Mine",\n        "x-custom": { "keep": [1, 2] }\n    }\n]\n';
      const references = await writeScratch('references.json', mine);
      const editor = await openNote('kept.md', '---\nbibliography: references.json\n---\nClaim .\n');
      cursorsAfter(editor, 'Claim ');
      await insertCitation([a]);
      await until(async () => (await diskText(references))?.includes(a) ?? false, 'references.json is saved with the new entry');
      const text = (await diskText(references))!;
      assert.ok(text.startsWith(mine.slice(0, mine.lastIndexOf('}') + 1)), text);
      const items = JSON.parse(text) as Record<string, unknown>[];
      assert.deepEqual(items[0], (JSON.parse(mine) as unknown[])[0]);
      assert.deepEqual(items.map((i) => i.id), ['mine2020', a]);
      assert.match(text, new RegExp(`},\n {4}\\{\n {8}"id": "${a}"`), 'the new entry is indented as the file is');
    });

    it('writes a BibTeX entry into a .bib file the front matter names, keeping the file as it was', async () => {
      const mine = '% My library\n@book{mine2020,\n  title = {Mine},\n  x-unknown = {kept as written},\n}\n';
      const bib = await writeScratch('refs.bib', mine);
      const editor = await openNote('bibtex.md', '---\nbibliography: refs.bib\n---\nClaim .\n');
      cursorsAfter(editor, 'Claim ');
      assert.equal(await insertCitation([a]), true);
      await until(async () => (await diskText(bib))?.includes(a) ?? false, 'refs.bib is saved with the new entry');
      const text = (await diskText(bib))!;
      assert.ok(text.startsWith(mine), text);
      assert.match(text.slice(mine.length), new RegExp(`@\\w+\\{${a},`));
      assert.equal(await diskText(scratchUri('references.json')), undefined, 'no references.json is created beside a named .bib');

      cursorsAfter(editor, `@${a}`);
      await insertCitation([a]);
      assert.equal((await diskText(bib))!.split(`{${a},`).length - 1, 1, 'the entry is not written twice');
    });

    it('writes nothing anywhere when the bibliography does not parse, and says where it fails', async () => {
      const broken = '[\n  {"id": "mine2020" "type": "book"}\n]\n';
      const references = await writeScratch('references.json', broken);
      const original = 'Claim .\n';
      const editor = await openNote('broken.md', original);
      cursorsAfter(editor, 'Claim ');
      const shown = captureMessages();
      try {
        assert.equal(await insertCitation([a]), false);
      } finally {
        shown.restore();
      }
      assert.equal(editor.document.getText(), original, 'the note is unchanged');
      assert.equal(await diskText(references), broken, 'the bibliography is unchanged');
      assert.equal(shown.messages.length, 1, JSON.stringify(shown.messages));
      assert.equal(shown.messages[0]?.severity, 'error');
      assert.match(shown.messages[0]?.text ?? '', /references\.json:2:\d+/);
    });

    it('leaves the front matter alone when the setting says so', async () => {
      const reset = await withSetting('bibliography.addToFrontMatter', false);
      try {
        const editor = await openNote('no front matter.md', 'Claim .\n');
        cursorsAfter(editor, 'Claim ');
        await insertCitation([a]);
        assert.equal(editor.document.getText(), `Claim [@${a}].\n`);
        assert.deepEqual(await cslIds(scratchUri('references.json')), [a]);
      } finally {
        await reset();
      }
    });
  });

  describe('refusals: a message and no change', () => {
    it('refuses when no Markdown editor is open', async () => {
      // A note was open and is closed again: the command must not cite into it behind the user's back.
      const editor = await openNote('closed.md', 'Claim .\n');
      cursorsAfter(editor, 'Claim ');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const shown = captureMessages();
      try {
        assert.equal(await insertCitation([a]), false);
      } finally {
        shown.restore();
      }
      assert.deepEqual(shown.messages.map((m) => m.severity), ['warning']);
      assert.match(shown.messages[0]!.text, /open a Markdown note/i);
      assert.equal(await diskText(scratchUri('closed.md')), 'Claim .\n');
      assert.equal(await diskText(scratchUri('references.json')), undefined);
      // VS Code hands back the copy it still holds in memory, edited or not, or else reads the file.
      const document = await vscode.workspace.openTextDocument(scratchUri('closed.md'));
      assert.equal(document.getText(), 'Claim .\n', 'the closed note was not edited in memory either');
    });

    it('refuses in a file that is not Markdown', async () => {
      const uri = await writeScratch('plain.txt', 'Claim .\n');
      const editor = await vscode.window.showTextDocument(uri);
      const shown = captureMessages();
      try {
        assert.equal(await insertCitation([a]), false);
      } finally {
        shown.restore();
      }
      assert.deepEqual(shown.messages.map((m) => m.severity), ['warning']);
      assert.match(shown.messages[0]!.text, /plain\.txt.*not Markdown/);
      assert.equal(editor.document.getText(), 'Claim .\n');
      assert.equal(await diskText(scratchUri('references.json')), undefined);
    });

    it('refuses in an untitled note, which has no folder for its bibliography', async () => {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Claim .\n' });
      await vscode.window.showTextDocument(document);
      const shown = captureMessages();
      try {
        assert.equal(await insertCitation([a]), false);
      } finally {
        shown.restore();
      }
      assert.equal(shown.messages.length, 1, JSON.stringify(shown.messages));
      assert.match(shown.messages[0]!.text, /save it first/);
      assert.equal(document.getText(), 'Claim .\n');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('refuses in a read-only document (a paper document from Go to Definition)', async () => {
      const uri = paperDocumentUri(c);
      const shown = captureMessages();
      let result: boolean | undefined;
      try {
        result = await insertCitation([a], { uri });
      } finally {
        shown.restore();
      }
      assert.equal(result, false);
      assert.deepEqual(shown.messages.map((m) => m.severity), ['warning'], JSON.stringify(shown.messages));
      assert.match(shown.messages[0]!.text, /read-only/);
      const document = await vscode.workspace.openTextDocument(uri);
      assert.ok(!document.getText().includes(`[@${a}]`));
    });
  });

  it('asks with the multi-select search when no paper is given, and cites the ticked one', async () => {
    const editor = await openNote('picked.md', 'Picked .\n');
    cursorsAfter(editor, 'Picked ');
    const shownPick = watchQuickPick();
    try {
      const done = vscode.commands.executeCommand<boolean>('paperAtlas.insertCitation');
      const pick = await shownPick.shown;
      await until(() => pick.items.length > 0 && !pick.busy, 'the picker lists papers');
      assert.equal(pick.canSelectMany, true);
      // Down arrow to a result, then Ctrl+Space (unbound by default) ticks it.
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await until(() => pick.activeItems.length === 1, 'a result is focused');
      const first = pick.activeItems[0]!.entry.paper.key;
      await vscode.commands.executeCommand('workbench.action.quickPickManyToggle');
      await until(() => pick.selectedItems.length === 1, 'the focused paper is ticked');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      assert.equal(await done, true);
      assert.equal(editor.document.getText(), `---\nbibliography: references.json\n---\n\nPicked [@${first}].\n`);
      assert.deepEqual(await cslIds(scratchUri('references.json')), [first]);
    } finally {
      shownPick.restore();
    }
  });

  it('writes a note through the commands alone, kept with its bibliography in test-results/cited-note for pandoc', async () => {
    const out = join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'test-results', 'cited-note');
    rmSync(out, { recursive: true, force: true });
    const [d, e, f] = [13, 14, 15].map((i) => paperAt(api, i).paper.key) as [string, string, string];
    const editor = await openNote(
      'cited note.md',
      '# Notes on optimisation\n\nBilevel methods help here .\n\nTwo lines of work disagree .\n\nSHOWN showed it first.\n\nThe numbers are in the appendix .\n',
    );
    cursorsAfter(editor, 'help here ');
    await insertCitation([a, b]);
    cursorsAfter(editor, 'disagree ');
    await insertCitation([c], { style: 'suppressAuthor' });
    const shown = editor.document.getText().indexOf('SHOWN');
    editor.selection = new vscode.Selection(editor.document.positionAt(shown), editor.document.positionAt(shown + 'SHOWN'.length));
    await insertCitation([d], { style: 'authorInText' });
    cursorsAfter(editor, 'appendix ');
    await insertCitation([e], { style: 'locator' });
    await vscode.commands.executeCommand('type', { text: '12' });
    cursorsAfter(editor, `@${a}`);
    await insertCitation([f]);

    const text = editor.document.getText();
    for (const expected of [`[@${a}; @${b}; @${f}]`, `[-@${c}]`, `@${d} showed`, `[@${e}, p. 12]`]) assert.ok(text.includes(expected), `${expected} in\n${text}`);
    assert.ok(await editor.document.save());
    assert.deepEqual((await cslIds(scratchUri('references.json'))).sort(), [a, b, c, d, e, f].sort());

    mkdirSync(out, { recursive: true });
    copyFileSync(editor.document.uri.fsPath, join(out, 'cited note.md'));
    copyFileSync(scratchUri('references.json').fsPath, join(out, 'references.json'));
  });
});
