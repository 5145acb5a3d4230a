/**
 * ModelRequest → an OpenAI-compatible /chat/completions body (Ollama, vLLM, LiteLLM,
 * llama.cpp server). System blocks become one system message (servers with prefix
 * caching reuse it as long as it is byte-identical); tool results become `tool`
 * messages directly after the assistant message that called them.
 */
import type { ChatMessage, ModelRequest, ToolSpec } from '../../ports/model.ts';
import { ModelError } from '../../ports/model-error.ts';
import { TEXT_EDITOR_DESCRIPTION, TEXT_EDITOR_PARAMETERS } from './text-editor-function.ts';

export type OpenAIMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: OpenAIToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface OpenAIToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ChatCompletionRequest {
  model: string;
  max_tokens: number;
  messages: OpenAIMessage[];
  tools?: Array<{
    type: 'function';
    function: { name: string; description: string; parameters: Record<string, unknown> };
  }>;
  stream: false;
}

/** Builds the request body. */
export function toChatCompletionRequest(request: ModelRequest, model: string): ChatCompletionRequest {
  const messages: OpenAIMessage[] = [];
  if (request.system.length > 0) {
    messages.push({ role: 'system', content: request.system.map((block) => block.text).join('\n\n') });
  }
  for (const message of request.messages) {
    messages.push(...toMessages(message));
  }
  const body: ChatCompletionRequest = { model, max_tokens: request.maxOutputTokens, messages, stream: false };
  if (request.tools.length > 0) {
    body.tools = request.tools.map(toFunctionTool);
  }
  return body;
}

function toFunctionTool(tool: ToolSpec): NonNullable<ChatCompletionRequest['tools']>[number] {
  if (tool.kind === 'text-editor') {
    return {
      type: 'function',
      function: { name: tool.name, description: TEXT_EDITOR_DESCRIPTION, parameters: { ...TEXT_EDITOR_PARAMETERS } },
    };
  }
  return {
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.inputSchema },
  };
}

function toMessages(message: ChatMessage): OpenAIMessage[] {
  const texts: string[] = [];
  if (message.role === 'assistant') {
    const calls: OpenAIToolCall[] = [];
    for (const block of message.content) {
      if (block.type === 'text') texts.push(block.text);
      else if (block.type === 'tool_use')
        calls.push({
          id: block.id,
          type: 'function',
          function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
        });
      else throw new ModelError('other', 'An assistant message cannot carry a tool_result block.');
    }
    const content = texts.join('\n\n');
    return [
      calls.length > 0
        ? { role: 'assistant', content: content === '' ? null : content, tool_calls: calls }
        : { role: 'assistant', content },
    ];
  }
  const out: OpenAIMessage[] = [];
  for (const block of message.content) {
    if (block.type === 'tool_result') {
      // No is_error flag in this API: say it in the text.
      out.push({
        role: 'tool',
        tool_call_id: block.toolUseId,
        content: block.isError ? `Error: ${block.content}` : block.content,
      });
    } else if (block.type === 'text') {
      texts.push(block.text);
    } else {
      throw new ModelError('other', 'A user message cannot carry a tool_use block.');
    }
  }
  if (texts.length > 0) {
    out.push({ role: 'user', content: texts.join('\n\n') });
  }
  return out;
}
