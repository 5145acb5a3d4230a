/**
 * The checkout `greenlight run` works on: a git working tree on a branch, without
 * uncommitted changes (the Action prepares its own checkout, so it skips this).
 */
import type { DoctorCheck } from '../doctor-check.ts';

export const checkoutCheck: DoctorCheck = {
  id: 'checkout',
  needs: ['git'],
  surfaces: ['cli'],
  async run({ host }) {
    const state = await host.checkout();
    if (state.kind === 'not-a-checkout')
      return [
        {
          label: 'checkout',
          status: 'fail',
          detail: state.why,
          fix: ['run greenlight doctor inside a git checkout, or pass --repo DIR'],
        },
      ];
    if (state.branch === null)
      return [
        {
          label: 'checkout',
          status: 'fail',
          detail: `${state.root}: HEAD is detached`,
          fix: ['check out a branch (git switch -c my-work): greenlight run leaves its result on a branch next to it'],
        },
      ];
    if (!state.clean) {
      const shown = state.dirtyPaths.slice(0, 3).join(', ');
      const more = state.dirtyPaths.length > 3 ? ` and ${state.dirtyPaths.length - 3} more` : '';
      return [
        {
          label: 'checkout',
          status: 'fail',
          detail: `${state.root} on ${state.branch} has uncommitted changes (${shown}${more})`,
          fix: ['commit or stash them (git stash -u): greenlight run refuses a checkout with uncommitted changes'],
        },
      ];
    }
    return [
      { label: 'checkout', status: 'ok', detail: `${state.root} on branch ${state.branch}, no uncommitted changes` },
    ];
  },
};
