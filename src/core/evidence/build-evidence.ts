/**
 * The evidence record as a pure function of the audit log (docs/architecture.md "The
 * evidence record"): it reads only the engine's own events — commands, rounds,
 * verification, the fail-before-fix check, the sandbox, risk, the commit — and the
 * usage the provider reported with each model response, never anything the model
 * wrote. The same records give the same evidence, so anyone holding the audit log can
 * check the record a pull request shows.
 */
import type { AuditEvent, AuditRecord } from '../../ports/audit.ts';
import type { SandboxInfo } from '../../ports/sandbox.ts';
import { Evidence, EVIDENCE_VERSION, type EvidenceCommand } from './evidence.ts';

type Event<K extends AuditEvent['kind']> = Extract<AuditEvent, { kind: K }>;

/**
 * @example
 * const { records, truncatedTail } = parseAuditLog(text);
 * const evidence = buildEvidence(records, { truncatedTail });
 * // evidence.commands[0] → { command: 'npm test', purpose: 'baseline', exitCode: 0, durationMs: 812, … }
 */
export function buildEvidence(records: readonly AuditRecord[], options: { truncatedTail?: boolean } = {}): Evidence {
  const own = ownEvidence(records, options.truncatedTail === true);
  const carriedEvent = records.map((r) => r.event).findLast((e) => e.kind === 'carried-evidence');
  if (carriedEvent?.kind !== 'carried-evidence') return own;
  const carried = Evidence.safeParse(carriedEvent.evidence);
  return carried.success ? continued(carried.data, own) : own;
}

/**
 * The publish job's record: the generate job's, carried in the change bundle, with
 * what this job did itself — the commit it made, its own classification, anything it ran.
 */
function continued(carried: Evidence, own: Evidence): Evidence {
  const { $schema: _schema, ...engine } = carried;
  const cost = carried.costUsd === null || own.costUsd === null ? null : carried.costUsd + own.costUsd;
  return {
    ...engine,
    commit: own.commit ?? engine.commit,
    run: own.run ?? engine.run,
    commands: [...engine.commands, ...own.commands],
    modelCalls: engine.modelCalls + own.modelCalls,
    tokens: {
      input: engine.tokens.input + own.tokens.input,
      output: engine.tokens.output + own.tokens.output,
      cacheWrite: engine.tokens.cacheWrite + own.tokens.cacheWrite,
      cacheRead: engine.tokens.cacheRead + own.tokens.cacheRead,
      total: engine.tokens.total + own.tokens.total,
    },
    costUsd: cost === null ? null : round(cost, 6),
    testMinutes: round(engine.testMinutes + own.testMinutes, 6),
    sandbox: own.sandbox ?? engine.sandbox,
    risk: own.risk ?? engine.risk,
    auditLog: {
      records: own.auditLog.records,
      truncatedTail: own.auditLog.truncatedTail,
      carried: { source: 'change-bundle', records: engine.auditLog.records },
    },
  };
}

