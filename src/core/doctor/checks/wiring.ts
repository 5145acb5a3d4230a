/**
 * The workflow that starts greenlight on this repository, against the config: that it
 * exists, that its `if:` names the config's trigger label and fix command, that each job
 * grants exactly the permissions its role uses and that checkout keeps no credentials
 * (src/core/init/check-workflow-wiring.ts, which `greenlight init --check` runs too).
 * A checkout without any such workflow is a warning here, not a failure: `greenlight
 * run` works without one. The Action is that workflow, so it skips this.
 */
import { checkWorkflowWiring } from '../../init/check-workflow-wiring.ts';
import type { DoctorCheck } from '../doctor-check.ts';

export const wiringCheck: DoctorCheck = {
  id: 'wiring',
  surfaces: ['cli'],
  async run({ host, state }) {
    // Uncommitted changes do not matter here (init's files are new until committed); no checkout at all
    // is the checkout check's ✗ already.
    if ((await host.checkout()).kind !== 'ok') return [];
    return checkWorkflowWiring(await host.readWorkflows(), state.config, { missing: 'warn' });
  },
};
