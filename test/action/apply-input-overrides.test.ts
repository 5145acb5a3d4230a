import { describe, expect, it } from 'vitest';
import { applyInputOverrides } from '../../src/action/apply-input-overrides.ts';
import { parseConfig } from '../../src/core/config/parse-config.ts';

describe('applyInputOverrides', () => {
  const parsed = parseConfig(
    'trigger:\n  label: make-it\nbudgets:\n  maxIterations: 7\n  maxTokens: 5000\ntests:\n  command: npm test\n',
  );
  if (!parsed.ok) throw new Error('fixture config invalid');

  it('keeps the file when no input is set', () => {
    expect(applyInputOverrides(parsed.config, {})).toEqual(parsed.config);
  });

  it('lets each input win over its config field, leaving the rest', () => {
    const config = applyInputOverrides(parsed.config, {
      triggerLabel: 'ai',
      fixCommand: '/greenlight',
      model: 'claude-opus-4-1',
      maxIterations: 2,
      maxCostUsd: 0.5,
      testCommand: 'make test',
    });
    expect(config.trigger).toEqual({ ...parsed.config.trigger, label: 'ai', fixCommand: '/greenlight' });
    expect(config.model.name).toBe('claude-opus-4-1');
    expect(config.budgets).toEqual({ ...parsed.config.budgets, maxIterations: 2, maxCostUsd: 0.5 });
    expect(config.budgets.maxTokens).toBe(5000);
    expect(config.tests.command).toBe('make test');
    expect(parsed.config.budgets.maxIterations).toBe(7);
  });
});
