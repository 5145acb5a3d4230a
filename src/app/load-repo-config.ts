/**
 * The repository's `.github/greenlight.yml` from the DEFAULT branch (docs/security.md §5),
 * validated; an absent file means every default.
 */
import { DEFAULT_CONFIG_PATH, parseConfig, type ConfigResult } from '../core/config/parse-config.ts';
import type { Forge } from '../ports/forge.ts';

export async function loadRepoConfig(forge: Forge, path = DEFAULT_CONFIG_PATH): Promise<ConfigResult> {
  const file = await forge.getFileOnDefaultBranch(path);
  return parseConfig(file?.content ?? null, path);
}
