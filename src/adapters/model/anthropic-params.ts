/**
 * ModelRequest → Messages API parameters. The mapping is deterministic (same request,
 * same bytes), because prompt caching matches the request prefix exactly: tools, then
 * system, then messages.
 */
import type Anthropic from '@anthropic-ai/sdk';
import { countCacheBreakpoints, MAX_CACHE_BREAKPOINTS } from '../../core/prompt/cache-breakpoints.ts';
import type { ChatMessage, ContentBlock, ModelRequest, PromptBlock, ToolSpec } from '../../ports/model.ts';
import { ModelError } from '../../ports/model-error.ts';

const EPHEMERAL = { type: 'ephemeral' } as const;

/**
 * Builds the streaming Messages API parameters for `request`.
 *
 * Cache breakpoints are translated, not chosen (the engine places them:
 * `src/core/prompt/cache-breakpoints.ts`): `cache_control` on the last tool when
 * `cacheTools` is set, on every system block marked `cache`, and on the last message
 * block when `cacheConversation` is set.
 */
export function toAnthropicParams(request: ModelRequest, model: string): Anthropic.MessageStreamParams {
  const breakpoints = countCacheBreakpoints(request);
  if (breakpoints > MAX_CACHE_BREAKPOINTS) {
    throw new ModelError(
      'other',
      `The request has ${breakpoints} prompt-cache breakpoints; the Anthropic API accepts at most ${MAX_CACHE_BREAKPOINTS}. Mark fewer blocks with cache.`,
    );
  }

  // Keys in cache-prefix order (tools, system, messages), so that the request bodies
  // of successive turns also share their leading bytes.
  const params: Anthropic.MessageStreamParams = {
    model,
    max_tokens: request.maxOutputTokens,
    ...(request.tools.length > 0
      ? {
          tools: request.tools.map((tool, index) =>
            toTool(tool, request.cacheTools === true && index === request.tools.length - 1),
          ),
        }
      : {}),
    ...(request.system.length > 0 ? { system: request.system.map(toSystemBlock) } : {}),
    messages: request.messages.map((message, index) =>
      toMessageParam(message, request.cacheConversation === true && index === request.messages.length - 1),
    ),
  };
  return params;
}

function toSystemBlock(block: PromptBlock): Anthropic.TextBlockParam {
  return block.cache === true
    ? { type: 'text', text: block.text, cache_control: EPHEMERAL }
    : { type: 'text', text: block.text };
}

function toTool(tool: ToolSpec, cache: boolean): Anthropic.ToolUnion {
  if (tool.kind === 'text-editor') {
    return cache
      ? { type: 'text_editor_20250728', name: tool.name, cache_control: EPHEMERAL }
      : { type: 'text_editor_20250728', name: tool.name };
  }
  if (tool.inputSchema['type'] !== 'object') {
    throw new ModelError(
      'other',
      `Tool "${tool.name}" has an input schema whose type is not "object"; the Messages API requires an object schema.`,
    );
  }
  const inputSchema = tool.inputSchema as Anthropic.Tool.InputSchema;
  return cache
    ? { name: tool.name, description: tool.description, input_schema: inputSchema, cache_control: EPHEMERAL }
    : { name: tool.name, description: tool.description, input_schema: inputSchema };
}

function toMessageParam(message: ChatMessage, cacheLast: boolean): Anthropic.MessageParam {
  // The API rejects whitespace-only text blocks; a model turn can end with one.
  const blocks = message.content.filter((block) => block.type !== 'text' || block.text.trim() !== '');
  if (blocks.length === 0) {
    throw new ModelError(
      'other',
      `A ${message.role} message has no non-empty content blocks; the Messages API rejects empty messages.`,
    );
  }
  const content = blocks.map((block, index) => toContentBlockParam(block, cacheLast && index === blocks.length - 1));
  return { role: message.role, content };
}

function toContentBlockParam(block: ContentBlock, cache: boolean): Anthropic.ContentBlockParam {
  const cacheControl = cache ? { cache_control: EPHEMERAL } : {};
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text, ...cacheControl };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input, ...cacheControl };
    case 'tool_result':
      return {
        type: 'tool_result',
        tool_use_id: block.toolUseId,
        content: block.content,
        ...(block.isError ? { is_error: true } : {}),
        ...cacheControl,
      };
  }
}
