import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildEvidence } from '../../../src/core/evidence/build-evidence.ts';
import { Evidence } from '../../../src/core/evidence/evidence.ts';
import { renderEvidenceJsonSchema } from '../../../src/core/evidence/evidence-json-schema.ts';
import { renderEvidence } from '../../../src/core/evidence/render-evidence.ts';
import { runLoop } from '../../../src/core/loop/run-loop.ts';
import type { AuditEvent, AuditRecord } from '../../../src/ports/audit.ts';
import { EVIDENCE_SCHEMA_FILE } from '../../../scripts/generate-schema.ts';
import { createFakeLoop } from '../../fakes/create-fake-loop.ts';
import { EDITOR_TOOL } from '../../fakes/fake-repo-tools.ts';
import { endTurn, toolUses } from '../../fakes/model-script.ts';
import { ADD_TEST, BUGGY_ADD, repoFiles } from '../loop/fixture.ts';

const records = (events: readonly AuditEvent[]): AuditRecord[] =>
  events.map((event, i) => ({ at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), event }));

const SANDBOX: Extract<AuditEvent, { kind: 'sandbox' }>['info'] = {
  driver: 'bwrap',
  networkIsolation: true,
  limits: {
    timeoutMs: 900_000,
    memoryMb: 4096,
    maxPids: 1024,
    maxOutputBytes: 4_000_000,
    maxDiskMb: 2048,
    maxFiles: 20_000,
  },
  enforcement: { memory: 'cgroup', pids: 'cgroup' },
  warnings: [],
};

/** A fix run of the engine on fakes: two rounds (a failing test, then the fix), its audit log. */
async function fixRun() {
  const fix = toolUses([
    { name: EDITOR_TOOL, input: { command: 'str_replace', path: 'src/add.ts', old_str: 'a - b', new_str: 'a + b' } },
  ]);
  const f = createFakeLoop({
    files: repoFiles(BUGGY_ADD),
    task: { mode: 'fix', title: 'add subtracts', body: '', pullRequestNumber: 7 },
    config: { tests: { flakinessReruns: 2 } },
    script: [
      toolUses([{ name: EDITOR_TOOL, input: { command: 'create', path: 'src/add.test.ts', file_text: ADD_TEST } }]),
      endTurn(),
      fix,
      endTurn(),
    ],
  });
  const outcome = await runLoop(f.request, f.deps);
  return { f, outcome };
}

