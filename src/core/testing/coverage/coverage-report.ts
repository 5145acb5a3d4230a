/** Line coverage per file, whatever tool measured it. Paths are workspace-relative. */

export interface LineCoverage {
  linesTotal: number;
  linesCovered: number;
  /** 0–100, two decimals; 100 for a file without instrumented lines. */
  percent: number;
}

export interface FileCoverage extends LineCoverage {
  file: string;
}

export interface CoverageReport {
  format: 'lcov' | 'istanbul-summary' | 'cobertura';
  files: FileCoverage[];
  total: LineCoverage;
}

/** Percentage with two decimals. */
export function percentOf(covered: number, total: number): number {
  return total === 0 ? 100 : Math.round((covered / total) * 10_000) / 100;
}

/** Build a report from per-file counts, sorted by path, with the total summed. */
export function coverageReport(format: CoverageReport['format'], counts: ReadonlyMap<string, { total: number; covered: number }>): CoverageReport {
  const files = [...counts.entries()]
    .map(([file, c]): FileCoverage => ({ file, linesTotal: c.total, linesCovered: c.covered, percent: percentOf(c.covered, c.total) }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const linesTotal = files.reduce((sum, f) => sum + f.linesTotal, 0);
  const linesCovered = files.reduce((sum, f) => sum + f.linesCovered, 0);
  return { format, files, total: { linesTotal, linesCovered, percent: percentOf(linesCovered, linesTotal) } };
}
