/**
 * `greenlight doctor [--repo DIR] [--json] [--skip-baseline] [--task TEXT]`: checks
 * the machine and the checkout for everything a run needs, each line ✓ or ✗ with the
 * fix. Wiring only: the checks are src/core/doctor/checks/, the machine is
 * src/compose/doctor-host.ts.
 */
import { resolve } from 'node:path';
import { createDoctorHost } from '../../compose/doctor-host.ts';
import { analyzeTask } from '../../core/context/analyze-task.ts';
import { runDoctor } from '../../core/doctor/run-doctor.ts';
import { doctorJson, renderDoctorText } from '../../core/doctor/render-doctor-report.ts';
import { sanitizeUntrustedText } from '../../core/text/sanitize-untrusted-text.ts';
import type { CliCommand } from '../command.ts';

export const doctorCommand: CliCommand = {
  name: 'doctor',
  usage: [
    'Usage: greenlight doctor [--repo DIR] [--json] [--skip-baseline] [--task TEXT]',
    '',
    'Checks, on this machine and checkout, everything a run needs: Node, git, the checkout,',
    '.github/greenlight.yml, the model key (set or not; its value is never shown), the',
    'sandbox (bubblewrap, user namespaces, the AppArmor restriction of Ubuntu 24.04), the test',
    'command a run would use and whether the test suite really runs. Each line is ✓, ✗ (a run',
    'would stop), ! (works, worth fixing) or – (not checked), with the fix under it.',
    '',
    'Options:',
    '  --repo DIR         the checkout (default: the current directory)',
    '  --json             print the checks as JSON',
    '  --skip-baseline    do not run the test suite (the slowest check)',
    '  --task TEXT        the task a run would get: in a monorepo, the paths it names pick',
    '                     the package whose tests run, as they would in the run',
    '',
    'Exit codes: 0 a run can start here, 1 a check failed (✗), 2 usage error.',
  ].join('\n'),
  options: {
    repo: { type: 'string' },
    json: { type: 'boolean', default: false },
    'skip-baseline': { type: 'boolean', default: false },
    task: { type: 'string' },
  },
  async run(args, io) {
    const repo = resolve(io.cwd, typeof args.values.repo === 'string' ? args.values.repo : '.');
    const task = typeof args.values.task === 'string' ? args.values.task : undefined;
    const hints =
      task === undefined ? undefined : { named: analyzeTask(sanitizeUntrustedText(task)).paths, ranked: [] };
    const host = await createDoctorHost({ repo, env: io.env, ...(hints === undefined ? {} : { hints }) });
    const report = await runDoctor(host, { surface: 'cli', runBaseline: args.values['skip-baseline'] !== true });
    if (args.values.json === true) io.out(JSON.stringify(doctorJson(report), null, 2));
    else io.out(`greenlight doctor: ${repo}\n\n${renderDoctorText(report)}`);
    return report.ok ? 0 : 1;
  },
};
