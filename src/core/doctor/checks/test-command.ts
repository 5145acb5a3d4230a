/** The test command a run would use, and why (the same detection as `greenlight run`). */
import { isGreenlightError } from '../../../ports/errors.ts';
import { describeTestCommand } from '../../testing/describe-test-plan.ts';
import type { DoctorCheck } from '../doctor-check.ts';

export const testCommandCheck: DoctorCheck = {
  id: 'test-command',
  needs: ['checkout'],
  async run({ host, state }) {
    try {
      const plan = await host.detectTests(state.config);
      state.plan = plan;
      return [{ label: 'test command', status: 'ok', detail: `${describeTestCommand(plan)} — ${plan.reason}` }];
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
