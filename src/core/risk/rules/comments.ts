/**
 * A change to comments, docstrings or blank lines only is `low`. Source-category rules
 * (API, database, data, config) skip comment-only changes; infrastructure and
 * migrations do not, and suppressions raise the tier again.
 */
import type { RuleDefinition } from '../rule.ts';

export const commentRules: readonly RuleDefinition[] = [
  {
    name: 'comment-only',
    tier: 'low',
    category: 'comments',
    reason: 'only comments, docstrings or blank lines change',
    when: (file) => file.commentOnly,
    condition: 'every changed line is a comment, a docstring or blank',
  },
];
