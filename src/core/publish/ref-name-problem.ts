/**
 * Whether a string is a valid branch name, by git's `check-ref-format` rules, checked
 * without running git so that a bad `branch.template` is reported before any work.
 */

/**
 * Why `name` cannot be a branch name, or null when it can.
 * @example refNameProblem('greenlight/issue-4-x') // null
 * @example refNameProblem('a..b') // 'contains ".."'
 */
export function refNameProblem(name: string): string | null {
  if (name === '') return 'is empty';
  if (name.length > 200) return 'is longer than 200 characters';
  // Control characters, space and the characters git reserves for revision syntax.
  const bad = /[\u0000-\u0020\u007f~^:?*[\\]/.exec(name);
  if (bad) return `contains ${JSON.stringify(bad[0])}`;
  if (name.includes('..')) return 'contains ".."';
  if (name.includes('@{')) return 'contains "@{"';
  if (name === '@') return 'is "@"';
  if (name.startsWith('-')) return 'starts with "-"';
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) return 'has an empty path component';
  if (name.endsWith('.')) return 'ends with "."';
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return `has a component starting with "." (${part})`;
    if (part.endsWith('.lock')) return `has a component ending with ".lock" (${part})`;
  }
  return null;
}
