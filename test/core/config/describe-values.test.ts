import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeFound } from '../../../src/core/config/describe-found.ts';
import { describeSchema } from '../../../src/core/config/describe-schema.ts';
import { formatConfigPath } from '../../../src/core/config/format-config-path.ts';

describe('describeSchema', () => {
  it.each([
    ['bounded integer', z.number().int().min(1).max(50).default(5), 'an integer from 1 to 50'],
    ['integer with a minimum', z.number().int().min(1_000), 'an integer ≥ 1000'],
    ['positive number', z.number().positive(), 'a number > 0'],
    ['number with an exclusive maximum', z.number().lt(1), 'a number < 1'],
    ['unbounded number', z.number(), 'a number'],
    ['non-empty string', z.string().min(1).optional(), 'a non-empty string'],
    ['minimum length', z.string().min(10), 'a string of at least 10 characters'],
    [
      'regex with a message',
      z.string().regex(/^\/\S+$/, 'a slash command such as /fix'),
      'a slash command such as /fix',
    ],
    ['regex without a message', z.string().regex(/^a+$/), 'a string matching /^a+$/'],
    ['url', z.string().url(), 'a URL'],
    ['plain string', z.string(), 'a string'],
    ['boolean', z.boolean().default(false), 'true or false'],
    ['enum', z.enum(['drop', 'fail']), 'one of "drop", "fail"'],
    ['list of strings', z.array(z.string()).default([]), 'a list of strings'],
    ['list of mappings', z.array(z.object({ a: z.string() })), 'a list of mappings'],
    ['list of numbers', z.array(z.number()), 'a list of numbers'],
    ['mapping', z.strictObject({}).prefault({}), 'a mapping'],
    ['record', z.record(z.string(), z.number()), 'a mapping of names to settings'],
    ['anything else', z.literal('x'), 'a valid value'],
  ])('%s', (_name, schema, expected) => {
    expect(describeSchema(schema)).toBe(expected);
  });
});

describe('describeFound', () => {
  it.each([
    [undefined, 'nothing'],
    [null, 'an empty value'],
    ['five', '"five"'],
    ['', '""'],
    [0, '0'],
    [2.5, '2.5'],
    [true, 'true'],
    [['a', 'b'], 'a list ["a","b"]'],
    [{ a: 1 }, 'a mapping {"a":1}'],
    ['y'.repeat(100), `"${'y'.repeat(38)}…`],
    [Array.from({ length: 30 }, (_, i) => i), 'a list [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,…'],
  ])('%j → %s', (value, expected) => {
    expect(describeFound(value)).toBe(expected);
  });
});

describe('formatConfigPath', () => {
  it.each([
    [[], ''],
    [['budgets', 'maxIterations'], 'budgets.maxIterations'],
    [['risk', 'rules', 0, 'tier'], 'risk.rules[0].tier'],
    [['review', 'low-medium', 'approvals'], 'review.low-medium.approvals'],
    [['model', 'prices', 'claude.x', 'input'], 'model.prices["claude.x"].input'],
    [['$schema'], '$schema'],
    [['a b'], '["a b"]'],
  ])('%j → %s', (path, expected) => {
    expect(formatConfigPath(path)).toBe(expected);
  });
});
