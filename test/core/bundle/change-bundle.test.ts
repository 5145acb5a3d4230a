import { describe, expect, it } from 'vitest';
import { buildBundleManifest } from '../../../src/core/bundle/build-bundle-manifest.ts';
import { DEFAULT_BUNDLE_LIMITS } from '../../../src/core/bundle/bundle-limits.ts';
import type { BundleManifest } from '../../../src/core/bundle/change-bundle.ts';
import { parseBundleManifest } from '../../../src/core/bundle/parse-bundle-manifest.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';
import type { LoopOutcome, LoopReport } from '../../../src/core/loop/loop-outcome.ts';

const SHA = 'a'.repeat(40);
const totals = { passed: 3, failed: 0, errored: 0, skipped: 0, total: 3 };
const usage = { inputTokens: 10, outputTokens: 5, cacheWriteTokens: 0, cacheReadTokens: 2 };
const report = {
  model: 'claude-sonnet-4-6',
  usage,
  tests: { baseline: totals, final: totals, baselineFailures: [], baselineCrashed: false },
} as unknown as LoopReport;
const succeeded: LoopOutcome = {
  kind: 'succeeded',
  diff: 'diff --git a/x b/x\n',
  report,
  changes: [{ path: 'test/x.test.ts', status: 'added', binary: false, addedLines: [], removedLines: [] }],
};

function manifest(overrides: Partial<BundleManifest> = {}): BundleManifest {
  return {
    ...buildBundleManifest({
      outcome: succeeded,
      claimedTier: 'low',
      reportMarkdown: '## Report',
      costUsd: 0.12,
      mode: 'generate',
      target: { kind: 'issue', number: 4, title: 'Add tests' },
      baseSha: SHA,
      requester: { login: 'alice', id: 42 },
      patch: { bytes: 19, sha256: 'b'.repeat(64) },
      greenlightVersion: '0.1.0',
      createdAt: '2025-01-01T00:00:00.000Z',
    }),
    ...overrides,
  };
}

function invalid(text: string): string {
  try {
    parseBundleManifest(text);
  } catch (error) {
    expect(isGreenlightError(error, 'bundle-invalid')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected bundle-invalid');
}

describe('bundle manifest', () => {
  it('builds from a job and parses back unchanged', () => {
    const built = manifest();
    expect(built).toEqual({
      tool: 'greenlight',
      version: 1,
      greenlightVersion: '0.1.0',
      createdAt: '2025-01-01T00:00:00.000Z',
      mode: 'generate',
      target: { kind: 'issue', number: 4, title: 'Add tests' },
      baseSha: SHA,
      requester: { login: 'alice', id: 42 },
      outcome: { kind: 'succeeded' },
      claimedTier: 'low',
      reportMarkdown: '## Report',
      tests: { baseline: totals, final: totals },
      usage,
      costUsd: 0.12,
      model: 'claude-sonnet-4-6',
      patch: { file: 'change.patch', bytes: 19, sha256: 'b'.repeat(64) },
      files: [{ path: 'test/x.test.ts', status: 'added' }],
    });
    expect(parseBundleManifest(JSON.stringify(built))).toEqual(built);
  });

  it('records why a gave-up run stopped', () => {
    const gaveUp: LoopOutcome = {
      ...succeeded,
      kind: 'gave-up',
      reason: { code: 'iteration-budget', message: 'Ran out.' },
    };
    const built = buildBundleManifest({
      outcome: gaveUp,
      claimedTier: 'low',
      reportMarkdown: '',
      costUsd: 0,
      mode: 'generate',
      target: { kind: 'issue', number: 1, title: '' },
      baseSha: SHA,
      patch: { bytes: 0, sha256: 'c'.repeat(64) },
      greenlightVersion: '0.1.0',
      createdAt: '2025-01-01T00:00:00.000Z',
    });
    expect(built.outcome).toEqual({ kind: 'gave-up', stop: { code: 'iteration-budget', message: 'Ran out.' } });
  });

  it('refuses to bundle a refused run', () => {
    expect(() =>
      buildBundleManifest({
        outcome: { kind: 'refused', reason: 'no', report },
        claimedTier: 'low',
        reportMarkdown: '',
        costUsd: 0,
        mode: 'generate',
        target: { kind: 'issue', number: 1, title: '' },
        baseSha: SHA,
        patch: { bytes: 0, sha256: 'c'.repeat(64) },
        greenlightVersion: '0.1.0',
        createdAt: '2025-01-01T00:00:00.000Z',
      }),
    ).toThrow(/refused/);
  });

  it.each<[string, unknown, string]>([
    ['not JSON', '{', 'is not JSON'],
    ['another tool', { ...manifest(), tool: 'other' }, 'tool:'],
    ['a future version', { ...manifest(), version: 2 }, 'version:'],
    ['an unknown field', { ...manifest(), extra: true }, 'extra'],
    ['a short base SHA', { ...manifest(), baseSha: 'abc' }, 'baseSha: a full commit SHA'],
    ['an unknown tier', { ...manifest(), claimedTier: 'none' }, 'claimedTier'],
    [
      'a patch file elsewhere',
      { ...manifest(), patch: { file: '../../etc/passwd', bytes: 1, sha256: 'b'.repeat(64) } },
      'patch.file',
    ],
    [
      'a generate bundle for a pull request',
      { ...manifest(), target: { kind: 'pull-request', number: 4, headRef: 'x', headSha: SHA } },
      'target.kind: a generate bundle targets an issue',
    ],
    [
      'a fix bundle not based on the head',
      {
        ...manifest(),
        mode: 'fix',
        target: { kind: 'pull-request', number: 4, headRef: 'x', headSha: 'd'.repeat(40) },
      },
      'baseSha: a fix bundle starts from the pull request head',
    ],
    ['a gave-up without a reason', { ...manifest(), outcome: { kind: 'gave-up' } }, 'outcome.stop'],
    ['a forged requester', { ...manifest(), requester: { login: 'a b\nCo-authored-by: x' } }, 'requester.login'],
  ])('rejects %s', (_name, value, message) => {
    expect(invalid(typeof value === 'string' ? value : JSON.stringify(value))).toContain(message);
  });

  it.each<[string, Partial<typeof DEFAULT_BUNDLE_LIMITS>, string]>([
    ['a huge manifest', { manifestBytes: 100 }, 'larger than 100 bytes'],
    ['a huge patch', { patchBytes: 10 }, 'over the limit of 10'],
    ['a long report', { reportChars: 3 }, 'reportMarkdown is longer than 3'],
    ['too many files', { files: 0 }, 'more than 0 changed files'],
  ])('enforces limits: %s', (_name, limits, message) => {
    expect(() => parseBundleManifest(JSON.stringify(manifest()), { ...DEFAULT_BUNDLE_LIMITS, ...limits })).toThrow(
      message,
    );
  });
});
