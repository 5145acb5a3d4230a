import { describe, expect, it } from 'vitest';
import { runLoop } from '../../../src/core/loop/run-loop.ts';
import type { ToolResultBlock } from '../../../src/ports/model.ts';
import { createFakeLoop } from '../../fakes/create-fake-loop.ts';
import { EDITOR_TOOL } from '../../fakes/fake-repo-tools.ts';
import { createFile, endTurn, runTests, toolUse, toolUses } from '../../fakes/model-script.ts';
import { ADD_TEST, BUGGY_ADD, repoFiles } from './fixture.ts';

function toolResults(f: ReturnType<typeof createFakeLoop>, request: number): ToolResultBlock[] {
  return (f.model.requests[request]?.messages.at(-1)?.content ?? []).filter(
    (b): b is ToolResultBlock => b.type === 'tool_result',
  );
}

describe('runLoop tool dispatch', () => {
  it('answers garbage tool input with error results and keeps going', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      script: [
        toolUses([
          { name: EDITOR_TOOL, input: 'create src/x.ts' },
          { name: EDITOR_TOOL, input: null },
          { name: EDITOR_TOOL, input: [1, 2] },
          { name: 'run_tests', input: { tests: 5 } },
          { name: 'run_tests', input: 'all' },
          { name: 'run_tests', input: { tests: ['a'], verbose: true } },
          { name: 'rm_rf', input: {} },
        ]),
        createFile('src/add.test.ts', ADD_TEST),
        endTurn(),
      ],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(toolResults(f, 1).map((r) => [r.isError, r.content])).toEqual([
      [true, 'Tool "str_replace_based_edit_tool" expects a JSON object as input; got a string.'],
      [true, 'Tool "str_replace_based_edit_tool" expects a JSON object as input; got null.'],
      [true, 'Tool "str_replace_based_edit_tool" expects a JSON object as input; got an array.'],
      [true, 'run_tests: "tests" must be an array of non-empty strings.'],
      [true, 'run_tests expects an object such as {"tests": ["test/a.test.ts"]} or {} for the whole suite.'],
      [true, 'run_tests does not accept "verbose"; use "tests" and/or "files".'],
      [true, 'Unknown tool "rm_rf". Available tools: str_replace_based_edit_tool, list_files, run_tests.'],
    ]);
    expect(f.tools.calls).toHaveLength(1);
  });

  it('turns a throwing tool adapter into an error result and an audit note', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      script: [
        toolUse(EDITOR_TOOL, { command: 'view', path: 'src/add.ts' }),
        createFile('src/add.test.ts', ADD_TEST),
        endTurn(),
      ],
    });
    const execute = f.tools.execute.bind(f.tools);
    let first = true;
    f.tools.execute = async (call) => {
      if (first) {
        first = false;
        throw new Error('EIO: disk on fire');
      }
      return execute(call);
    };
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(toolResults(f, 1)).toEqual([
      {
        type: 'tool_result',
        toolUseId: expect.any(String),
        content: 'Tool "str_replace_based_edit_tool" failed: EIO: disk on fire',
        isError: true,
      },
    ]);
    expect(f.audit.ofKind('note').map((n) => n.message)).toContain('tool adapter threw');
  });

  it('writes refused tool calls to the audit log and tells the model why', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      script: [
        toolUses([
          { name: EDITOR_TOOL, input: { command: 'create', path: '.github/workflows/ci.yml', file_text: 'on: push' } },
          { name: EDITOR_TOOL, input: { command: 'view', path: '../../etc/passwd' } },
          { name: EDITOR_TOOL, input: { command: 'create', path: '.git/hooks/pre-commit', file_text: '#!/bin/sh' } },
        ]),
        createFile('src/add.test.ts', ADD_TEST),
        endTurn(),
      ],
    });
    await runLoop(f.request, f.deps);

    expect(f.audit.ofKind('tool-refused')).toEqual([
      {
        kind: 'tool-refused',
        turn: 1,
        name: EDITOR_TOOL,
        path: '.github/workflows/ci.yml',
        reason: '.github/workflows/** is denied by paths.deny',
      },
      {
        kind: 'tool-refused',
        turn: 1,
        name: EDITOR_TOOL,
        path: '../../etc/passwd',
        reason: '".." is not allowed in paths',
      },
      {
        kind: 'tool-refused',
        turn: 1,
        name: EDITOR_TOOL,
        path: '.git/hooks/pre-commit',
        reason: '.git/ is off limits',
      },
    ]);
    expect(toolResults(f, 1).every((r) => r.isError && r.content.startsWith('Refused: '))).toBe(true);
    expect(f.repo.read('.github/workflows/ci.yml')).toBeNull();
  });

  it('runs the tests the model asks for and marks pre-existing failures', async () => {
    const files = { ...repoFiles(BUGGY_ADD), 'test/legacy.test.ts': "it('legacy', () => {}); // @fail\n" };
    const f = createFakeLoop({
      files,
      script: [
        createFile('src/add.test.ts', ADD_TEST),
        runTests({ tests: ['src/add.test.ts'] }),
        runTests(),
        {
          content: [
            { type: 'text', text: 'The add test fails because add is wrong; fixing.' },
            {
              type: 'tool_use',
              id: 'toolu_fix',
              name: EDITOR_TOOL,
              input: { command: 'str_replace', path: 'src/add.ts', old_str: 'a - b', new_str: 'a + b' },
            },
          ],
        },
        endTurn(),
      ],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(f.tests.runs.slice(1, 3)).toEqual([{ tests: ['src/add.test.ts'] }, undefined]);
    const subset = toolResults(f, 2)[0]?.content ?? '';
    expect(subset).toContain('Tests: 1 failed, 0 passed (1 total) — `npm test` (fake), exit code 1');
    expect(subset).toContain('FAILED src/add.test.ts:2 — adds');
    const full = toolResults(f, 3)[0]?.content ?? '';
    expect(full).toContain(
      'Pre-existing failures (already failing before the change; not caused by it): test/legacy.test.ts::legacy',
    );
    expect(full).not.toContain('FAILED test/legacy.test.ts');
  });

  it('limits run_tests calls per round', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      limits: { maxRunTestsCallsPerIteration: 1 },
      script: [runTests(), runTests(), createFile('src/add.test.ts', ADD_TEST), endTurn()],
    });
    await runLoop(f.request, f.deps);

    expect(toolResults(f, 2)).toEqual([
      {
        type: 'tool_result',
        toolUseId: expect.any(String),
        isError: true,
        content: 'run_tests may be called 1 times per round; end your turn and the engine will run the tests.',
      },
    ]);
  });

  it('ends a round that never ends its turn after the model-call limit, and validates it anyway', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      limits: { maxModelCallsPerIteration: 2 },
      script: [createFile('src/add.test.ts', ADD_TEST), toolUse(EDITOR_TOOL, { command: 'view', path: 'src/add.ts' })],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.notes).toEqual(['Round 1 was ended after 2 model calls without the model ending its turn.']);
  });
});
