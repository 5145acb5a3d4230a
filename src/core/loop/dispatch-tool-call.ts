import type { ToolResultBlock, ToolUseBlock } from '../../ports/model.ts';
import type { ToolOutcome } from '../../ports/repo-tools.ts';
import { elapsedMs, renderForModel, runSuite, testRunsLeft, type LoopSession } from './loop-session.ts';
import { parseRunTestsInput, RUN_TESTS_TOOL } from './run-tests-tool.ts';
import { checkTimeBudget } from './budget-guard.ts';

/** Per-iteration counters the dispatcher enforces. */
export interface DispatchCounters {
  runTests: number;
}

/**
 * Run one tool_use block and return its tool_result. Never throws for anything the
 * model sends: malformed input, unknown tools, refused paths and failing adapters all
 * become error results, and everything is written to the audit log.
 */
export async function dispatchToolCall(
  s: LoopSession,
  block: ToolUseBlock,
  turn: number,
  counters: DispatchCounters,
): Promise<ToolResultBlock> {
  const { audit } = s.deps;
  audit.write({ kind: 'tool-call', turn, name: block.name, input: block.input });
  const outcome = await execute(s, block, turn, counters);
  for (const path of outcome.changedPaths ?? []) s.editedPaths.add(path);
  if (outcome.refusal !== undefined) {
    audit.write({
      kind: 'tool-refused',
      turn,
      name: block.name,
      path: outcome.refusal.path,
      reason: outcome.refusal.reason,
    });
  }
  audit.write({
    kind: 'tool-result',
    turn,
    name: block.name,
    isError: outcome.isError,
    output: outcome.content.slice(0, s.limits.auditExcerptChars),
  });
  return { type: 'tool_result', toolUseId: block.id, content: outcome.content, isError: outcome.isError };
}

async function execute(
  s: LoopSession,
  block: ToolUseBlock,
  turn: number,
  counters: DispatchCounters,
): Promise<ToolOutcome> {
  if (block.name === RUN_TESTS_TOOL) return runTests(s, block.input, counters);
  const { tools } = s.deps;
  if (!tools.handles(block.name)) {
    const names = [...tools.specs.map((t) => t.name), RUN_TESTS_TOOL].join(', ');
    return { content: `Unknown tool "${block.name}". Available tools: ${names}.`, isError: true };
  }
  if (typeof block.input !== 'object' || block.input === null || Array.isArray(block.input)) {
    return {
      content: `Tool "${block.name}" expects a JSON object as input; got ${describe(block.input)}.`,
      isError: true,
    };
  }
  try {
    return await tools.execute({ id: block.id, name: block.name, input: block.input });
  } catch (error) {
    // The port promises values, but an adapter bug must not end the run mid-conversation.
    s.deps.audit.write({
      kind: 'note',
      message: 'tool adapter threw',
      data: { turn, name: block.name, error: String(error) },
    });
    return {
      content: `Tool "${block.name}" failed: ${error instanceof Error ? error.message : String(error)}`,
      isError: true,
    };
  }
}

async function runTests(s: LoopSession, input: unknown, counters: DispatchCounters): Promise<ToolOutcome> {
  const parsed = parseRunTestsInput(input);
  if (!parsed.ok) return { content: parsed.error, isError: true };
  if (counters.runTests >= s.limits.maxRunTestsCallsPerIteration) {
    return {
      content: `run_tests may be called ${s.limits.maxRunTestsCallsPerIteration} times per round; end your turn and the engine will run the tests.`,
      isError: true,
    };
  }
  if (checkTimeBudget(s.request.config.budgets, elapsedMs(s)) !== null) {
    return { content: 'The wall-time budget is used up; end your turn.', isError: true };
  }
  // The engine keeps what it needs to validate and verify the change (verify-change.ts): the full
  // validation run, the reruns of new tests, the fail-before-fix run and the fresh-checkout run.
  const reserve = 3 + s.request.config.tests.flakinessReruns;
  if (testRunsLeft(s) <= reserve) {
    return {
      content:
        `run_tests is not available: ${s.testRuns} of the run's ${s.budgets.maxTestRuns} test runs are used, ` +
        `and the engine keeps the last ${reserve} to validate and verify your change. End your turn and the engine will run the tests.`,
      isError: true,
    };
  }
  counters.runTests += 1;
  const report = await runSuite(s, parsed.selection, 'model');
  if (report === null) return { content: 'The wall-time budget is used up; end your turn.', isError: true };
  return { content: renderForModel(s, report), isError: false };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
