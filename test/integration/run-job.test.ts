import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAST_CONFIG } from '../fixtures/repos/calc-repo.ts';
import {
  apiFailure,
  create,
  cutStream,
  endTurn,
  mockAnthropic,
  replace,
  runTests,
  tools,
  view,
} from './anthropic-script.ts';
import { requireTool, skipWithout } from '../setup/require-tool.ts';
import { calcRepo, clampTest, runOn } from './job-harness.ts';

// Every test here runs the engine in the bubblewrap sandbox.
const haveBwrap = await requireTool('bwrap');
beforeEach((test) => skipWithout(test, haveBwrap, 'bubblewrap'));

const PASSING = [
  "test('clamp keeps values inside the range', () => { assert.equal(clamp(5, 0, 10), 5); });",
  "test('clamp raises values below min', () => { assert.equal(clamp(-1, 0, 10), 0); });",
];
const GOOD = clampTest(PASSING);
const WRONG = "test('clamp lowers values above max', () => { assert.equal(clamp(15, 0, 10), 15); });";
const RIGHT = "test('clamp lowers values above max', () => { assert.equal(clamp(15, 0, 10), 10); });";

const outsideDirs: string[] = [];
afterEach(() => {
  for (const dir of outsideDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const read = (root: string, path: string): string | null =>
  existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : null;

/** The tool results the engine sent back in a request body. */
function toolResults(body: string | undefined): { content: string; is_error?: boolean }[] {
  const parsed = JSON.parse(body ?? '{}') as {
    messages: { role: string; content: { type: string; content: string; is_error?: boolean }[] }[];
  };
  const last = parsed.messages.at(-1);
  return (last?.content ?? [])
    .filter((b) => b.type === 'tool_result')
    .map((b) => ({ content: b.content, ...(b.is_error === undefined ? {} : { is_error: b.is_error }) }));
}

describe('runJob on a real repository, sandbox and test runner, with the Anthropic API mocked over HTTP', () => {
  it('green on the first try: verified, classified, reported with rounds, tokens and cost', async () => {
    const repo = calcRepo();
    const api = mockAnthropic([tools(create('test/clamp.test.js', GOOD)), endTurn()]);

    const { result, audit } = await runOn(repo);

    expect(result.outcome.kind).toBe('succeeded');
    expect(api.bodies).toHaveLength(2);
    expect(read(repo.root, 'test/clamp.test.js')).toBe(GOOD);
    expect(result.outcome.report.tests.final).toEqual({ passed: 3, failed: 0, errored: 0, skipped: 0, total: 3 });
    expect(result.outcome.report.verification?.newTests).toEqual([
      'test/clamp.test.js::clamp keeps values inside the range',
      'test/clamp.test.js::clamp raises values below min',
    ]);
    expect(result.outcome.report.usage).toEqual({
      inputTokens: 400,
      outputTokens: 300,
      cacheWriteTokens: 3_100,
      cacheReadTokens: 3_000,
    });
    expect(result.costUsd).toBeCloseTo(result.outcome.report.costUsd, 10);
    expect(result.costUsd).toBeGreaterThan(0);
    expect(result.risk.tier).toBe('low');
    expect(result.sandbox.driver).toBe('bwrap');
    expect(result.testCommandReason).toContain('package.json');
    expect(result.context?.files).toContain('src/calc.js');
    expect(result.reportMarkdown).toContain('## greenlight: change verified');
    expect(result.reportMarkdown).toContain('### Iterations (1 of 3)');
    expect(result.reportMarkdown).toContain('### Tokens and cost');
    expect(result.reportMarkdown).toContain('### Risk: `low`');
    expect(result.reportMarkdown).toContain('Generated code ran under `bwrap` with network off');
    expect(audit.events.map((e) => e.kind)).toEqual(
      expect.arrayContaining([
        'note',
        'run-start',
        'command',
        'model-request',
        'model-response',
        'tool-call',
        'tool-result',
        'run-end',
      ]),
    );
    // The loop's end, then the job's classification of the change for the evidence record.
    expect(audit.events.slice(-2)).toEqual([
      { kind: 'run-end', outcome: 'succeeded' },
      {
        kind: 'risk',
        source: 'job',
        tier: 'low',
        files: [
          {
            path: 'test/clamp.test.js',
            tier: 'low',
            rule: result.risk.files[0]?.rule,
            reason: result.risk.files[0]?.reason,
          },
        ],
      },
    ]);
  });

  it('green after two rounds of failures, each failure report fed back to the model', async () => {
    const repo = calcRepo();
    const api = mockAnthropic([
      tools(create('test/clamp.test.js', clampTest([...PASSING, WRONG]))),
      endTurn('Added tests.'),
      tools(replace('test/clamp.test.js', 'clamp(15, 0, 10), 15)', 'clamp(15, 0, 10), 11)')),
      endTurn('Adjusted.'),
      tools(replace('test/clamp.test.js', 'clamp(15, 0, 10), 11)', 'clamp(15, 0, 10), 10)')),
      endTurn('Fixed the expectation.'),
    ]);

    const { result } = await runOn(repo);

    expect(result.outcome.kind).toBe('succeeded');
    expect(result.outcome.report.iterationLog.map((i) => i.result)).toEqual([
      'related-failed',
      'related-failed',
      'passed',
    ]);
    expect(read(repo.root, 'test/clamp.test.js')).toBe(clampTest([...PASSING, RIGHT]));
    const feedback = JSON.parse(api.bodies[2] ?? '{}')
      .messages.at(-1)
      .content.at(-1).text as string;
    expect(feedback).toContain('The engine ran the tests related to your change (round 2 of 3)');
    expect(feedback).toContain('FAILED test/clamp.test.js');
    expect(feedback).toContain('clamp lowers values above max');
    expect(feedback).toContain('10 !== 15');
    expect(
      JSON.parse(api.bodies[4] ?? '{}')
        .messages.at(-1)
        .content.at(-1).text,
    ).toContain('10 !== 11');
  });

  it('never converging: stops at the iteration budget and keeps the best state reached', async () => {
    const repo = calcRepo({ config: FAST_CONFIG.replace('maxIterations: 3', 'maxIterations: 2') });
    const firstRound = clampTest([PASSING[0] ?? '', WRONG]);
    mockAnthropic([
      tools(create('test/clamp.test.js', firstRound)),
      endTurn(),
      tools(replace('test/clamp.test.js', 'clamp(5, 0, 10), 5)', 'clamp(5, 0, 10), 6)')),
      endTurn(),
    ]);

    const { result } = await runOn(repo);

    expect(result.outcome.kind).toBe('gave-up');
    if (result.outcome.kind !== 'gave-up') return;
    expect(result.outcome.reason).toEqual({
      code: 'iteration-budget',
      message: 'All 2 rounds were used without a change that passes verification.',
    });
    expect(result.outcome.report.restoredBestFromIteration).toBe(1);
    expect(read(repo.root, 'test/clamp.test.js')).toBe(firstRound);
    expect(result.outcome.changes.map((c) => c.path)).toEqual(['test/clamp.test.js']);
    expect(result.outcome.report.tests.final).toEqual({ passed: 2, failed: 1, errored: 0, skipped: 0, total: 3 });
    expect(result.reportMarkdown).toContain('The best state reached (round 1) is kept: 2 passed, 1 failing.');
    expect(result.reportMarkdown).toContain('Last test failure report');
  });

  it('refuses a change that deletes a failing test, and puts the test back', async () => {
    const buggy =
      'export function add(a, b) {\n  return a + b;\n}\n\nexport function clamp(value, min, max) {\n  return Math.max(value, min);\n}\n';
    const failingTest = clampTest([
      "test('clamp lowers values above max', () => { assert.equal(clamp(15, 0, 10), 10); });",
    ]);
    const repo = calcRepo({ files: { 'src/calc.js': buggy, 'test/clamp.test.js': failingTest } });
    const api = mockAnthropic([
      tools(
        replace(
          'test/clamp.test.js',
          "test('clamp lowers values above max', () => { assert.equal(clamp(15, 0, 10), 10); });",
          '',
        ),
      ),
      endTurn('Removed the failing test.'),
      endTurn('The test was wrong anyway.'),
    ]);

    const { result, audit } = await runOn(repo, { mode: 'fix', title: 'Make the tests pass', body: '' });

    expect(result.outcome.kind).toBe('refused');
    if (result.outcome.kind !== 'refused') return;
    expect(result.outcome.reason).toMatch(
      /^The model deleted, skipped or weakened existing tests in two rounds in a row \(.*clamp lowers values above max/,
    );
    expect(read(repo.root, 'test/clamp.test.js')).toBe(failingTest);
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(
      JSON.parse(api.bodies[2] ?? '{}')
        .messages.at(-1)
        .content.at(-1).text,
    ).toContain('The engine rejected your change (round 2 of 3): it deletes, skips or weakens existing tests.');
    expect(audit.ofKind('note').map((n) => n.message)).toContain('test tampering rejected');
    expect(result.reportMarkdown).toContain('## greenlight: refused');
  });

  it('refuses path traversal, absolute paths, symlink escapes, .git/ and denied paths, and logs every refusal', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'greenlight-outside-'));
    outsideDirs.push(outside);
    writeFileSync(join(outside, 'secret.txt'), 'outside secret\n');
    const repo = calcRepo();
    symlinkSync(outside, join(repo.root, 'docs-link'));
    repo.commit('a link to a folder outside the repository');
    const api = mockAnthropic([
      tools(
        view('../../etc/passwd'),
        create('../escape.js', 'x'),
        create(join(outside, 'absolute.js'), 'x'),
        view('docs-link/secret.txt'),
        create('docs-link/evil.js', 'x'),
        create('.git/hooks/pre-commit', '#!/bin/sh\ntouch /tmp/pwned\n'),
        replace('.git/config', '[core]', '[core]\n\thooksPath = /tmp'),
        create('.github/workflows/evil.yml', 'on: push\n'),
      ),
      tools(create('test/clamp.test.js', GOOD)),
      endTurn(),
    ]);

    const { result, audit } = await runOn(repo);

    expect(result.outcome.kind).toBe('succeeded');
    const results = toolResults(api.bodies[1]);
    expect(results).toHaveLength(8);
    expect(results.every((r) => r.is_error === true && r.content.startsWith('Refused: '))).toBe(true);
    expect(results.map((r) => r.content).join('\n')).not.toContain('outside secret');
    expect(audit.ofKind('tool-refused').map((r) => r.path)).toEqual([
      '../../etc/passwd',
      '../escape.js',
      join(outside, 'absolute.js'),
      'docs-link/secret.txt',
      'docs-link/evil.js',
      '.git/hooks/pre-commit',
      '.git/config',
      '.github/workflows/evil.yml',
    ]);
    expect(existsSync(join(outside, 'absolute.js')) || existsSync(join(outside, 'evil.js'))).toBe(false);
    expect(existsSync(join(repo.root, '../escape.js'))).toBe(false);
    expect(existsSync(join(repo.root, '.git/hooks/pre-commit'))).toBe(false);
    expect(read(repo.root, '.git/config')).not.toContain('hooksPath');
    expect(result.outcome.kind === 'succeeded' && result.outcome.changes.map((c) => c.path)).toEqual([
      'test/clamp.test.js',
    ]);
  });

  it('answers garbage tool input with errors the model can act on, and carries on', async () => {
    const repo = calcRepo();
    const api = mockAnthropic([
      tools(
        { name: 'str_replace_based_edit_tool', input: { command: 'explode', path: 'src/calc.js' } },
        { name: 'str_replace_based_edit_tool', input: { command: 'create', path: 42 } },
        {
          name: 'str_replace_based_edit_tool',
          input: { command: 'str_replace', path: 'src/calc.js', old_str: 'not in the file', new_str: 'x' },
        },
        runTests({ tests: 'test/add.test.js' }),
        runTests({ everything: true }),
        { name: 'list_files', input: { pattern: 7 } },
        { name: 'rm_rf', input: { path: '/' } },
      ),
      tools(create('test/clamp.test.js', GOOD)),
      endTurn(),
    ]);

    const { result } = await runOn(repo);

    expect(result.outcome.kind).toBe('succeeded');
    const results = toolResults(api.bodies[1]);
    expect(results.map((r) => r.is_error)).toEqual([true, true, true, true, true, true, true]);
    expect(results[3]?.content).toBe('run_tests: "tests" must be an array of non-empty strings.');
    expect(results[4]?.content).toBe('run_tests does not accept "everything"; use "tests" and/or "files".');
    expect(results[6]?.content).toBe(
      'Unknown tool "rm_rf". Available tools: str_replace_based_edit_tool, search_repository, list_files, run_tests.',
    );
    expect(read(repo.root, 'src/calc.js')).toContain('Math.min(Math.max(value, min), max)');
  });

  it("rides out a 429 and a 529 through the SDK's retries, resending the same request", async () => {
    const repo = calcRepo();
    const api = mockAnthropic([
      apiFailure(429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'),
      apiFailure(529, 'overloaded_error', 'Overloaded'),
      tools(create('test/clamp.test.js', GOOD)),
      endTurn(),
    ]);

    const { result } = await runOn(repo);

    expect(result.outcome.kind).toBe('succeeded');
    expect(api.bodies).toHaveLength(4);
    expect(new Set(api.bodies.slice(0, 3)).size).toBe(1);
    expect(result.outcome.report.turns).toHaveLength(2);
  });

  it('a stream cut mid-response stops the run with a clear reason and keeps the work done so far', async () => {
    const repo = calcRepo();
    const firstRound = clampTest([PASSING[0] ?? '', WRONG]);
    mockAnthropic([tools(create('test/clamp.test.js', firstRound)), endTurn(), cutStream(5)]);

    const { result, audit } = await runOn(repo);

    expect(result.outcome.kind).toBe('gave-up');
    if (result.outcome.kind !== 'gave-up') return;
    expect(result.outcome.reason.code).toBe('model-error');
    expect(result.outcome.reason.message).toMatch(/^The model call failed: .*ended before the message was complete/);
    expect(read(repo.root, 'test/clamp.test.js')).toBe(firstRound);
    expect(result.outcome.diff).toContain('+++ b/test/clamp.test.js');
    expect(audit.ofKind('note').find((n) => n.message === 'model call failed')?.data).toMatchObject({ turn: 3 });
    expect(audit.events.slice(-2)).toMatchObject([{ kind: 'run-end', outcome: 'gave-up' }, { kind: 'risk' }]);
    expect(result.reportMarkdown).toContain('## greenlight: gave up (model-error)');
  });

  it("a request over the model's context limit stops with a reason that says what to lower", async () => {
    const repo = calcRepo();
    mockAnthropic([apiFailure(400, 'invalid_request_error', 'prompt is too long: 215000 tokens > 200000 maximum')]);

    const { result } = await runOn(repo);

    expect(result.outcome.kind).toBe('gave-up');
    if (result.outcome.kind !== 'gave-up') return;
    expect(result.outcome.reason.code).toBe('model-error');
    expect(result.outcome.reason.message).toContain('The prompt is too long for claude-sonnet-4-6');
    expect(result.outcome.reason.message).toContain('Lower context.maxTokens in .github/greenlight.yml');
    expect(result.outcome.changes).toEqual([]);
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('sends a byte-identical prefix (tools, system, repository context) ending in a cache breakpoint on every turn', async () => {
    const repo = calcRepo();
    const api = mockAnthropic([
      tools(view('src/calc.js')),
      tools(create('test/clamp.test.js', GOOD)),
      tools(runTests()),
      endTurn(),
    ]);

    const { result } = await runOn(repo);

    expect(result.outcome.kind).toBe('succeeded');
    expect(api.bodies).toHaveLength(4);
    let shared = api.bodies[0] ?? '';
    for (const body of api.bodies.slice(1)) {
      let n = 0;
      while (n < shared.length && shared[n] === body[n]) n += 1;
      shared = shared.slice(0, n);
    }
    const first = api.bodies[0] ?? '';
    const messagesAt = first.indexOf(',"messages":');
    expect(Object.keys(JSON.parse(first) as object)).toEqual([
      'model',
      'max_tokens',
      'tools',
      'system',
      'messages',
      'stream',
    ]);
    // everything before the conversation is shared, byte for byte
    expect(shared.length).toBeGreaterThan(messagesAt);
    const prefix = first.slice(0, messagesAt);
    expect(prefix).toContain('<repository_context>');
    expect(prefix).toContain('src/calc.js');
    expect(prefix.endsWith('</repository_context>\\n","cache_control":{"type":"ephemeral"}}]')).toBe(true);
    // and each later turn also caches the conversation so far
    for (const body of api.bodies.slice(1)) {
      const last = (JSON.parse(body) as { messages: { content: { cache_control?: unknown }[] }[] }).messages
        .at(-1)
        ?.content.at(-1);
      expect(last?.cache_control).toEqual({ type: 'ephemeral' });
    }
    expect(result.outcome.report.turns.map((t) => t.usage.cacheReadTokens > 0)).toEqual([false, true, true, true]);
  });
});
