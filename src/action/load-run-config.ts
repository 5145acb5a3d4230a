/**
 * The run's configuration: `.github/greenlight.yml` (or `config_path`) as it is on
 * the DEFAULT branch (readRepoConfig) — never from the workspace, which may hold a pull
 * request's head (docs/security.md §5) — with the Action's inputs on top.
 */
import { applyInputOverrides, type ConfigOverrides } from './apply-input-overrides.ts';
import type { ConfigIssue } from '../core/config/config-issue.ts';
import { readRepoConfig } from '../core/config/read-repo-config.ts';
import { defaultConfig, type RepoConfig } from '../core/config/repo-config.ts';
import type { Forge } from '../ports/forge.ts';

export type LoadedConfig =
  | { ok: true; config: RepoConfig; warnings: ConfigIssue[]; defaultBranch: string; found: boolean }
  /** `fallback` (defaults + inputs) only decides whom to tell; no run uses it. */
  | { ok: false; errors: ConfigIssue[]; defaultBranch: string; fallback: RepoConfig };

/** `.github/greenlight.yml` (or `config_path`) from the default branch, with the Action's inputs on top. */
export async function loadRunConfig(
  forge: Forge,
  configPath: string,
  overrides: ConfigOverrides,
): Promise<LoadedConfig> {
  const defaultBranch = await forge.getDefaultBranch();
  const parsed = await readRepoConfig(forge, configPath);
  if (!parsed.ok)
    return {
      ok: false,
      errors: parsed.errors,
      defaultBranch,
      fallback: applyInputOverrides(defaultConfig(), overrides),
    };
  return {
    ok: true,
    config: applyInputOverrides(parsed.config, overrides),
    warnings: parsed.warnings,
    defaultBranch,
    found: parsed.found,
  };
}
