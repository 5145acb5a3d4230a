/**
 * Where the prompt-cache breakpoints go. The engine decides it here, once, for every
 * provider; a model adapter only translates the marks (the Anthropic adapter into
 * `cache_control`, others ignore them). Three breakpoints, in cache-prefix order:
 *
 * 1. after the last tool — tools come first in the prefix, so they stay cached even if
 *    a system block changed;
 * 2. after the last system block — the repository context, or the system prompt when
 *    there is no context: it closes the byte-stable prefix (`buildCachedPrefix`);
 * 3. after the last block of the conversation — so that each call reads the earlier
 *    turns and tool results from cache, and pays full price only for what is new.
 *
 * The Messages API accepts at most four; the fourth is left free.
 */
import type { ModelRequest, PromptBlock } from '../../ports/model.ts';

/** The API accepts at most this many `cache_control` breakpoints per request. */
export const MAX_CACHE_BREAKPOINTS = 4;

/**
 * `request` with the breakpoints above, and no others: a `cache` mark on any earlier
 * system block is dropped.
 *
 * @example
 * const request = placeCacheBreakpoints({ system: prefix.system, tools: prefix.tools, messages, maxOutputTokens });
 * request.system.at(-1)?.cache // true
 */
export function placeCacheBreakpoints(request: ModelRequest): ModelRequest {
  const last = request.system.length - 1;
  return {
    system: request.system.map((block, index): PromptBlock =>
      index === last ? { text: block.text, cache: true } : { text: block.text },
    ),
    tools: request.tools,
    messages: request.messages,
    maxOutputTokens: request.maxOutputTokens,
    cacheTools: request.tools.length > 0,
    cacheConversation: request.messages.length > 0,
  };
}

/** How many breakpoints `request` asks for that can be placed (a mark with nothing to follow counts none). */
export function countCacheBreakpoints(request: ModelRequest): number {
  return (
    (request.cacheTools === true && request.tools.length > 0 ? 1 : 0) +
    request.system.filter((block) => block.cache === true).length +
    (request.cacheConversation === true && request.messages.length > 0 ? 1 : 0)
  );
}
