/** README's preflight refusal is what greenlight prints for that case, word for word. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/core/config/repo-config.ts';
import { renderPreflightRefusal } from '../../src/core/report/render-preflight-refusal.ts';
import { judgeBaseline } from '../../src/core/testing/judge-baseline.ts';
import { report, testCase } from '../core/testing/report-builders.ts';

const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

describe('README "A preflight that spends nothing"', () => {
  it('shows the refusal of a pnpm project without pnpm exactly as it is rendered', () => {
    const shown = /\n````\n(The tests could not run[\s\S]*?)\n````\n/.exec(readme)?.[1];
    const baseline = report([testCase('(suite)', 'errored')], {
      command: 'pnpm test',
      crashed: true,
      structured: false,
      exitCode: 127,
      outputTail: 'sh: 1: pnpm: not found',
    });
    const problem = judgeBaseline(baseline, { allowNoTests: false, mode: 'generate', command: 'pnpm test' });
    expect(problem).not.toBeNull();
    const rendered = renderPreflightRefusal({
      problem: problem!,
      command: {
        runner: 'vitest',
        command: 'pnpm test',
        reason: 'using `pnpm test` from package.json (pnpm-lock.yaml → pnpm); the script `vitest run`: it runs vitest',
      },
      config: defaultConfig(),
    });
    expect(shown).toBe(rendered);
  });
});
