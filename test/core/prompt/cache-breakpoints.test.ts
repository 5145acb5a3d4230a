import { describe, expect, it } from 'vitest';
import {
  countCacheBreakpoints,
  MAX_CACHE_BREAKPOINTS,
  placeCacheBreakpoints,
} from '../../../src/core/prompt/cache-breakpoints.ts';
import type { ModelRequest, ToolSpec } from '../../../src/ports/model.ts';

const EDITOR: ToolSpec = { kind: 'text-editor', name: 'str_replace_based_edit_tool' };
const RUN_TESTS: ToolSpec = { kind: 'custom', name: 'run_tests', description: 'Run.', inputSchema: { type: 'object' } };
const request = (overrides: Partial<ModelRequest> = {}): ModelRequest => ({
  system: [{ text: 'You are greenlight.' }, { text: '<repository_context>…' }],
  tools: [EDITOR, RUN_TESTS],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Add tests.' }] }],
  maxOutputTokens: 1_000,
  ...overrides,
});

describe('placeCacheBreakpoints', () => {
  it('marks the end of the tools, of the system blocks and of the conversation, and nothing else', () => {
    const placed = placeCacheBreakpoints(
      request({ system: [{ text: 'You are greenlight.', cache: true }, { text: '<repository_context>…' }] }),
    );
    expect(placed).toEqual({
      system: [{ text: 'You are greenlight.' }, { text: '<repository_context>…', cache: true }],
      tools: [EDITOR, RUN_TESTS],
      messages: request().messages,
      maxOutputTokens: 1_000,
      cacheTools: true,
      cacheConversation: true,
    });
    expect(countCacheBreakpoints(placed)).toBe(3);
    expect(countCacheBreakpoints(placed)).toBeLessThanOrEqual(MAX_CACHE_BREAKPOINTS);
  });

  it('closes the prefix on the system prompt when there is no context, and marks no tools when there are none', () => {
    const placed = placeCacheBreakpoints(request({ system: [{ text: 'You are greenlight.' }], tools: [] }));
    expect(placed.system).toEqual([{ text: 'You are greenlight.', cache: true }]);
    expect(placed.cacheTools).toBe(false);
    expect(countCacheBreakpoints(placed)).toBe(2);
  });

  it('changes nothing in the text: the same prefix bytes on every call', () => {
    const first = placeCacheBreakpoints(request());
    const later = placeCacheBreakpoints(
      request({ messages: [...request().messages, { role: 'assistant', content: [{ type: 'text', text: 'ok' }] }] }),
    );
    expect(JSON.stringify([later.tools, later.system])).toBe(JSON.stringify([first.tools, first.system]));
  });
});

describe('countCacheBreakpoints', () => {
  it('counts only the marks that can be placed', () => {
    expect(countCacheBreakpoints(request({ tools: [], messages: [], cacheTools: true, cacheConversation: true }))).toBe(
      0,
    );
    expect(
      countCacheBreakpoints(
        request({
          system: [
            { text: 'a', cache: true },
            { text: 'b', cache: true },
          ],
          cacheTools: true,
        }),
      ),
    ).toBe(3);
  });
});
