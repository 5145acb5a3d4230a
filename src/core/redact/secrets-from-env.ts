/**
 * The secret values a process holds, picked from its environment by name, so that
 * redaction knows them without a hand-kept list (docs/security.md §26).
 */

const SECRET_NAME = /TOKEN|KEY|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|PRIVATE|COOKIE|SESSION/i;
// Names that match but hold no secret (a socket path, a public key id would still be
// harmless to redact; these just keep logs readable).
const NOT_SECRET = new Set([
  'SSH_AUTH_SOCK',
  'GPG_AGENT_INFO',
  'XDG_SESSION_ID',
  'XDG_SESSION_TYPE',
  'XDG_SESSION_CLASS',
  'XDG_SESSION_DESKTOP',
]);

/**
 * Values of variables whose names look secret, plus the named extras.
 * @example secretsFromEnv(process.env, ['MY_DB_URL'])
 */
export function secretsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  extraNames: readonly string[] = [],
): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value.length < 6) continue;
    if ((SECRET_NAME.test(name) && !NOT_SECRET.has(name)) || extraNames.includes(name)) {
      values.add(value);
    }
  }
  return [...values];
}
