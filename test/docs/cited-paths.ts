/**
 * Repository paths a markdown page cites in backticks (`src/…`, `test/…`, the shipped
 * workflows…), globs left out. `.github/greenlight.yml` is the user's file, not a citation.
 */
export function citedPaths(markdown: string): string[] {
  const found = Array.from(
    markdown.matchAll(/`((?:src|test|docs|examples|scripts|bench|\.github\/workflows)\/[^`\s]*)`/g),
    (m) => m[1] ?? '',
  );
  return [...new Set(found.filter((path) => !path.includes('*')))];
}
