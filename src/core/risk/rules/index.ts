/**
 * The built-in rules, in tie-break order: when two matching rules have the same tier,
 * the one listed first names the reason. The riskiest tier always wins.
 */
import type { RuleDefinition } from '../rule.ts';
import { agentRules } from './agents.ts';
import { apiRules } from './api.ts';
import { buildRules } from './build.ts';
import { ciRules } from './ci.ts';
import { commentRules } from './comments.ts';
import { appConfigRules } from './app-config.ts';
import { dataRules } from './data.ts';
import { databaseRules } from './database.ts';
import { deployRules } from './deploy.ts';
import { docRules } from './docs.ts';
import { generatedRules } from './generated.ts';
import { githubGovernanceRules, githubRules } from './github.ts';
import { infraRules } from './infra.ts';
import { manifestRules } from './manifests.ts';
import { migrationRules } from './migrations.ts';
import { suppressionRules } from './suppressions.ts';
import { testRiskRules, testRules } from './tests.ts';
import { unreadableRules } from './unreadable.ts';

export const BUILT_IN_RULES: readonly RuleDefinition[] = [
  ...githubRules,
  ...migrationRules,
  ...unreadableRules,
  ...agentRules,
  ...githubGovernanceRules,
  ...ciRules,
  ...deployRules,
  ...manifestRules,
  ...infraRules,
  ...buildRules,
  ...databaseRules,
  ...testRiskRules,
  ...suppressionRules,
  ...generatedRules,
  ...apiRules,
  ...appConfigRules,
  ...dataRules,
  ...testRules,
  ...docRules,
  ...commentRules,
];

/** Used when no built-in rule matches a file. */
export const DEFAULT_RULE: RuleDefinition = {
  name: 'default',
  tier: 'medium',
  category: 'source',
  reason: 'no rule matched: other changes default to medium',
};
