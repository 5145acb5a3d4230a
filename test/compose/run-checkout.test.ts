import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRunCheckout, withPathsIn, type RunCheckout } from '../../src/compose/run-checkout.ts';
import { RepoConfig } from '../../src/core/config/repo-config.ts';
import { EXTRA_SUITE_ID } from '../../src/core/testing/merge-test-reports.ts';
import { createCalcRepo, type FixtureRepo } from '../fixtures/repos/calc-repo.ts';
import { engineEnv } from '../integration/job-harness.ts';
import { requireTool, skipWithout } from '../setup/require-tool.ts';

const haveBwrap = await requireTool('bwrap');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function open(repo: FixtureRepo): Promise<RunCheckout> {
  const config = RepoConfig.parse({ sandbox: { driver: 'bwrap' } });
  const checkout = await openRunCheckout({ repoRoot: repo.root, base: repo.head(), config, env: engineEnv() });
  cleanups.push(() => checkout.close());
  return checkout;
}

/** A test that passes only while an ignored file says so. */
const LOOKS_FOR_FLAG = `import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
test('the flag is there', () => { assert.ok(existsSync('flag.local')); });
`;

describe('openRunCheckout (docs/security.md §28, §31)', () => {
  it('works in a worktree of its own, with the dependencies linked in, and leaves nothing behind', async () => {
    const repo = createCalcRepo();
    cleanups.push(() => repo.remove());
    repo.write('node_modules/dep/index.js', 'module.exports = 1;\n');
    const checkout = await open(repo);
    expect(checkout.root).not.toBe(repo.root);
    expect(readFileSync(join(checkout.root, 'src/calc.js'), 'utf8')).toBe(
      readFileSync(join(repo.root, 'src/calc.js'), 'utf8'),
    );
    expect(readFileSync(join(checkout.root, 'node_modules/dep/index.js'), 'utf8')).toBe('module.exports = 1;\n');
    await checkout.close();
    expect(existsSync(checkout.root)).toBe(false);
    expect(existsSync(checkout.dependencies.dir)).toBe(false);
    expect(repo.git('worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    expect(repo.git('status', '--porcelain', '--ignored')).toBe('!! node_modules/\n');
  });

  it('verifies on a fresh checkout of the work: an ignored file left in the working copy does not count', async (test) => {
    skipWithout(test, haveBwrap, 'bubblewrap');
    const repo = createCalcRepo({ files: { '.gitignore': 'node_modules/\n*.local\n' } });
    cleanups.push(() => repo.remove());
    const checkout = await open(repo);
    writeFileSync(join(checkout.root, 'test/flag.test.js'), LOOKS_FOR_FLAG);
    writeFileSync(join(checkout.root, 'flag.local'), 'yes\n');

    const fresh = await checkout.verifyFresh();

    expect(fresh.report.tests.map((t) => [t.id, t.status])).toEqual([
      ['test/add.test.js::add adds two numbers', 'passed'],
      ['test/flag.test.js::the flag is there', 'failed'],
    ]);
    expect(repo.git('ls-tree', '-r', '--name-only', fresh.tree).split('\n')).toContain('test/flag.test.js');
    expect(repo.git('ls-tree', '-r', '--name-only', fresh.tree)).not.toContain('flag.local');
    // The fresh worktree is gone again; the work is as it was.
    expect(repo.git('worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(2);
    expect(existsSync(join(checkout.root, 'flag.local'))).toBe(true);
  });
  it("runs a CI repair's extra command on the fresh checkout as well, and counts its failure", async (test) => {
    skipWithout(test, haveBwrap, 'bubblewrap');
    const repo = createCalcRepo({ files: { '.gitignore': 'node_modules/\n*.local\n' } });
    cleanups.push(() => repo.remove());
    const checkout = await open(repo);
    // Passes in the working copy only: the flag is ignored, so the fresh checkout lacks it.
    writeFileSync(join(checkout.root, 'flag.local'), 'yes\n');

    const fresh = await checkout.verifyFresh({ extraCommand: 'test -f flag.local' });

    expect(fresh.report.command).toMatch(/ && (\S+ )?test -f flag\.local$/);
    expect(fresh.report.tests.map((t) => [t.id, t.status])).toEqual([
      ['test/add.test.js::add adds two numbers', 'passed'],
      [EXTRA_SUITE_ID, 'failed'],
    ]);
  });
});

describe('withPathsIn', () => {
  it('moves PATH entries inside the checkout into the worktree, and nothing else', () => {
    expect(
      withPathsIn(
        { PATH: '/repo/node_modules/.bin:/repo:/repository/bin:/usr/bin', HOME: '/repo' },
        '/repo',
        '/tmp/wt',
      ),
    ).toEqual({ PATH: '/tmp/wt/node_modules/.bin:/tmp/wt:/repository/bin:/usr/bin', HOME: '/repo' });
    expect(withPathsIn({ HOME: '/h' }, '/repo', '/tmp/wt')).toEqual({ HOME: '/h' });
  });
});
