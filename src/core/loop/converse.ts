/**
 * One model turn of an iteration: call the model, run the tools it asks for, feed the
 * results back, until it ends its turn. Before every call the budgets are checked
 * against the worst case of that call.
 */
import type { ContentBlock, ModelRequest, ModelResponse, ToolResultBlock } from '../../ports/model.ts';
import { addUsage } from '../cost/add-usage.ts';
import { isGreenlightError } from '../../ports/errors.ts';
import { placeCacheBreakpoints } from '../prompt/cache-breakpoints.ts';
import { CONTINUE_AFTER_CUT } from '../prompt/render-feedback.ts';
import { checkCallBudget, worstCaseCallCost } from './budget-guard.ts';
import { dispatchToolCall, type DispatchCounters } from './dispatch-tool-call.ts';
import type { StopReason } from './loop-outcome.ts';
import { elapsedMs, pushUser, reportProgress, tokensOf, totalTokens, type LoopSession } from './loop-session.ts';

export type TurnEnd =
  | { kind: 'ended'; modelCalls: number; toolCalls: number }
  | { kind: 'call-limit'; modelCalls: number; toolCalls: number }
  | { kind: 'stopped'; reason: StopReason; modelCalls: number; toolCalls: number }
  | { kind: 'refused'; reason: string; modelCalls: number; toolCalls: number };

export async function converse(s: LoopSession): Promise<TurnEnd> {
  const maxOutputTokens = s.request.config.model.maxOutputTokens;
  const counters: DispatchCounters = { runTests: 0 };
  let modelCalls = 0;
  let toolCalls = 0;
  for (;;) {
    if (modelCalls >= s.limits.maxModelCallsPerIteration) return { kind: 'call-limit', modelCalls, toolCalls };
    const request = placeCacheBreakpoints({
      system: [...s.prefix.system],
      tools: [...s.prefix.tools],
      messages: [...s.messages],
      maxOutputTokens,
    });
    const estimatedInputTokens = estimateInput(s, request);
    const stop = checkCallBudget(
      s.request.config.budgets,
      { tokens: totalTokens(s.usage), costUsd: s.costUsd, elapsedMs: elapsedMs(s) },
      {
        estimatedInputTokens,
        maxOutputTokens,
        worstCaseCostUsd: worstCaseCallCost(s.deps.costOf, estimatedInputTokens, maxOutputTokens),
      },
    );
    if (stop !== null) return { kind: 'stopped', reason: stop, modelCalls, toolCalls };

    const turn = s.turns.length + 1;
    auditRequest(s, turn, request);
    let response: ModelResponse;
    try {
      response = await s.deps.model.complete(request);
    } catch (error) {
      // Provider failures after the adapter's own retries end the run, keeping the best state.
      if (!isGreenlightError(error, 'model')) throw error;
      s.deps.audit.write({ kind: 'note', message: 'model call failed', data: { turn, error: error.message } });
      return {
        kind: 'stopped',
        reason: { code: 'model-error', message: `The model call failed: ${error.message}` },
        modelCalls,
        toolCalls,
      };
    }
    modelCalls += 1;
    const cost = account(s, turn, response);
    s.deps.audit.write({
      kind: 'model-response',
      turn,
      response,
      iteration: s.iteration,
      costUsd: Number.isFinite(cost) ? cost : null,
    });
    s.messages.push({ role: 'assistant', content: response.content });

    const toolUses = response.content.filter((b) => b.type === 'tool_use');
    const results: ToolResultBlock[] = [];
    for (const block of toolUses) results.push(await dispatchToolCall(s, block, turn, counters));
    toolCalls += toolUses.length;
    const record = s.turns.at(-1);
    if (record !== undefined) record.toolCalls = toolUses.length;
    await reportProgress(s);

    if (response.stopReason === 'refusal') {
      const said = response.content
        .filter((b) => b.type === 'text')
        .map((b) => b.text)
        .join(' ')
        .trim();
      return {
        kind: 'refused',
        reason: `The model declined the task${said === '' ? '.' : `: ${said.slice(0, 500)}`}`,
        modelCalls,
        toolCalls,
      };
    }
    const followUp: ContentBlock[] = [...results];
    if (response.stopReason === 'max_tokens' || response.stopReason === 'pause_turn')
      followUp.push({ type: 'text', text: CONTINUE_AFTER_CUT });
    if (followUp.length === 0) return { kind: 'ended', modelCalls, toolCalls };
    pushUser(s, followUp);
  }
}

/**
 * Input tokens of the next call, over-estimated: what the provider reported for the
 * conversation so far plus an estimate of what was appended since; on the first call,
 * an estimate of the whole request plus the provider's tool overhead.
 */
function estimateInput(s: LoopSession, request: ModelRequest): number {
  if (s.knownContextTokens !== null) return s.knownContextTokens + s.pendingTokens;
  const text = [
    ...request.system.map((b) => b.text),
    JSON.stringify(request.tools),
    JSON.stringify(request.messages),
  ].join('\n');
  return tokensOf(s, text) + s.limits.requestOverheadTokens;
}

/** Adds the call to the session's accounting; returns its cost (NaN for an unpriced model). */
function account(s: LoopSession, turn: number, response: ModelResponse): number {
  const u = response.usage;
  const cost = s.deps.costOf(u);
  s.usage = addUsage(s.usage, u);
  s.costUsd += cost;
  s.modelMs += response.durationMs;
  s.knownContextTokens = totalTokens(u);
  s.pendingTokens = 0;
  s.turns.push({
    turn,
    iteration: s.iteration,
    usage: u,
    costUsd: cost,
    durationMs: response.durationMs,
    stopReason: response.stopReason,
    toolCalls: 0,
  });
  return cost;
}

/**
 * The first request is logged whole; later ones only with the messages added since the
 * previous call, because the prefix is byte-identical (asserted by the loop's tests)
 * and the earlier messages are already in the log.
 */
function auditRequest(s: LoopSession, turn: number, request: ModelRequest): void {
  const request_ =
    turn === 1
      ? request
      : {
          prefix: 'unchanged',
          messageCount: request.messages.length,
          newMessages: request.messages.slice(s.auditedMessages),
        };
  s.deps.audit.write({ kind: 'model-request', turn, request: request_ });
  s.auditedMessages = request.messages.length;
}
