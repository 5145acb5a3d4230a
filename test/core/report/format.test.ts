import { describe, expect, it } from 'vitest';
import { cell, formatDuration, formatUsd, inlineCode } from '../../../src/core/report/format.ts';

describe('report formatting', () => {
  it.each([
    [0, '0 ms'],
    [850, '850 ms'],
    [12_340, '12.3 s'],
    [192_000, '3 min 12 s'],
    [120_000, '2 min'],
  ])('formats %i ms', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([
    [0.1234, '$0.1234'],
    [12.5, '$12.50'],
    [Number.NaN, 'unpriced'],
  ])('formats $%d', (usd, text) => {
    expect(formatUsd(usd)).toBe(text);
  });

  it.each([
    ['plain', '`plain`'],
    ['a `tick`', '`` a `tick` ``'],
    ['`edge', '`` `edge ``'],
    ['two\nlines', '`two lines`'],
  ])('quotes %j as inline code', (text, code) => {
    expect(inlineCode(text)).toBe(code);
  });

  it('escapes table pipes', () => {
    expect(cell('a|b')).toBe('a\\|b');
  });
});
