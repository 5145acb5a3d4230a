/**
 * The repository's `.github/greenlight.yml` (or another path) as it is on the DEFAULT
 * branch, read through the Forge — never from a workspace or a pull request's head,
 * which a contributor controls (docs/security.md §5) — and validated. An absent file
 * means every default; `found` says which it was. The Action and the App both read it so.
 */
import type { Forge } from '../../ports/forge.ts';
import { DEFAULT_CONFIG_PATH, parseConfig, type ConfigResult } from './parse-config.ts';

export async function readRepoConfig(
  forge: Forge,
  path = DEFAULT_CONFIG_PATH,
): Promise<ConfigResult & { found: boolean }> {
  const file = await forge.getFileOnDefaultBranch(path);
  return { ...parseConfig(file?.content ?? null, path), found: file !== null };
}
