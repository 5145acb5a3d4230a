// End to end through the bundled Action (test/e2e/action-world.ts): a `/fix` on a pull request
// whose `clamp` ignores its maximum. Proof that a fix reproduces the bug (its new test
// against the base), and the evidence record in the comment and in greenlight-evidence.json,
// which must be exactly what the audit log says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAuditLog } from '../../src/adapters/audit/read-audit-log.ts';
import { buildEvidence } from '../../src/core/evidence/build-evidence.ts';
import { Evidence } from '../../src/core/evidence/evidence.ts';
import { EVIDENCE_SCHEMA_ID } from '../../src/core/evidence/evidence-json-schema.ts';
import { FAST_CONFIG } from '../fixtures/repos/calc-repo.ts';
import { requireTool, skipWithout } from '../setup/require-tool.ts';
import { createFile, endReply, toolReply } from './fake-anthropic.ts';
import { clampTest } from '../integration/job-harness.ts';
import { actionWorlds, branches, fixComment, show, type World } from './action-world.ts';

const haveBwrap = await requireTool('bwrap');
const world = actionWorlds();

const BUGGY_CALC = `export function add(a, b) {
  return a + b;
}

/** Limits value to the range [min, max]. */
export function clamp(value, min, max) {
  return Math.max(value, min);
}
`;
const FIX = {
  name: 'str_replace_based_edit_tool',
  input: {
    command: 'str_replace',
    path: 'src/calc.js',
    old_str: 'return Math.max(value, min);',
    new_str: 'return Math.min(Math.max(value, min), max);',
  },
};
/** Reproduces the bug: clamp(15, 0, 10) is 15 before the fix. */
const REPRODUCING = clampTest([
  "test('clamp lowers values above max', () => { assert.equal(clamp(15, 0, 10), 10); });",
]);
/** Passes with or without the fix: shows nothing about the bug. */
const NOT_REPRODUCING = clampTest([
  "test('clamp keeps values inside the range', () => { assert.equal(clamp(5, 0, 10), 5); });",
]);
const REPRODUCING_ID = 'test/clamp.test.js::clamp lowers values above max';
const NOT_REPRODUCING_ID = 'test/clamp.test.js::clamp keeps values inside the range';

/** A pull request #7 on `fix/clamp` (the bug is on main already) and alice's `/fix` comment. */
async function fixWorld(
  config = FAST_CONFIG,
): Promise<{ w: World; head: string; comment: ReturnType<typeof fixComment> }> {
  const w = await world({ config, files: { 'src/calc.js': BUGGY_CALC } });
  const head = w.push('fix/clamp', { 'README.md': '# calc\n\nclamp is broken above max.\n' }, 'docs: clamp bug');
  w.github.addPull({ number: 7, headRef: 'fix/clamp', title: 'clamp ignores max', labels: [] });
  const body = '/fix clamp ignores max';
  w.github.comments.push({
    id: 555,
    issue: 7,
    body,
    user: { login: 'alice', id: 1001, type: 'User' },
    created_at: '',
    updated_at: '',
    html_url: '',
  });
  return { w, head, comment: fixComment(7, body, 555) };
}

const progressOn = (w: World, issue: number) =>
  w.github.commentsOn(issue).find((c) => c.user.type === 'Bot')?.body ?? '';

