/**
 * A problem found while reading the corpus sources, located so a person can
 * open the file at the line and fix it.
 */
export interface CorpusDiagnostic {
  /** Source file name as the manifest lists it (no directory). */
  readonly file: string;
  /** 1-based line number; 1 for problems with the file as a whole. */
  readonly line: number;
  readonly message: string;
}

/** Formats a diagnostic the way compilers do (`file:line: message`), which terminals and VS Code link. */
export function formatDiagnostic(diagnostic: CorpusDiagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}: ${diagnostic.message}`;
}
