/**
 * Per-command git credentials (docs/security.md §13): environment variables that give ONE
 * git process an `Authorization` header for the server, through git's
 * `GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n` (git 2.31+). Nothing is
 * written to a config file, and unlike `git -c …` the token is not in the process's
 * argv, which every user on the machine can read in /proc.
 */
import { toBase64 } from '../redact/secret-variants.ts';
import { GreenlightError } from '../../ports/errors.ts';

/** The credential of authenticated git commands, and the one server it is sent to. */
export interface GitAuth {
  /** GITHUB_SERVER_URL: https://github.com or a GitHub Enterprise Server URL. */
  serverUrl: string;
  token: string;
}

/** base64 with padding, as HTTP Basic expects. */
function paddedBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return toBase64(bytes) + '='.repeat((3 - (bytes.length % 3)) % 3);
}

/** `scheme://host[:port]/` of a server URL, the key git matches remote URLs against. */
export function serverOrigin(serverUrl: string): string {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new GreenlightError(
      'usage',
      `'${serverUrl}' is not a server URL: pass GITHUB_SERVER_URL, e.g. https://github.com or https://ghe.example.com.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new GreenlightError(
      'usage',
      `'${serverUrl}' is not an http(s) server URL: pass GITHUB_SERVER_URL, e.g. https://github.com.`,
    );
  }
  return `${url.origin}/`;
}

/**
 * The environment for one authenticated git command against `serverUrl`
 * (github.com or a GitHub Enterprise Server). It first resets any header persisted in
 * config (an empty `extraheader` clears the list) and turns credential helpers off,
 * so the only credential used is this token, and no helper stores it.
 *
 * @example runGit(root, ['push', 'origin', ref], { env: gitAuthEnv('https://github.com', token) }) // src/adapters/git/run-git.ts
 */
export function gitAuthEnv(serverUrl: string, token: string): Record<string, string> {
  if (token === '' || /[\r\n]/.test(token)) {
    throw new GreenlightError(
      'usage',
      'the GitHub token is empty or has a line break: pass the github_token input (usually secrets.GITHUB_TOKEN).',
    );
  }
  const key = `http.${serverOrigin(serverUrl)}.extraheader`;
  return {
    GIT_CONFIG_COUNT: '3',
    GIT_CONFIG_KEY_0: key,
    GIT_CONFIG_VALUE_0: '',
    GIT_CONFIG_KEY_1: key,
    GIT_CONFIG_VALUE_1: `AUTHORIZATION: basic ${paddedBase64(`x-access-token:${token}`)}`,
    GIT_CONFIG_KEY_2: 'credential.helper',
    GIT_CONFIG_VALUE_2: '',
  };
}