describe('buildEvidence', () => {
  it("agrees with the loop's own accounting, from nothing but the audit events", async () => {
    const { f, outcome } = await fixRun();
    expect(outcome.kind).toBe('succeeded');
    const evidence = buildEvidence(records(f.audit.events));

    expect(Evidence.parse(evidence)).toEqual(evidence);
    const r = outcome.report;
    expect(evidence.run).toMatchObject({
      mode: 'fix',
      task: 'add subtracts',
      model: 'fake-model',
      outcome: 'succeeded',
    });
    expect(evidence.modelCalls).toBe(r.turns.length);
    expect(evidence.tokens).toEqual({
      input: r.usage.inputTokens,
      output: r.usage.outputTokens,
      cacheWrite: r.usage.cacheWriteTokens,
      cacheRead: r.usage.cacheReadTokens,
      total: r.totalTokens,
    });
    expect(evidence.costUsd).toBeCloseTo(r.costUsd, 6);
    expect(evidence.rounds).toEqual(
      r.iterationLog.map((i) => ({
        round: i.iteration,
        modelCalls: i.modelCalls,
        toolCalls: i.toolCalls,
        result: i.result,
        tests: i.tests,
      })),
    );
    expect(evidence.tests).toEqual({ before: r.tests.baseline, after: r.tests.final });
    expect(evidence.reruns).toEqual(r.verification?.reruns);
    expect(evidence.failBeforeFix).toEqual(r.verification?.beforeFix);
    expect(evidence.failBeforeFix?.met).toBe(true);
    // One command per test run the runner saw, each with what it was for, and the
    // fresh checkout's run last (the fake runs it apart from f.tests.runs).
    expect(evidence.commands).toHaveLength(f.tests.runs.length + 1);
    expect(evidence.commands.map((c) => c.purpose)).toEqual([
      'baseline',
      'related',
      'related',
      'full',
      'rerun',
      'rerun',
      'before-fix',
      'fresh-checkout',
    ]);
    expect(evidence.testMinutes * 60_000).toBeCloseTo(r.testMs, 0);
    expect(evidence.commit).toBeNull();
    expect(evidence.auditLog).toEqual({ records: f.audit.events.length, truncatedTail: false, carried: null });
  });

  it("takes the commit, the sandbox and the publish step's risk over the job's", () => {
    const evidence = buildEvidence(
      records([
        { kind: 'sandbox', info: SANDBOX },
        { kind: 'risk', source: 'job', tier: 'low', files: [{ path: 'a.sql', tier: 'low', rule: 'x', reason: 'y' }] },
        {
          kind: 'commit',
          sha: 'c'.repeat(40),
          parent: 'p'.repeat(40),
          branch: 'greenlight/x',
          pushed: true,
          role: 'pull-request',
        },
        {
          kind: 'risk',
          source: 'publish',
          tier: 'critical',
          files: [{ path: 'a.sql', tier: 'critical', rule: 'sql-ddl', reason: 'DDL' }],
        },
      ]),
    );
    expect(evidence.commit).toEqual({
      sha: 'c'.repeat(40),
      parent: 'p'.repeat(40),
      branch: 'greenlight/x',
      pushed: true,
      role: 'pull-request',
    });
    expect(evidence.risk).toEqual({
      source: 'publish',
      tier: 'critical',
      files: [{ path: 'a.sql', tier: 'critical', rule: 'sql-ddl', reason: 'DDL' }],
    });
    expect(evidence.sandbox).toEqual({
      driver: 'bwrap',
      network: 'off',
      limits: SANDBOX.limits,
      enforcement: { memory: 'cgroup', pids: 'cgroup', disk: null },
      identity: null,
      warnings: [],
    });
    expect(evidence.run).toBeNull();
  });

  it("a publish job continues the generate job's record carried in the change bundle", async () => {
    const { f } = await fixRun();
    const generate = buildEvidence(records(f.audit.events));
    const publish = buildEvidence(
      records([
        { kind: 'note', message: 'action start' },
        { kind: 'carried-evidence', source: 'change-bundle', evidence: { $schema: 'x', ...generate } },
        { kind: 'commit', sha: 'c'.repeat(40), parent: 'p'.repeat(40), branch: 'feature/x', pushed: true, role: 'fix' },
        { kind: 'risk', source: 'publish', tier: 'medium', files: [] },
        { kind: 'run-end', outcome: 'published' },
      ]),
    );
    expect(publish).toEqual({
      ...generate,
      commit: { sha: 'c'.repeat(40), parent: 'p'.repeat(40), branch: 'feature/x', pushed: true, role: 'fix' },
      risk: { source: 'publish', tier: 'medium', files: [] },
      auditLog: {
        records: 5,
        truncatedTail: false,
        carried: { source: 'change-bundle', records: generate.auditLog.records },
      },
    });
    // A carried record that is not an evidence record is ignored, never trusted in part.
    const ignored = buildEvidence(
      records([{ kind: 'carried-evidence', source: 'change-bundle', evidence: { version: 1, commands: 'all green' } }]),
    );
    expect(ignored.commands).toEqual([]);
    expect(ignored.auditLog.carried).toBeNull();
  });

  it('reads what older logs lack as unknown, and an unpriced call makes the cost unknown', () => {
    const evidence = buildEvidence(
      records([
        { kind: 'command', command: 'npm test', exitCode: 1, timedOut: false, outputExcerpt: '' },
        { kind: 'model-response', turn: 1, response: { usage: { inputTokens: 10, outputTokens: 5 } }, costUsd: 0.01 },
        { kind: 'model-response', turn: 2, response: 'not an object', costUsd: null },
        // A sandbox from before the write limits and the identity were recorded.
        {
          kind: 'sandbox',
          info: {
            driver: 'bwrap',
            networkIsolation: true,
            limits: { timeoutMs: 900_000, memoryMb: 4096, maxPids: 1024, maxOutputBytes: 4_000_000 },
            enforcement: { memory: 'cgroup', pids: 'cgroup' },
            warnings: [],
          } as unknown as Extract<AuditEvent, { kind: 'sandbox' }>['info'],
        },
      ]),
      { truncatedTail: true },
    );
    expect(evidence.sandbox?.limits).toMatchObject({ maxDiskMb: null, maxFiles: null });
    expect(evidence.sandbox).toMatchObject({ enforcement: { disk: null }, identity: null });
    expect(renderEvidence(evidence)).toContain(
      '| Sandbox | `bwrap`, network off; 15 min per command, 4,096 MB, 1,024 processes (memory: cgroup, processes: cgroup) |',
    );
    expect(evidence.commands).toEqual([
      {
        at: '2026-01-01T00:00:00.000Z',
        command: 'npm test',
        purpose: null,
        exitCode: 1,
        timedOut: false,
        durationMs: null,
        tests: null,
      },
    ]);
    expect(evidence.tokens).toEqual({ input: 10, output: 5, cacheWrite: 0, cacheRead: 0, total: 15 });
    expect(evidence.costUsd).toBeNull();
    expect(evidence.auditLog.truncatedTail).toBe(true);
    expect(Evidence.safeParse(evidence).success).toBe(true);
  });
});

