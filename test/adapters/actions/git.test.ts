import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyPullRequest } from '../../../src/adapters/actions/classify-pull-request.ts';
import { checkoutCommit, ensureCommit } from '../../../src/adapters/actions/ensure-commit.ts';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';
import { gitRemote, type GitRemote } from './git-remote.ts';

const auth = { serverUrl: 'https://github.com', token: 'ghs_testtoken000000000000000000000000' };
let remote: GitRemote;
afterEach(() => remote.remove());

function setup(): { main: string } {
  remote = gitRemote();
  const main = remote.push(
    'main',
    { 'src/calc.js': 'export const add = (a, b) => a + b;\n', 'README.md': '# calc\n' },
    'initial',
  );
  return { main };
}

describe('checkoutCommit', () => {
  it('fetches a pull request head that is not in the checkout and detaches there', async () => {
    const { main } = setup();
    const ws = remote.workspace({ shallow: true });
    const head = remote.push('feature', { 'src/calc.test.js': 'test\n' }, 'add test', main);
    await checkoutCommit(ws, head, ['feature'], auth);
    expect(remote.git(ws, 'rev-parse', 'HEAD').trim()).toBe(head);
    expect(remote.git(ws, 'status', '--porcelain').trim()).toBe('');
  });

  it('fetches a commit by id when no branch has it any more', async () => {
    const { main } = setup();
    const ws = remote.workspace();
    const head = remote.push('gone', { 'x.txt': 'x\n' }, 'x', main);
    remote.git(remote.origin, 'update-ref', 'refs/keep/x', head);
    remote.git(remote.origin, 'update-ref', '-d', 'refs/heads/gone');
    await ensureCommit(ws, head, ['gone'], auth);
    expect(remote.git(ws, 'cat-file', '-t', head).trim()).toBe('commit');
  });

  it('is a no-op when the commit is already checked out', async () => {
    const { main } = setup();
    const ws = remote.workspace();
    await checkoutCommit(ws, main, [], auth);
    expect(remote.git(ws, 'symbolic-ref', '--short', 'HEAD').trim()).toBe('main');
  });

  it('refuses a dirty workspace', async () => {
    const { main } = setup();
    const ws = remote.workspace();
    const head = remote.push('feature', { 'y.txt': 'y\n' }, 'y', main);
    writeFileSync(join(ws, 'README.md'), 'edited\n');
    await expect(checkoutCommit(ws, head, ['feature'], auth)).rejects.toSatisfy((e) =>
      isGreenlightError(e, 'workspace-dirty'),
    );
  });

  it('names a commit that cannot be fetched', async () => {
    setup();
    const ws = remote.workspace();
    const missing = 'b'.repeat(40);
    await expect(ensureCommit(ws, missing, ['nope'], auth)).rejects.toThrow(
      /commit bbbbbbbbbbbb could not be fetched from origin/,
    );
    await expect(ensureCommit(ws, 'HEAD', [], auth)).rejects.toThrow(/not a full commit id/);
  });
});

describe('classifyPullRequest', () => {
  it.each([
    ['a unit test only', { 'src/calc.test.js': "import test from 'node:test';\ntest('add', () => {});\n" }, 'low'],
    ['a migration', { 'db/migrations/0002_add_users.sql': 'CREATE TABLE users (id int);\n' }, 'critical'],
    ['a workflow', { '.github/workflows/ci.yml': 'on: push\n' }, 'critical'],
  ])('classifies a pull request adding %s from its own diff', async (_name, files, tier) => {
    const { main } = setup();
    const ws = remote.workspace({ shallow: true });
    const head = remote.push('feature', files, 'change', main);
    const assessment = await classifyPullRequest(
      ws,
      { baseRef: 'main', baseSha: main, headRef: 'feature', headSha: head },
      defaultConfig().risk,
      auth,
    );
    expect(assessment.tier).toBe(tier);
  });

  it('compares with the merge base, not the base branch tip, in a shallow checkout', async () => {
    const { main } = setup();
    const head = remote.push('feature', { 'src/calc.test.js': "test('x', () => {});\n" }, 'test', main);
    const moved = remote.push('main', { 'db/migrations/0003.sql': 'ALTER TABLE t ADD c int;\n' }, 'migration on main');
    const ws = remote.workspace({ shallow: true });
    const assessment = await classifyPullRequest(
      ws,
      { baseRef: 'main', baseSha: moved, headRef: 'feature', headSha: head },
      defaultConfig().risk,
      auth,
    );
    expect(assessment.tier).toBe('low');
    expect(assessment.files.map((f) => f.path)).toEqual(['src/calc.test.js']);
  });
});
