/** The test-runner entry points other code uses. */
export { createTestRunner, type CreateTestRunnerOptions, type WorkspaceTestRunner } from './create-test-runner.ts';
export {
  detectWorkspaceTestCommand as detectTestCommand,
  loadTestFacts,
  type DetectOptions,
} from './detect-workspace-test-command.ts';
export { probeTools } from './probe-tools.ts';
export { runnerAdapters } from './registry.ts';
