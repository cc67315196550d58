import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { detectBibliographyEncoding } from '../core/bibliography/encoding';
import * as vscode from 'vscode';
import { bibliographyTargets, planCitation, type BibliographySettings, type CitationPlan } from '../core/bibliography/bibliographyPlan';
import { PANDOC_STYLES, type CitationStyle } from '../core/markdown/citationText';
import { applyEdits, invertEdits, type OffsetRange, type TextEdit } from '../core/text/textEdit';
import type { Paper } from '../core/paper';
import { resolveNotePath } from '../core/text/paths';

/** What to cite in a note. */
export interface CitationRequest {
  /** Where to cite, as offsets of the note's text; ignored when `cite` is false. */
  readonly selections: readonly OffsetRange[];
  readonly papers: readonly Paper[];
  readonly style: CitationStyle;
  /** False to add the papers to the bibliography only (the note cites them already). Default true. */
  readonly cite?: boolean;
}

/** Why nothing was changed, in one sentence, and where to look. */
export interface CitationRefusal {
  readonly ok: false;
  readonly message: string;
  /** The place in a bibliography the refusal is about, when there is one to open. */
  readonly location?: vscode.Location;
  /** A bibliography holds a cited key in another letter case: the key it holds. */
  readonly caseConflict?: { readonly key: string; readonly existing: string };
}

/** A plan checked against the files, ready to apply. */
export interface PreparedCitation {
  readonly ok: true;
  readonly plan: CitationPlan & { ok: true };
  /** The note's text the plan was made from. */
  readonly noteText: string;
  readonly bibliography?: { readonly uri: vscode.Uri; readonly document?: vscode.TextDocument };
}

/** What citing did: the cursors' final offsets in the note, and the entries added. */
export type CitationOutcome = { readonly ok: true; readonly selections: readonly OffsetRange[]; readonly added: readonly string[] } | CitationRefusal;

/**
 * Cites papers in a note as one transaction with its bibliography. It first
 * decides whether the note and the bibliography can be written; if not, it
 * says why, naming the file, and changes nothing. Otherwise it applies the
 * note's edits and the bibliography's in one workspace edit (so one undo
 * reverts both) and saves the bibliography at once, so saving the note is
 * all pandoc needs. A step that fails rolls back what was applied.
 */
export class BibliographySync implements vscode.Disposable {
  /** Drop edits the user picked whose bibliography waits to be saved once VS Code applies them. */
  private readonly waiting = new Set<vscode.Disposable>();
  /** Drops whose planned entries are being watched for, so the provider and its resolve step watch once. */
  private readonly watched = new WeakSet<PreparedCitation>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /**
   * Why citing into `note` cannot work whatever is cited, or undefined: an
   * untitled note (no folder for its bibliography) or one that cannot be
   * written. Callers ask before opening a picker.
   */
  async noteRefusal(note: vscode.TextDocument, needsBibliography = true): Promise<string | undefined> {
    const name = displayName(note.uri);
    if (note.uri.scheme === 'untitled') {
      return needsBibliography ? `“${name}” is not saved yet, so it has no folder for its bibliography; save it first.` : undefined;
    }
    if (!(await isWritable(note.uri))) return `“${name}” is read-only, so Paper Atlas changed nothing.`;
    return undefined;
  }

  /** Reads the note's bibliographies and plans the citation; checks every file it would write. Changes nothing. */
  async prepare(note: vscode.TextDocument, request: CitationRequest): Promise<PreparedCitation | CitationRefusal> {
    const refusal = await this.noteRefusal(note, request.papers.length > 0 && PANDOC_STYLES.has(request.style));
    if (refusal) return { ok: false, message: refusal };
    const settings = settingsFor(note);
    const noteText = note.getText();
    const folder = vscode.Uri.joinPath(note.uri, '..');
    const uris = new Map<string, vscode.Uri>();
    const texts = new Map<string, string | undefined>();
    const documents = new Map<string, vscode.TextDocument>();
    for (const path of bibliographyTargets(noteText, settings).paths) {
      const uri = bibliographyUri(folder, path);
      uris.set(path, uri);
      const document = await openIfExists(uri);
      if (document) documents.set(path, document);
      texts.set(path, document?.getText());
    }
    const plan = planCitation({ noteText, selections: request.selections, papers: request.papers, style: request.style, cite: request.cite ?? true, bibliographies: texts, settings });
    if (!plan.ok) {
      const uri = plan.file === undefined ? undefined : uris.get(plan.file);
      const position = new vscode.Position(plan.line ?? 0, plan.col ?? 0);
      this.log.warn(`Citation refused: ${plan.reason}`);
      return {
        ok: false,
        message: plan.reason,
        ...(uri && plan.line !== undefined ? { location: new vscode.Location(uri, position) } : {}),
        ...(plan.caseConflict ? { caseConflict: plan.caseConflict } : {}),
      };
    }
    if (!plan.bibliography) return { ok: true, plan, noteText };
    const uri = uris.get(plan.bibliography.path) ?? bibliographyUri(folder, plan.bibliography.path);
    const document = documents.get(plan.bibliography.path);
    const cannot = plan.bibliography.created ? await cannotCreate(uri) : (await isWritable(uri)) ? undefined : `“${displayName(uri)}” is read-only`;
    if (cannot) return { ok: false, message: `${cannot}, so Paper Atlas changed neither “${displayName(note.uri)}” nor its bibliography.` };
    if (!plan.bibliography.created && !(await isUtf8OnDisk(uri))) {
      return {
        ok: false,
        message: `“${displayName(uri)}” is not UTF-8 (Latin-1 or another single-byte encoding?), and writing to it would garble its accents, so Paper Atlas changed neither it nor “${displayName(note.uri)}”. Reopen it with its encoding and save it as UTF-8 first.`,
      };
    }
    return { ok: true, plan, noteText, bibliography: { uri, ...(document ? { document } : {}) } };
  }

