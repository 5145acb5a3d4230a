/** A small TypeScript project used by the ranking, budget and assembly tests. */
export const FIXTURE_REPO: Record<string, string> = {
  'package.json': JSON.stringify(
    { name: 'shop', scripts: { test: 'vitest run' }, devDependencies: { vitest: '^3.0.0' } },
    null,
    2,
  ),
  'tsconfig.json': '{ "compilerOptions": { "strict": true } }\n',
  'README.md': '# Shop\n\nA shop with a ledger and shipping.\n',
  'src/billing/ledger.ts': [
    "import type { LedgerEntry } from './types.ts';",
    "import { roundCents } from '../util/money.ts';",
    '',
    '/** Closes the ledger and returns the balance. */',
    'export function closeLedger(entries: LedgerEntry[]): number {',
    '  let balance = 0;',
    '  for (const entry of entries) balance += entry.amount;',
    '  return roundCents(balance);',
    '}',
    '',
  ].join('\n'),
  'src/billing/types.ts': 'export interface LedgerEntry {\n  amount: number;\n  memo: string;\n}\n',
  'src/billing/report.ts':
    "import { closeLedger } from './ledger.ts';\n\nexport function monthlyReport(): string {\n  return String(closeLedger([]));\n}\n",
  'src/util/money.ts':
    'export function roundCents(value: number): number {\n  return Math.round(value * 100) / 100;\n}\n',
  'test/billing/ledger.test.ts': [
    "import { describe, expect, it } from 'vitest';",
    "import { closeLedger } from '../../src/billing/ledger.ts';",
    '',
    "describe('closeLedger', () => {",
    "  it('sums amounts', () => {",
    "    expect(closeLedger([{ amount: 1, memo: 'a' }])).toBe(1);",
    '  });',
    '});',
    '',
  ].join('\n'),
  'src/shipping/tracker.ts':
    'export function trackShipment(carrier: string, code: string): string {\n  return `${carrier}:${code}`;\n}\n',
  'src/shipping/labels.ts': 'export const LABEL_SIZE = 4;\n',
  'docs/shipping.md': '# Shipping\n\nEach shipment has a carrier and a tracking code.\n',
};
