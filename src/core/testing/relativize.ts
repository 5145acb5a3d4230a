/**
 * Paths in reports are relative to the workspace, with forward slashes: the model and
 * the reader never see the runner's absolute checkout path.
 */

function normalizeRoot(root: string): string {
  const slashed = root.replace(/\\/g, '/');
  return slashed.endsWith('/') ? slashed : `${slashed}/`;
}

/** A file path relative to the first root it lies under; other paths unchanged (slashes normalised). */
export function relativizePath(path: string, roots: readonly string[]): string {
  let p = path.replace(/\\/g, '/');
  if (p.startsWith('file://')) p = decodeURIComponent(p.slice('file://'.length));
  for (const root of roots) {
    const prefix = normalizeRoot(root);
    if (p.startsWith(prefix)) return p.slice(prefix.length);
  }
  return p.startsWith('./') ? p.slice(2) : p;
}

/** Replace every occurrence of a root (plain or as a file:// URL) in free text. */
export function relativizeText(text: string, roots: readonly string[]): string {
  let out = text;
  // Longest roots first, so that /a/b/ is replaced before /a/.
  for (const root of [...roots].sort((a, b) => b.length - a.length)) {
    const bare = normalizeRoot(root).slice(0, -1);
    if (bare === '') continue;
    const escaped = bare.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // Only whole paths: not /x/w when the root is /w, not /w-other or /w.bak. The root
    // itself ("rootdir: /w", "RUN v5 /w") becomes ".".
    const pattern = new RegExp(`(?<![\\w./-])(?:file://)?${escaped}(?:/|(?![\\w.-]))`, 'g');
    out = out.replace(pattern, (match) => (match.endsWith('/') ? '' : '.'));
  }
  return out;
}