  /** Plans, checks, applies and saves; on failure says what was and was not changed. */
  async cite(note: vscode.TextDocument, request: CitationRequest): Promise<CitationOutcome> {
    const prepared = await this.prepare(note, request);
    if (!prepared.ok) return prepared;
    return this.apply(note, prepared);
  }

  /**
   * Applies a prepared citation as one workspace edit and saves the
   * bibliography. The note must still hold the text the plan was made from.
   */
  async apply(note: vscode.TextDocument, prepared: PreparedCitation): Promise<CitationOutcome> {
    const { plan, bibliography } = prepared;
    const noteName = displayName(note.uri);
    if (note.getText() !== prepared.noteText) return { ok: false, message: `“${noteName}” changed while the citation was prepared; nothing was changed, try again.` };
    const change = plan.bibliography;
    // Every paper is cited there already and in the bibliography: nothing to apply (VS Code refuses an empty edit).
    if (plan.noteEdits.length === 0 && !change) return { ok: true, selections: plan.selections, added: [] };
    const bibText = bibliography?.document?.getText();
    const edit = new vscode.WorkspaceEdit();
    for (const e of plan.noteEdits) edit.replace(note.uri, rangeOf(note, e), e.newText);
    if (change && bibliography) {
      if (change.created) {
        edit.createFile(bibliography.uri, { ignoreIfExists: false, contents: new TextEncoder().encode(change.edit.newText) });
      } else if (bibliography.document) {
        edit.replace(bibliography.uri, rangeOf(bibliography.document, change.edit), change.edit.newText);
      }
    }
    const bibName = bibliography ? displayName(bibliography.uri) : undefined;
    let applied = false;
    try {
      applied = await vscode.workspace.applyEdit(edit);
    } catch (error) {
      this.log.error(`Applying the citation failed: ${String(error)}`);
    }
    if (!applied) {
      const undone = await this.rollback(note, prepared, bibText);
      return { ok: false, message: `VS Code refused the edit; ${undone}` };
    }
    if (change && bibliography) {
      const saved = await this.save(bibliography.uri, change.created);
      if (!saved) {
        const undone = await this.rollback(note, prepared, bibText);
        return { ok: false, message: `“${bibName ?? ''}” could not be saved; ${undone}` };
      }
      this.log.info(`Added ${change.added.join(', ')} to ${vscode.workspace.asRelativePath(bibliography.uri)} and saved it`);
    }
    return { ok: true, selections: plan.selections, added: change?.added ?? [] };
  }

  /**
   * For an edit VS Code applies itself (a drop the user picked): saves the
   * bibliography once its document holds the planned entries, or gives up
   * after a while (the edit was not applied after all).
   */
  saveOnceApplied(prepared: PreparedCitation): void {
    const change = prepared.plan.bibliography;
    const document = prepared.bibliography?.document;
    if (!change || change.created || !document || this.watched.has(prepared)) return;
    this.watched.add(prepared);
    // The planned entries themselves, not the whole text: the user may have typed elsewhere in the file meanwhile.
    const entries = change.edit.newText.trim();
    const landed = (): boolean => entries !== '' && document.isDirty && document.getText().includes(entries);
    const stop = (): void => {
      listener.dispose();
      clearTimeout(timer);
      this.waiting.delete(waiter);
    };
    const save = (): void => {
      stop();
      // Saved after the edit has settled, not from inside its change event.
      setTimeout(() => {
        void document.save().then((saved) => {
          if (!saved) void vscode.window.showErrorMessage(`Paper Atlas could not save “${displayName(document.uri)}”; save it to keep the new entries.`);
        });
      }, 0);
    };
    const listener = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === document && landed()) save();
    });
    const timer = setTimeout(stop, 60_000);
    const waiter = { dispose: stop };
    this.waiting.add(waiter);
    if (landed()) save();
  }

  dispose(): void {
    for (const waiter of [...this.waiting]) waiter.dispose();
  }

  /** Writes the bibliography to disk: saves its document, or checks the file an edit created. */
  private async save(uri: vscode.Uri, created: boolean): Promise<boolean> {
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      if (!document.isDirty) return created ? (await exists(uri)) : true;
      return await document.save();
    } catch (error) {
      this.log.error(`Saving ${uri.toString()} failed: ${String(error)}`);
      return false;
    }
  }

  /**
   * Puts the note and the bibliography back as they were before `apply`, by
   * applying the inverse edits, and says in words what is left changed.
   */
  private async rollback(note: vscode.TextDocument, prepared: PreparedCitation, bibText: string | undefined): Promise<string> {
    const { plan, bibliography, noteText } = prepared;
    const change = plan.bibliography;
    const undo = new vscode.WorkspaceEdit();
    const restore = (document: vscode.TextDocument, before: string, edits: readonly TextEdit[]) => {
      const now = document.getText();
      if (now === before) return;
      if (now === applyEdits(before, edits)) {
        for (const e of invertEdits(before, edits)) undo.replace(document.uri, rangeOf(document, e), e.newText);
      } else {
        undo.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(now.length)), before);
      }
    };
    restore(note, noteText, plan.noteEdits);
    if (change && bibliography?.document && bibText !== undefined) restore(bibliography.document, bibText, [change.edit]);
    if (change?.created && bibliography && (await exists(bibliography.uri))) undo.deleteFile(bibliography.uri, { ignoreIfNotExists: true });
    if (undo.size > 0 && !(await vscode.workspace.applyEdit(undo).then(undefined, () => false))) {
      return `the note “${displayName(note.uri)}” and its bibliography may hold part of the citation; use Undo to remove it.`;
    }
    const left = bibliography?.document?.isDirty && change && !change.created ? ` (“${displayName(bibliography.uri)}” is back as it was but still marked unsaved)` : '';
    return `neither “${displayName(note.uri)}” nor its bibliography was changed${left}.`;
  }
}

