import { afterEach, describe, expect, it } from 'vitest';
import { classifyPullRequest } from '../../src/compose/classify-pull-request.ts';
import { defaultConfig } from '../../src/core/config/repo-config.ts';
import { calcRemote, TEST_AUTH, type GitRemote } from '../adapters/git/git-remote.ts';

const auth = TEST_AUTH;
let remote: GitRemote;
afterEach(() => remote.remove());

function setup(): { main: string } {
  const made = calcRemote();
  remote = made.remote;
  return { main: made.main };
}

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
