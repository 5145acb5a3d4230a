import type { TestCaseResult, TestStatus } from '../../ports/test-runner.ts';
import type { ParsedTests } from './build-test-report.ts';
import { cleanFailureText } from './clean-failure-text.ts';
import { stripAnsi } from './strip-ansi.ts';

const RUNNING = /^\s*Running (?:unittests )?(\S+)(?: \(.*\))?$/;
const DOC_TESTS = /^\s*Doc-tests (\S+)/;
const TEST_LINE = /^test (.+?)(?: - should panic)? \.\.\. (ok|FAILED|ignored)(?:,.*)?$/;
const SECTION = /^---- (.+?) stdout ----$/;

function panicMessage(lines: readonly string[]): string {
  const kept: string[] = [];
  for (const line of lines) {
    if (/^stack backtrace:|^note: (run with `RUST_BACKTRACE|Some details are omitted)/.test(line)) break;
    kept.push(line.replace(/^thread '.*?'(?: \(\d+\))? panicked at /, 'panicked at '));
  }
  return kept.join('\n').trim();
}

/**
 * Parse cargo's libtest text output (stable Rust has no JSON test output). The test
 * binary's source (`Running unittests src/lib.rs`, `Running tests/api.rs`) is the
 * file of its tests; cargo prints those lines on stderr, so the command merges the
 * streams (`2>&1`) to keep the order.
 */
export function parseCargoOutput(text: string, roots: readonly string[]): ParsedTests {
  const lines = stripAnsi(text).split('\n');
  const tests: TestCaseResult[] = [];
  const byKey = new Map<string, TestCaseResult>();
  let file: string | null = null;
  let section: { key: string; lines: string[] } | null = null;
  let sawRunner = false;
  const closeSection = () => {
    if (section === null) return;
    const test = byKey.get(section.key);
    if (test !== undefined) {
      const message = cleanFailureText(panicMessage(section.lines), roots);
      test.message = message === '' ? 'failed' : message;
      const position = /panicked at ([^\s:]+):(\d+)/.exec(message);
      if (position !== null) test.line = Number(position[2]);
    }
    section = null;
  };
  for (const line of lines) {
    const running = RUNNING.exec(line);
    const doc = DOC_TESTS.exec(line);
    if (running !== null || doc !== null) {
      closeSection();
      file = running === null ? null : (running[1] as string);
      sawRunner = true;
      continue;
    }
    const testLine = TEST_LINE.exec(line);
    if (testLine !== null && section === null) {
      sawRunner = true;
      const name = testLine[1] as string;
      const status: TestStatus = testLine[2] === 'ok' ? 'passed' : testLine[2] === 'FAILED' ? 'failed' : 'skipped';
      // Doc-tests name their file: "src/lib.rs - add (line 3)".
      const testFile = file ?? /^(\S+\.rs) - /.exec(name)?.[1] ?? null;
      const test: TestCaseResult = { id: `${testFile ?? ''}::${name}`, name, file: testFile, status };
      tests.push(test);
      byKey.set(`${testFile ?? ''}\u0000${name}`, test);
      continue;
    }
    const header = SECTION.exec(line);
    if (header !== null) {
      closeSection();
      const name = header[1] as string;
      const testFile = file ?? /^(\S+\.rs) - /.exec(name)?.[1] ?? null;
      section = { key: `${testFile ?? ''}\u0000${name}`, lines: [] };
      continue;
    }
    if (section !== null) {
      if (/^(failures:|test result: )/.test(line)) closeSection();
      else section.lines.push(line);
    }
  }
  closeSection();
  // No test binary ran (a build error): the caller reports the run as crashed.
  if (!sawRunner) throw new Error('no cargo test output found');
  // libtest prints tests as they finish (in parallel): sort within each binary for stable reports.
  const binaries = [...new Set(tests.map((t) => t.file ?? ''))];
  const sorted = binaries.flatMap((bin) =>
    tests.filter((t) => (t.file ?? '') === bin).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  );
  return { tests: sorted };
}
