/**
 * The Action's inputs win over `.github/greenlight.yml`: a workflow can pin
 * the model, the budgets or the test command without editing the config file. Only
 * inputs the workflow actually set are applied; the values were validated against the
 * same config schema when they were read (`src/action/inputs.ts`).
 */
import type { RepoConfig } from '../core/config/repo-config.ts';

/** Config values set by Action inputs; absent means "keep the config file's". */
export interface ConfigOverrides {
  /** `trigger_label` → `trigger.label`. */
  triggerLabel?: string;
  /** `fix_command` → `trigger.fixCommand`. */
  fixCommand?: string;
  /** `model` → `model.name`. */
  model?: string;
  /** `max_iterations` → `budgets.maxIterations`. */
  maxIterations?: number;
  /** `max_cost_usd` → `budgets.maxCostUsd`. */
  maxCostUsd?: number;
  /** `test_command` → `tests.command`. */
  testCommand?: string;
}

/**
 * A copy of `config` with the overrides applied.
 * @example applyInputOverrides(config, { maxIterations: 3 }).budgets.maxIterations // 3
 */
export function applyInputOverrides(config: RepoConfig, overrides: ConfigOverrides): RepoConfig {
  return {
    ...config,
    trigger: {
      ...config.trigger,
      ...(overrides.triggerLabel === undefined ? {} : { label: overrides.triggerLabel }),
      ...(overrides.fixCommand === undefined ? {} : { fixCommand: overrides.fixCommand }),
    },
    model: { ...config.model, ...(overrides.model === undefined ? {} : { name: overrides.model }) },
    budgets: {
      ...config.budgets,
      ...(overrides.maxIterations === undefined ? {} : { maxIterations: overrides.maxIterations }),
      ...(overrides.maxCostUsd === undefined ? {} : { maxCostUsd: overrides.maxCostUsd }),
    },
    tests: { ...config.tests, ...(overrides.testCommand === undefined ? {} : { command: overrides.testCommand }) },
  };
}
