import { describe, expect, it } from 'vitest';
import { buildCachedPrefix, type CachedPrefixInput } from '../../../src/core/prompt/cached-prefix.ts';
import { buildSystemPrompt } from '../../../src/core/prompt/system-prompt.ts';
import type { ToolSpec } from '../../../src/ports/model.ts';

const TOOLS: ToolSpec[] = [
  { kind: 'text-editor', name: 'str_replace_based_edit_tool' },
  { kind: 'custom', name: 'run_tests', description: 'Run the tests.', inputSchema: { type: 'object' } },
];
const input: CachedPrefixInput = {
  mode: 'generate',
  testCommand: { runner: 'vitest', command: 'npm test', reason: 'scripts.test' },
  runTestsTool: 'run_tests',
  contextText: '<repository_context>\n…\n</repository_context>\n',
  tools: TOOLS,
};

describe('buildCachedPrefix', () => {
  it('is the tools, then the system prompt, then the repository context', () => {
    const prefix = buildCachedPrefix(input);
    expect(prefix.tools).toEqual(TOOLS);
    expect(prefix.system).toEqual([
      { text: buildSystemPrompt('generate', input.testCommand, 'run_tests') },
      { text: input.contextText },
    ]);
    expect(prefix.system[0]?.text).toContain("The project's test command is `npm test`.");
  });

  it('has no context block when there is no context', () => {
    expect(buildCachedPrefix({ ...input, contextText: '' }).system).toHaveLength(1);
  });

  it('is frozen, so that no step of the run can change a byte of it', () => {
    const prefix = buildCachedPrefix(input);
    expect(Object.isFrozen(prefix) && Object.isFrozen(prefix.tools) && Object.isFrozen(prefix.system)).toBe(true);
    expect(prefix.system.every((block) => Object.isFrozen(block))).toBe(true);
    expect(prefix.tools.every((tool) => Object.isFrozen(tool))).toBe(true);
    expect(prefix.tools[0]).not.toBe(TOOLS[0]);
  });

  it('depends only on what is fixed for the run', () => {
    expect(JSON.stringify(buildCachedPrefix(input))).toBe(JSON.stringify(buildCachedPrefix({ ...input })));
    expect(buildCachedPrefix({ ...input, mode: 'fix' }).system[0]?.text).toContain('You fix a pull request');
  });
});
