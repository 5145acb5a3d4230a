import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCents } from '../src/money.js';

test('formats whole and fractional amounts', () => {
  assert.equal(formatCents(1234), '12.34 EUR');
  assert.equal(formatCents(5), '0.05 EUR');
});

test('keeps the sign of negative amounts', () => {
  assert.equal(formatCents(-250, 'USD'), '-2.50 USD');
});

test('rejects fractional cents', () => {
  assert.throws(() => formatCents(1.5), TypeError);
});
