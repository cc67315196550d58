/**
 * Where Zotero keeps its data folder (the one holding `zotero.sqlite`), so a
 * file picker can open there. Since Zotero 5 the default is a `Zotero`
 * folder in the user's home on every platform: `~/Zotero` on Linux and macOS,
 * `C:\Users\<name>\Zotero` on Windows. A user may move it (Zotero's
 * Settings → Advanced → Files and Folders), which only Zotero's prefs.js
 * records, so these are places to start looking, not answers. Zotero 4 and
 * earlier kept the data inside its profile folder; those are listed last.
 */

/** The platforms Node reports that Zotero runs on; others are treated as Linux. */
export type ZoteroPlatform = 'linux' | 'darwin' | 'win32' | (string & {});

/**
 * Candidate data folders, most likely first, without duplicates. `home` is
 * the user's home folder, `env` the process environment (Windows reads
 * `USERPROFILE` and `APPDATA`). Pure: the caller checks which exist.
 */
export function zoteroDataFolderCandidates(home: string, platform: ZoteroPlatform, env: Readonly<Record<string, string | undefined>>): string[] {
  const windows = platform === 'win32';
  const sep = windows ? '\\' : '/';
  const join = (base: string, ...parts: string[]): string => [base.replace(/[\\/]+$/, ''), ...parts].join(sep);
  const candidates: string[] = [];
  if (windows) {
    const profile = nonEmpty(env['USERPROFILE']);
    if (profile !== undefined) candidates.push(join(profile, 'Zotero'));
    if (home !== '') candidates.push(join(home, 'Zotero'));
    const appData = nonEmpty(env['APPDATA']);
    if (appData !== undefined) candidates.push(join(appData, 'Zotero', 'Zotero', 'Profiles'));
  } else if (home !== '') {
    candidates.push(join(home, 'Zotero'));
    candidates.push(platform === 'darwin' ? join(home, 'Library', 'Application Support', 'Zotero', 'Profiles') : join(home, '.zotero', 'zotero'));
  }
  const seen = new Set<string>();
  return candidates.filter((path) => {
    const id = windows ? path.toLowerCase() : path;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
