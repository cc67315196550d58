import type * as vscode from 'vscode';

const KEY = 'paperAtlas.recentPapers';
const LIMIT = 20;

/** Papers the user opened or cited lately in this workspace, newest first, by citation key. */
export class RecentPapers {
  constructor(private readonly memento: vscode.Memento) {}

  keys(): string[] {
    const stored = this.memento.get<unknown>(KEY);
    return Array.isArray(stored) ? stored.filter((k): k is string => typeof k === 'string') : [];
  }

  async add(keys: readonly string[]): Promise<void> {
    const next = [...keys, ...this.keys().filter((k) => !keys.includes(k))].slice(0, LIMIT);
    await this.memento.update(KEY, next);
  }
}
