/**
 * Paths a read-only view of the host would expose although no test needs them: runner
 * credentials, the job's temp directory (checkout credentials, env and output files of
 * earlier steps), cloud and registry logins, host keys, container-engine sockets. The
 * drivers hide each one that exists (an empty tmpfs over a directory, /dev/null over a
 * file); the workspace is bound back afterwards, so it stays visible even when it lies
 * inside a hidden directory.
 */

export interface SensitivePathsInput {
  /** The engine's HOME (the real one; the sandbox gets a fresh one). */
  home: string | undefined;
  /** The engine's environment: RUNNER_TEMP, GITHUB_ENV and friends point at job files. */
  env: Readonly<Record<string, string | undefined>>;
  /** The engine's Node binary (its real path): inside a runner it is `<runner>/externals/nodeXX/bin/node`. */
  execPath: string;
  /** The engine runs as root: everything only root may read must be hidden too. */
  isRoot: boolean;
  /** Extra paths from the caller (e.g. the engine's own env file). */
  extra?: readonly string[];
}

// Relative to a home directory: logins and credentials of common tools.
const HOME_SECRETS = [
  '.git-credentials',
  '.gitconfig',
  '.config/git/credentials',
  '.netrc',
  '.ssh',
  '.gnupg',
  '.password-store',
  '.aws',
  '.azure',
  '.config/gcloud',
  '.config/gh',
  '.config/hub',
  '.kube',
  '.docker',
  '.config/containers',
  '.npmrc',
  '.yarnrc',
  '.yarnrc.yml',
  '.pypirc',
  '.config/pip',
  '.cargo/credentials',
  '.cargo/credentials.toml',
  '.gem/credentials',
  '.m2/settings.xml',
  '.gradle/gradle.properties',
  '.terraform.d',
  '.terraformrc',
  '.config/anthropic',
  '.anthropic',
  '.bash_history',
  '.zsh_history',
  '.python_history',
  '.node_repl_history',
  // A self-hosted runner installed in the home directory.
  'actions-runner/.credentials',
  'actions-runner/.credentials_rsaparams',
  'actions-runner/.runner',
  'actions-runner/.env',
  'actions-runner/_diag',
];

// Files of a runner installation that hold its identity and logs.
const RUNNER_SECRETS = ['.credentials', '.credentials_rsaparams', '.runner', '.env', '_diag'];

// Sockets and secrets outside any home (bwrap replaces all of /run; systemd-run does not).
const HOST_SECRETS = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/secrets',
  '/run/secrets',
  '/var/run/containerd',
  '/run/containerd',
  '/run/podman',
  '/run/user',
  '/etc/docker',
  '/etc/containers/auth.json',
  // npm's global config as Debian's npm places it: registry tokens.
  '/etc/npmrc',
];

// Readable only by root; a sandbox whose user namespace maps to root could read them.
const ROOT_ONLY = [
  '/root',
  '/etc/shadow',
  '/etc/shadow-',
  '/etc/gshadow',
  '/etc/gshadow-',
  '/etc/sudoers',
  '/etc/sudoers.d',
  '/etc/ssh',
  '/var/lib/sudo',
  '/var/log',
];

// Env vars that name job files or directories of an Actions run.
const JOB_FILE_VARS = [
  'RUNNER_TEMP',
  'GITHUB_ENV',
  'GITHUB_OUTPUT',
  'GITHUB_STATE',
  'GITHUB_PATH',
  'GITHUB_STEP_SUMMARY',
  'GITHUB_EVENT_PATH',
];

/**
 * Candidate paths to hide, absolute and de-duplicated. Existence is checked by the
 * driver (hiding a path that does not exist would fail the mount).
 */
export function sensitivePaths(input: SensitivePathsInput): string[] {
  const out = new Set<string>();
  const homes = new Set<string>();
  if (input.home !== undefined && input.home.startsWith('/') && input.home !== '/') homes.add(trimSlash(input.home));
  for (const home of homes) for (const rel of HOME_SECRETS) out.add(`${home}/${rel}`);
  for (const path of HOST_SECRETS) out.add(path);
  if (input.isRoot) for (const path of ROOT_ONLY) out.add(path);

  for (const name of JOB_FILE_VARS) {
    const value = input.env[name];
    if (value !== undefined && value.startsWith('/')) out.add(trimSlash(value));
  }
  const nodePrefix = /^(\/.+)\/bin\/node$/.exec(input.execPath)?.[1];
  // npm's global config beside the engine's Node (`<prefix>/etc/npmrc`): an nvm or fnm
  // installation is shown to the sandbox (tool-dirs-to-keep.ts), its registry tokens are not.
  if (nodePrefix !== undefined) out.add(`${nodePrefix}/etc/npmrc`);
  const runnerRoot = runnerRootOf(input.execPath);
  if (runnerRoot !== null) for (const rel of RUNNER_SECRETS) out.add(`${runnerRoot}/${rel}`);
  for (const path of input.extra ?? []) if (path.startsWith('/')) out.add(trimSlash(path));
  out.delete('/');
  return [...out].sort();
}

/** `<root>` of a runner whose Node is `<root>/externals/node24/bin/node`, else null. */
export function runnerRootOf(execPath: string): string | null {
  const match = /^(\/.+)\/externals\/node\d+[^/]*\/bin\/node$/.exec(execPath);
  return match?.[1] ?? null;
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
