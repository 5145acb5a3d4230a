/**
 * The issue a greenlight branch was generated for, read back through the branch
 * template of the DEFAULT branch's config (`branch.template`, default
 * `greenlight/issue-{number}-{slug}`). Null when the template has no `{number}` or
 * the branch does not match it.
 */
const PLACEHOLDER = /\{(number|slug|run)\}/g;

export function issueFromBranch(branch: string, template: string): number | null {
  if (!template.includes('{number}')) return null;
  let pattern = '';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    pattern += template.slice(last, match.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern += match[1] === 'number' ? '([1-9][0-9]{0,14})' : match[1] === 'run' ? '[^/]*?' : '.*?';
    last = match.index + match[0].length;
  }
  pattern += template.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = new RegExp(`^${pattern}$`).exec(branch);
  return found?.[1] === undefined ? null : Number(found[1]);
}
