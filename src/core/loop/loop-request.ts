import type { RepoConfig } from '../config/repo-config.ts';
import type { TaskRequest } from '../task/task-request.ts';

/** Knobs of the loop that are not user configuration; defaults in `DEFAULT_LOOP_LIMITS`. */
export interface LoopLimits {
  /** Model calls inside one iteration before the engine ends it and validates anyway. */
  maxModelCallsPerIteration: number;
  /** `run_tests` calls the model may make inside one iteration (test time is wall time). */
  maxRunTestsCallsPerIteration: number;
  /** Characters of test report the model gets back (tool result or feedback turn). */
  reportBudgetChars: number;
  /** Characters of a tool result kept in the audit log. */
  auditExcerptChars: number;
  /**
   * Tokens added to the first call's estimate for what the provider injects around
   * tools (Anthropic documents ~700 for the text editor plus the tool-use preamble).
   */
  requestOverheadTokens: number;
}

export const DEFAULT_LOOP_LIMITS: LoopLimits = {
  maxModelCallsPerIteration: 40,
  maxRunTestsCallsPerIteration: 8,
  reportBudgetChars: 6_000,
  auditExcerptChars: 2_000,
  requestOverheadTokens: 1_500,
};

/** Everything the loop needs to know about one run; all of it is data. */
export interface LoopRequest {
  task: TaskRequest;
  /**
   * The repository context, prerendered by context assembly. It goes into the cached
   * prompt prefix, so it must not change during the run (it is sent byte-identical on
   * every model call).
   */
  contextText: string;
  config: RepoConfig;
  /**
   * Tests failing at baseline must pass at the end (a `/fix` without instruction).
   * Otherwise baseline failures are tolerated and never blamed on the change.
   */
  mustFixBaselineFailures?: boolean;
  limits?: Partial<LoopLimits>;
}
