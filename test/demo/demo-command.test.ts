import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { costOfUsage } from '../../src/core/cost/cost-of-usage.ts';
import type { AuditRecord } from '../../src/ports/audit.ts';
import { requireTool, skipWithout } from '../setup/require-tool.ts';
import { demo, git, tempDir, testsPassOn, userEnv } from './demo-harness.ts';

const haveBwrap = await requireTool('bwrap');

const BRANCH = 'greenlight/issue-1-add-unit-tests-for-carttotal';

function auditEvents(path: string): AuditRecord['event'][] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as AuditRecord).event);
}

describe('greenlight demo', () => {
  it('runs the whole pipeline on the example in the bubblewrap sandbox with replayed answers, a real failing first round, and leaves the result on a branch', async (test) => {
    skipWithout(test, haveBwrap, 'bubblewrap');
    const dir = join(tempDir(), 'shop');

    const result = await demo(['--keep', dir]);

    expect(result.code).toBe(0);
    // labelled as a replay before anything runs, and again at the end
    expect(result.err.split('\n')[0]).toMatch(
      /^REPLAY: the model's answers are replayed from .*examples\/demo-repo\.transcript\.jsonl; no model is called, no API key or network is used\.$/,
    );
    expect(result.err).toContain("Scripted transcript: the model's answers and their token usage were written by hand");
    expect(result.out.trimEnd().split('\n').at(-1)).toBe(
      'REPLAY: 5 recorded model responses replayed, the run matched the recording.',
    );
    // live progress on stderr
    expect(result.err).toContain('✓ baseline — 3 passed');
    expect(result.err).toContain('✓ verify — full suite passed; 5 new/changed test(s) passed 2 reruns');
    // the checklist and the pull-request body with the risk tier
    expect(result.out).toContain('## Progress checklist\n\n- [x] Understand the request\n');
    expect(result.out).toContain(`- [x] Publish — branch ${BRANCH}`);
    expect(result.out).toContain('## greenlight: change verified');
    expect(result.out).toContain('| `test/cart.test.js` | added | +25 −0 |');
    expect(result.out).toContain('### Risk: `low`');
    expect(result.out).toContain('Closes #1');
    // the summary
    expect(result.out).toContain(
      'Iterations:  2 of 3 — round 1: related tests failed (4 passed, 1 failing); round 2: tests passed (8 passed, 0 failing)',
    );
    expect(result.out).toContain('Tests:       before 3 passed (3 total) · after 8 passed (8 total)');
    expect(result.out).toContain('Risk tier:   low (test/cart.test.js: tests only');
    expect(result.out).toContain(
      'Tokens:      20,340 (input 50 · cache write 4,770 · cache read 14,440 · output 1,080)',
    );
    const usd = costOfUsage('claude-sonnet-4-6', {
      inputTokens: 50,
      cacheWriteTokens: 4_770,
      cacheReadTokens: 14_440,
      outputTokens: 1_080,
    });
    expect(usd.priced && usd.usd).toBeCloseTo(0.0386, 4);
    expect(result.out).toContain(
      'Real cost:   $0.0386 — what these tokens cost with claude-sonnet-4-6 at list price ($3 input / $15 output / $3.75 cache write / $0.30 cache read per million tokens)',
    );
    expect(result.out).toContain('│   849 !== 850');
    expect(result.out).toContain(
      `Branch:      ${BRANCH} in ${dir} (you are on main)\n             git -C ${dir} log --stat main..${BRANCH}`,
    );

    // the branch exists in a real repository, one commit on the example's base, and its tests pass
    expect(git(dir, 'symbolic-ref', '--short', 'HEAD').trim()).toBe('main');
    expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(git(dir, 'rev-parse', `${BRANCH}^`).trim()).toBe(git(dir, 'rev-parse', 'main').trim());
    expect(git(dir, 'diff', '--name-status', 'main', BRANCH)).toBe('A\ttest/cart.test.js\n');
    expect(git(dir, 'show', `${BRANCH}:test/cart.test.js`)).toContain('discountPercent: 15 }), 849);');
    expect(testsPassOn(dir, BRANCH)).toBe(true);

    // the first round failed for real: the sandboxed test run exited 1, and the failure went back to the model
    const auditPath = /this run's audit log: (\S+)/.exec(result.err)?.[1] ?? '';
    const events = auditEvents(auditPath);
    const runs = events
      .filter((e) => e.kind === 'command')
      .map((e) => (e.kind === 'command' ? [e.command, e.exitCode] : []));
    expect(runs[0]).toEqual(['npm test', 0]);
    expect(runs[1]).toEqual(['npm test [test/cart.test.js]', 1]);
    const feedback = events.find((e) => e.kind === 'model-request' && e.turn === 4);
    expect(JSON.stringify(feedback)).toContain('849 !== 850');

    // bubblewrap works here, so it ran the tests, and nothing speaks of running without one
    expect(result.out).toContain('Generated code ran under `bwrap` with network off');
    expect(`${result.err}\n${result.out}`).not.toMatch(/NO SANDBOX|WARNING: --sandbox none/);
  });

  it("--json prints the summary as data; --replay of the demo's own audit log reproduces the run in a clone", async () => {
    const dir = join(tempDir(), 'shop');
    const first = await demo(['--keep', dir, '--json']);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.out) as Record<string, unknown>;
    expect(summary).toMatchObject({
      replay: { scripted: true, responsesUsed: 5 },
      matchedRecording: true,
      divergences: [],
      dir,
      outcome: 'succeeded',
      branch: BRANCH,
      baseBranch: 'main',
      risk: 'low',
      iterations: 2,
      maxIterations: 3,
      model: 'claude-sonnet-4-6',
      tokens: 20_340,
      rounds: [
        { round: 1, result: 'related-failed' },
        { round: 2, result: 'passed' },
      ],
      tests: { before: { passed: 3, total: 3 }, after: { passed: 8, total: 8 } },
    });
    expect(summary.costUsd).toBeCloseTo(0.0386, 4);
    expect(summary.report).toContain('## greenlight: change verified');
    expect(summary.checklist).toContain('- [x] Generate, test and fix — 2 of 3 rounds');

    const auditLog = summary.auditLog as string;
    const replay = await demo(['--replay', auditLog, '--repo', dir]);

    expect(replay.code).toBe(0);
    expect(replay.err.split('\n')[0]).toBe(
      `REPLAY: the model's answers are replayed from ${auditLog}; no model is called, no API key or network is used.`,
    );
    const clone = /Replaying in (\S+), a clone of (\S+) at the recorded base ([0-9a-f]{12});/.exec(replay.err);
    expect(clone?.[2]).toBe(dir);
    expect(clone?.[3]).toBe(git(dir, 'rev-parse', 'main').trim().slice(0, 12));
    expect(replay.out).toContain(
      'Iterations:  2 of 3 — round 1: related tests failed (4 passed, 1 failing); round 2: tests passed (8 passed, 0 failing)',
    );
    expect(replay.out.trimEnd().split('\n').at(-1)).toBe(
      'REPLAY: 5 recorded model responses replayed, the run matched the recording.',
    );
    // the user's checkout is untouched: no new branch or worktree; the result is in the clone
    expect(git(dir, 'for-each-ref', '--format=%(refname:short)', 'refs/heads')).toBe(`${BRANCH}\nmain\n`);
    expect(git(dir, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    const cloneDir = clone?.[1] ?? '';
    expect(git(cloneDir, 'show', 'greenlight/issue-local-add-unit-tests-for-carttotal:test/cart.test.js')).toBe(
      git(dir, 'show', `${BRANCH}:test/cart.test.js`),
    );
    expect(replay.out).toContain(
      `into your checkout: git -C ${dir} fetch ${cloneDir} greenlight/issue-local-add-unit-tests-for-carttotal:greenlight/issue-local-add-unit-tests-for-carttotal`,
    );
  });

  it('runs without a sandbox where bubblewrap cannot create one, saying why; --sandbox bwrap stops instead, before making anything', async () => {
    // a bwrap that fails as it does where unprivileged user namespaces are disabled
    const bin = join(tempDir(), 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'bwrap'), '#!/bin/sh\necho "bwrap: setting up uid map: Permission denied" >&2\nexit 1\n', {
      mode: 0o755,
    });
    const env = userEnv({ PATH: `${bin}:${userEnv().PATH ?? ''}` });
    const reason =
      'NO SANDBOX: bwrap cannot create a sandbox here: bwrap: setting up uid map: Permission denied (unprivileged user namespaces are disabled';

    const dir = join(tempDir(), 'shop');
    const fallback = await demo(['--keep', dir, '--json'], { env });
    expect(fallback.code).toBe(0);
    const summary = JSON.parse(fallback.out) as { sandbox: unknown; report: string; outcome: string };
    expect(summary.outcome).toBe('succeeded');
    expect(summary.sandbox).toEqual({
      driver: 'none',
      because: 'unavailable',
      reason: expect.stringContaining(
        'bwrap cannot create a sandbox here: bwrap: setting up uid map: Permission denied',
      ),
    });
    expect(summary.report).toContain('Generated code ran under `none` with network **on**');
    // beside JSON, the notes go to stderr: first, and again last
    const err = fallback.err.trimEnd().split('\n');
    expect(err[0]).toContain(reason);
    expect(err.at(-7)).toBe(err[0]);
    expect(err.at(-1)).toBe('NO SANDBOX: To run the demo sandboxed (Linux): sudo apt-get install bubblewrap');
    expect(git(dir, 'show', 'main:.github/greenlight.yml')).toContain('driver: none');

    const strictDir = join(tempDir(), 'shop');
    const strict = await demo(['--keep', strictDir, '--sandbox', 'bwrap'], { env });
    expect(strict.code).toBe(2);
    expect(strict.err).toBe(
      "greenlight demo: --sandbox bwrap asks for the example's tests to run inside a bubblewrap sandbox, but bwrap cannot create a sandbox here: " +
        'bwrap: setting up uid map: Permission denied (unprivileged user namespaces are disabled: on Ubuntu 24.04 run `sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0`; ' +
        'elsewhere check kernel.unprivileged_userns_clone and user.max_user_namespaces). Install bubblewrap (sudo apt-get install bubblewrap) and run the demo again, ' +
        'or leave out --sandbox: without a working bubblewrap the demo then runs its own example without isolation, and says so.',
    );
    expect(existsSync(strictDir)).toBe(false);
  });

  it('--sandbox none runs without isolation only when asked, and says so loudly at the start, in the report and at the end', async () => {
    const dir = join(tempDir(), 'shop');
    const result = await demo(['--keep', dir, '--sandbox', 'none']);

    expect(result.code).toBe(0);
    expect(result.err.split('\n')[0]).toBe(
      "WARNING: --sandbox none: the example's tests and the replayed model's tests run WITHOUT any isolation,",
    );
    expect(result.out).toContain('Generated code ran under `none` with network **on**');
    expect(result.out.trimEnd().split('\n').at(-1)).toBe(
      'WARNING: greenlight never does this unless asked; install bubblewrap to run the demo sandboxed.',
    );
    expect(git(dir, 'show', 'main:.github/greenlight.yml')).toContain('driver: none');
  });

  it.each([
    [['--repo', '.'], '--repo goes with --replay'],
    [['--sandbox', 'docker'], '--sandbox must be auto (the default), bwrap or none, got "docker"'],
    [['--replay', 'audit.jsonl', '--sandbox', 'none'], "--sandbox is for the demo's example"],
    [['--replay', 'missing.jsonl'], 'Cannot read the audit log'],
  ])('refuses %j with a usage message', async (args, message) => {
    const result = await demo(args);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
  });

  it("refuses a --keep directory that is not empty, so nothing of the user's is overwritten", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'mine'));
    writeFileSync(join(dir, 'mine', 'notes.txt'), 'keep me\n');
    const result = await demo(['--keep', join(dir, 'mine')]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`--keep ${join(dir, 'mine')} is not empty: give a new or empty directory`);
    expect(readFileSync(join(dir, 'mine', 'notes.txt'), 'utf8')).toBe('keep me\n');
  });
});
