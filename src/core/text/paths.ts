/**
 * Paths a note names (its bibliography files, a library folder in the
 * settings), resolved the one way every caller shares. Pure string work:
 * no Node `path`, so it behaves the same for POSIX and Windows paths.
 */

/** Whether `path` is absolute: `/x`, `C:\x`, `C:/x` or a UNC `\\server\share`. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/**
 * `path` resolved against `folder` (the folder of the note, or the workspace
 * folder): an absolute `path` is returned as written; a relative one is
 * joined to `folder` with `/`, its `.` and `..` segments folded. `folder` is
 * a POSIX-style path, as a URI's path is.
 */
export function resolveNotePath(folder: string, path: string): string {
  if (isAbsolutePath(path)) return path;
  const segments = folder.replace(/\/+$/, '').split('/');
  for (const part of path.split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (segments.length > 1) segments.pop();
    } else {
      segments.push(part);
    }
  }
  return segments.join('/') || '/';
}
