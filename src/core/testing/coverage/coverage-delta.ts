import { percentOf, type CoverageReport } from './coverage-report.ts';

export interface FileCoverageDelta {
  file: string;
  /** Line coverage in percent, null when the file was not measured in that report. */
  before: number | null;
  after: number | null;
  /** Percentage points gained (negative = lost); null unless measured in both. */
  delta: number | null;
}

export interface CoverageDelta {
  files: FileCoverageDelta[];
  total: { before: number; after: number; delta: number };
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Per-file and total line-coverage change between two reports. `files` limits the
 * comparison (e.g. to the files a generated test targets); totals are then summed
 * over those files only.
 */
export function coverageDelta(before: CoverageReport, after: CoverageReport, files?: readonly string[]): CoverageDelta {
  const b = new Map(before.files.map((f) => [f.file, f]));
  const a = new Map(after.files.map((f) => [f.file, f]));
  const paths = files ?? [...new Set([...b.keys(), ...a.keys()])].sort();
  const sum = (map: typeof b) => {
    let total = 0;
    let covered = 0;
    for (const path of paths) {
      const f = map.get(path);
      if (f !== undefined) {
        total += f.linesTotal;
        covered += f.linesCovered;
      }
    }
    return percentOf(covered, total);
  };
  const deltas = paths.map((file): FileCoverageDelta => {
    const x = b.get(file)?.percent ?? null;
    const y = a.get(file)?.percent ?? null;
    return { file, before: x, after: y, delta: x === null || y === null ? null : round(y - x) };
  });
  const totalBefore = files === undefined ? before.total.percent : sum(b);
  const totalAfter = files === undefined ? after.total.percent : sum(a);
  return { files: deltas, total: { before: totalBefore, after: totalAfter, delta: round(totalAfter - totalBefore) } };
}
