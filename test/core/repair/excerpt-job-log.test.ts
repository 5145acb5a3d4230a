import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXCERPT_LIMITS, excerptJobLog } from '../../../src/core/repair/excerpt-job-log.ts';

const LOG = readFileSync(join(import.meta.dirname, '../../fixtures/ci-logs/node-test-failure.log'), 'utf8');
const stamp = (lines: string[]) => lines.map((l, i) => `2025-06-30T10:00:0${i % 10}.0000000Z ${l}`).join('\n');

describe('excerptJobLog', () => {
  it('finds the failing step of a real job log, its error lines and the end of its output, without timestamps or colours', () => {
    const excerpt = excerptJobLog(LOG, ['Run npm test']);
    expect(excerpt.step).toBe('Run npm test');
    expect(excerpt.errorLines).toEqual([
      '✖ clamp raises values below min (1.61391ms)',
      'ℹ fail 1',
      '✖ failing tests:',
      'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:',
      'error: Process completed with exit code 1.',
    ]);
    expect(excerpt.tail.at(-1)).toBe('error: Process completed with exit code 1.');
    expect(excerpt.tail).toContain('test at test/clamp.test.js:4:1');
    expect(excerpt.tail).toContain('  -1 !== 0');
    const text = [...excerpt.errorLines, ...excerpt.tail].join('\n');
    expect(text).not.toMatch(/\u001b|2025-06-30T/);
    // Nothing from other steps: the checkout, npm ci, the step's own command block, the post-job lines.
    expect(text).not.toMatch(/Syncing repository|found 0 vulnerabilities|shell: \/usr\/bin\/bash|Cleaning up orphan/);
  });

  it('takes the last step with an ##[error] line when GitHub names no failed step, or one the log does not show', () => {
    expect(excerptJobLog(LOG, []).step).toBe('Run npm test');
    expect(excerptJobLog(LOG, ['Unit tests']).step).toBe('Run npm test');
  });

  it('prefers the step GitHub names over a later one with an error', () => {
    const log = stamp([
      '##[group]Run npm run lint',
      'npm run lint',
      '##[endgroup]',
      'src/a.ts: error  no-unused-vars',
      '##[group]Run npm test',
      'npm test',
      '##[endgroup]',
      '##[error]Process completed with exit code 1.',
    ]);
    const excerpt = excerptJobLog(log, ['Run npm run lint']);
    expect(excerpt.step).toBe('Run npm run lint');
    expect(excerpt.errorLines).toEqual(['src/a.ts: error  no-unused-vars']);
  });

  it('bounds what it keeps: error lines, line length, tail lines and characters', () => {
    const noisy = stamp([
      '##[group]Run pytest',
      'pytest',
      '##[endgroup]',
      ...Array.from({ length: 500 }, (_, i) => `FAILED tests/test_${i}.py::test_x - assert ${'x'.repeat(400)}`),
      '##[error]Process completed with exit code 1.',
    ]);
    const excerpt = excerptJobLog(noisy, ['Run pytest']);
    expect(excerpt.errorLines).toHaveLength(DEFAULT_EXCERPT_LIMITS.maxErrorLines);
    expect(excerpt.errorLines[0]?.length).toBe(DEFAULT_EXCERPT_LIMITS.maxLineChars);
    expect(excerpt.errorLines[0]?.endsWith('…')).toBe(true);
    expect(excerpt.tail.join('\n').length).toBeLessThanOrEqual(DEFAULT_EXCERPT_LIMITS.maxTailChars);
    expect(excerpt.tail.length + excerpt.omittedLines).toBe(501);
    expect(excerpt.tail.at(-1)).toBe('error: Process completed with exit code 1.');
  });

  it('keeps each error line once, and copes with a log that has no step markers', () => {
    const excerpt = excerptJobLog('boom: Error: ENOENT\nboom: Error: ENOENT\ndone\n', ['Build']);
    expect(excerpt).toEqual({
      step: null,
      errorLines: ['boom: Error: ENOENT'],
      tail: ['boom: Error: ENOENT', 'boom: Error: ENOENT', 'done'],
      omittedLines: 0,
    });
  });
});
