/**
 * `.github/`: workflows and local actions are `critical` (they run with the
 * repository's secrets and the bot never pushes them, docs/security.md §19); everything else
 * there is governance or automation (`CODEOWNERS` decides who reviews) and is `high`.
 */
import type { RuleDefinition } from '../rule.ts';

export const githubRules: readonly RuleDefinition[] = [
  {
    name: 'github-workflow',
    tier: 'critical',
    category: 'ci',
    reason:
      'GitHub Actions workflows run with repository secrets and write tokens; the bot never executes or pushes them',
    paths: ['.github/workflows/'],
  },
  {
    name: 'github-action',
    tier: 'critical',
    category: 'ci',
    reason: 'local actions run inside workflows, with their secrets',
    paths: ['.github/actions/'],
  },
];

/** Listed after more specific rules (agent instructions) so that their reasons win ties. */
export const githubGovernanceRules: readonly RuleDefinition[] = [
  {
    name: 'github-config',
    tier: 'high',
    category: 'governance',
    reason:
      'repository governance and automation: code owners, Dependabot/Renovate, templates and bot settings decide who reviews and what runs',
    paths: [
      '.github/',
      'CODEOWNERS',
      'renovate.json',
      'renovate.json5',
      '.renovaterc',
      '.renovaterc.*',
      '.kodiak.toml',
      '.mergify.yml',
      '.mergify/',
    ],
  },
];
