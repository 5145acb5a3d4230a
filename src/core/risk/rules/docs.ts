/** Documentation is `low`; conflicts resolve upward (a script or image under docs/ is not). */
import { DOC_FILES } from '../path-sets.ts';
import type { RuleDefinition } from '../rule.ts';

export const docRules: readonly RuleDefinition[] = [
  {
    name: 'documentation',
    tier: 'low',
    category: 'docs',
    reason: 'documentation',
    paths: DOC_FILES,
  },
];
