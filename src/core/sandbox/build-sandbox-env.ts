/**
 * The environment of every sandboxed command, built from an allowlist (docs/security.md §8).
 * It is never derived by deleting names from the engine's environment: a variable that
 * nobody thought of (a new runner token, a cloud credential) is withheld by default.
 */

/** Names that look like credentials or runner internals; withheld unless configured by name. */
export const SENSITIVE_ENV_NAME = /TOKEN|KEY|SECRET|PASSWORD|PASSWD|CREDENTIAL|ACTIONS_|INPUT_|GITHUB_/i;

/** PATH used when the engine itself has none. */
export const DEFAULT_SANDBOX_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface SandboxEnvInput {
  /** The engine's environment: only allowlisted names are read from it. */
  parentEnv: Readonly<Record<string, string | undefined>>;
  /** HOME inside the sandbox (a fresh directory, never the engine's home). */
  home: string;
  /** TMPDIR inside the sandbox, when the driver has a private one. */
  tmpdir?: string;
  /** `sandbox.env` from the repository config: names copied from the engine's environment. */
  configured: readonly string[];
  /** Variables the caller sets explicitly for this command (e.g. a reporter path). */
  explicit?: Readonly<Record<string, string>>;
}

export interface SandboxEnv {
  env: Record<string, string>;
  /** Explicit variables that were dropped because their name looks secret. */
  withheld: string[];
  warnings: string[];
}

/** True when `name` matches the secret-looking pattern (case-insensitive). */
export function isSensitiveEnvName(name: string): boolean {
  return SENSITIVE_ENV_NAME.test(name);
}

/**
 * Build the child environment: a fixed base (PATH, HOME, LANG, LC_ALL, TZ, CI, TERM,
 * NO_COLOR, FORCE_COLOR), then the configured names copied from the engine, then the
 * caller's explicit variables. A configured secret-looking name is passed with a warning
 * (the user asked for it by name); an explicit one that is not configured is withheld.
 *
 * @example
 * buildSandboxEnv({ parentEnv: process.env, home: '/tmp/sbx/home', configured: ['DATABASE_URL'] })
 */
export function buildSandboxEnv(input: SandboxEnvInput): SandboxEnv {
  const { parentEnv, configured } = input;
  const env: Record<string, string> = {
    PATH: nonEmpty(parentEnv.PATH) ?? DEFAULT_SANDBOX_PATH,
    HOME: input.home,
    LANG: nonEmpty(parentEnv.LANG) ?? 'C.UTF-8',
    TZ: nonEmpty(parentEnv.TZ) ?? 'UTC',
    CI: 'true',
    TERM: 'dumb',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
  const lcAll = nonEmpty(parentEnv.LC_ALL);
  if (lcAll !== undefined) env.LC_ALL = lcAll;
  if (input.tmpdir !== undefined) env.TMPDIR = input.tmpdir;

  const warnings: string[] = [];
  const configuredSet = new Set(configured);
  for (const name of configured) {
    const value = parentEnv[name];
    if (value === undefined) continue;
    if (isSensitiveEnvName(name)) {
      warnings.push(
        `sandbox.env passes ${name} to repository code; its name looks like a secret, so make sure tests need it.`,
      );
    }
    env[name] = value;
  }

  const withheld: string[] = [];
  for (const [name, value] of Object.entries(input.explicit ?? {})) {
    if (isSensitiveEnvName(name) && !configuredSet.has(name)) {
      withheld.push(name);
      warnings.push(
        `withheld ${name} from the sandbox: its name looks like a secret; list it in sandbox.env to pass it.`,
      );
      continue;
    }
    env[name] = value;
  }
  return { env, withheld, warnings };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
