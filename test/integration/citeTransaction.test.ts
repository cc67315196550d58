// Every way Paper Atlas cites a paper changes the note and its bibliography
// together and leaves the bibliography saved on disk, so saving the note is
// all pandoc needs; and where a file cannot be written, nothing changes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaperAtlasApi } from '../../src/extension';
import { BibliographySync } from '../../src/markdown/bibliographySync';
import { PaperDropProvider } from '../../src/markdown/paperDropProvider';
import { PAPERS_MIME } from '../../src/views/papersView';
import {
  assertRenders,
  captureMessages,
  cursorsAfter,
  diskText,
  freshScratchFolder,
  isDirty,
  makeImmutable,
  openNote,
  paperAt,
  releaseImmutable,
  scratchUri,
  watchQuickPick,
  writeScratch,
} from './citeHelpers';
import { paperAtlasApi, removeScratch, until } from './helpers';

type Format = 'json' | 'bib' | 'yaml';
type State = 'closed' | 'open and saved' | 'open with unsaved changes';

/** A bibliography a reference manager might have written, defining one entry of the user's. */
function existingBibliography(format: Format): string {
  switch (format) {
    case 'json':
      return '[\n  {\n    "id": "mine2020",\n    "type": "book",\n    "title": "Mine"\n  }\n]\n';
    case 'bib':
      return '% My library\n@book{mine2020,\n  title = {Mine},\n}\n';
    case 'yaml':
      // As Quarto and R Markdown users keep them: CSL items under `references:`.
      return '# My library\nreferences:\n  - id: mine2020\n    type: book\n    title: Mine\n';
  }
}

/** A change of the user's own, still valid, made before citing. */
function userEdit(format: Format): string {
  return format === 'json' ? '\n' : format === 'bib' ? '% edited\n' : '# edited\n';
}

/** Puts the bibliography in `state` and returns it. */
async function bibliographyIn(format: Format, state: State): Promise<vscode.Uri> {
  const uri = await writeScratch(`refs.${format}`, existingBibliography(format));
  if (state === 'closed') return uri;
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  if (state === 'open with unsaved changes') {
    const edit = new vscode.WorkspaceEdit();
    // A change of the user's own, still valid, that the save writes too.
    edit.insert(uri, new vscode.Position(0, 0), userEdit(format));
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(document.isDirty);
  }
  return uri;
}

/** Asserts the bibliography on disk holds `key` and no open document of it has unsaved changes. */
async function assertSaved(bibliography: vscode.Uri, key: string, state: State): Promise<void> {
  const disk = (await diskText(bibliography)) ?? '';
  assert.ok(disk.includes(key), `${bibliography.path.split('/').pop()} on disk holds ${key}:\n${disk}`);
  assert.ok(disk.includes('mine2020'), 'the user’s entry is kept');
  const format = bibliography.path.split('.').pop() as Format;
  if (state === 'open with unsaved changes') assert.ok(disk.startsWith(userEdit(format)), 'the user’s unsaved change is saved with it');
  assert.equal(isDirty(bibliography), false, 'the bibliography has no unsaved changes left');
}

