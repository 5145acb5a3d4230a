/** The test-runner entry points other code uses. */
export { createTestRunner, type CreateTestRunnerOptions, type WorkspaceTestRunner } from './create-test-runner.ts';
export {
  detectWorkspaceTestCommand as detectTestCommand,
  type DetectOptions,
} from './detect-workspace-test-command.ts';
export { runnerAdapters } from './registry.ts';
