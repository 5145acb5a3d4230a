/**
 * A run the sandbox stopped at a write limit can still exit 0 before the stop lands
 * (the writer finishes first, the watch notices after): such a run is never a pass.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createNoneSandbox } from '../../../src/adapters/sandbox/none-driver.ts';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';
import { judgeReport } from '../../../src/core/loop/judge-report.ts';
import { compareToBaseline } from '../../../src/core/testing/compare-to-baseline.ts';
import type { Sandbox, SandboxLimit } from '../../../src/ports/sandbox.ts';
import { createProject, parentEnv, runnerFor, type Project } from './project.ts';

const projects: Project[] = [];
afterEach(() => {
  for (const project of projects.splice(0)) project.remove();
});

/** The real `none` sandbox, with the limit the watch reported after the command exited 0. */
async function sandboxThatHit(project: Project, limit: SandboxLimit | null): Promise<Sandbox> {
  const inner = await createNoneSandbox({
    config: defaultConfig().sandbox,
    workspace: project.root,
    parentEnv: parentEnv(),
  });
  return {
    ...inner,
    run: async (command, options) => {
      const result = await inner.run(command, options);
      return limit === null ? result : { ...result, limitHit: limit, limitDetail: `${limit}: 20,001 files written` };
    },
  };
}

describe('a test run stopped at a sandbox limit', () => {
  it.each<SandboxLimit>(['files', 'disk', 'memory'])(
    'is not a pass at the %s limit, whatever the exit code',
    async (limit) => {
      const project = createProject({ 'package.json': '{"name":"p"}\n' });
      projects.push(project);
      const { runner, close } = await runnerFor(project, {
        command: 'true',
        sandbox: await sandboxThatHit(project, limit),
      });
      try {
        const report = await runner.run();
        expect(report.exitCode).toBe(0);
        expect(report.disagreements).toEqual([
          `the sandbox stopped the run at its ${limit} limit, so its result is not a pass (${limit}: 20,001 files written)`,
        ]);
        const why = judgeReport(report, compareToBaseline(report, report), {
          baseline: report,
          mustFixBaselineFailures: false,
        });
        expect(why).toMatch(/^the test report cannot be trusted: the sandbox stopped the run at its/);
      } finally {
        await close();
      }
    },
  );

  it('passes as before when no limit was hit', async () => {
    const project = createProject({ 'package.json': '{"name":"p"}\n' });
    projects.push(project);
    const { runner, close } = await runnerFor(project, {
      command: 'true',
      sandbox: await sandboxThatHit(project, null),
    });
    try {
      const report = await runner.run();
      expect(report.disagreements).toBeUndefined();
      expect(
        judgeReport(report, compareToBaseline(report, report), { baseline: report, mustFixBaselineFailures: false }),
      ).toBeNull();
    } finally {
      await close();
    }
  });
});
