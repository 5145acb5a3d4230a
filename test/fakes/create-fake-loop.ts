/**
 * One call that wires every fake port around a MemoryRepo, for loop tests and the
 * bench: `const f = createFakeLoop({ files, script }); await runLoop(f.request, f.deps)`.
 */
import { defaultConfig, RepoConfig, type RepoConfigInput } from '../../src/core/config/repo-config.ts';
import type { LoopDeps } from '../../src/core/loop/loop-deps.ts';
import type { LoopLimits, LoopRequest } from '../../src/core/loop/loop-request.ts';
import type { UntrustedTask } from '../../src/core/task/create-task-request.ts';
import type { TaskRequest } from '../../src/core/task/task-request.ts';
import { FakeCheckpoints } from './fake-checkpoints.ts';
import { FakeClock } from './fake-clock.ts';
import { fakeCostOf } from './fake-cost.ts';
import { FakeModel, type FakeModelOptions, type ScriptStep } from './fake-model.ts';
import { FakeRepoTools } from './fake-repo-tools.ts';
import { FakeTestRunner, type FakeTestRunnerOptions } from './fake-test-runner.ts';
import { FakeWorkspace } from './fake-workspace.ts';
import { MemoryAuditSink } from './memory-audit-sink.ts';
import { MemoryProgress } from './memory-progress.ts';
import { MemoryRepo } from './memory-repo.ts';

export interface FakeLoopOptions {
  files: Record<string, string>;
  /** The model's script; a function gets the repo, for steps that edit files directly. */
  script: ScriptStep[] | ((repo: MemoryRepo) => ScriptStep[]);
  config?: RepoConfigInput;
  /**
   * Taken as already sanitized: the loop never sees raw text (building a TaskRequest is
   * `createTaskRequest`'s job, tested on its own), and some tests pass text that
   * sanitizing would change, to show what another layer does with it.
   */
  task?: Partial<UntrustedTask>;
  contextText?: string;
  model?: FakeModelOptions;
  runner?: FakeTestRunnerOptions;
  limits?: Partial<LoopLimits>;
  mustFixBaselineFailures?: boolean;
  deps?: Partial<LoopDeps>;
}

export function createFakeLoop(options: FakeLoopOptions) {
  const repo = new MemoryRepo(options.files);
  const clock = new FakeClock();
  const script = typeof options.script === 'function' ? options.script(repo) : options.script;
  const model = new FakeModel(script, { clock, ...options.model });
  const tools = new FakeRepoTools(repo);
  const tests = new FakeTestRunner(repo, { clock, ...options.runner });
  const workspace = new FakeWorkspace(repo);
  const checkpoints = new FakeCheckpoints(repo);
  const audit = new MemoryAuditSink();
  const progress = new MemoryProgress();
  const deps: LoopDeps = {
    model,
    tools,
    tests,
    workspace,
    checkpoints,
    clock,
    audit,
    progress,
    costOf: fakeCostOf,
    verifyFresh: async () => ({ tree: await checkpoints.save('fresh checkout'), report: await tests.runFresh() }),
    ...options.deps,
  };
  const config = options.config === undefined ? defaultConfig() : RepoConfig.parse(options.config);
  const task: UntrustedTask = {
    mode: 'generate',
    title: 'Add tests for add()',
    body: 'Please cover `add` with unit tests.',
    issueNumber: 42,
    baseSha: repo.baseSha,
    ...options.task,
  };
  const request: LoopRequest = {
    task: task as TaskRequest,
    contextText:
      options.contextText ?? '## Repository context\n\nsrc/add.ts\n```ts\nexport const add = (a, b) => a + b;\n```\n',
    config,
  };
  if (options.mustFixBaselineFailures !== undefined) request.mustFixBaselineFailures = options.mustFixBaselineFailures;
  if (options.limits !== undefined) request.limits = options.limits;
  return { repo, clock, model, tools, tests, workspace, checkpoints, audit, progress, deps, request };
}
