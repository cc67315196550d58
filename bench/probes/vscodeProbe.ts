/**
 * Runs inside VS Code's extension host (as the "tests" module of an
 * extension-development window) and measures the extension under
 * development: Paper Atlas, or the empty extension that is its floor.
 * Writes one JSON file per window to PAPER_ATLAS_BENCH_RESULTS_DIR.
 *
 *  - activation: ext.activate() called → resolved (module load included),
 *    and the extension's own timings: activate() entered → returned, and
 *    → first tree level ready;
 *  - completion after `@`: vscode.executeCompletionItemProvider on a Markdown
 *    note, request → items, for each prefix of ten words (every provider of
 *    the window answers, so the empty extension's figure is the floor).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

interface Timings {
  readonly activateMs: number;
}

const CANDIDATES = ['paper-atlas.paper-atlas', 'paper-atlas-bench.empty-extension'];
const WORDS = ['diff', 'diffusion', 'agen', 'agents', 'rein', 'quant', 'tok', 'mamba', 'gaus', 'halluc'];

export async function run(): Promise<void> {
  const dir = process.env.PAPER_ATLAS_BENCH_RESULTS_DIR;
  const result: Record<string, unknown> = { pid: process.pid };
  try {
    const ext = CANDIDATES.map((id) => vscode.extensions.getExtension<{ timings?: Timings }>(id)).find((e) => e !== undefined);
    if (!ext) throw new Error(`none of ${CANDIDATES.join(', ')} is loaded`);
    result['extension'] = ext.id;
    result['wasActive'] = ext.isActive;
    const started = performance.now();
    const api = await ext.activate();
    result['activateCallMs'] = performance.now() - started;
    result['activateMs'] = api?.timings?.activateMs;

    const completion: number[] = [];
    let items = 0;
    for (const word of WORDS) {
      for (let i = 1; i <= word.length; i += 1) {
        const content = `# Notes\n\nAs shown by [@${word.slice(0, i)}`;
        const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
        const position = document.positionAt(content.length);
        const requested = performance.now();
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
        completion.push(performance.now() - requested);
        items += list.items.length;
      }
    }
    result['completionMs'] = completion;
    result['completionItems'] = items / completion.length;
  } catch (error) {
    result['error'] = error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
  if (dir) writeFileSync(join(dir, `${process.pid}-${Date.now()}.json`), JSON.stringify(result));
}
