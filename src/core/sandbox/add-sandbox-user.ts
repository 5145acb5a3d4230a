/**
 * The unprivileged user sandboxed commands run as when the engine is root
 * (docs/security.md §30): a uid and gid that no account and no group of the host uses,
 * so no other process on the host shares its files, and `/etc/passwd` and `/etc/group`
 * copies that name it, so that `id`, `whoami`, git's default identity and the like work
 * inside the sandbox as they would for a real account.
 */

export interface SandboxUser {
  name: string;
  uid: number;
  gid: number;
  /** `/etc/passwd` and `/etc/group` as the sandbox shows them. */
  passwd: string;
  group: string;
}

/** Name of the sandbox account, as `id` and `whoami` print it. */
export const SANDBOX_USER_NAME = 'greenlight-sandbox';

/** The first id tried (counting down): above every distribution's system and login ranges, below 65534 (nobody). */
export const SANDBOX_USER_FIRST_ID = 65_520;

/**
 * Pick a free id (the same one for user and group) and add the account to copies of the
 * host's files.
 *
 * @example
 * addSandboxUser('root:x:0:0::/root:/bin/sh\n', 'root:x:0:\n', '/home/runner')
 * // { name: 'greenlight-sandbox', uid: 65520, gid: 65520, passwd: 'root:x:0:0::/root:/bin/sh\ngreenlight-sandbox:x:65520:65520:greenlight sandbox:/home/runner:/bin/sh\n', … }
 */
export function addSandboxUser(passwd: string, group: string, home: string): SandboxUser {
  const taken = new Set<number>([...ids(passwd, 2), ...ids(passwd, 3), ...ids(group, 2)]);
  let id = SANDBOX_USER_FIRST_ID;
  while (taken.has(id)) id -= 1;
  const name = names(passwd).has(SANDBOX_USER_NAME) ? `${SANDBOX_USER_NAME}-${id}` : SANDBOX_USER_NAME;
  return {
    name,
    uid: id,
    gid: id,
    passwd: `${withNewline(passwd)}${name}:x:${id}:${id}:greenlight sandbox:${home}:/bin/sh\n`,
    group: `${withNewline(group)}${name}:x:${id}:\n`,
  };
}

/** Numeric field `index` (0-based) of every entry. */
function ids(text: string, index: number): number[] {
  return text
    .split('\n')
    .map((line) => Number(line.split(':')[index]))
    .filter((value) => Number.isInteger(value));
}

function names(text: string): Set<string> {
  return new Set(text.split('\n').map((line) => line.split(':')[0] ?? ''));
}

function withNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}
