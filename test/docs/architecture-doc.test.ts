import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citedPaths } from './cited-paths.ts';

const root = join(import.meta.dirname, '../..');
const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');

/** Every folder under src/, at any depth, as `src/a/b`. */
function folders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return [relative(root, path), ...folders(path)];
    });
}

describe('docs/architecture.md', () => {
  const all = folders(join(root, 'src'));

  it('knows the module folders the rule is about', () => {
    for (const top of ['src/core', 'src/adapters', 'src/ports', 'src/compose', 'src/action', 'src/app', 'src/cli'])
      expect(all).toContain(top);
  });

  it.each(all)('mentions %s', (folder) => {
    expect(doc).toContain(`\`${folder}/\``);
  });

  it('cites only files and folders that exist', () => {
    expect(citedPaths(doc).filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });

  describe('"Where to change X"', () => {
    const section = doc.slice(
      doc.indexOf('## Where to change X'),
      doc.indexOf('\n## ', doc.indexOf('## Where to change X') + 1),
    );
    const rows = section
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| to change') && !line.startsWith('| ---'))
      .map((line) => ({ change: line.split('|')[1]?.trim() ?? '', paths: citedPaths(line) }));

    it('answers the most common changes', () => {
      expect(rows.map((row) => row.change)).toEqual([
        'the prompt',
        'a risk rule',
        'a test runner',
        'a sandbox driver',
        'a config key',
        'a comment text',
        'a model provider',
        'an event route',
        'a CLI command',
        'a `greenlight doctor` check',
        'a bench',
      ]);
    });

    it.each(rows)('$change: names files and folders that exist', ({ paths }) => {
      expect(paths.length).toBeGreaterThan(0);
      expect(paths.filter((path) => !existsSync(join(root, path)))).toEqual([]);
    });
  });
});
