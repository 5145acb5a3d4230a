/**
 * The evidence record of a run (docs/architecture.md "The evidence record"): what a
 * reviewer can check about a change without trusting the model — the commit it
 * describes, every command the engine ran with its exit code and duration, the tests
 * before and after, reruns, the fail-before-fix check, coverage, rounds, model calls,
 * tokens, cost, test time, the sandbox and the risk tier with a reason per file. One zod
 * schema is the type, the check of a record read back (a change bundle's), and the JSON
 * Schema published as schema/greenlight-evidence.schema.json.
 */
import { z } from 'zod';

export const EVIDENCE_VERSION = 1;

const Count = z.number().int().nonnegative();

export const EvidenceTestTotals = z.strictObject({
  passed: Count,
  failed: Count,
  errored: Count,
  skipped: Count,
  total: Count,
});

const TestResult = z.enum(['passed', 'failed', 'errored', 'skipped', 'missing']);

export const EvidenceCommand = z.strictObject({
  at: z.string().describe('When the command ended (ISO 8601).'),
  command: z.string().describe('The command line, or the test command with the tests it was narrowed to.'),
  purpose: z
    .enum(['install', 'baseline', 'related', 'full', 'model', 'rerun', 'before-fix', 'coverage', 'fresh-checkout'])
    .nullable()
    .describe(
      'Why the engine ran it: install, baseline (the suite before any change), related or full (after a round), model (the model asked), rerun (flakiness), before-fix (new tests against the base), coverage, fresh-checkout (the full suite on a fresh checkout of exactly the change, last).',
    ),
  exitCode: z.number().int().nullable().describe('null when the command was killed by a signal.'),
  timedOut: z.boolean(),
  durationMs: z.number().nonnegative().nullable(),
  tests: EvidenceTestTotals.nullable().describe('What a test run reported.'),
});

export const EvidenceBeforeFix = z.strictObject({
  expectation: z
    .enum(['fail', 'pass'])
    .describe('fail: a fix, whose new tests should fail on the base; pass: tests for existing code.'),
  required: z.boolean().describe('verify.requireFailBeforeFix applied.'),
  reverted: z.array(z.string()).describe('Non-test files put back as they are at the base for the run.'),
  tests: z.array(
    z.strictObject({
      id: z.string().describe('The test id: its file and name.'),
      origin: z
        .enum(['new', 'changed', 'fixed', 'suite'])
        .describe(
          'new: a test the change added; changed: an existing test of a changed test file whose result on the base differs from the baseline; fixed: a baseline failure the change fixed; suite: the whole suite, for a runner without per-test results.',
        ),
      before: TestResult.describe('The result against the base.'),
    }),
  ),
  timedOut: z.boolean(),
  met: z.boolean().describe('fail: some test fails on the base; pass: every test passes there.'),
});

