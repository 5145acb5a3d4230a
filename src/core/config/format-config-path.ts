/**
 * Renders a field path the way users write it: `budgets.maxIterations`,
 * `risk.rules[0].tier`, `review.low-medium.approvals`, `model.prices["claude.x"]`.
 */
const PLAIN_KEY = /^[A-Za-z0-9_$-]+$/;

/** Joins path segments (object keys and array indexes) into one readable path. */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
    } else {
      const key = String(segment);
      if (PLAIN_KEY.test(key)) text += text === '' ? key : `.${key}`;
      else text += `[${JSON.stringify(key)}]`;
    }
  }
  return text;
}
