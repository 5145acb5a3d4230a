/**
 * `greenlight doctor`'s output: one line per finding with ✓ ✗ ! –, the fix under each
 * ✗ and !, and a last line that says whether a run could start. The markdown form goes
 * into the Action's job summary and, when a check fails, its progress comment.
 */
import type { CheckLine, CheckStatus, DoctorReport } from './doctor-check.ts';

const SYMBOL: Record<CheckStatus, string> = { ok: '✓', fail: '✗', warn: '!', skip: '–' };

function lines(report: DoctorReport): CheckLine[] {
  return report.results.flatMap((r) => r.lines);
}

function verdict(report: DoctorReport): string {
  const failed = lines(report).filter((l) => l.status === 'fail').length;
  if (failed === 0) return 'A run can start here: every check passed.';
  return `A run would stop here: ${failed === 1 ? '1 check failed' : `${failed} checks failed`} (✗). Fix ${failed === 1 ? 'it' : 'them'} and run greenlight doctor again.`;
}

/**
 * @example
 * renderDoctorText(report)
 * // '✓ node            Node 24.21.0 (greenlight needs ≥ 22.20)\n✗ model key       ANTHROPIC_API_KEY is not set\n                  → export …'
 */
export function renderDoctorText(report: DoctorReport): string {
  const all = lines(report);
  const width = Math.max(...all.map((l) => l.label.length), 8) + 2;
  const out: string[] = [];
  for (const line of all) {
    out.push(`${SYMBOL[line.status]} ${line.label.padEnd(width)}${line.detail}`);
    const pad = ' '.repeat(width + 2);
    for (const fix of line.fix ?? []) {
      if (fix === '') continue;
      // A yaml block (from the preflight's fixes): its lines as they go into the file.
      if (fix.startsWith('```')) for (const yaml of fix.split('\n').slice(1, -1)) out.push(`${pad}    ${yaml}`);
      else out.push(`${pad}→ ${fix.replace(/\n/g, `\n${pad}  `)}`);
    }
  }
  out.push('', verdict(report));
  return out.join('\n');
}

/** The same as a markdown list, for the job summary and the progress comment. */
export function renderDoctorMarkdown(report: DoctorReport): string {
  const out = ['### Checks before the run', ''];
  for (const line of lines(report)) {
    out.push(`- ${SYMBOL[line.status]} **${line.label}**: ${line.detail}`);
    for (const fix of line.fix ?? []) {
      if (fix === '') continue;
      out.push(fix.startsWith('```') ? `\n    ${fix.replace(/\n/g, '\n    ')}\n` : `  - ${fix.replace(/\n/g, ' ')}`);
    }
  }
  out.push('', verdict(report).replace(' and run greenlight doctor again', ''));
  return out.join('\n');
}

/** `greenlight doctor --json`. */
export function doctorJson(report: DoctorReport): unknown {
  return {
    ok: report.ok,
    checks: report.results.flatMap((r) =>
      r.lines.map((l) => ({ id: r.id, label: l.label, status: l.status, detail: l.detail, fix: l.fix ?? [] })),
    ),
  };
}
