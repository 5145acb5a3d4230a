/**
 * Loads a content-rule case from test/fixtures/risk-content/<case>: `head/` is the
 * repository after the change, `base/` holds the files that differ before it (a file
 * only under `head/` is added by the change). Builds the FileChange of one path and the
 * content evidence an adapter would read.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MANIFEST_NAMES } from '../../../src/core/risk/evidence/package-facts.ts';
import type { ContentEvidence } from '../../../src/core/risk/evidence/content-evidence.ts';
import { isTestCodePath } from '../../../src/core/risk/path-sets.ts';
import type { FileChange } from '../../../src/ports/workspace.ts';

export const CONTENT_FIXTURES = join(import.meta.dirname, '../../fixtures/risk-content');

function walk(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  const visit = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) visit(path);
      else files.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  visit(dir);
  return files;
}

/** Lines of `a` not in `b` (as a multiset): enough of a diff for the rules. */
function minus(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const line of b) left.set(line, (left.get(line) ?? 0) + 1);
  return a.filter((line) => {
    const n = left.get(line) ?? 0;
    if (n === 0) return true;
    left.set(line, n - 1);
    return false;
  });
}

const lines = (text: string) => text.replace(/\n$/, '').split('\n');

export interface ContentCase {
  /** Every file at the head. */
  head: Map<string, string>;
  /** Every file at the base: the head with `base/` applied. */
  base: Map<string, string>;
  change(path: string): FileChange;
  evidence(): ContentEvidence;
}

export function contentCase(name: string): ContentCase {
  const head = walk(join(CONTENT_FIXTURES, name, 'head'));
  const overlay = walk(join(CONTENT_FIXTURES, name, 'base'));
  const base = new Map(head);
  for (const [path, text] of overlay) base.set(path, text);
  return {
    head,
    base,
    change(path) {
      const after = head.get(path);
      if (after === undefined) throw new Error(`${name} has no head/${path}`);
      const before = overlay.get(path);
      return {
        path,
        status: before === undefined ? 'added' : 'modified',
        ...(before === undefined ? {} : { oldMode: '100644' }),
        newMode: '100644',
        binary: false,
        addedLines: before === undefined ? lines(after) : minus(lines(after), lines(before)),
        removedLines: before === undefined ? [] : minus(lines(before), lines(after)),
      };
    },
    evidence() {
      const manifests = new Map(
        [...base].filter(([path]) => (MANIFEST_NAMES as readonly string[]).includes(path.split('/').pop() ?? '')),
      );
      const tests = new Map([...head].filter(([path]) => isTestCodePath(path)));
      return { base: new Map([...base].filter(([path]) => overlay.has(path))), manifests, tests };
    },
  };
}
