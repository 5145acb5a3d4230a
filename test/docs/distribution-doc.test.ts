import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINIMUM_NODE } from '../../src/core/node-version-problem.ts';
import { citedPaths } from './cited-paths.ts';

const root = join(import.meta.dirname, '../..');
const doc = readFileSync(join(root, 'docs/distribution.md'), 'utf8');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('docs/distribution.md', () => {
  it('cites only files and folders that exist', () => {
    expect(citedPaths(doc).filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });

  it('and the README name the Node version the code checks', () => {
    expect(doc).toContain(`Node ≥ ${MINIMUM_NODE}`);
    expect(readme).toContain(`Node.js ≥ ${MINIMUM_NODE}`);
  });
});