/** The bibliography settings of a note's folder. */
export function settingsFor(note: vscode.TextDocument): BibliographySettings {
  const config = vscode.workspace.getConfiguration('paperAtlas', note);
  return {
    defaultFile: config.get<string>('bibliography.defaultFile', 'references.json'),
    addToFrontMatter: config.get<boolean>('bibliography.addToFrontMatter', true),
  };
}

/** A bibliography path as a note names it, resolved against the note's folder. */
export function bibliographyUri(folder: vscode.Uri, path: string): vscode.Uri {
  const resolved = resolveNotePath(folder.path, path);
  return resolved.startsWith('/') && !path.startsWith('/') ? folder.with({ path: resolved }) : vscode.Uri.file(resolved);
}

/**
 * Shows why a citation was not made, offering to open the bibliography only
 * when there is a place in one to open.
 */
export function showRefusal(prefix: string, refusal: CitationRefusal): void {
  const { location } = refusal;
  if (!location) {
    void vscode.window.showErrorMessage(`${prefix}: ${refusal.message}`);
    return;
  }
  const open = 'Open Bibliography';
  void vscode.window.showErrorMessage(`${prefix}: ${refusal.message}`, open).then((choice) => {
    if (choice === open) void vscode.window.showTextDocument(location.uri, { selection: location.range });
  });
}

function rangeOf(document: vscode.TextDocument, edit: TextEdit): vscode.Range {
  return new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end));
}

function displayName(uri: vscode.Uri): string {
  if (uri.scheme === 'untitled') return uri.path;
  return vscode.workspace.asRelativePath(uri, false);
}

async function openIfExists(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open;
  if (!(await exists(uri))) return undefined;
  return vscode.workspace.openTextDocument(uri);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the file can be written. On disk this asks the kernel (a file made
 * immutable with `chattr +i` fails even for root, which passes any mode
 * bits); elsewhere, whether the file system is writable at all. A scheme
 * with no file system provider (the paper documents Go to Definition shows)
 * answers undefined, which counts as read-only.
 */
async function isWritable(uri: vscode.Uri): Promise<boolean> {
  if (uri.scheme === 'file') {
    try {
      await access(uri.fsPath, constants.W_OK);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT';
    }
  }
  return vscode.workspace.fs.isWritableFileSystem(uri.scheme) === true;
}

/** Why a new file cannot be created at `uri`, or undefined: the nearest existing folder must be writable. */
async function cannotCreate(uri: vscode.Uri): Promise<string | undefined> {
  let folder = vscode.Uri.joinPath(uri, '..');
  while (!(await exists(folder))) {
    const parent = vscode.Uri.joinPath(folder, '..');
    if (parent.path === folder.path) break;
    folder = parent;
  }
  if (await isWritable(folder)) return undefined;
  return `“${displayName(uri)}” cannot be created, as its folder “${displayName(folder)}” is read-only`;
}

/**
 * Whether the file's bytes are text VS Code reads faithfully: UTF-8 (with or
 * without a BOM) or UTF-16 with a BOM, which VS Code detects and writes back
 * as it found it. Bytes that are not valid UTF-8 (a Latin-1 `.bib`) open as
 * replacement characters, and saving would destroy them.
 */
async function isUtf8OnDisk(uri: vscode.Uri): Promise<boolean> {
  const encoding = detectBibliographyEncoding(await vscode.workspace.fs.readFile(uri));
  return encoding !== 'latin-1-or-invalid';
}
