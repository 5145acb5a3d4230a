// Comments cite what a reader can open: `docs/security.md §N`, a section of a page in
// docs/ or README.md ("Heading"), or the code. Never a tracker's issue number, and never
// a design document that is not in the repository.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const SCANNED = ['src', 'test', 'scripts', 'bench'];

/** Every .ts/.js file under `dir`, fixtures left out (their text is data). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' || entry.name === 'node_modules' ? [] : sources(path);
    return /\.(?:ts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

// Built from parts so that this file does not cite what it forbids.
const OUTSIDE_DOCUMENT = new RegExp(`\\b(?:${['SECURITY', 'DESIGN', 'STYLE'].join('|')})\\.md\\b`);
// Lower case, as citations were written; "Issue" with a capital and a number is a title in test data.
const ISSUE_NUMBER = new RegExp(`\\b${'issue'}s? \\d+\\b`);
const SECTION = /\bdocs\/security\.md §(\d+)(?:–(\d+))?(?:, §(\d+))*/g;
const SECTION_WITHOUT_SIGN = /\bdocs\/security\.md \d/;
const HEADING = /\b((?:docs\/[\w-]+|README)\.md) "([^"]+)"/g;

/** What is wrong with the citations in `text`, one line each. */
export function citationProblems(text: string, sections: ReadonlySet<number>, headings: (doc: string) => string[]) {
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    const at = `line ${i + 1}`;
    const outside = OUTSIDE_DOCUMENT.exec(line);
    if (outside !== null) problems.push(`${at}: cites ${outside[0]}, which is not in the repository`);
    const issue = ISSUE_NUMBER.exec(line);
    if (issue !== null) problems.push(`${at}: cites "${issue[0]}": say what it means, or cite docs/ or the code`);
    if (SECTION_WITHOUT_SIGN.test(line)) problems.push(`${at}: write a property as docs/security.md §N`);
    for (const match of line.matchAll(SECTION)) {
      for (const n of match
        .slice(1)
        .filter((g): g is string => g !== undefined)
        .map(Number))
        if (!sections.has(n)) problems.push(`${at}: docs/security.md has no §${n}`);
    }
    for (const [, doc = '', heading = ''] of line.matchAll(HEADING)) {
      if (!headings(doc).includes(heading)) problems.push(`${at}: ${doc} has no heading "${heading}"`);
    }
  });
  return problems;
}

const security = readFileSync(join(root, 'docs/security.md'), 'utf8');
const sections = new Set(Array.from(security.matchAll(/^### (\d+)\. /gm), (m) => Number(m[1])));
const headingCache = new Map<string, string[]>();
function headings(doc: string): string[] {
  let found = headingCache.get(doc);
  if (found === undefined) {
    let text = '';
    try {
      text = readFileSync(join(root, doc), 'utf8');
    } catch {
      // a page that does not exist has no headings
    }
    found = Array.from(text.matchAll(/^#{1,6} (.+)$/gm), (m) => (m[1] ?? '').trim());
    headingCache.set(doc, found);
  }
  return found;
}

describe('citations in comments and tests', () => {
  const files = SCANNED.flatMap((dir) => sources(join(root, dir))).map((path) => relative(root, path));

  it('scans the source folders', () => {
    expect(files.filter((f) => f.startsWith('src/')).length).toBeGreaterThan(100);
    expect(files).toContain('test/docs/citations.test.ts');
  });

  it.each(files)('%s cites only what is in the repository', (file) => {
    expect(citationProblems(readFileSync(join(root, file), 'utf8'), sections, headings)).toEqual([]);
  });

  it('flags each kind of bad citation, and passes good ones', () => {
    const doc = ['SECURITY', 'md'].join('.');
    const issue = ['issue', '7'].join(' ');
    const bad = [
      `// see ${doc} 5`,
      `/* ${['DESIGN', 'md'].join('.')} "Risk tiers" */`,
      `// No delivery lost (${issue})`,
      `// docs/security.md §${99}`,
      `// docs/security.md §3–${98}`,
      `// ${['README', 'md'].join('.')} "No such heading"`,
      `// docs/${'nowhere'}.md "Intro"`,
      `// ${['docs/security', 'md'].join('.')} 5`,
    ];
    for (const line of bad) expect(citationProblems(line, sections, headings), line).toHaveLength(1);
    const good = [
      '// docs/security.md §5, and §1–5 and docs/security.md §26, §27',
      '// README.md "Risk tiers" and docs/architecture.md "A job, from request to pull request"',
      'const title = `issue #${number}`; // a user-facing number is not a citation',
      "r.write('README.md', 'x'); r.write('AGENTS.md', 'y');",
    ];
    for (const line of good) expect(citationProblems(line, sections, headings), line).toEqual([]);
  });
});