describe('proof that a fix reproduces the bug, and the evidence record, through the bundled Action', () => {
  it('a fix whose new test fails on the base: "yes"; greenlight-evidence.json is exactly what the audit log says', async (test) => {
    skipWithout(test, haveBwrap, 'bubblewrap');
    const { w, head, comment } = await fixWorld();
    w.anthropic.script([toolReply(createFile('test/clamp.test.js', REPRODUCING), FIX), endReply('Fixed clamp.')]);

    const run = await w.run('issue_comment', comment);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: 'updated', pr_number: '7', branch: 'fix/clamp' });
    const newHead = w.github.branchSha('fix/clamp') ?? '';
    expect(newHead).not.toBe(head);
    expect(show(w, `${newHead}:src/calc.js`)).toContain('Math.min(Math.max(value, min), max)');

    // The evidence file: the record the audit log gives, nothing more, nothing less.
    const evidencePath = run.outputs['evidence'] ?? '';
    expect(evidencePath).toMatch(/greenlight-evidence\.json$/);
    const file = JSON.parse(readFileSync(evidencePath, 'utf8')) as Evidence;
    const log = parseAuditLog(readFileSync(run.outputs['audit_log'] ?? '', 'utf8'));
    expect(file).toEqual({ $schema: EVIDENCE_SCHEMA_ID, ...buildEvidence(log.records, log) });
    expect(Evidence.parse(file)).toEqual(file);

    // …and what it says is true of the world.
    expect(file.commit).toEqual({ sha: newHead, parent: head, branch: 'fix/clamp', pushed: true, role: 'fix' });
    expect(file.run).toMatchObject({ mode: 'fix', base: head, outcome: 'succeeded', model: 'claude-sonnet-4-6' });
    expect(file.failBeforeFix).toEqual({
      expectation: 'fail',
      required: false,
      reverted: ['src/calc.js'],
      tests: [{ id: REPRODUCING_ID, origin: 'new', before: 'failed' }],
      timedOut: false,
      met: true,
    });
    // The usage the Anthropic stand-in reported for its two answers (test/e2e/fake-anthropic.ts).
    expect(file.modelCalls).toBe(w.anthropic.bodies.length);
    expect(file.tokens).toEqual({ input: 600, output: 160, cacheWrite: 2_000, cacheRead: 2_000, total: 4_760 });
    expect(file.costUsd).toBeGreaterThan(0);
    expect(file.tests).toEqual({
      before: { passed: 1, failed: 0, errored: 0, skipped: 0, total: 1 },
      after: { passed: 2, failed: 0, errored: 0, skipped: 0, total: 2 },
    });
    expect(file.reruns).toEqual({ count: 1, tests: [REPRODUCING_ID], flaky: [], droppedFiles: [] });
    expect(file.rounds).toEqual([{ round: 1, modelCalls: 2, toolCalls: 2, result: 'passed', tests: file.tests.after }]);
    expect(file.commands.map((c) => [c.purpose, c.exitCode])).toEqual([
      ['baseline', 0],
      ['related', 0],
      ['full', 0],
      ['rerun', 0],
      ['before-fix', 1],
      // The verdict: the full suite on a fresh checkout of exactly the change (docs/security.md §28).
      ['fresh-checkout', 0],
    ]);
    expect(file.commands.every((c) => c.durationMs !== null && c.durationMs > 0)).toBe(true);
    expect(file.testMinutes).toBeGreaterThan(0);
    expect(file.sandbox).toMatchObject({ driver: 'bwrap', network: 'off' });
    expect(file.risk?.source).toBe('publish');
    expect(file.risk?.files.map((f) => f.path).sort()).toEqual(['README.md', 'src/calc.js', 'test/clamp.test.js']);

    // The /fix comment ends with the same record, and says "fails before the fix: yes".
    const progress = progressOn(w, 7);
    expect(progress).toContain('Pushed a verified commit to `fix/clamp` (#7).');
    const evidence = progress.slice(progress.indexOf('### Evidence'));
    expect(progress.trimEnd().endsWith(evidence.trimEnd())).toBe(true);
    expect(evidence).toContain(
      `| Commit | \`${newHead.slice(0, 12)}\` on \`fix/clamp\`, parent \`${head.slice(0, 12)}\`, a fix |`,
    );
    expect(evidence).toContain('| Fails before the fix | **yes**: 1 of 1 new or changed test fails on the base |');
    expect(evidence).toContain('| Tokens | 4,760 (input 600, output 160, cache write 2,000, cache read 2,000) |');
    expect(evidence).toContain(`| \`${REPRODUCING_ID}\` | **yes** (failed) |`);
    expect(w.github.unhandled).toEqual([]);
  }, 180_000);

  it('a fix whose new test passes on the base is reported as "no", and still pushed by default', async (test) => {
    skipWithout(test, haveBwrap, 'bubblewrap');
    const { w, comment } = await fixWorld();
    w.anthropic.script([toolReply(createFile('test/clamp.test.js', NOT_REPRODUCING), FIX), endReply()]);

    const run = await w.run('issue_comment', comment);

    expect(run.code).toBe(0);
    expect(run.outputs['outcome']).toBe('updated');
    const progress = progressOn(w, 7);
    expect(progress).toContain(`| \`${NOT_REPRODUCING_ID}\` | no (passed) |`);
    expect(progress).toContain('| Fails before the fix | **no**: 0 of 1 new or changed test fail on the base |');
    const file = JSON.parse(readFileSync(run.outputs['evidence'] ?? '', 'utf8')) as Evidence;
    expect(file.failBeforeFix).toMatchObject({ met: false, required: false });
  }, 180_000);

  it('with verify.requireFailBeforeFix the same fix is refused: the model is told, nothing lands on the pull request', async (test) => {
    skipWithout(test, haveBwrap, 'bubblewrap');
    const config = `${FAST_CONFIG.replace('maxIterations: 3', 'maxIterations: 2')}verify:\n  requireFailBeforeFix: true\n`;
    const { w, head, comment } = await fixWorld(config);
    w.anthropic.script([
      toolReply(createFile('test/clamp.test.js', NOT_REPRODUCING), FIX),
      endReply(),
      // Round 2: the model ends its turn without changing anything more.
      endReply('The test is fine.'),
    ]);

    const run = await w.run('issue_comment', comment);

    expect(run.code).toBe(1);
    expect(run.outputs['outcome']).toBe('gave-up');
    // The first request said what is required; round 2 started with why the fix was not accepted.
    expect(w.anthropic.bodies[0]).toContain('at least one of them must fail there and pass with your fix');
    expect(w.anthropic.bodies[2]).toContain(
      `Against the code before your fix, these new or changed tests pass as well, so none of them shows the bug: ${NOT_REPRODUCING_ID}.`,
    );
    // The pull request keeps its head; the work so far waits on a branch of its own.
    expect(w.github.branchSha('fix/clamp')).toBe(head);
    expect(branches(w)).toContain('greenlight/fix-pr-7-wip');
    const progress = progressOn(w, 7);
    expect(progress).toContain('**Stopped without a verified change.**');
    expect(progress).toContain('No new or changed test fails without the fix (verify.requireFailBeforeFix)');
    expect(progress).toContain(
      '| Fails before the fix | **no**: 0 of 1 new or changed test fail on the base (required) |',
    );
    const file = JSON.parse(readFileSync(run.outputs['evidence'] ?? '', 'utf8')) as Evidence;
    expect(file.run?.outcome).toBe('gave-up');
    expect(file.commit).toMatchObject({ branch: 'greenlight/fix-pr-7-wip', role: 'work-in-progress', pushed: true });
    // Round 2 changed nothing, so the same change failed the same check again.
    expect(file.rounds.map((r) => r.result)).toEqual(['not-reproduced', 'not-reproduced']);
  }, 180_000);
});
