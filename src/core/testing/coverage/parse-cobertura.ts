import { findAll, parseXml } from '../parse-xml.ts';
import { relativizePath } from '../relativize.ts';
import { coverageReport, type CoverageReport } from './coverage-report.ts';

/**
 * Parse a cobertura XML report (coverage.py `coverage xml`, jest/istanbul `cobertura`,
 * many JVM and .NET tools). Class filenames are relative to the first `<source>`.
 */
export function parseCobertura(text: string, roots: readonly string[]): CoverageReport {
  const root = parseXml(text);
  if (root.name !== 'coverage') throw new Error(`not a cobertura report: root element is <${root.name}>`);
  const source = findAll(root, 'source')[0]?.text.trim();
  const lines = new Map<string, Map<number, number>>();
  for (const cls of findAll(root, 'class')) {
    const name = cls.attrs['filename'];
    if (name === undefined) continue;
    const absolute = name.startsWith('/') || source === undefined || source === '' || source === '.' ? name : `${source.replace(/\/$/, '')}/${name}`;
    const file = relativizePath(absolute, roots);
    const perFile = lines.get(file) ?? new Map<number, number>();
    lines.set(file, perFile);
    // Method-level <line> elements repeat the class-level ones: a map keeps each line once.
    for (const line of findAll(cls, 'line')) {
      const n = Number(line.attrs['number']);
      const hits = Number(line.attrs['hits']);
      if (Number.isFinite(n) && Number.isFinite(hits)) perFile.set(n, Math.max(perFile.get(n) ?? 0, hits));
    }
  }
  const counts = new Map([...lines].map(([file, perFile]) => [file, { total: perFile.size, covered: [...perFile.values()].filter((h) => h > 0).length }]));
  return coverageReport('cobertura', counts);
}
