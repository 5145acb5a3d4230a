/** The test command a run would use, and why (the same detection as `greenlight run`). */
import { isGreenlightError } from '../../../ports/errors.ts';
import { describeTestCommand } from '../../testing/describe-test-plan.ts';
import type { DoctorCheck } from '../doctor-check.ts';

export const testCommandCheck: DoctorCheck = {
  id: 'test-command',
  needs: ['checkout'],
  async run({ host, state, runBaseline }) {
    try {
      const plan = await host.detectTests(state.config);
      state.plan = plan;
      const detail = `${describeTestCommand(plan)} — ${plan.reason}`;
      if (plan.blocked === undefined) return [{ label: 'test command', status: 'ok', detail }];
      // A warning, not a failure: tests.installCommand may install what is missing before
      // the baseline, and the baseline check (which runs it) is the one that knows.
      const install = state.config.tests.installCommand;
      return [
        {
          label: 'test command',
          status: 'warn',
          detail,
          fix: [
            `as things are it cannot run: ${plan.blocked}`,
            // The baseline line right below says the rest when it runs.
            ...(install !== undefined
              ? [
                  `a run runs tests.installCommand \`${install}\` first; the baseline check (not with --skip-baseline) shows whether that is enough`,
                ]
              : runBaseline
                ? []
                : [
                    'a run would stop before its first model call; the baseline check (not with --skip-baseline) gives the exact lines to add',
                  ]),
          ],
        },
      ];
    } catch (error) {
      if (!isGreenlightError(error, 'no-test-command')) throw error;
      return [
        {
          label: 'test command',
          status: 'fail',
          detail: 'no test command found',
          fix: [error.message, 'for example, in .github/greenlight.yml: tests: { command: npm test }'],
        },
      ];
    }
  },
};
