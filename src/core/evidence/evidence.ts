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
    .enum(['install', 'baseline', 'related', 'full', 'model', 'rerun', 'before-fix', 'coverage'])
    .nullable()
    .describe(
      'Why the engine ran it: install, baseline (the suite before any change), related or full (after a round), model (the model asked), rerun (flakiness), before-fix (new tests against the base), coverage.',
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
      id: z.string(),
      origin: z.enum(['new', 'changed', 'fixed', 'suite']),
      before: TestResult.describe('The result against the base.'),
    }),
  ),
  timedOut: z.boolean(),
  met: z.boolean().describe('fail: some test fails on the base; pass: every test passes there.'),
});

export const Evidence = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(EVIDENCE_VERSION),
  commit: z
    .strictObject({
      sha: z.string(),
      parent: z.string(),
      branch: z.string(),
      pushed: z.boolean().describe('false for a dry run: the commit exists only on the runner.'),
      role: z.enum(['pull-request', 'fix', 'work-in-progress']),
    })
    .nullable()
    .describe('The commit this record describes; null when nothing was committed.'),
  run: z
    .strictObject({
      mode: z.string(),
      task: z.string().describe('The task title, as sanitized for the model.'),
      provider: z.string().nullable(),
      model: z.string(),
      base: z.string().describe('The commit the run started from.'),
      outcome: z.string().nullable().describe('How the engine ended: succeeded, gave-up or refused.'),
      reason: z.string().nullable(),
      startedAt: z.string(),
      endedAt: z.string().nullable(),
    })
    .nullable(),
  commands: z.array(EvidenceCommand),
  tests: z.strictObject({ before: EvidenceTestTotals.nullable(), after: EvidenceTestTotals.nullable() }),
  reruns: z
    .strictObject({
      count: Count.describe('Reruns per test.'),
      tests: z.array(z.string()),
      flaky: z.array(z.string()),
      droppedFiles: z.array(z.string()),
    })
    .nullable(),
  failBeforeFix: EvidenceBeforeFix.nullable(),
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
  rounds: z.array(
    z.strictObject({
      round: Count,
      modelCalls: Count,
      toolCalls: Count,
      result: z.string(),
      tests: EvidenceTestTotals.nullable(),
    }),
  ),
  modelCalls: Count,
  tokens: z.strictObject({ input: Count, output: Count, cacheWrite: Count, cacheRead: Count, total: Count }),
  costUsd: z.number().nonnegative().nullable().describe('null when a call had no price.'),
  testMinutes: z.number().nonnegative().describe('Time spent in test commands, in minutes.'),
  sandbox: z
    .strictObject({
      driver: z.string(),
      network: z.enum(['off', 'on']),
      limits: z.strictObject({
        timeoutMs: z.number(),
        memoryMb: z.number(),
        maxPids: z.number(),
        maxOutputBytes: z.number(),
      }),
      enforcement: z.strictObject({ memory: z.string(), pids: z.string() }).nullable(),
      warnings: z.array(z.string()),
    })
    .nullable(),
  risk: z
    .strictObject({
      source: z.enum(['job', 'publish']).describe("publish: the publish step's own classification, which counts."),
      tier: z.string(),
      files: z.array(z.strictObject({ path: z.string(), tier: z.string(), rule: z.string(), reason: z.string() })),
    })
    .nullable(),
  auditLog: z.strictObject({
    records: Count.describe('Records of the audit log this was built from.'),
    truncatedTail: z.boolean().describe('The last line of the log was cut off and skipped.'),
    carried: z
      .strictObject({ source: z.literal('change-bundle'), records: Count })
      .nullable()
      .describe(
        "The engine's part of the record comes from the generate job's record, carried in the change bundle (built from its own audit log of `records` records); the commit and the risk are this job's.",
      ),
  }),
});

export type Evidence = z.infer<typeof Evidence>;
export type EvidenceCommand = z.infer<typeof EvidenceCommand>;
