/**
 * Finds a change that makes tests pass by removing them: a deleted test file, a removed
 * test case, an added skip or focus marker, fewer assertions in an existing test file
 * (from the diff), a change to the test harness — runner configuration, setup files,
 * reporters (test-harness-files.ts) — that the task does not ask for, and a baseline test
 * that vanished or became skipped in the full run (from the reports). A rename is not a
 * deletion. The engine never accepts a state with a finding.
 */
import type { TestReport } from '../../ports/test-runner.ts';
import type { FileChange } from '../../ports/workspace.ts';
import { harnessRole, taskNamesFile } from './test-harness-files.ts';
import { isTestFileName, isTestPath } from './test-paths.ts';

export type TamperKind =
  | 'test-file-deleted'
  | 'test-removed'
  | 'test-skipped'
  | 'focus-added'
  | 'assertions-removed'
  | 'test-vanished'
  | 'test-now-skipped'
  | 'harness-changed';

export interface TamperFinding {
  kind: TamperKind;
  path: string;
  /** Human sentence for the report and for the model's next turn. */
  detail: string;
}

/** Named test declarations: JS/TS, Python, Go, Ruby. */
const NAMED_DECLARATIONS: readonly RegExp[] = [
  /^\s*(?:it|test|describe|context|specify|suite|fit|xit|xtest|xdescribe)(?:\.(?:skip|only|todo|concurrent|sequential|fails))?\s*\(\s*(['"`])(.+?)\1/,
  /^\s*(?:async\s+)?def\s+(test\w*)\s*\(/,
  /^\s*class\s+(Test\w*)\b/,
  /^\s*func\s+(Test\w*)\s*\(/,
  /^\s*(?:it|test|specify|scenario)\s+(['"])(.+?)\1/,
];

/** Unnamed declaration markers, compared by count: Rust, Java/Kotlin, C#. */
const DECLARATION_MARKERS = /^\s*(?:#\[(?:tokio::)?test\]|@(?:Test|ParameterizedTest)\b|\[(?:Fact|Theory|Test)\])/;

const SKIP_MARKERS: readonly RegExp[] = [
  /\b(?:it|test|describe|context|suite|specify)\.(?:skip|skipIf)\b/,
  /\b(?:xit|xtest|xdescribe|xcontext|xspecify)\s*\(/,
  /\bthis\.skip\s*\(/,
  /@pytest\.mark\.(?:skip|skipif|xfail)\b/,
  /@unittest\.(?:skip|skipIf|skipUnless|expectedFailure)\b/,
  /\bpytest\.(?:skip|xfail)\s*\(/,
  /\bself\.skipTest\s*\(/,
  /\bt\.Skip(?:f|Now)?\s*\(/,
  /#\[ignore\b/,
  /@(?:Disabled|Ignore)\b/,
  /^\s*(?:skip|pending)(?:\s+['"]|\s*\(|\s*$)/, // RSpec / minitest
];

const FOCUS_MARKERS: readonly RegExp[] = [
  /\b(?:it|test|describe|context|suite)\.only\b/,
  /\b(?:fit|fdescribe|fcontext)\s*\(/,
];

const ASSERTIONS =
  /\bexpect\s*\(|\bassert\w*\b|\bt\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)\b|\brequire\.\w+\s*\(|\.should\b|\bassert_eq!|\bassert!/g;

export interface DiffTamperingOptions {
  /** The task's text: a harness file it names may change (see taskNamesFile). */
  taskText?: string;
}

/** Findings from the diff alone (cheap: no test run needed). */
export function detectDiffTampering(
  changes: readonly FileChange[],
  options: DiffTamperingOptions = {},
): TamperFinding[] {
  const findings: TamperFinding[] = harnessFindings(changes, options.taskText ?? '');
  // A test moved to another file is not removed: match removed names against every
  // name added anywhere in the change.
  const addedNames = changes.filter((c) => isTestPath(c.path)).flatMap((c) => declaredNames(c.addedLines));
  const pool = new Map<string, number>();
  for (const name of addedNames) pool.set(name, (pool.get(name) ?? 0) + 1);
  for (const change of changes) {
    const wasTest = isTestPath(change.previousPath ?? change.path);
    const isTest = isTestPath(change.path);
    const path = change.path;
    if (!wasTest && !isTest) {
      // Rust keeps unit tests inline in source files, marked `#[test]` inside `#[cfg(test)]`.
      if (/\.rs$/.test(path)) findings.push(...inlineRustTampering(change));
      continue;
    }
    if (change.status === 'deleted') {
      if (
        isTestFileName(path) ||
        declaredNames(change.removedLines).length > 0 ||
        countMarkers(change.removedLines) > 0
      ) {
        findings.push({ kind: 'test-file-deleted', path, detail: `test file \`${path}\` was deleted` });
      }
      continue;
    }
    const existing = change.status !== 'added';
    if (existing) {
      for (const name of takeMissing(declaredNames(change.removedLines), pool)) {
        findings.push({ kind: 'test-removed', path, detail: `test \`${name}\` was removed from \`${path}\`` });
      }
      const lostMarkers = countMarkers(change.removedLines) - countMarkers(change.addedLines);
      if (lostMarkers > 0) {
        findings.push({
          kind: 'test-removed',
          path,
          detail: `${lostMarkers} test function(s) were removed from \`${path}\``,
        });
      }
      const lostAssertions =
        countMatches(change.removedLines, ASSERTIONS) - countMatches(change.addedLines, ASSERTIONS);
      if (lostAssertions > 0) {
        findings.push({
          kind: 'assertions-removed',
          path,
          detail: `${lostAssertions} assertion(s) were removed from existing tests in \`${path}\``,
        });
      }
    }
    // A skipped or focused test proves nothing and hides others, even in a new file.
    if (countLines(change.addedLines, SKIP_MARKERS) > countLines(change.removedLines, SKIP_MARKERS)) {
      findings.push({ kind: 'test-skipped', path, detail: `a skip marker was added in \`${path}\`` });
    }
    if (countLines(change.addedLines, FOCUS_MARKERS) > countLines(change.removedLines, FOCUS_MARKERS)) {
      findings.push({
        kind: 'focus-added',
        path,
        detail: `a focus marker (\`.only\`) was added in \`${path}\`, which stops other tests from running`,
      });
    }
  }
  return findings;
}

/**
 * Findings from a full-suite report against the baseline: a baseline test that no
 * longer runs, or that is now skipped. Renamed files keep their tests' identity
 * (matched by file and name). Only for structured, non-crashed full runs.
 */
export function detectReportTampering(
  baseline: TestReport,
  current: TestReport,
  changes: readonly FileChange[],
): TamperFinding[] {
  if (!baseline.structured || !current.structured || current.crashed || baseline.crashed) return [];
  const renamed = new Map(
    changes.filter((c) => c.previousPath !== undefined).map((c) => [c.previousPath as string, c.path]),
  );
  const now = new Map(current.tests.map((t) => [`${t.file ?? ''}::${t.name}`, t]));
  const changedPaths = new Set(changes.map((c) => c.path));
  const findings: TamperFinding[] = [];
  for (const test of baseline.tests) {
    if (test.status === 'skipped') continue;
    const file = test.file === null ? '' : (renamed.get(test.file) ?? test.file);
    const match =
      now.get(`${file}::${test.name}`) ??
      current.tests.find((t) => t.id === test.id) ??
      current.tests.find((t) => t.name === test.name && t.file !== null && changedPaths.has(t.file));
    const path = file === '' ? test.id : file;
    if (match === undefined) {
      findings.push({ kind: 'test-vanished', path, detail: `baseline test \`${test.id}\` no longer runs` });
    } else if (match.status === 'skipped') {
      findings.push({ kind: 'test-now-skipped', path, detail: `baseline test \`${test.id}\` is now skipped` });
    }
  }
  return findings;
}

/** Changes to how tests run or report, unless the task names the file. */
function harnessFindings(changes: readonly FileChange[], taskText: string): TamperFinding[] {
  const findings: TamperFinding[] = [];
  for (const change of changes) {
    for (const path of new Set([change.path, change.previousPath ?? change.path])) {
      const role = harnessRole({ ...change, path });
      if (role === null || taskNamesFile(taskText, path)) continue;
      findings.push({
        kind: 'harness-changed',
        path,
        detail: `\`${path}\` (${role}) was ${change.status === 'added' ? 'added' : change.status === 'deleted' ? 'deleted' : 'changed'}, and the task does not ask for it: it decides how the tests run and what they report`,
      });
    }
  }
  return findings;
}

function inlineRustTampering(change: FileChange): TamperFinding[] {
  const path = change.path;
  const findings: TamperFinding[] = [];
  const lost = countMarkers(change.removedLines) - countMarkers(change.addedLines);
  if (lost > 0)
    findings.push({ kind: 'test-removed', path, detail: `${lost} test function(s) were removed from \`${path}\`` });
  const ignore = /#\[ignore\b/;
  if (
    change.addedLines.filter((l) => ignore.test(l)).length > change.removedLines.filter((l) => ignore.test(l)).length
  ) {
    findings.push({ kind: 'test-skipped', path, detail: `a skip marker was added in \`${path}\`` });
  }
  return findings;
}

function declaredNames(lines: readonly string[]): string[] {
  const names: string[] = [];
  for (const line of lines) {
    for (const re of NAMED_DECLARATIONS) {
      const m = re.exec(line);
      if (m !== null) {
        names.push(m[2] ?? m[1] ?? '');
        break;
      }
    }
  }
  return names;
}

/** Items of `removed` not matched one-for-one by a name left in `pool` (consumed). */
function takeMissing(removed: readonly string[], pool: Map<string, number>): string[] {
  const lost: string[] = [];
  for (const name of removed) {
    const left = pool.get(name) ?? 0;
    if (left > 0) pool.set(name, left - 1);
    else lost.push(name);
  }
  return lost;
}

function countMarkers(lines: readonly string[]): number {
  return lines.filter((l) => DECLARATION_MARKERS.test(l)).length;
}

function countLines(lines: readonly string[], patterns: readonly RegExp[]): number {
  return lines.filter((l) => patterns.some((re) => re.test(l))).length;
}

function countMatches(lines: readonly string[], pattern: RegExp): number {
  let n = 0;
  for (const line of lines) n += line.match(pattern)?.length ?? 0;
  return n;
}
