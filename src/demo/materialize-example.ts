/**
 * Turns the shipped example (plain files, no .git) into a real git repository: a
 * copy in `target`, one commit on `main`. The commit is reproducible (fixed author,
 * dates, no user or system git config), so the example always has the same commit id
 * and the recorded transcript can name it as its base.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { git } from '../adapters/git/run-git.ts';
import { DEFAULT_CONFIG_PATH } from '../core/config/parse-config.ts';

export interface MaterializeOptions {
  /** Set `sandbox.driver` in the copy's config before the commit (the demo's `--sandbox none`). */
  sandboxDriver?: string;
}

/** Commit identity and time of the example's one commit. */
const FIXED = {
  GIT_AUTHOR_NAME: 'greenlight demo',
  GIT_AUTHOR_EMAIL: 'demo@greenlight.invalid',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_NAME: 'greenlight demo',
  GIT_COMMITTER_EMAIL: 'demo@greenlight.invalid',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
  // No hooks, templates or signing from the user's or the system's git config.
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

/**
 * Copies `source` into `target` (which must be empty or absent) and commits it.
 * @returns the commit id of the example's base.
 * @example const base = await materializeExample('examples/demo-repo', '/tmp/greenlight-demo-x');
 */
export async function materializeExample(
  source: string,
  target: string,
  options: MaterializeOptions = {},
): Promise<string> {
  await cp(source, target, { recursive: true, force: false, filter: (path) => !path.split(/[\\/]/).includes('.git') });
  if (options.sandboxDriver !== undefined)
    await setSandboxDriver(join(target, DEFAULT_CONFIG_PATH), options.sandboxDriver);
  await git(target, ['init', '--quiet', '--initial-branch=main', '--template='], { env: FIXED });
  await git(target, ['add', '--all'], { env: FIXED });
  await git(
    target,
    ['commit', '--quiet', '--no-verify', '--no-gpg-sign', '-m', 'demo-shop: cart arithmetic in cents'],
    { env: FIXED },
  );
  return (await git(target, ['rev-parse', 'HEAD'], { env: FIXED })).trim();
}

async function setSandboxDriver(path: string, driver: string): Promise<void> {
  const document = parseDocument(await readFile(path, 'utf8'));
  document.setIn(['sandbox', 'driver'], driver);
  await writeFile(path, document.toString());
}
