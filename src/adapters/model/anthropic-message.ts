/** Messages API response → ModelResponse. */
import type Anthropic from '@anthropic-ai/sdk';
import type { ContentBlock, ModelResponse, StopReason } from '../../ports/model.ts';
import { ModelError } from '../../ports/model-error.ts';

const STOP_REASONS: Readonly<Record<string, StopReason>> = {
  end_turn: 'end_turn',
  tool_use: 'tool_use',
  max_tokens: 'max_tokens',
  stop_sequence: 'stop_sequence',
  refusal: 'refusal',
  pause_turn: 'pause_turn',
  // The output was cut because the context window filled up: for the loop this is
  // the same situation as running out of output tokens.
  model_context_window_exceeded: 'max_tokens',
};

/**
 * Maps a final Message. Text and tool_use blocks are kept; other block types
 * (thinking, server tools) are not part of the port and are dropped.
 */
export function fromAnthropicMessage(message: Anthropic.Message, durationMs: number): ModelResponse {
  if (!Array.isArray(message.content) || typeof message.usage?.input_tokens !== 'number') {
    throw new ModelError(
      'bad-response',
      'The Anthropic API answered with a message that has no content or usage; this is a provider or proxy problem. Check ANTHROPIC_BASE_URL if you set it.',
    );
  }
  const content: ContentBlock[] = [];
  for (const block of message.content) {
    if (block.type === 'text') {
      content.push({ type: 'text', text: block.text });
    } else if (block.type === 'tool_use') {
      content.push({ type: 'tool_use', id: block.id, name: block.name, input: toolInput(block) });
    }
  }
  const raw = message.stop_reason ?? 'null';
  const stopReason = STOP_REASONS[raw] ?? 'other';
  const response: ModelResponse = {
    content,
    stopReason,
    usage: {
      inputTokens: message.usage.input_tokens,
      outputTokens: message.usage.output_tokens,
      cacheWriteTokens: message.usage.cache_creation_input_tokens ?? 0,
      cacheReadTokens: message.usage.cache_read_input_tokens ?? 0,
    },
    model: message.model,
    durationMs,
    id: message.id,
  };
  if (stopReason !== raw) {
    response.providerStopReason = raw;
  }
  return response;
}

/**
 * The SDK parses streamed tool input lazily and leniently; input it cannot parse is
 * passed on as the raw text so that the tool reports the bad input to the model.
 */
function toolInput(block: Anthropic.ToolUseBlock): unknown {
  try {
    return block.input;
  } catch {
    const raw: unknown = Object.getOwnPropertyDescriptor(block, '__json_buf')?.value;
    return typeof raw === 'string' ? raw : '';
  }
}
