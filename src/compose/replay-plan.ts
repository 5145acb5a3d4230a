/**
 * What a replay needs from an audit log: the task and base of the recorded run (its
 * `run-start`), the model's responses in order, the tool results the engine recorded
 * for each turn (to notice when the replay takes another path) and how the run ended.
 */
import { readAuditLog, type AuditLog } from '../adapters/audit/read-audit-log.ts';
import { modelResponsesFromAudit } from '../adapters/audit/model-responses-from-audit.ts';
import type { LocalTask } from './local-task.ts';
import { GreenlightError } from '../ports/errors.ts';
import type { TaskMode } from '../core/task/task-request.ts';
import type { AuditEvent } from '../ports/audit.ts';
import type { ModelResponse } from '../ports/model.ts';
import type { TestTotals } from '../ports/test-runner.ts';

/** One tool result as the recorded run's engine wrote it. */
export interface RecordedToolResult {
  name: string;
  isError: boolean;
  output: string;
}

export interface ReplayPlan {
  /** Where the log came from, for messages. */
  source: string;
  mode: TaskMode;
  task: LocalTask;
  /** Whether the task body is known (a scripted transcript carries it; a real audit log records only the title). */
  bodyKnown: boolean;
  modelId: string;
  /** The commit the recorded run started from. */
  base: string;
  responses: ModelResponse[];
  /** Tool results per model turn (1-based), in the order of the turn's tool calls. */
  toolResults: ReadonlyMap<number, RecordedToolResult[]>;
  /** `run-end` outcome of the recorded run; null when the log has none (cut off). */
  recordedOutcome: string | null;
  /** The log's last line was cut off mid-record. */
  truncatedTail: boolean;
  /** The first record's note when the log says it is scripted (the demo's transcript). */
  scriptedNote: string | null;
  /** What the recorded run's baseline reported (its `baseline` note); null for logs without one. */
  recordedBaseline: RecordedBaseline | null;
}

/** The baseline of a recorded run, as the loop noted it in the audit log. */
export interface RecordedBaseline {
  exitCode: number | null;
  crashed: boolean;
  totals: TestTotals;
}

type Event<K extends AuditEvent['kind']> = Extract<AuditEvent, { kind: K }>;

/**
 * The plan of the audit log at `path` (a run's log, or the demo's transcript).
 * @throws GreenlightError('audit-invalid') as readAuditLog and replayPlan do.
 */
export async function loadReplayPlan(path: string): Promise<ReplayPlan> {
  return replayPlan(await readAuditLog(path), path);
}

/**
 * @throws GreenlightError('audit-invalid') when the log has no run-start or no model
 *   response, or a response is not in the Model port's shape.
 */
export function replayPlan(log: AuditLog, source: string): ReplayPlan {
  const events = log.records.map((record) => record.event);
  const start = events.find((event): event is Event<'run-start'> => event.kind === 'run-start');
  if (start === undefined) {
    throw new GreenlightError(
      'audit-invalid',
      `${source} has no run-start record: it is not a greenlight audit log, or it was cut off before the run started. Give the .jsonl file that greenlight run or the Action wrote.`,
    );
  }
  if (start.mode !== 'generate' && start.mode !== 'fix') {
    throw new GreenlightError(
      'audit-invalid',
      `${source} records a ${start.mode} run; only generate and fix runs can be replayed.`,
    );
  }
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(start.base)) {
    throw new GreenlightError(
      'audit-invalid',
      `${source}: the run-start record's base "${start.base}" is not a commit id.`,
    );
  }
  const responses = modelResponsesFromAudit(log.records);
  if (responses.length === 0) {
    throw new GreenlightError(
      'audit-invalid',
      `${source} has no model-response records: the recorded run never got an answer from the model, so there is nothing to replay.`,
    );
  }
  const toolResults = new Map<number, RecordedToolResult[]>();
  for (const event of events) {
    if (event.kind !== 'tool-result') continue;
    const list = toolResults.get(event.turn) ?? [];
    list.push({ name: event.name, isError: event.isError, output: event.output });
    toolResults.set(event.turn, list);
  }
  const end = events.findLast((event): event is Event<'run-end'> => event.kind === 'run-end');
  const baselineNote = events.find(
    (event): event is Event<'note'> => event.kind === 'note' && event.message === 'baseline',
  );
  const scripted = scriptedTask(events[0]);
  return {
    source,
    mode: start.mode,
    task: scripted?.task ?? { title: start.task, body: '' },
    bodyKnown: scripted !== null,
    modelId: start.model,
    base: start.base,
    responses,
    toolResults,
    recordedOutcome: end?.outcome ?? null,
    truncatedTail: log.truncatedTail,
    scriptedNote: scripted?.note ?? null,
    recordedBaseline: recordedBaseline(baselineNote?.data),
  };
}

/** The demo transcript opens with a note `{ scripted: true, task: {title, body, number?} }`. */
function scriptedTask(first: AuditEvent | undefined): { note: string; task: LocalTask } | null {
  if (first?.kind !== 'note' || typeof first.data !== 'object' || first.data === null) return null;
  const data = first.data as { scripted?: unknown; task?: { title?: unknown; body?: unknown; number?: unknown } };
  if (data.scripted !== true || typeof data.task?.title !== 'string') return null;
  const task: LocalTask = { title: data.task.title, body: typeof data.task.body === 'string' ? data.task.body : '' };
  if (typeof data.task.number === 'number' && Number.isSafeInteger(data.task.number) && data.task.number > 0)
    task.issueNumber = data.task.number;
  return { note: first.message, task };
}

/** The `baseline` note's data, when it has the shape the loop writes. */
function recordedBaseline(data: unknown): RecordedBaseline | null {
  if (typeof data !== 'object' || data === null) return null;
  const { exitCode, crashed, totals } = data as { exitCode?: unknown; crashed?: unknown; totals?: unknown };
  if (typeof crashed !== 'boolean' || (exitCode !== null && typeof exitCode !== 'number')) return null;
  if (typeof totals !== 'object' || totals === null) return null;
  const t = totals as Record<string, unknown>;
  const keys = ['passed', 'failed', 'errored', 'skipped', 'total'] as const;
  if (!keys.every((key) => typeof t[key] === 'number')) return null;
  return {
    exitCode,
    crashed,
    totals: Object.fromEntries(keys.map((key) => [key, t[key] as number])) as unknown as TestTotals,
  };
}
