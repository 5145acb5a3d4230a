/** The Node.js greenlight runs on: the engine needs the version package.json's `engines` names. */
import { MINIMUM_NODE, nodeVersionProblem } from '../../node-version-problem.ts';
import type { DoctorCheck } from '../doctor-check.ts';

export const nodeCheck: DoctorCheck = {
  id: 'node',
  async run({ host }) {
    const problem = nodeVersionProblem(host.nodeVersion);
    if (problem === null)
      return [{ label: 'node', status: 'ok', detail: `Node ${host.nodeVersion} (greenlight needs ≥ ${MINIMUM_NODE})` }];
    return [
      {
        label: 'node',
        status: 'fail',
        detail: problem,
        fix: [
          `install Node ${MINIMUM_NODE} or newer (actions/setup-node with node-version: 24 in a workflow; nvm install 24 locally)`,
        ],
      },
    ];
  },
};
