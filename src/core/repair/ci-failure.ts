/**
 * A failed CI run as the repair run sees it: the run, its failed jobs and for each the
 * relevant part of its log (`excerptJobLog`). `renderCiFailure` is the failure report the
 * model gets (still untrusted text: the task builder sanitizes it, the prompt quotes
 * it); `failureFingerprint` names the failure, so that a repair whose CI fails the same
 * way again is seen to have made no progress (docs/architecture.md "CI repair").
 */
import type { JobLogExcerpt } from './excerpt-job-log.ts';

export interface FailedJob {
  name: string;
  url: string;
  /** The steps GitHub reports as failed. */
  failedSteps: string[];
  /** Null when the log could not be read (`logNote` says why). */
  excerpt: JobLogExcerpt | null;
  logNote?: string;
}

export interface CiFailure {
  run: { id: number; name: string; path: string; url: string; headSha: string };
  jobs: FailedJob[];
  /** Failed jobs that were not read (only the first few are). */
  moreJobs: number;
}

/** The step a job failed at: GitHub's name for it, else the log's. */
export function failedStepOf(job: FailedJob): string | null {
  return job.failedSteps[0] ?? job.excerpt?.step ?? null;
}

/**
 * @example
 * renderCiFailure(failure)
 * // 'Workflow "CI" (.github/workflows/ci.yml), run 42, failed on commit 1a2b3c4.\n\nJob "test" failed at step "Run npm test".\n…'
 */
export function renderCiFailure(failure: CiFailure): string {
  const { run } = failure;
  const parts = [`Workflow "${run.name}" (${run.path}), run ${run.id}, failed on commit ${run.headSha.slice(0, 7)}.`];
  for (const job of failure.jobs) {
    const step = failedStepOf(job);
    const lines = [`Job "${job.name}" failed${step === null ? '' : ` at step "${step}"`}.`];
    if (job.logNote !== undefined) lines.push(`(${job.logNote})`);
    const excerpt = job.excerpt;
    if (excerpt !== null) {
      if (excerpt.errorLines.length > 0) lines.push('Error lines:', ...excerpt.errorLines.map((l) => `  ${l}`));
      if (excerpt.tail.length > 0) {
        const omitted = excerpt.omittedLines > 0 ? `, after ${excerpt.omittedLines} earlier lines` : '';
        lines.push(`The step's last ${excerpt.tail.length} lines of output${omitted}:`, ...excerpt.tail);
      }
    }
    parts.push(lines.join('\n'));
  }
  if (failure.moreJobs > 0) parts.push(`${failure.moreJobs} more failed job(s) not shown.`);
  return `${parts.join('\n\n')}\n`;
}

const VOLATILE = [
  /\b\d{4}-\d\d-\d\dT[\d:.]+Z?\b/g, // timestamps
  /\b[0-9a-f]{7,64}\b/gi, // commit and object ids
  /\b\d+(?:\.\d+)?\s?(?:ms|s|sec|secs|seconds|m|min)\b/g, // durations
];

/** Eight hex digits naming the failure: which jobs failed where, and with which errors. */
export function failureFingerprint(failure: CiFailure): string {
  const text = failure.jobs
    .map((job) =>
      [job.name, failedStepOf(job) ?? '', ...(job.excerpt?.errorLines ?? [])]
        .map((line) => VOLATILE.reduce((l, pattern) => l.replace(pattern, '#'), line))
        .join('\n'),
    )
    .sort()
    .join('\n\n');
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