/** The record of this audit log alone. */
function ownEvidence(records: readonly AuditRecord[], truncatedTail: boolean): Evidence {
  const last = <K extends AuditEvent['kind']>(kind: K, where: (e: Event<K>) => boolean = () => true) =>
    records
      .map((r) => r.event)
      .filter((e): e is Event<K> => e.kind === kind && where(e as Event<K>))
      .at(-1);

  const startIndex = records.findLastIndex((r) => r.event.kind === 'run-start');
  const start = startIndex < 0 ? undefined : records[startIndex];
  const end = records.slice(startIndex + 1).find((r) => r.event.kind === 'run-end');
  const commands = records.flatMap((r) => (r.event.kind === 'command' ? [command(r.at, r.event)] : []));
  const responses = records.flatMap((r) => (r.event.kind === 'model-response' ? [r.event] : []));
  const tokens = responses.reduce(
    (sum, e) => {
      const u = usageOf(e.response);
      return {
        input: sum.input + u.inputTokens,
        output: sum.output + u.outputTokens,
        cacheWrite: sum.cacheWrite + u.cacheWriteTokens,
        cacheRead: sum.cacheRead + u.cacheReadTokens,
      };
    },
    { input: 0, output: 0, cacheWrite: 0, cacheRead: 0 },
  );
  const costs = responses.map((e) => (typeof e.costUsd === 'number' && Number.isFinite(e.costUsd) ? e.costUsd : null));
  const verification = last('verification');
  const coverage = verification?.coverage ?? null;
  const beforeFix = last('before-fix');
  const totals = last('test-totals');
  const sandbox = last('sandbox')?.info;
  const risk = last('risk', (e) => e.source === 'publish') ?? last('risk');
  const commit = last('commit');

  return {
    version: EVIDENCE_VERSION,
    commit:
      commit === undefined
        ? null
        : { sha: commit.sha, parent: commit.parent, branch: commit.branch, pushed: commit.pushed, role: commit.role },
    run:
      start === undefined || start.event.kind !== 'run-start'
        ? null
        : {
            mode: start.event.mode,
            task: start.event.task,
            provider: start.event.provider ?? null,
            model: start.event.model,
            base: start.event.base,
            outcome: end?.event.kind === 'run-end' ? end.event.outcome : null,
            reason: end?.event.kind === 'run-end' ? (end.event.reason ?? null) : null,
            startedAt: start.at,
            endedAt: end?.at ?? null,
          },
    commands,
    tests: { before: totals?.before ?? null, after: totals?.after ?? null },
    reruns: verification?.reruns ?? null,
    failBeforeFix:
      beforeFix === undefined
        ? null
        : {
            expectation: beforeFix.expectation,
            required: beforeFix.required,
            reverted: beforeFix.reverted,
            tests: beforeFix.tests,
            timedOut: beforeFix.timedOut,
            met: beforeFix.met,
          },
    coverage:
      coverage === null
        ? null
        : { ...coverage, deltaPercent: round(coverage.afterPercent - coverage.beforePercent, 4) },
    rounds: records.flatMap((r) =>
      r.event.kind === 'round'
        ? [
            {
              round: r.event.iteration,
              modelCalls: r.event.modelCalls,
              toolCalls: r.event.toolCalls,
              result: r.event.result,
              tests: r.event.tests,
            },
          ]
        : [],
    ),
    modelCalls: responses.length,
    tokens: { ...tokens, total: tokens.input + tokens.output + tokens.cacheWrite + tokens.cacheRead },
    costUsd: costs.some((c) => c === null)
      ? null
      : round(
          costs.reduce<number>((sum, c) => sum + (c ?? 0), 0),
          6,
        ),
    testMinutes: round(
      commands.filter((c) => c.purpose !== 'install').reduce((sum, c) => sum + (c.durationMs ?? 0), 0) / 60_000,
      6,
    ),
    sandbox:
      sandbox === undefined
        ? null
        : {
            driver: sandbox.driver,
            network: sandbox.networkIsolation ? 'off' : 'on',
            limits: sandboxLimits(sandbox.limits),
            enforcement:
              sandbox.enforcement === undefined
                ? null
                : {
                    memory: sandbox.enforcement.memory,
                    pids: sandbox.enforcement.pids,
                    disk: sandbox.enforcement.disk ?? null,
                  },
            identity: sandbox.identity ?? null,
            warnings: [...sandbox.warnings],
          },
    risk:
      risk === undefined
        ? null
        : {
            source: risk.source,
            tier: risk.tier,
            files: risk.files.map(({ path, tier, rule, reason }) => ({ path, tier, rule, reason })),
          },
    auditLog: { records: records.length, truncatedTail, carried: null },
  };
}

function command(at: string, e: Event<'command'>): EvidenceCommand {
  return {
    at,
    command: e.command,
    purpose: e.purpose ?? null,
    exitCode: e.exitCode,
    timedOut: e.timedOut,
    durationMs: e.durationMs ?? null,
    tests: e.tests === undefined ? null : { ...e.tests },
  };
}

/** The usage a provider reported with a response, as the Model port records it; zeros when absent. */
function usageOf(response: unknown) {
  const usage = (response as { usage?: Record<string, unknown> } | null)?.usage ?? {};
  const n = (key: string): number => {
    const value = usage[key];
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
  };
  return {
    inputTokens: n('inputTokens'),
    outputTokens: n('outputTokens'),
    cacheWriteTokens: n('cacheWriteTokens'),
    cacheReadTokens: n('cacheReadTokens'),
  };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The sandbox's limits; the write limits are unknown in logs written before they existed. */
function sandboxLimits(limits: Partial<SandboxInfo['limits']> & Omit<SandboxInfo['limits'], 'maxDiskMb' | 'maxFiles'>) {
  const { timeoutMs, memoryMb, maxPids, maxOutputBytes } = limits;
  return {
    timeoutMs,
    memoryMb,
    maxPids,
    maxOutputBytes,
    maxDiskMb: limits.maxDiskMb ?? null,
    maxFiles: limits.maxFiles ?? null,
  };
}
