/**
 * git refuses a repository whose top directory belongs to someone else ("dubious
 * ownership"). Where sandboxed commands run as a user of their own (the systemd-run
 * driver; the bwrap driver when the engine is root), the workspace's top directory and
 * `.git` stay the engine's, so git inside the sandbox must be told to trust exactly this
 * workspace. git honours `safe.directory` only in protected configuration; the sandbox
 * gets a system config of its own (the host's, plus that one entry) through
 * GIT_CONFIG_SYSTEM, which leaves the user's global config and `git -c` to the tests.
 * (GIT_CONFIG_COUNT would do too, but its GIT_CONFIG_KEY_0 looks like a secret's name
 * in every environment dump, docs/security.md §8.)
 */

/** Where the sandbox's git finds that system config (a read-only file in the sandbox's own /run). */
export const SANDBOX_GIT_CONFIG = '/run/greenlight/gitconfig';

/**
 * The system config for the sandbox: the host's `/etc/gitconfig` text, then a `[safe]`
 * entry for `workspace`.
 *
 * @example gitSystemConfig('', '/w') // '[safe]\n\tdirectory = "/w"\n'
 */
export function gitSystemConfig(hostConfig: string, workspace: string): string {
  const host = hostConfig === '' || hostConfig.endsWith('\n') ? hostConfig : `${hostConfig}\n`;
  return `${host}[safe]\n\tdirectory = "${workspace.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"\n`;
}

/** Point the sandbox's git at that config, unless the caller chose a system config of its own. */
export function trustWorkspaceGit(env: Record<string, string>, path = SANDBOX_GIT_CONFIG): void {
  if (env.GIT_CONFIG_SYSTEM !== undefined || env.GIT_CONFIG_NOSYSTEM !== undefined) return;
  env.GIT_CONFIG_SYSTEM = path;
}
