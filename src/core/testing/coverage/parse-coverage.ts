import type { CoverageReport } from './coverage-report.ts';
import { parseCobertura } from './parse-cobertura.ts';
import { parseIstanbulSummary } from './parse-istanbul-summary.ts';
import { parseLcov } from './parse-lcov.ts';

/** Parse a coverage report of any supported format, recognised by its content. */
export function parseCoverage(text: string, roots: readonly string[]): CoverageReport {
  const start = text.trimStart();
  if (start.startsWith('{')) return parseIstanbulSummary(text, roots);
  if (start.startsWith('<')) return parseCobertura(text, roots);
  if (/^(TN|SF):/m.test(text)) return parseLcov(text, roots);
  throw new Error('unknown coverage format: expected lcov, istanbul coverage-summary.json or cobertura XML');
}
