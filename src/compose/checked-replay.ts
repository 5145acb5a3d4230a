/**
 * A replay Model that notices when the replay no longer follows the recording. The
 * recorded responses only make sense on the path the recorded run took; when a tool
 * call that worked in the recording fails now (an edit no longer applies), or the
 * responses run out, the replay stops at once with an error that says where and why,
 * instead of feeding the model's old answers into a different run.
 */
import { createReplayModel } from '../adapters/model/replay-model.ts';
import { GreenlightError } from '../ports/errors.ts';
import type { ChatMessage, Model, ModelRequest, ModelResponse, ToolUseBlock } from '../ports/model.ts';
import type { ReplayPlan } from './replay-plan.ts';
import type { TestReport, TestTotals } from '../ports/test-runner.ts';

export interface CheckedReplay {
  model: Model;
  /** Responses handed out so far. */
  used(): number;
  /**
   * Compares this run's baseline with the recorded one (`runJob`'s `onBaseline`): a
   * replay whose tests behave differently before any change cannot follow its
   * recording, so it stops at once instead of after minutes of diverging rounds.
   * @throws GreenlightError('replay-diverged')
   */
  checkBaseline(baseline: TestReport): void;
  /**
   * After the run: how it differs from the recording (responses left over, another
   * outcome). Empty when the replay reproduced the recorded run.
   */
  divergences(outcome: string): string[];
}

const EXCERPT = 160;

/**
 * @example
 * const replay = createCheckedReplay(replayPlan(await readAuditLog(path), path));
 * const result = await runLocalJob({ …, model: replay.model });
 * for (const line of replay.divergences(result.job.outcome.kind)) console.error(line);
 */
export function createCheckedReplay(plan: ReplayPlan): CheckedReplay {
  const inner = createReplayModel(plan.responses, plan.modelId);
  let calls = 0;
  const model: Model = {
    provider: 'replay',
    modelId: plan.modelId,
    async complete(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
      const turn = calls + 1;
      if (turn > 1) checkToolResults(plan, turn - 1, request.messages);
      if (turn > plan.responses.length) throw exhausted(plan, turn);
      calls = turn;
      const started = Date.now();
      const response = await inner.complete(request, signal);
      // The recorded duration was the real model's; this answer took no time, and the report should say so.
      return { ...response, durationMs: Date.now() - started };
    },
  };
  return {
    model,
    used: () => calls,
    checkBaseline(baseline: TestReport): void {
      const then = plan.recordedBaseline;
      if (then === null) return; // a log without a baseline note (older, or the demo's script)
      const now = baseline.totals;
      const same =
        then.crashed === baseline.crashed &&
        (then.exitCode === 0) === (baseline.exitCode === 0) &&
        (['passed', 'failed', 'errored', 'skipped', 'total'] as const).every((key) => then.totals[key] === now[key]);
      if (same) return;
      throw new GreenlightError(
        'replay-diverged',
        [
          `The replay no longer matches ${plan.source}: the tests before any change differ from the recorded run's, so no recorded model response was used.`,
          `This replay: ${describeBaseline(baseline.exitCode, baseline.crashed, now)}.`,
          `Recorded: ${describeBaseline(then.exitCode, then.crashed, then.totals)}.`,
          staleHint(plan),
        ].join('\n'),
      );
    },
    divergences(outcome: string): string[] {
      const found: string[] = [];
      if (calls < plan.responses.length) {
        found.push(
          `The replay used ${calls} of the ${plan.responses.length} recorded model responses: this run ended (${outcome}) where the recorded run went on.`,
        );
      }
      if (plan.recordedOutcome !== null && plan.recordedOutcome !== outcome) {
        found.push(`The recorded run ended "${plan.recordedOutcome}", this replay "${outcome}".`);
      }
      return found;
    },
  };
}

/**
 * The tool results the engine sends back for `turn`'s tool calls (in the next request's
 * last message) must fail or succeed as they did in the recording. Contents are not
 * compared: test output carries timings, and the log's copy is redacted and cut short.
 */
function checkToolResults(plan: ReplayPlan, turn: number, messages: readonly ChatMessage[]): void {
  const recorded = plan.toolResults.get(turn);
  const response = plan.responses[turn - 1];
  if (recorded === undefined || response === undefined) return; // the log did not record them: nothing to compare
  const calls = response.content.filter((block): block is ToolUseBlock => block.type === 'tool_use');
  const last = messages.at(-1);
  const results = last?.role === 'user' ? last.content : [];
  calls.forEach((call, index) => {
    const then = recorded[index];
    const now = results.find((block) => block.type === 'tool_result' && block.toolUseId === call.id);
    if (then === undefined || now?.type !== 'tool_result' || now.isError === then.isError) return;
    throw new GreenlightError(
      'replay-diverged',
      [
        `The replay no longer matches ${plan.source}: in model turn ${turn}, tool call ${index + 1} (${describeCall(call)}) ${now.isError ? 'failed' : 'succeeded'} in this replay but ${then.isError ? 'failed' : 'succeeded'} in the recorded run.`,
        `This replay: ${excerpt(now.content)}`,
        `Recorded: ${excerpt(then.output)}`,
        staleHint(plan),
      ].join('\n'),
    );
  });
}

function exhausted(plan: ReplayPlan, turn: number): GreenlightError {
  const count = `${plan.source} has only ${plan.responses.length} recorded model response${plan.responses.length === 1 ? '' : 's'}`;
  const why =
    plan.recordedOutcome === null
      ? `It ends without a run-end record${plan.truncatedTail ? ' and its last line is cut off' : ''}: the log is incomplete (the recorded run crashed or the file was truncated), so the replay cannot go on.`
      : `The recorded run ended (${plan.recordedOutcome}) at that point, so this replay has taken another path. ${staleHint(plan)}`;
  return new GreenlightError(
    'replay-diverged',
    `The replay stopped: the run asked for model turn ${turn}, but ${count}. ${why}`,
  );
}

function staleHint(plan: ReplayPlan): string {
  return plan.scriptedNote === null
    ? `The checkout must be at the recorded base ${plan.base.slice(0, 12)} with the same config, and the tests must behave as they did (dependencies installed, same greenlight version).`
    : 'The example repository or greenlight changed since the transcript was recorded: regenerate it with node scripts/record-demo-transcript.ts.';
}

function describeBaseline(exitCode: number | null, crashed: boolean, t: TestTotals): string {
  const exit = exitCode === null ? 'killed' : `exit code ${exitCode}`;
  if (crashed) return `the suite could not run (${exit})`;
  return `${t.passed} passed, ${t.failed + t.errored} failing, ${t.skipped} skipped (${exit})`;
}

function describeCall(call: ToolUseBlock): string {
  const input = call.input as { command?: unknown; path?: unknown } | null;
  const parts = [call.name];
  if (typeof input?.command === 'string') parts.push(input.command);
  if (typeof input?.path === 'string') parts.push(input.path);
  return parts.join(' ');
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT ? `${line.slice(0, EXCERPT)}…` : line;
}
