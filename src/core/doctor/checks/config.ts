/**
 * `.github/greenlight.yml`: valid, or absent (every field has a default). The Action
 * reads it from the default branch and reports an invalid one itself, so it skips this.
 */
import { formatConfigIssue } from '../../config/format-config-issues.ts';
import type { DoctorCheck } from '../doctor-check.ts';

export const configCheck: DoctorCheck = {
  id: 'config',
  surfaces: ['cli'],
  async run({ state }) {
    if (!state.configFound)
      return [{ label: 'config', status: 'ok', detail: `no ${state.configPath}: every setting has its default` }];
    if (state.configErrors.length === 0)
      return [{ label: 'config', status: 'ok', detail: `${state.configPath} is valid` }];
    return [
      {
        label: 'config',
        status: 'fail',
        detail: `${state.configPath} is invalid (${state.configErrors.length === 1 ? '1 problem' : `${state.configErrors.length} problems`}); the other checks use the defaults`,
        fix: [
          ...state.configErrors.map(formatConfigIssue),
          'greenlight config shows the same with the effective configuration',
        ],
      },
    ];
  },
};
