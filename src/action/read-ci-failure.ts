/**
 * What a failed CI run says, through the Actions API (docs/architecture.md "CI
 * repair"): its failed jobs (the first few), each job's failed steps, and the relevant
 * part of each job's log (`excerptJobLog`), every line redacted before anything else
 * sees it. Also the failing step's command, when it is a plain test invocation that
 * greenlight may run itself (`findStepCommand`, from the workflow file on the default
 * branch). A log that cannot be read is a note, not a failure: the job and step names
 * are still a report.
 */
import type { CiFailure, FailedJob } from '../core/repair/ci-failure.ts';
import { excerptJobLog } from '../core/repair/excerpt-job-log.ts';
import { findStepCommand } from '../core/repair/find-step-command.ts';
import type { WorkflowRunInfo } from '../ports/forge.ts';
import type { ActionContext } from './action-context.ts';

/** Failed jobs read; the rest are counted. */
export const MAX_FAILED_JOBS = 3;
/** Bytes of a job's log read from its end. */
export const MAX_LOG_BYTES = 1_000_000;

const FAILED = new Set(['failure', 'timed_out']);

/** The failed run's first failed jobs with their steps and redacted log excerpts. */
export async function readCiFailure(ctx: ActionContext, run: WorkflowRunInfo): Promise<CiFailure> {
  const redact = (line: string) => ctx.redactor.redact(line);
  const failed = (await ctx.forge.listWorkflowRunJobs(run.id)).filter((job) => FAILED.has(job.conclusion ?? ''));
  const jobs: FailedJob[] = [];
  for (const job of failed.slice(0, MAX_FAILED_JOBS)) {
    const failedSteps = job.steps.filter((s) => FAILED.has(s.conclusion ?? '')).map((s) => s.name);
    const base = { name: job.name, url: job.htmlUrl, failedSteps };
    try {
      const log = await ctx.forge.readJobLog(job.id, MAX_LOG_BYTES);
      const excerpt = excerptJobLog(log.text, failedSteps);
      jobs.push({
        ...base,
        excerpt: {
          ...excerpt,
          errorLines: excerpt.errorLines.map(redact),
          tail: excerpt.tail.map(redact),
        },
        ...(log.truncated ? { logNote: `only the last ${MAX_LOG_BYTES / 1_000_000} MB of the log was read` } : {}),
      });
    } catch (error) {
      ctx.log(`greenlight: could not read the log of job ${job.id}: ${(error as Error).message}`);
      jobs.push({ ...base, excerpt: null, logNote: `the log could not be read: ${(error as Error).message}` });
    }
  }
  return {
    run: { id: run.id, name: run.name, path: run.path, url: run.htmlUrl, headSha: run.headSha },
    jobs,
    moreJobs: Math.max(0, failed.length - MAX_FAILED_JOBS),
  };
}

/** The first failed step's command, when it is a plain test invocation; null otherwise (or when unreadable). */
export async function failingCiCommand(ctx: ActionContext, failure: CiFailure): Promise<string | null> {
  try {
    const workflow = await ctx.forge.getFileOnDefaultBranch(failure.run.path);
    if (workflow === null) return null;
    for (const job of failure.jobs) {
      for (const step of job.failedSteps) {
        const command = findStepCommand(workflow.content, job.name, step);
        if (command !== null) return command;
      }
    }
  } catch (error) {
    ctx.log(`greenlight: could not read ${failure.run.path} for the failing command: ${(error as Error).message}`);
  }
  return null;
}
