/**
 * What `greenlight init` prints: what it detected, what it did with each file (with
 * `--dry-run`, the diff of what it would write), the labels, and what is left to do by
 * hand. Also the ✓ / ✗ lines of `greenlight init --check`, in the form
 * `greenlight doctor` prints its checks.
 */
import { unifiedDiff } from '../text/unified-diff.ts';
import type { WiringLine, WiringStatus } from './check-workflow-wiring.ts';
import type { RepositoryLayout } from './detect-layout.ts';
import { describeLayout } from './setup-steps.ts';

/** What init does with one file: `keep` is a file that differs and was left alone (no `--force`). */
export type InitFileStatus = 'create' | 'unchanged' | 'overwrite' | 'keep';

export interface InitReportInput {
  layout: RepositoryLayout;
  trigger: { label: string; fixCommand: string };
  files: { path: string; content: string; existing: string | null; status: InitFileStatus }[];
  dryRun: boolean;
  twoJob: boolean;
  /** The labels step, when `--labels` was given. */
  labels: { repo: string; tokenSource: string; created: string[]; existing: string[] } | null;
}

const DONE: Record<InitFileStatus, [string, string]> = {
  create: ['created', 'would create'],
  overwrite: ['overwrote', 'would overwrite'],
  unchanged: ['unchanged', 'unchanged'],
  keep: ['kept', 'would keep'],
};

/** Files init left alone although they differ: the command did not do all it was asked. */
export function keptFiles(input: Pick<InitReportInput, 'files'>): string[] {
  return input.files.filter((file) => file.status === 'keep').map((file) => file.path);
}

function fileLines(input: InitReportInput): string[] {
  const width = Math.max(...Object.values(DONE).map(([done, would]) => (input.dryRun ? would : done).length));
  return input.files.map((file) => {
    const word = DONE[file.status][input.dryRun ? 1 : 0].padEnd(width);
    const note =
      file.status === 'keep'
        ? ` (it exists and differs: ${input.dryRun ? 'the diff below shows how' : '--dry-run shows how'}; --force overwrites it)`
        : '';
    return `  ${word}  ${file.path}${note}`;
  });
}

function diffs(input: InitReportInput): string[] {
  return input.files
    .filter((file) => file.status !== 'unchanged')
    .map((file) =>
      unifiedDiff(file.existing ?? '', file.content, {
        from: file.existing === null ? '/dev/null' : `a/${file.path}`,
        to: `b/${file.path}`,
      }).trimEnd(),
    );
}

function todo(input: InitReportInput): string[] {
  const steps: string[] = [];
  const pending = input.files.some((file) => file.status === 'create' || file.status === 'overwrite');
  if (pending)
    steps.push(
      `Commit and push the files to the default branch (greenlight reads its config from there): git add .github && git commit -m "Set up greenlight" && git push`,
    );
  steps.push(
    'Add the model key as a repository secret named ANTHROPIC_API_KEY: gh secret set ANTHROPIC_API_KEY (or Settings → Secrets and variables → Actions).',
    'Make the greenlight/review-gate check required on the default branch: a ruleset (Settings → Rules → Rulesets) requiring the status check greenlight/review-gate (README "The review gate").',
  );
  if (input.labels === null)
    steps.push(
      `Create the labels — \`${input.trigger.label}\` must exist before anyone can put it on an issue: greenlight init --labels (with GITHUB_TOKEN set or the GitHub CLI logged in), or by hand.`,
    );
  if (input.layout.test.command === null)
    steps.push(`Set tests.command in .github/greenlight.yml: ${input.layout.test.reason}`);
  if (input.layout.node === null && input.layout.python.length === 0)
    steps.push(
      'Add the steps that install what your tests need to .github/workflows/greenlight.yml, before the greenlight step.',
    );
  if (!input.twoJob && input.layout.ciWorkflows.length === 0)
    steps.push(
      'CI repair follows the workflow named "CI": name your CI workflows under on.workflow_run.workflows in .github/workflows/greenlight.yml.',
    );
  return steps.map((step, index) => `  ${index + 1}. ${step}`);
}

export function renderInitReport(input: InitReportInput): string {
  const detected = describeLayout(input.layout);
  const out = [
    `Detected: ${detected.length === 0 ? 'neither JavaScript nor Python' : detected.join('; ')}.`,
    input.layout.test.command === null
      ? 'Test command: none found.'
      : `Test command: ${input.layout.test.command} — ${input.layout.test.reason}.`,
    `Trigger: the label \`${input.trigger.label}\` on an issue, \`${input.trigger.fixCommand} …\` on a pull request.`,
    '',
    ...fileLines(input),
  ];
  for (const other of input.layout.otherGreenlightWorkflows)
    out.push(
      '',
      `Warning: ${other} already runs greenlight. With .github/workflows/greenlight.yml as well, a request may be handled twice: keep one of them.`,
    );
  if (input.files.every((file) => file.status === 'unchanged'))
    out.push('', 'Nothing to change: every file already holds what greenlight init would write.');
  if (input.dryRun) {
    const shown = diffs(input);
    out.push(
      '',
      shown.length === 0 ? 'Dry run: nothing would be written.' : 'Dry run: nothing was written. The changes:',
    );
    for (const diff of shown) out.push('', diff);
  }
  if (input.labels !== null) {
    const { repo, tokenSource, created, existing } = input.labels;
    out.push(
      '',
      `Labels in ${repo} (token from ${tokenSource}): ${created.length === 0 ? 'none missing' : `${input.dryRun ? 'would create' : 'created'} ${created.join(', ')}`}${existing.length === 0 ? '' : `; already there: ${existing.join(', ')}`}.`,
    );
  }
  out.push('', 'Left to do by hand:', ...todo(input));
  return out.join('\n');
}

const SYMBOL: Record<WiringStatus, string> = { ok: '✓', fail: '✗', warn: '!' };

/** The wiring lines as `greenlight doctor` prints its checks, and a verdict. */
export function renderWiringLines(lines: readonly WiringLine[]): string {
  const width = Math.max(...lines.map((line) => line.label.length), 8) + 2;
  const out: string[] = [];
  for (const line of lines) {
    out.push(`${SYMBOL[line.status]} ${line.label.padEnd(width)}${line.detail}`);
    for (const fix of line.fix ?? []) out.push(`${' '.repeat(width + 2)}→ ${fix}`);
  }
  const failed = lines.filter((line) => line.status === 'fail').length;
  out.push(
    '',
    failed === 0
      ? 'The workflow is wired as the config expects.'
      : `${failed === 1 ? '1 wiring check failed' : `${failed} wiring checks failed`} (✗): fix ${failed === 1 ? 'it' : 'them'} and run greenlight init --check again.`,
  );
  return out.join('\n');
}
