import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkoutCommit, ensureCommit } from '../../../src/adapters/git/checkout-commit.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';
import { calcRemote, TEST_AUTH, type GitRemote } from './git-remote.ts';

const auth = TEST_AUTH;
let remote: GitRemote;
afterEach(() => remote.remove());

function setup(): { main: string } {
  const made = calcRemote();
  remote = made.remote;
  return { main: made.main };
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
