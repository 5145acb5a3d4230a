import type { RunnerId } from '../../core/testing/test-plan.ts';
import { cargoAdapter } from './cargo/index.ts';
import { genericAdapter } from './generic/index.ts';
import { goAdapter } from './go/index.ts';
import { jestAdapter } from './jest/index.ts';
import { mochaAdapter } from './mocha/index.ts';
import { nodeTestAdapter } from './node-test/index.ts';
import { pytestAdapter } from './pytest/index.ts';
import type { RunnerAdapter } from './runner-adapter.ts';
import { vitestAdapter } from './vitest/index.ts';

/** Every runner adapter by id. Adding a runner: a folder with an adapter, then one line here. */
export const runnerAdapters: Readonly<Record<RunnerId, RunnerAdapter>> = {
  vitest: vitestAdapter,
  jest: jestAdapter,
  mocha: mochaAdapter,
  'node-test': nodeTestAdapter,
  pytest: pytestAdapter,
  go: goAdapter,
  cargo: cargoAdapter,
  generic: genericAdapter,
};