export const Evidence = z.strictObject({
  $schema: z.string().optional().describe('The id of this schema.'),
  version: z.literal(EVIDENCE_VERSION).describe('The version of the record format.'),
  commit: z
    .strictObject({
      sha: z.string(),
      parent: z.string(),
      branch: z.string(),
      pushed: z.boolean().describe('false for a dry run: the commit exists only on the runner.'),
      role: z
        .enum(['pull-request', 'fix', 'work-in-progress'])
        .describe(
          "pull-request: the head of the pull request opened or updated for an issue; fix: a commit on an existing pull request's head (a /fix, a review, a CI repair); work-in-progress: a run without a verified change, its work on a branch of its own.",
        ),
    })
    .nullable()
    .describe('The commit this record describes; null when nothing was committed.'),
  run: z
    .strictObject({
      mode: z.string().describe('generate (an issue) or fix (a pull request: a /fix, a review, a CI repair).'),
      task: z.string().describe('The task title, as sanitized for the model.'),
      provider: z.string().nullable().describe('anthropic, bedrock or vertex; null in older logs.'),
      model: z.string().describe('The model id, as the provider names it.'),
      base: z.string().describe('The commit the run started from.'),
      outcome: z.string().nullable().describe('How the engine ended: succeeded, gave-up or refused.'),
      reason: z.string().nullable().describe('Why the run stopped without a verified change.'),
      startedAt: z.string().describe('ISO 8601.'),
      endedAt: z.string().nullable().describe('ISO 8601; null when the log ends before the run did.'),
    })
    .nullable()
    .describe('The engine run; null when the log has no run (nothing was asked of the engine).'),
  commands: z.array(EvidenceCommand).describe('Every command the engine ran, in order.'),
  tests: z
    .strictObject({ before: EvidenceTestTotals.nullable(), after: EvidenceTestTotals.nullable() })
    .describe('The full suite before the change (the baseline) and with it; null when that run did not happen.'),
  reruns: z
    .strictObject({
      count: Count.describe('Reruns per test.'),
      tests: z.array(z.string()).describe('The new or changed tests that were rerun.'),
      flaky: z.array(z.string()).describe('Tests that failed at least one rerun.'),
      droppedFiles: z
        .array(z.string())
        .describe('Files reverted or removed because they held a flaky test (tests.onFlaky: drop).'),
    })
    .nullable()
    .describe('The reruns of the new tests at verification; null when nothing reached verification.'),
  failBeforeFix: EvidenceBeforeFix.nullable().describe(
    "The change's tests against the base, with its non-test files reverted; null when not checked (no verified change).",
  ),
  coverage: z
    .strictObject({
      beforePercent: z.number(),
      afterPercent: z.number(),
      deltaPercent: z.number(),
      minDeltaPercent: z.number(),
      raised: z.boolean(),
    })
    .nullable()
    .describe('Line coverage of the files the change targets, when tests.coverage.required measured it.'),
  rounds: z
    .array(
      z.strictObject({
        round: Count,
        modelCalls: Count,
        toolCalls: Count,
        result: z.string().describe('How the round ended, e.g. passed, failed, not-reproduced.'),
        tests: EvidenceTestTotals.nullable().describe("The round's last test run."),
      }),
    )
    .describe('Each round of the model working and the engine testing.'),
  modelCalls: Count.describe('Requests sent to the model.'),
  tokens: z
    .strictObject({ input: Count, output: Count, cacheWrite: Count, cacheRead: Count, total: Count })
    .describe('As the provider reported them with each response.'),
  costUsd: z.number().nonnegative().nullable().describe('null when a call had no price.'),
  testMinutes: z.number().nonnegative().describe('Time spent in test commands, in minutes.'),
  sandbox: z
    .strictObject({
      driver: z.string().describe('bwrap, systemd-run or none.'),
      network: z.enum(['off', 'on']).describe('Network access of sandboxed commands.'),
      limits: z.strictObject({
        timeoutMs: z.number(),
        memoryMb: z.number(),
        maxPids: z.number(),
        maxOutputBytes: z.number(),
        maxDiskMb: z.number().nullable().describe('What one command may write; null in logs older than the limit.'),
        maxFiles: z.number().nullable().describe('Files one command may create; null in logs older than the limit.'),
      }),
      enforcement: z
        .strictObject({ memory: z.string(), pids: z.string(), disk: z.string().nullable() })
        .nullable()
        .describe('How the memory, process and write limits were enforced on this runner.'),
      identity: z
        .string()
        .nullable()
        .describe('Who the commands ran as, when worth saying (e.g. the unprivileged user of a root engine).'),
      warnings: z.array(z.string()).describe('What the sandbox could not enforce here.'),
    })
    .nullable()
    .describe('The sandbox that ran every command; null when not recorded.'),
  risk: z
    .strictObject({
      source: z.enum(['job', 'publish']).describe("publish: the publish step's own classification, which counts."),
      tier: z.string().describe('low, low-medium, medium, high or critical: the highest of the files.'),
      files: z
        .array(z.strictObject({ path: z.string(), tier: z.string(), rule: z.string(), reason: z.string() }))
        .describe('Per file: its tier, the rule that decided it and why.'),
    })
    .nullable()
    .describe("The change's risk classification; null when nothing was classified."),
  auditLog: z
    .strictObject({
      records: Count.describe('Records of the audit log this was built from.'),
      truncatedTail: z.boolean().describe('The last line of the log was cut off and skipped.'),
      carried: z
        .strictObject({ source: z.literal('change-bundle'), records: Count })
        .nullable()
        .describe(
          "The engine's part of the record comes from the generate job's record, carried in the change bundle (built from its own audit log of `records` records); the commit and the risk are this job's.",
        ),
    })
    .describe('The audit log this record was built from (the step output audit_log).'),
});

export type Evidence = z.infer<typeof Evidence>;
export type EvidenceCommand = z.infer<typeof EvidenceCommand>;
