/** An OpenAI-compatible chat completion → ModelResponse. */
import { z } from 'zod';
import type { ContentBlock, ModelResponse, StopReason } from '../../ports/model.ts';
import { ModelError } from '../../ports/model-error.ts';

const Completion = z.object({
  id: z.string().optional(),
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        finish_reason: z.string().nullish(),
        message: z.object({
          content: z.string().nullish(),
          tool_calls: z
            .array(
              z.object({
                id: z.string().nullish(),
                function: z.object({
                  name: z.string(),
                  arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
                }),
              }),
            )
            .nullish(),
        }),
      }),
    )
    .min(1),
  usage: z
    .object({
      prompt_tokens: z.number().int().nonnegative(),
      completion_tokens: z.number().int().nonnegative(),
      prompt_tokens_details: z.object({ cached_tokens: z.number().int().nonnegative().nullish() }).nullish(),
    })
    .nullish(),
});

const FINISH: Readonly<Record<string, StopReason>> = {
  stop: 'end_turn',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  length: 'max_tokens',
  content_filter: 'refusal',
};

export interface CompletionContext {
  model: string;
  durationMs: number;
  /** Characters sent, for a token estimate when the server reports no usage. */
  requestChars: number;
  /** Makes an id for a tool call the server sent without one. */
  nextCallId: () => string;
}

/** Maps the parsed JSON body of a 200 response. */
export function fromChatCompletion(body: unknown, context: CompletionContext): ModelResponse {
  const parsed = Completion.safeParse(body);
  if (!parsed.success) {
    const problem = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new ModelError(
      'bad-response',
      `The model server answered with something that is not a chat completion (${problem}). Check model.baseUrl: it must point at an OpenAI-compatible /v1 endpoint.`,
    );
  }
  const completion = parsed.data;
  const choice = completion.choices[0] as (typeof completion.choices)[number];
  const content: ContentBlock[] = [];
  const text = choice.message.content ?? '';
  if (text !== '') content.push({ type: 'text', text });
  for (const call of choice.message.tool_calls ?? []) {
    content.push({
      type: 'tool_use',
      id: call.id ?? context.nextCallId(),
      name: call.function.name,
      input: parseArguments(call.function.arguments),
    });
  }
  const raw = choice.finish_reason ?? 'null';
  // Some servers say "stop" even when the message calls tools.
  const stopReason: StopReason = content.some((block) => block.type === 'tool_use')
    ? 'tool_use'
    : (FINISH[raw] ?? 'other');
  const usage = completion.usage;
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  const response: ModelResponse = {
    content,
    stopReason,
    usage:
      usage === null || usage === undefined
        ? // No usage reported: estimate (4 characters a token) rather than count nothing,
          // so that token budgets still bind.
          {
            inputTokens: Math.ceil(context.requestChars / 4),
            outputTokens: Math.ceil(JSON.stringify(choice.message).length / 4),
            cacheWriteTokens: 0,
            cacheReadTokens: 0,
          }
        : {
            inputTokens: Math.max(0, usage.prompt_tokens - cached),
            outputTokens: usage.completion_tokens,
            cacheWriteTokens: 0,
            cacheReadTokens: cached,
          },
    model: completion.model ?? context.model,
    durationMs: context.durationMs,
  };
  if (completion.id !== undefined) response.id = completion.id;
  if (FINISH[raw] !== stopReason) response.providerStopReason = raw;
  return response;
}

/** Arguments the tool cannot use are passed on raw, so the tool reports the problem to the model. */
function parseArguments(args: string | Record<string, unknown> | null | undefined): unknown {
  if (args === null || args === undefined || args === '') return {};
  if (typeof args !== 'string') return args;
  try {
    return JSON.parse(args) as unknown;
  } catch {
    return args;
  }
}
