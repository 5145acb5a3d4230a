import { describe, expect, it } from 'vitest';
import { isGreenlightError } from '../../src/ports/errors.ts';
import { createCheckedReplay } from '../../src/compose/checked-replay.ts';
import type { ReplayPlan } from '../../src/compose/replay-plan.ts';
import type { ModelRequest, ModelResponse } from '../../src/ports/model.ts';
import { report, testCase } from '../core/testing/report-builders.ts';

const response = (id: string, tool: boolean): ModelResponse => ({
  content: tool
    ? [{ type: 'tool_use', id, name: 'str_replace_based_edit_tool', input: { command: 'view', path: 'a.js' } }]
    : [{ type: 'text', text: 'done' }],
  stopReason: tool ? 'tool_use' : 'end_turn',
  usage: { inputTokens: 1, outputTokens: 1, cacheWriteTokens: 0, cacheReadTokens: 0 },
  model: 'claude-sonnet-4-6',
  durationMs: 9_000,
});

function plan(overrides: Partial<ReplayPlan> = {}): ReplayPlan {
  return {
    source: 'audit.jsonl',
    mode: 'generate',
    task: { title: 't', body: '' },
    bodyKnown: false,
    modelId: 'claude-sonnet-4-6',
    base: 'a'.repeat(40),
    responses: [response('toolu_1', true), response('m2', false)],
    toolResults: new Map([[1, [{ name: 'str_replace_based_edit_tool', isError: false, output: '1\tconst a = 1;' }]]]),
    recordedOutcome: 'succeeded',
    truncatedTail: false,
    scriptedNote: null,
    recordedBaseline: null,
    ...overrides,
  };
}

const request = (messages: ModelRequest['messages'] = []): ModelRequest => ({
  system: [],
  tools: [],
  messages,
  maxOutputTokens: 1_000,
});
const afterTool = (isError: boolean): ModelRequest =>
  request([
    { role: 'user', content: [{ type: 'text', text: 'task' }] },
    { role: 'assistant', content: [] },
    {
      role: 'user',
      content: [
        {
          type: 'tool_result',
          toolUseId: 'toolu_1',
          content: isError ? 'a.js does not exist' : '1\tconst a = 1;',
          isError,
        },
      ],
    },
  ]);

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

const totals = (passed: number, failed: number) => ({ passed, failed, errored: 0, skipped: 0, total: passed + failed });

describe('createCheckedReplay', () => {
  it('stops at once when the baseline differs from the recorded one, before any response is used', () => {
    const replay = createCheckedReplay(
      plan({ recordedBaseline: { exitCode: 0, crashed: false, totals: totals(4, 0) } }),
    );
    const now = report([testCase('a.test.js::a', 'passed'), testCase('a.test.js::b', 'failed')]);
    let error: unknown;
    try {
      replay.checkBaseline(now);
    } catch (e) {
      error = e;
    }
    expect(isGreenlightError(error, 'replay-diverged')).toBe(true);
    expect((error as Error).message.split('\n').slice(0, 3)).toEqual([
      "The replay no longer matches audit.jsonl: the tests before any change differ from the recorded run's, so no recorded model response was used.",
      'This replay: 1 passed, 1 failing, 0 skipped (exit code 1).',
      'Recorded: 4 passed, 0 failing, 0 skipped (exit code 0).',
    ]);
    expect(replay.used()).toBe(0);
  });

  it('accepts the same baseline, and a log that recorded none', () => {
    const same = report([testCase('a.test.js::a', 'passed')]);
    expect(() =>
      createCheckedReplay(
        plan({ recordedBaseline: { exitCode: 0, crashed: false, totals: totals(1, 0) } }),
      ).checkBaseline(same),
    ).not.toThrow();
    expect(() => createCheckedReplay(plan()).checkBaseline(same)).not.toThrow();
  });

  it('answers in order, with the time the replay took rather than the recorded model time, and matches the recording', async () => {
    const replay = createCheckedReplay(plan());
    const first = await replay.model.complete(request());
    expect(first.content).toEqual(plan().responses[0]?.content);
    expect(first.durationMs).not.toBe(9_000);
    await replay.model.complete(afterTool(false));
    expect(replay.used()).toBe(2);
    expect(replay.divergences('succeeded')).toEqual([]);
  });

  it('stops when a tool call fails now but worked in the recording', async () => {
    const replay = createCheckedReplay(plan());
    await replay.model.complete(request());
    const error = await failure(replay.model.complete(afterTool(true)));
    expect(isGreenlightError(error, 'replay-diverged')).toBe(true);
    expect(error.message).toBe(
      [
        'The replay no longer matches audit.jsonl: in model turn 1, tool call 1 (str_replace_based_edit_tool view a.js) failed in this replay but succeeded in the recorded run.',
        'This replay: a.js does not exist',
        'Recorded: 1 const a = 1;',
        `The checkout must be at the recorded base ${'a'.repeat(12)} with the same config, and the tests must behave as they did (dependencies installed, same greenlight version).`,
      ].join('\n'),
    );
  });

  it('stops, never waits, when a complete recording has no answer left: the replay took another path', async () => {
    const replay = createCheckedReplay(plan({ toolResults: new Map() }));
    await replay.model.complete(request());
    await replay.model.complete(afterTool(true)); // no recorded tool results: nothing to compare
    const error = await failure(replay.model.complete(request()));
    expect(isGreenlightError(error, 'replay-diverged')).toBe(true);
    expect(error.message).toContain(
      'The replay stopped: the run asked for model turn 3, but audit.jsonl has only 2 recorded model responses. The recorded run ended (succeeded) at that point, so this replay has taken another path.',
    );
  });

  it('reports leftover responses and another outcome after the run', async () => {
    const replay = createCheckedReplay(plan());
    await replay.model.complete(request());
    expect(replay.divergences('gave-up')).toEqual([
      'The replay used 1 of the 2 recorded model responses: this run ended (gave-up) where the recorded run went on.',
      'The recorded run ended "succeeded", this replay "gave-up".',
    ]);
  });
});
