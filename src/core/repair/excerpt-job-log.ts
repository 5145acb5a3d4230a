/**
 * The relevant part of a failed CI job's log, for the model and for people: the failing
 * step, its error lines and the end of its output, bounded (docs/architecture.md "CI
 * repair"). GitHub's job log prefixes every line with a timestamp and marks each step
 * with `##[group]Run …`; the step that failed is the one GitHub names, else the last one
 * with an `##[error]` line. The result is still untrusted text: the caller redacts it and
 * the task builder sanitizes it before the model sees it.
 */
import { stripAnsi } from '../testing/strip-ansi.ts';

export interface ExcerptLimits {
  /** Error lines kept, first ones first. */
  maxErrorLines: number;
  /** Characters of one line. */
  maxLineChars: number;
  /** Lines of the step's output kept from its end. */
  maxTailLines: number;
  /** Characters of the kept tail. */
  maxTailChars: number;
}

export const DEFAULT_EXCERPT_LIMITS: ExcerptLimits = {
  maxErrorLines: 20,
  maxLineChars: 300,
  maxTailLines: 60,
  maxTailChars: 4_000,
};

export interface JobLogExcerpt {
  /** The failing step's title in the log (`Run npm test`), or null when no step marker was found. */
  step: string | null;
  /** Lines that look like errors, in order, each once. */
  errorLines: string[];
  /** The end of the failing step's output. */
  tail: string[];
  /** Lines of the step's output left out before the tail. */
  omittedLines: number;
}

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/;
const STEP_START = /^##\[group\]Run (.*)$/;
const ERROR_LINE =
  /##\[error\]|\b(?:error|errors|fail|failed|failing|failure|exception|panic|traceback)\b|assertionerror|\bnot ok\b|^\s*E\s{2,}|[✖✗×✕]/i;
const NOISE = /^##\[(?:group|endgroup|debug)\]/;
/** The runner's own work after the steps: not part of any step's output. */
const POST_JOB = /^(?:Post job cleanup\.|Cleaning up orphan processes)/;

interface Section {
  title: string | null;
  /** The step's command block (`##[group]Run …` to `##[endgroup]`) is not output. */
  output: string[];
}

function sections(log: string): Section[] {
  const out: Section[] = [{ title: null, output: [] }];
  let inHeader = false;
  for (const raw of stripAnsi(log).split('\n')) {
    const line = raw.replace(TIMESTAMP, '').trimEnd();
    const start = STEP_START.exec(line);
    if (start !== null) {
      out.push({ title: `Run ${start[1] ?? ''}`.trim(), output: [] });
      inHeader = true;
      continue;
    }
    if (inHeader) {
      if (line.startsWith('##[endgroup]')) inHeader = false;
      continue;
    }
    if (POST_JOB.test(line)) {
      out.push({ title: null, output: [] });
      continue;
    }
    (out.at(-1) as Section).output.push(line);
  }
  return out;
}

const cut = (line: string, max: number) => (line.length <= max ? line : `${line.slice(0, max - 1)}…`);
const readable = (line: string) => line.replace(/^##\[(error|warning)\]/, '$1: ');

/**
 * @param failedSteps the names GitHub gives the job's failed steps (`Run npm test`, or a step's `name:`).
 * @example
 * excerptJobLog('2024-05-01T10:00:00.0Z ##[group]Run npm test\n…\n2024-05-01T10:00:09.0Z ##[error]Process completed with exit code 1.', ['Run npm test'])
 * // { step: 'Run npm test', errorLines: ['error: Process completed with exit code 1.'], tail: [...], omittedLines: 0 }
 */
export function excerptJobLog(
  log: string,
  failedSteps: readonly string[],
  limits: ExcerptLimits = DEFAULT_EXCERPT_LIMITS,
): JobLogExcerpt {
  const all = sections(log);
  const named = all.find((s) => s.title !== null && failedSteps.includes(s.title));
  const withError = all.filter((s) => s.output.some((l) => l.startsWith('##[error]'))).at(-1);
  const section = named ?? withError ?? all.at(-1) ?? { title: null, output: [] };
  const output = section.output.filter((l) => l.trim() !== '' && !NOISE.test(l));

  const errorLines: string[] = [];
  for (const line of output) {
    if (errorLines.length >= limits.maxErrorLines) break;
    if (!ERROR_LINE.test(line)) continue;
    const kept = cut(readable(line.trim()), limits.maxLineChars);
    if (!errorLines.includes(kept)) errorLines.push(kept);
  }

  const tail: string[] = [];
  let chars = 0;
  for (let i = output.length - 1; i >= 0 && tail.length < limits.maxTailLines; i--) {
    const line = cut(readable(output[i] as string), limits.maxLineChars);
    if (chars + line.length + 1 > limits.maxTailChars) break;
    tail.unshift(line);
    chars += line.length + 1;
  }
  return { step: section.title, errorLines, tail, omittedLines: output.length - tail.length };
}
