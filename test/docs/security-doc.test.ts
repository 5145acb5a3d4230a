import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citedPaths } from './cited-paths.ts';

const root = join(import.meta.dirname, '../..');
const doc = readFileSync(join(root, 'docs/security.md'), 'utf8');

/** `### 12. Title` → the text up to the next heading of any numbered property or group. */
function sections(markdown: string): Map<number, string> {
  const result = new Map<number, string>();
  const parts = markdown.split(/^(?=#{2,3} )/m);
  for (const part of parts) {
    const number = /^### (\d+)\. /.exec(part)?.[1];
    if (number !== undefined) result.set(Number(number), part);
  }
  return result;
}

describe('docs/security.md', () => {
  const properties = sections(doc);

  // The page covers properties 1–34.
  const documented = Array.from({ length: 34 }, (_, i) => i + 1);

  it('has a section for every security property it covers, in order, and no other', () => {
    expect([...properties.keys()]).toEqual(documented);
  });

  it.each(documented)('property %i says how it is tested, citing at least one test file', (n) => {
    const tests = citedPaths(properties.get(n) ?? '').filter((path) => /^test\/.+\.test\.ts$/.test(path));
    expect(tests.length).toBeGreaterThan(0);
  });

  it('cites only files and folders that exist', () => {
    const paths = citedPaths(doc);
    expect(paths.length).toBeGreaterThan(40);
    expect(paths.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });
});
