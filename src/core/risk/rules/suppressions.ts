/**
 * Suppressions change what the checks enforce, so adding one is at least `medium`
 * even in a comment-only change.
 */
import type { RuleDefinition } from '../rule.ts';

export const suppressionRules: readonly RuleDefinition[] = [
  {
    name: 'check-suppression',
    tier: 'medium',
    category: 'suppression',
    reason: 'adds a lint, type-check or coverage suppression: a check stops enforcing something',
    content: [
      /eslint-disable/,
      /@ts-ignore\b/,
      /@ts-expect-error\b/,
      /@ts-nocheck\b/,
      /biome-ignore/,
      /oxlint-disable/,
      /deno-lint-ignore/,
      /#\s*noqa\b/,
      /#\s*type:\s*ignore\b/,
      /#\s*pyright:\s*ignore\b/,
      /#\s*pylint:\s*disable/,
      /#\s*mypy:\s*ignore/,
      /#\s*nosec\b/,
      /#\s*pragma:\s*no\s*(?:cover|branch)/,
      /\/\/\s*nolint\b/,
      /\/\/\s*#nosec\b/,
      /\/\/\s*NOLINT/,
      /#!?\[(?:allow|expect)\s*\(/,
      /@SuppressWarnings\b/,
      /@Suppress\s*\(/,
      /\/\/\s*NOSONAR/,
      /\bNOSONAR\b/,
      /rubocop:(?:disable|todo)\b/,
      /istanbul\s+ignore/,
      /c8\s+ignore/,
      /shellcheck\s+disable/,
      /@phpstan-ignore/,
    ],
    except: ['docs'],
  },
];