describe('Citing writes the bibliography to disk in the same step', function () {
  // Each test opens files and runs pandoc; the shared test machine is slow at times.
  this.timeout(60_000);
  let api: PaperAtlasApi;

  before(async () => {
    api = await paperAtlasApi();
  });

  beforeEach(() => freshScratchFolder());

  afterEach(async () => {
    releaseImmutable();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    releaseImmutable();
    await removeScratch();
  });

  const states: State[] = ['closed', 'open and saved', 'open with unsaved changes'];
  const formats: Format[] = ['json', 'bib', 'yaml'];

  for (const format of formats) {
    for (const state of states) {
      it(`Insert Citation: a .${format} bibliography ${state}`, async () => {
        const key = paperAt(api, 20).paper.key;
        const bibliography = await bibliographyIn(format, state);
        const editor = await openNote('note.md', `---\nbibliography: refs.${format}\n---\nClaim .\n`);
        cursorsAfter(editor, 'Claim ');
        assert.equal(await vscode.commands.executeCommand('paperAtlas.insertCitation', [key]), true);
        await assertSaved(bibliography, key, state);
        assert.ok(await editor.document.save());
        assertRenders(editor.document.uri, [key]);
      });
    }
  }

  it('the paper view’s Insert Citation button (the command with the paper’s id)', async () => {
    const entry = paperAt(api, 21);
    const bibliography = await bibliographyIn('json', 'open and saved');
    const editor = await openNote('note.md', '---\nbibliography: refs.json\n---\nClaim .\n');
    cursorsAfter(editor, 'Claim ');
    assert.equal(await vscode.commands.executeCommand('paperAtlas.insertCitation', entry.uid), true);
    await assertSaved(bibliography, entry.paper.key, 'open and saved');
    assert.ok(await editor.document.save());
    assertRenders(editor.document.uri, [entry.paper.key]);
  });

  for (const [format, state] of [
    ['json', 'closed'],
    ['bib', 'open with unsaved changes'],
  ] as const) {
    it(`@ completion: a .${format} bibliography ${state}`, async () => {
      const bibliography = await bibliographyIn(format, state);
      const word = paperAt(api, 22).paper.title.split(/\W+/).find((w) => w.length >= 5)?.toLowerCase() ?? 'agents';
      const editor = await openNote('note.md', `---\nbibliography: refs.${format}\n---\nClaim [@${word}].\n`);
      const position = editor.document.positionAt(editor.document.getText().indexOf(`${word}]`) + word.length);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position, '@');
      const item = list.items.find((i) => i.kind === vscode.CompletionItemKind.Reference);
      assert.ok(item?.command && typeof item.insertText === 'string', `a completion for "${word}"`);
      const key = item.insertText;
      // What accepting it does: the item's text, then its command.
      const range = item.range instanceof vscode.Range ? item.range : item.range!.replacing;
      assert.ok(await editor.edit((b) => b.replace(range, key)));
      await vscode.commands.executeCommand(item.command.command, ...((item.command.arguments ?? []) as unknown[]));
      assert.equal(editor.document.getText(), `---\nbibliography: refs.${format}\n---\nClaim [@${key}].\n`);
      await assertSaved(bibliography, key, state);
      assert.ok(await editor.document.save());
      assertRenders(editor.document.uri, [key]);
    });
  }

  for (const [format, state] of [
    ['bib', 'closed'],
    ['json', 'open with unsaved changes'],
  ] as const) {
    it(`the "did you mean" quick fix: a .${format} bibliography ${state}`, async () => {
      const key = paperAt(api, 23).paper.key;
      const typo = `${key.slice(0, 3)}q${key.slice(3)}`;
      const bibliography = await bibliographyIn(format, state);
      const editor = await openNote('note.md', `---\nbibliography: refs.${format}\n---\nClaim [@${typo}].\n`);
      const uri = editor.document.uri;
      await until(() => vscode.languages.getDiagnostics(uri).some((d) => d.code === 'unknownKey'), 'the unknown key is flagged');
      const diagnostic = vscode.languages.getDiagnostics(uri).find((d) => d.code === 'unknownKey')!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
      const fix = actions.find((a) => a.title === `Change to @${key}`);
      assert.ok(fix?.edit && fix.command, `a fix to @${key} among ${actions.map((a) => a.title).join(', ')}`);
      // What choosing it does: the fix's edit, then its command.
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      await vscode.commands.executeCommand(fix.command.command, ...((fix.command.arguments ?? []) as unknown[]));
      assert.equal(editor.document.getText(), `---\nbibliography: refs.${format}\n---\nClaim [@${key}].\n`);
      await assertSaved(bibliography, key, state);
      assert.ok(await editor.document.save());
      assertRenders(editor.document.uri, [key]);
    });
  }

  describe('drag and drop', () => {
    let log: vscode.LogOutputChannel;
    let sync: BibliographySync;
    let provider: PaperDropProvider;

    before(() => {
      log = vscode.window.createOutputChannel('Paper Atlas drop test', { log: true });
      sync = new BibliographySync(log);
      provider = new PaperDropProvider(() => api.atlas.library.catalog, sync, () => 'pandoc');
    });

    after(() => {
      sync.dispose();
      log.dispose();
    });

    /** The drop edit Paper Atlas offers for `key` dropped after `marker`. */
    async function offered(editor: vscode.TextEditor, key: string, marker: string) {
      const position = editor.document.positionAt(editor.document.getText().indexOf(marker) + marker.length);
      const data = new vscode.DataTransfer();
      data.set(PAPERS_MIME, new vscode.DataTransferItem(JSON.stringify([key])));
      const edit = await provider.provideDocumentDropEdits(editor.document, position, data, new vscode.CancellationTokenSource().token);
      assert.ok(edit, 'a drop edit is offered');
      return { edit, position };
    }

    it('the drop the user picks leaves the bibliography saved', async () => {
      const key = paperAt(api, 26).paper.key;
      const bibliography = await bibliographyIn('bib', 'open and saved');
      const editor = await openNote('note.md', '---\nbibliography: refs.bib\n---\nClaim .\n');
      const { edit, position } = await offered(editor, key, 'Claim ');
      // What VS Code does with the picked edit: resolve it, then apply its text and additional edit together.
      const resolved = provider.resolveDocumentDropEdit(edit);
      const apply = new vscode.WorkspaceEdit();
      apply.insert(editor.document.uri, position, typeof resolved.insertText === 'string' ? resolved.insertText : resolved.insertText.value);
      for (const [uri, edits] of resolved.additionalEdit!.entries()) for (const e of edits) apply.replace(uri, e.range, e.newText);
      assert.ok(await vscode.workspace.applyEdit(apply));
      await until(async () => (await diskText(bibliography))?.includes(key) ?? false, 'the bibliography is saved with the entry');
      // The editor learns of the save just after the bytes land.
      await until(() => !isDirty(bibliography), 'the bibliography has no unsaved changes left');
      assert.ok(await editor.document.save());
      assertRenders(editor.document.uri, [key]);
    });

    it('a drop edit the user does not pick saves nothing later', async () => {
      const key = paperAt(api, 27).paper.key;
      const bibliography = await bibliographyIn('json', 'open and saved');
      const editor = await openNote('note.md', '---\nbibliography: refs.json\n---\nClaim .\n');
      await offered(editor, key, 'Claim ');
      // The user goes on editing the bibliography themselves; nothing must save it behind their back.
      const own = new vscode.WorkspaceEdit();
      own.insert(bibliography, new vscode.Position(0, 0), '\n');
      assert.ok(await vscode.workspace.applyEdit(own));
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(isDirty(bibliography), true, 'the user’s change is still unsaved');
      assert.equal(await diskText(bibliography), existingBibliography('json'));
    });
  });

  it('a note with no bibliography: references.json is created on disk beside it and named in the front matter', async () => {
    const key = paperAt(api, 24).paper.key;
    const editor = await openNote('note.md', '# Title\n\nClaim .\n');
    cursorsAfter(editor, 'Claim ');
    assert.equal(await vscode.commands.executeCommand('paperAtlas.insertCitation', [key]), true);
    assert.ok((await diskText(scratchUri('references.json')))?.includes(key));
    assert.ok(await editor.document.save());
    assertRenders(editor.document.uri, [key]);
  });

  describe('files that cannot be written: a message naming the file, and no change on disk or in the editor', () => {
    async function refused(run: () => Thenable<unknown>, file: RegExp): Promise<void> {
      const shown = captureMessages();
      try {
        assert.equal(await run(), false);
      } finally {
        shown.restore();
      }
      assert.equal(shown.messages.length, 1, JSON.stringify(shown.messages));
      assert.match(shown.messages[0]!.text, file);
    }

    it('a read-only note', async () => {
      const key = paperAt(api, 25).paper.key;
      const original = '---\nbibliography: refs.json\n---\nClaim .\n';
      const bibliography = await writeScratch('refs.json', existingBibliography('json'));
      const editor = await openNote('locked note.md', original);
      makeImmutable(editor.document.uri);
      cursorsAfter(editor, 'Claim ');
      await refused(() => vscode.commands.executeCommand('paperAtlas.insertCitation', [key]), /locked note\.md/);
      assert.equal(editor.document.getText(), original);
      assert.equal(await diskText(editor.document.uri), original);
      assert.equal(await diskText(bibliography), existingBibliography('json'));
      assert.equal(isDirty(bibliography), false);
    });

    it('a read-only bibliography', async () => {
      const key = paperAt(api, 25).paper.key;
      const original = '---\nbibliography: refs.bib\n---\nClaim .\n';
      const bibliography = await writeScratch('refs.bib', existingBibliography('bib'));
      makeImmutable(bibliography);
      const editor = await openNote('note.md', original);
      cursorsAfter(editor, 'Claim ');
      await refused(() => vscode.commands.executeCommand('paperAtlas.insertCitation', [key]), /refs\.bib/);
      assert.equal(editor.document.getText(), original);
      assert.equal(await diskText(bibliography), existingBibliography('bib'));
      assert.equal(isDirty(bibliography), false);
    });

    it('a Latin-1 bibliography, which writing UTF-8 into would garble', async () => {
      const key = paperAt(api, 25).paper.key;
      const original = '---\nbibliography: refs.bib\n---\nClaim .\n';
      // "Gödel" in Latin-1: one byte for ö, which is not valid UTF-8.
      const bytes = Uint8Array.from(Buffer.from('@book{godel1931,\n  title = {G\u00f6del},\n}\n', 'latin1'));
      const bibliography = scratchUri('refs.bib');
      await vscode.workspace.fs.writeFile(bibliography, bytes);
      const editor = await openNote('note.md', original);
      cursorsAfter(editor, 'Claim ');
      await refused(() => vscode.commands.executeCommand('paperAtlas.insertCitation', [key]), /refs\.bib.* is not UTF-8/);
      assert.equal(editor.document.getText(), original);
      assert.ok(Buffer.from(await vscode.workspace.fs.readFile(bibliography)).equals(Buffer.from(bytes)), 'the bytes on disk are untouched');
    });

    it('a read-only folder where the bibliography would be created', async () => {
      const key = paperAt(api, 25).paper.key;
      const original = '---\ntitle: Locked\n---\nClaim .\n';
      const editor = await openNote('note.md', original);
      makeImmutable(scratchUri());
      cursorsAfter(editor, 'Claim ');
      await refused(() => vscode.commands.executeCommand('paperAtlas.insertCitation', [key]), /references\.json/);
      assert.equal(editor.document.getText(), original);
      assert.equal(editor.document.isDirty, false);
      assert.equal(await diskText(scratchUri('references.json')), undefined);
    });

    it('the completion’s bibliography step in a read-only folder leaves the front matter alone', async () => {
      const key = paperAt(api, 25).paper.key;
      const editor = await openNote('note.md', `Claim [@${key}].\n`);
      makeImmutable(scratchUri());
      await refused(() => vscode.commands.executeCommand('paperAtlas.addToBibliography', editor.document.uri, key), /references\.json/);
      assert.equal(editor.document.getText(), `Claim [@${key}].\n`);
      assert.equal(await diskText(scratchUri('references.json')), undefined);
    });

    it('an untitled note still takes a link citation, which needs no bibliography', async () => {
      const key = paperAt(api, 28).paper.key;
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Claim .\n' });
      const editor = await vscode.window.showTextDocument(document);
      cursorsAfter(editor, 'Claim ');
      assert.equal(await vscode.commands.executeCommand('paperAtlas.insertCitation', [key], { style: 'link' }), true);
      assert.match(document.getText(), new RegExp(`^Claim \\[.*\\]\\(#ref-${key}\\)\\.\n$`));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('an untitled note: says so before the search opens', async () => {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Claim .\n' });
      await vscode.window.showTextDocument(document);
      const pick = watchQuickPick();
      let opened = false;
      void pick.shown.then((p) => {
        opened = true;
        p.hide();
      });
      try {
        await refused(() => vscode.commands.executeCommand('paperAtlas.insertCitation'), /Untitled|not saved/);
      } finally {
        pick.restore();
      }
      assert.equal(opened, false, 'no search was opened');
      assert.equal(document.getText(), 'Claim .\n');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });
});
