import { relativizePath } from '../relativize.ts';
import { coverageReport, type CoverageReport } from './coverage-report.ts';

interface Metric { total?: unknown; covered?: unknown }

/** Parse istanbul's `coverage-summary.json` (the json-summary reporter of jest, vitest, nyc, c8). */
export function parseIstanbulSummary(text: string, roots: readonly string[]): CoverageReport {
  const data = JSON.parse(text) as Record<string, { lines?: Metric } | undefined>;
  if (data === null || typeof data !== 'object' || data['total']?.lines === undefined) {
    throw new Error('not an istanbul coverage-summary.json: "total.lines" is missing');
  }
  const counts = new Map<string, { total: number; covered: number }>();
  for (const [path, entry] of Object.entries(data)) {
    if (path === 'total') continue;
    const total = Number(entry?.lines?.total);
    const covered = Number(entry?.lines?.covered);
    if (!Number.isFinite(total) || !Number.isFinite(covered)) throw new Error(`coverage-summary.json: no line counts for ${path}`);
    counts.set(relativizePath(path, roots), { total, covered });
  }
  return coverageReport('istanbul-summary', counts);
}
