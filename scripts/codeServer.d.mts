// Types for scripts/codeServer.mjs, so the TypeScript UI tests can use it.
export const CODE_SERVER_VERSION: string;
export function cacheDir(): string;
export function codeServerBin(): string;
export function ensureCodeServer(options?: { log?: (message: string) => void }): string;
export function freePort(): Promise<number>;
export function copyWorkspace(source: string, prefix?: string): string;

export interface CodeServer {
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  /** Settles when code-server ends, with its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** code-server's output so far. */
  log(): string;
  stop(): Promise<void>;
  killNow(): void;
}

export function startCodeServer(options: {
  workspace: string;
  port?: number;
  userSettings?: Record<string, unknown>;
  env?: Record<string, string>;
  logFile?: string;
  startupTimeoutMs?: number;
}): Promise<CodeServer>;

export function workbenchUrl(options: { url: string; port: number; workspace: string; extensionPath: string; testsPath?: string }): string;
