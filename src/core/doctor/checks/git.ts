/** git, which every run uses for the checkout, checkpoints and the change. */
import type { DoctorCheck } from '../doctor-check.ts';

export const gitCheck: DoctorCheck = {
  id: 'git',
  async run({ host }) {
    const version = await host.gitVersion();
    if (version !== null) return [{ label: 'git', status: 'ok', detail: version }];
    return [
      {
        label: 'git',
        status: 'fail',
        detail: 'git cannot be started: it is not on the PATH',
        fix: ['install git (sudo apt-get install git)'],
      },
    ];
  },
};
