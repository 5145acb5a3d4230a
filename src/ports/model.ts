/**
 * The Model port: a provider-neutral Messages-style conversation with tools.
 * The Anthropic adapter maps it 1:1; other providers (OpenAI-compatible, Bedrock,
 * Vertex) adapt to it.
 */

export interface TextBlock {
  type: 'text';
  text: string;
}
export interface ToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: unknown;
}
export interface ToolResultBlock {
  type: 'tool_result';
  toolUseId: string;
  content: string;
  isError: boolean;
}
export type ContentBlock = TextBlock | ToolUseBlock | ToolResultBlock;

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}

/** A block of the stable prompt prefix; `cache` marks a cache breakpoint after it. */
export interface PromptBlock {
  text: string;
  cache?: boolean;
}

export type ToolSpec =
  | { kind: 'text-editor'; name: 'str_replace_based_edit_tool' }
  | { kind: 'custom'; name: string; description: string; inputSchema: Record<string, unknown> };

/**
 * One call. Where the prompt-cache breakpoints go is decided by the caller (the engine:
 * `src/core/prompt/cache-breakpoints.ts`) and only translated by an adapter: after a
 * system block marked `cache`, after the last tool (`cacheTools`) and after the last
 * block of the conversation (`cacheConversation`). Providers without explicit caching
 * ignore all three.
 */
export interface ModelRequest {
  /** System prompt blocks, then repository context: the cached, byte-stable prefix. */
  system: PromptBlock[];
  tools: ToolSpec[];
  messages: ChatMessage[];
  maxOutputTokens: number;
  /**
   * A cache breakpoint after the last tool. Tools come first in the cached prefix, so
   * they stay cached even when a system block changes.
   */
  cacheTools?: boolean;
  /**
   * A cache breakpoint on the last block of the last message, so that the growing
   * conversation (earlier turns, tool results) is read from cache on the next turn,
   * not only the system/tools prefix.
   */
  cacheConversation?: boolean;
}

export interface ModelUsage {
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
}

export type StopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'refusal' | 'pause_turn' | 'other';

export interface ModelResponse {
  content: ContentBlock[];
  stopReason: StopReason;
  usage: ModelUsage;
  /** Model id the provider reports it used. */
  model: string;
  durationMs: number;
  /** Provider's message id, when it sends one (for audit and support requests). */
  id?: string;
  /** The provider's own stop reason when it mapped to 'other' or was normalised. */
  providerStopReason?: string;
}

export type ModelErrorCode =
  | 'auth' // bad or missing key
  | 'model-not-found'
  | 'context-too-long'
  | 'rate-limited' // retries exhausted
  | 'overloaded' // retries exhausted
  | 'timeout'
  | 'stream-interrupted'
  | 'bad-response'
  | 'aborted' // the caller's AbortSignal fired (budget or wall-time stop)
  | 'other';

export interface Model {
  readonly provider: string;
  readonly modelId: string;
  complete(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse>;
}
