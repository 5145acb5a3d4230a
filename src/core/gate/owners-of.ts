/**
 * Code owners of paths: for each path the LAST matching CODEOWNERS rule decides
 * (a later rule with no owners makes the path unowned, as on GitHub).
 */
import type { Codeowners, CodeownersRule } from './parse-codeowners.ts';

function matches(rule: CodeownersRule, path: string): boolean {
  const parts = path.replace(/^\/+/, '').split('/');
  if (!rule.directoryOnly && rule.regex.test(parts.join('/'))) return true;
  if (rule.directChildrenOnly) return false;
  // A rule that names a directory owns everything inside it.
  for (let depth = parts.length - 1; depth >= 1; depth--) {
    if (rule.regex.test(parts.slice(0, depth).join('/'))) return true;
  }
  return false;
}

/** The rule that decides `path`, or null when no rule matches. */
export function ruleFor(codeowners: Codeowners, path: string): CodeownersRule | null {
  for (let i = codeowners.rules.length - 1; i >= 0; i--) {
    const rule = codeowners.rules[i];
    if (rule !== undefined && matches(rule, path)) return rule;
  }
  return null;
}

export interface PathOwners {
  /** Distinct owners of any of the paths, in first-seen order. */
  owners: string[];
  /** Paths no rule (or only an owner-less rule) covers. */
  unowned: string[];
}

/** Owners of a set of changed paths. */
export function ownersOf(codeowners: Codeowners, paths: readonly string[]): PathOwners {
  const owners: string[] = [];
  const seen = new Set<string>();
  const unowned: string[] = [];
  for (const path of paths) {
    const rule = ruleFor(codeowners, path);
    if (rule === null || rule.owners.length === 0) {
      unowned.push(path);
      continue;
    }
    for (const owner of rule.owners) {
      if (!seen.has(owner.toLowerCase())) {
        seen.add(owner.toLowerCase());
        owners.push(owner);
      }
    }
  }
  return { owners, unowned };
}
