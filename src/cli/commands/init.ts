/**
 * `greenlight init [--two-job] [--dry-run] [--force] [--labels] [--label NAME]
 * [--fix-command CMD] [--check]`: sets a repository up for the Action in one command.
 * Wiring only: detection and rendering live in src/core/init, reading and writing in
 * src/compose/init-repository.ts, labels in src/compose/create-repository-labels.ts.
 */
import { resolve } from 'node:path';
import { createRepositoryLabels } from '../../compose/create-repository-labels.ts';
import { checkRepositoryWiring, initRepository } from '../../compose/init-repository.ts';
import { keptFiles, renderInitReport, renderWiringLines } from '../../core/init/render-init-report.ts';
import { isGreenlightError } from '../../ports/errors.ts';
import type { CliCommand } from '../command.ts';

const stringOption = (value: unknown) => (typeof value === 'string' ? value : undefined);

export const initCommand: CliCommand = {
  name: 'init',
  usage: [
    'Usage: greenlight init [--two-job] [--dry-run] [--force] [--labels]',
    '                       [--label NAME] [--fix-command CMD] [--repo DIR]',
    '       greenlight init --check [--repo DIR]',
    '',
    'Sets the repository up for the greenlight Action. Detects the package manager and',
    'languages (the detection a run uses) and writes:',
    '  .github/workflows/greenlight.yml       the workflow, with the install steps for this',
    '                                         repository and a job condition built from the',
    "                                         config's trigger label and fix command",
    '  .github/workflows/greenlight-gate.yml  the review gate',
    '  .github/greenlight.yml                 the config: the detected test command, a',
    '                                         $schema line for editors, nothing else',
    'then prints what is left to do by hand. An existing file that differs is left alone',
    'unless --force; running init again changes nothing.',
    '',
    'Options:',
    '  --two-job            the least-privilege pair (generate holds the model key and',
    '                       cannot push; publish pushes) instead of one job',
    '  --dry-run            write nothing; show the diff of what would be written',
    '  --force              overwrite files that differ (the config is edited, never',
    '                       replaced: its other keys stay)',
    '  --labels             create the trigger label, greenlight, greenlight:needs-human',
    '                       and the risk:* labels in the origin repository, skipping',
    '                       those that exist (token: GITHUB_TOKEN, or `gh auth token`;',
    '                       GitHub Enterprise Server: GITHUB_API_URL)',
    '  --label NAME         trigger label to write into the config (default ai-generate)',
    '  --fix-command CMD    fix command to write into the config (default /fix)',
    '  --check              write nothing; check that the workflow starts greenlight as the',
    '                       config expects (✓ / ✗ lines with the fix; exit 1 on a ✗)',
    '  --repo DIR           the checkout (default: the current directory)',
    '',
    'Exit status: 0 done (or nothing to do), 1 a file that differs was kept (or a --check',
    'failed), 2 a usage or input error.',
  ].join('\n'),
  options: {
    'two-job': { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    labels: { type: 'boolean', default: false },
    label: { type: 'string' },
    'fix-command': { type: 'string' },
    check: { type: 'boolean', default: false },
    repo: { type: 'string' },
  },
  async run(args, io) {
    const dir = resolve(io.cwd, stringOption(args.values.repo) ?? '.');
    if (args.values.check === true) {
      const lines = await checkRepositoryWiring(dir);
      io.out(renderWiringLines(lines));
      return lines.some((line) => line.status === 'fail') ? 1 : 0;
    }
    const dryRun = args.values['dry-run'] === true;
    const twoJob = args.values['two-job'] === true;
    const result = await initRepository({
      dir,
      twoJob,
      force: args.values.force === true,
      dryRun,
      label: stringOption(args.values.label),
      fixCommand: stringOption(args.values['fix-command']),
    });
    let labels: Awaited<ReturnType<typeof createRepositoryLabels>> | null = null;
    let labelError: unknown = null;
    if (args.values.labels === true) {
      try {
        labels = await createRepositoryLabels({
          root: result.root,
          env: io.env,
          triggerLabel: result.trigger.label,
          dryRun,
        });
      } catch (error) {
        // The files are written by now: report them (and the labels as left to do), then the error.
        if (!isGreenlightError(error)) throw error;
        labelError = error;
      }
    }
    io.out(
      renderInitReport({
        layout: result.layout,
        trigger: result.trigger,
        files: result.files,
        dryRun,
        twoJob,
        labels:
          labels === null
            ? null
            : {
                repo: `${labels.repo.owner}/${labels.repo.repo}`,
                tokenSource: labels.tokenSource,
                created: labels.created,
                existing: labels.existing,
              },
      }),
    );
    if (labelError !== null) throw labelError;
    return !dryRun && keptFiles(result).length > 0 ? 1 : 0;
  },
};