describe('renderEvidence', () => {
  it('states every part of the record, with the commands and per-file risk collapsed', async () => {
    const { f } = await fixRun();
    const text = renderEvidence(
      buildEvidence(
        records([
          ...f.audit.events,
          { kind: 'sandbox', info: SANDBOX },
          {
            kind: 'commit',
            sha: 'abcdef0123456789',
            parent: '0123456789ab',
            branch: 'feature/x',
            pushed: true,
            role: 'fix',
          },
          {
            kind: 'risk',
            source: 'publish',
            tier: 'medium',
            files: [{ path: 'src/add.ts', tier: 'medium', rule: 'source', reason: 'source | code' }],
          },
        ]),
      ),
    );
    expect(text).toMatch(
      /^### Evidence\n\nBuilt by the engine from its audit log \(\d+ records\), not from anything the model wrote/,
    );
    for (const row of [
      '| Commit | `abcdef012345` on `feature/x`, parent `0123456789ab`, a fix |',
      '| Tests before → after | 1 passed, 0 failing → 2 passed, 0 failing |',
      '| Fails before the fix | **yes**: 1 of 1 new or changed test fails on the base |',
      '| Reruns | 1 test × 2; none flaky |',
      '| Coverage | not measured |',
      '| Rounds | 1: related-failed; 2: passed |',
      '| Model calls | 4 to `fake-model` (fake) |',
      '| Sandbox | `bwrap`, network off; 15 min per command, 4,096 MB, 1,024 processes, writes up to 2,048 MB and 20,000 files (memory: cgroup, processes: cgroup) |',
      "| Risk | `medium` (the publish step's own classification) |",
      '| `src/add.ts` | medium | `source` | source \\| code |',
    ])
      expect(text).toContain(row);
    expect(text).toContain('<details><summary>Commands the engine ran (8)</summary>');
    expect(text).toContain('| `npm test [src/add.test.ts::adds]` | before-fix | 1 | 1.0 s | 0/1 passed |');
  });
});

describe('the published JSON Schema', () => {
  it(`${EVIDENCE_SCHEMA_FILE} matches the zod schema`, () => {
    const committed = readFileSync(new URL(`../../../${EVIDENCE_SCHEMA_FILE}`, import.meta.url), 'utf8');
    expect(committed, `${EVIDENCE_SCHEMA_FILE} is stale: run npm run schema and commit the result`).toBe(
      renderEvidenceJsonSchema(),
    );
  });
});
