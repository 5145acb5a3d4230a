import { relativizePath } from '../relativize.ts';
import { coverageReport, type CoverageReport } from './coverage-report.ts';

/**
 * Parse an lcov tracefile (`lcov.info`). Lines come from `DA:` records (a file that
 * appears in several records is merged line by line); `LF:`/`LH:` are used only for
 * records without `DA:` lines.
 */
export function parseLcov(text: string, roots: readonly string[]): CoverageReport {
  const lines = new Map<string, Map<number, number>>();
  const summaries = new Map<string, { total: number; covered: number }>();
  let file: string | null = null;
  let lf = 0;
  let lh = 0;
  let records = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('SF:')) {
      file = relativizePath(line.slice(3), roots);
      lf = 0;
      lh = 0;
      if (!lines.has(file)) lines.set(file, new Map());
    } else if (file !== null && line.startsWith('DA:')) {
      const [num, hits] = line.slice(3).split(',');
      const n = Number(num);
      const h = Number(hits);
      if (!Number.isFinite(n) || !Number.isFinite(h)) throw new Error(`malformed lcov line: ${line}`);
      const perFile = lines.get(file) as Map<number, number>;
      perFile.set(n, Math.max(perFile.get(n) ?? 0, h));
    } else if (file !== null && line.startsWith('LF:')) {
      lf = Number(line.slice(3));
    } else if (file !== null && line.startsWith('LH:')) {
      lh = Number(line.slice(3));
    } else if (line === 'end_of_record' && file !== null) {
      if ((lines.get(file)?.size ?? 0) === 0) summaries.set(file, { total: lf, covered: lh });
      records += 1;
      file = null;
    }
  }
  if (records === 0) throw new Error('not an lcov report: no end_of_record');
  const counts = new Map<string, { total: number; covered: number }>();
  for (const [path, perFile] of lines) {
    if (perFile.size === 0) {
      counts.set(path, summaries.get(path) ?? { total: 0, covered: 0 });
    } else {
      counts.set(path, { total: perFile.size, covered: [...perFile.values()].filter((h) => h > 0).length });
    }
  }
  return coverageReport('lcov', counts);
}
