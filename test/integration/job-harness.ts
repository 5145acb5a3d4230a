/**
 * Runs `runJob` end to end on a fixture repository: real git, the real sandbox, the
 * real test runner, the real Anthropic adapter against scripted HTTP answers.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { createAnthropicModel } from '../../src/adapters/model/anthropic-model.ts';
import type { JobResult } from '../../src/core/job.ts';
import { runJob } from '../../src/compose/run-job.ts';
import { ConfigError } from '../../src/core/config/config-error.ts';
import { parseConfig } from '../../src/core/config/parse-config.ts';
import { createTaskRequest, type UntrustedTask } from '../../src/core/task/create-task-request.ts';
import { MemoryAuditSink } from '../fakes/memory-audit-sink.ts';
import { MemoryProgress } from '../fakes/memory-progress.ts';
import { createCalcRepo, type CalcRepoOptions, type FixtureRepo } from '../fixtures/repos/calc-repo.ts';
import { API, API_KEY } from './anthropic-script.ts';

const repos: FixtureRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

/** A fixture repository removed after the test. */
export function calcRepo(options: CalcRepoOptions = {}): FixtureRepo {
  const repo = createCalcRepo(options);
  repos.push(repo);
  return repo;
}

/** The engine's environment: this Node first on PATH, a fake key, the API the mocks answer for. */
export function engineEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    PATH: `${dirname(process.execPath)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: process.env.HOME,
    ANTHROPIC_API_KEY: API_KEY,
    ANTHROPIC_BASE_URL: API,
    ...extra,
  };
}

export interface JobRun {
  result: JobResult;
  audit: MemoryAuditSink;
  progress: MemoryProgress;
}

/**
 * runJob on `repo` with the config committed in it; the task is built (and sanitized)
 * by `createTaskRequest`, as a surface builds it. `injectModel` passes a ready
 * Anthropic model (as the demo or a caller with its own client would) instead of
 * letting runJob build one from the environment.
 */
export async function runOn(
  repo: FixtureRepo,
  task: Partial<UntrustedTask> = {},
  env = engineEnv(),
  options: { injectModel?: boolean } = {},
): Promise<JobRun> {
  const parsed = parseConfig(readFileSync(join(repo.root, '.github/greenlight.yml'), 'utf8'));
  if (!parsed.ok) throw new ConfigError(parsed.errors);
  const audit = new MemoryAuditSink();
  const progress = new MemoryProgress();
  const result = await runJob({
    workspaceRoot: repo.root,
    task: createTaskRequest({
      mode: 'generate',
      title: 'Add tests for clamp',
      body: 'Cover `clamp` in src/calc.js with unit tests.',
      baseSha: repo.head(),
      ...task,
    }),
    config: parsed.config,
    env,
    audit,
    progress,
    ...(options.injectModel === true
      ? { model: createAnthropicModel({ model: parsed.config.model.name, apiKey: 'injected-key-0000', baseURL: API }) }
      : {}),
  });
  return { result, audit, progress };
}

/** node:test files for the scripted model to write. */
export function clampTest(cases: string[]): string {
  return [
    "import assert from 'node:assert/strict';",
    "import { test } from 'node:test';",
    "import { clamp } from '../src/calc.js';",
    '',
    ...cases,
    '',
  ].join('\n');
}
