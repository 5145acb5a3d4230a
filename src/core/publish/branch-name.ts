/**
 * The branch of a generate run, from `branch.template` (default
 * `greenlight/issue-{number}-{slug}`). Placeholders: `{number}` (the issue), `{slug}`
 * (the issue title, slugified), `{run}` (the workflow run id).
 */
import { GreenlightError } from '../../ports/errors.ts';
import { refNameProblem } from './ref-name-problem.ts';
import { slugify } from './slugify.ts';

export interface BranchValues {
  number: number;
  title: string;
  /** The workflow run id; required only when the template uses `{run}`. */
  run?: string;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * Fills the template. Throws GreenlightError('config-invalid') for an unknown
 * placeholder or a result git would refuse as a branch name.
 *
 * @example branchName('greenlight/issue-{number}-{slug}', { number: 12, title: 'Add tests for the parser' })
 * // 'greenlight/issue-12-add-tests-for-the-parser'
 */
export function branchName(template: string, values: BranchValues): string {
  const name = template.replace(PLACEHOLDER, (whole, key: string) => {
    switch (key) {
      case 'number':
        return String(values.number);
      case 'slug':
        return slugify(values.title);
      case 'run':
        if (values.run === undefined || values.run === '') {
          throw new GreenlightError(
            'config-invalid',
            `branch.template '${template}' uses {run}, but no run id is known here: use {number} and {slug} instead.`,
          );
        }
        return values.run;
      default:
        throw new GreenlightError(
          'config-invalid',
          `branch.template '${template}' has an unknown placeholder ${whole}: use {number}, {slug} or {run}.`,
        );
    }
  });
  const problem = refNameProblem(name);
  if (problem !== null) {
    throw new GreenlightError(
      'config-invalid',
      `branch.template '${template}' gives the branch name '${name}', which ${problem}: change branch.template in .github/greenlight.yml.`,
    );
  }
  return name;
}
